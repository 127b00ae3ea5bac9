"""The Data to Insight (D2I) scrape of Ofsted's ILACS reports.

``ofsted_csc_ilacs_history.csv`` (one row per report) and ``ofsted_csc_ilacs_overview.xlsx``
(latest report per authority) share their column names. Grades are lower case; dates are
``dd/mm/yy`` (publication) and ``dd/mm/yyyy`` (fieldwork); ``data_unreadable``,
``inspection_pre_dates_judgement`` and ``not_reported_post_reform`` mark cells without a
judgement. Reports the scraper could not read (pre-2018) become inspections without
judgements, so they can still be matched to the official record and shown on timelines.
The overview's ``stat_neighbour_judgement`` column repeats other authorities' grades and is not
read as judgements; any other column that holds grades (a judgement a later version adds) is
refused, never dropped unseen.
"""

from __future__ import annotations

from pathlib import Path

from ..core.authorities import Register
from ..core.dates import DateOrder
from ..core.errors import FileError, InputError, Location
from ..core.frameworks import ILACS_2026_START, infer_framework, parse_event_type
from ..core.grades import is_grade_like, parse_grade
from ..pipeline.records import SourceInspection, SourceJudgement
from .workbook import Sheet, collects_errors, column_letter, is_blank, read_collecting

GRADE_COLUMNS = {
    "overall_effectiveness_grade": "overall",
    "impact_of_leaders_grade": "leadership",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "children_in_care",
    "care_leavers_grade": "care_leavers",
}
REQUIRED = (
    "local_authority",
    "publication_date",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    *GRADE_COLUMNS,
)
POST_REFORM = "not_reported_post_reform"
DATE_COLUMNS = ("publication_date", "inspection_start_date", "inspection_end_date")
# A row with none of these filled is no record: a blank row, or a note under the table.
_RECORD_COLUMNS = ("local_authority", *DATE_COLUMNS, *GRADE_COLUMNS)


def is_d2i_header(row: list[object]) -> bool:
    # Recognised by its grade columns, so a file missing another column is still reported as
    # a D2I file with that column missing.
    cells = {str(c).strip().lower() for c in row if isinstance(c, str)}
    return len(cells & set(GRADE_COLUMNS)) >= 2


def read_d2i(path: str | Path, authorities: Register | None = None) -> list[SourceInspection]:
    """Every report row of a D2I history CSV or overview workbook.

    >>> rows = read_d2i("../shared/data/raw/d2i/ofsted_csc_ilacs_history.csv")
    >>> leeds = [i for i in rows if i.la_code == "E08000035"]  # framework None: not named
    >>> sorted((i.published.isoformat(), i.framework) for i in leeds)
    [('2015-03-27', None), ('2018-12-18', 'ilacs'), ('2022-05-09', 'ilacs'),
     ('2025-08-12', 'ilacs')]
    """
    return read_collecting(read_d2i_sheets, path, authorities)


@collects_errors
def read_d2i_sheets(
    sheets: list[Sheet], reg: Register, errors: list[Exception]
) -> list[SourceInspection]:
    out: list[SourceInspection] = []
    for sheet in sheets:
        header_at = next((i for i, r in enumerate(sheet.rows[:20]) if is_d2i_header(r)), None)
        if header_at is None:
            continue
        header = [str(c).strip().lower() if c is not None else "" for c in sheet.rows[header_at]]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            where = f"sheet {sheet.name!r}: " if sheet.name else ""
            raise FileError(
                sheet.file,
                f"{where}required column(s) missing: "
                f"{', '.join(missing)} (a D2I scrape file has {', '.join(REQUIRED)})",
            )
        col = {name: header.index(name) for name in REQUIRED}
        data = range(header_at + 1, len(sheet.rows))
        errors.extend(_unread_grades(sheet, header, data))
        if not any(not all(is_blank(c) for c in sheet.rows[r]) for r in data):
            raise FileError(sheet.file, "has headings but no rows")
        # The sheet's dates are judged together: one month-first date makes the others
        # ambiguous (see ofsted_analysis.core.dates).
        order = DateOrder.of(
            (sheet.rows[r][col[name]], _loc(sheet, r, col, name))
            for r in data
            for name in DATE_COLUMNS
            if col[name] < len(sheet.rows[r])
        )
        for r in data:
            row = sheet.rows[r] + [None] * (len(header) - len(sheet.rows[r]))
            if all(is_blank(row[col[name]]) for name in _RECORD_COLUMNS):
                continue  # a blank row, or a note under the table: no authority, date or grade
            try:
                inspection = _read_row(sheet, r, row, col, reg, errors, order)
            except InputError as e:
                errors.append(e)
                continue
            if inspection is not None:
                out.append(inspection)
    if not out and not errors:
        raise FileError(sheets[0].file if sheets else "?", "holds no D2I scrape table")
    return out


def _unread_grades(sheet: Sheet, header: list[str], data: range) -> list[InputError]:
    """An error for each column this reader does not read that holds grades (a judgement a
    later version of the scrape adds), at its first grade: never dropped unseen."""
    unread = [k for k, name in enumerate(header) if name not in REQUIRED]
    found = []
    for k in unread:
        r = next(
            (r for r in data if k < len(sheet.rows[r]) and is_grade_like(sheet.rows[r][k])), None
        )
        if r is not None:
            found.append(
                InputError(
                    "column",
                    header[k],
                    f"one of the judgement columns read here ({', '.join(GRADE_COLUMNS)}): "
                    "this column holds grades but is not one of them",
                    Location(sheet.file, sheet.name, r + 1, f"{column_letter(k)} ({header[k]})"),
                )
            )
    return found


def _loc(sheet: Sheet, r: int, col: dict[str, int] | None = None, name: str | None = None):
    column = f"{column_letter(col[name])} ({name})" if col and name else None
    return Location(sheet.file, sheet.name, r + 1, column)


def _read_row(sheet, r, row, col, reg, errors, order) -> SourceInspection | None:
    def date_of(name):
        try:
            return order.parse(row[col[name]], _loc(sheet, r, col, name))
        except InputError as e:
            errors.append(e)
            return None

    published = date_of("publication_date")
    start, end = date_of("inspection_start_date"), date_of("inspection_end_date")
    if published is None and start is None:
        raise InputError(
            "date",
            row[col["publication_date"]] or "",
            "a publication date",
            _loc(sheet, r, col, "publication_date"),
        )
    name = str(row[col["local_authority"]] or "").strip()
    try:
        authority = reg.resolve(name, start or published)
    except InputError as e:
        raise e.at(_loc(sheet, r, col, "local_authority")) from None
    framework_cell = str(row[col["inspection_framework"]] or "").strip()
    event = None
    if framework_cell.lower() not in ("", "none", "nan"):  # the scraper writes Python's None
        try:
            _fw, event = parse_event_type(framework_cell)
        except InputError as e:
            errors.append(e.at(_loc(sheet, r, col, "inspection_framework")))
    raw_overall = str(row[col["overall_effectiveness_grade"]] or "").strip().lower()
    judgements = []
    for name_, area in GRADE_COLUMNS.items():
        value = row[col[name_]]
        try:
            grade = parse_grade(value)
        except InputError as e:
            errors.append(e.at(_loc(sheet, r, col, name_)))
            continue
        if grade is not None:
            judgements.append(
                SourceJudgement(area, name_, grade, str(value).strip(), _loc(sheet, r, col, name_))
            )
    if judgements:
        framework = infer_framework(start, published, event)
        if raw_overall == POST_REFORM or (
            start is None
            and published
            and published >= ILACS_2026_START
            and all(j.area != "overall" for j in judgements)
        ):
            framework = "ilacs_2026"
    else:
        # An unreadable report: its framework is whatever the official record says.
        framework = None
    return SourceInspection(
        la_code=authority.la_code,
        framework=framework,
        event=event,
        start_date=start,
        end_date=end,
        published=published,
        source_kind="scrape",
        where=_loc(sheet, r),
        judgements=judgements,
        la_name_source=name,
    )
