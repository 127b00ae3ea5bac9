"""Curated records: hand-entered judgements for inspections no release holds yet.

``data/curated/*.csv``, one row per judgement (or one row per ungraded visit), with a citation
for every row. Columns (headings are case-insensitive):

``authority`` (any known spelling, or a GSS code), ``framework`` (optional: ``ilacs``,
``ilacs_2026``, ``sif``, ...; inferred from the dates when blank), ``event`` (``standard``,
``short``, ``focused_visit``, ...), ``start_date``, ``end_date``, ``published``, ``area``
(``overall``, ``leadership``, ``help_and_protection``, ``children_in_care``, ``care_leavers``,
...), ``area_label`` (optional: the report's wording), ``grade``, ``theme`` (visits), and
``citation`` (required: report URL or document and page). A date may be a month ('January
2018') when the cited source gives no day: the record is then marked ``date_precision`` =
``month`` and stands on the first of that month.
"""

from __future__ import annotations

from pathlib import Path

from ..core.authorities import Register
from ..core.dates import DateOrder, parse_month
from ..core.errors import FileError, InputError, Location
from ..core.frameworks import AREAS, EVENTS, FRAMEWORKS, UNGRADED_EVENTS, infer_framework
from ..core.grades import parse_grade
from ..pipeline.records import SourceInspection, SourceJudgement
from ..storage.schema import INSPECTION_DATES
from .workbook import Sheet, collects_errors, column_letter, is_blank, read_collecting

COLUMNS = (
    "authority",
    "framework",
    "event",
    *INSPECTION_DATES,
    "area",
    "area_label",
    "grade",
    "theme",
    "citation",
)
REQUIRED = ("authority", "area", "grade", "citation")


def is_curated_header(row: list[object]) -> bool:
    cells = {str(c).strip().lower() for c in row if isinstance(c, str)}
    return {"authority", "citation"} <= cells


def read_curated(path: str | Path, authorities: Register | None = None) -> list[SourceInspection]:
    """Inspections from one curated CSV.

    >>> [leeds] = read_curated("data/curated/leeds_2025_report.csv")
    >>> leeds.published, [(j.area, j.grade) for j in leeds.judgements][:2]
    (datetime.date(2025, 8, 12), [('overall', 'Outstanding'), ('leadership', 'Outstanding')])
    """
    return read_collecting(read_curated_sheets, path, authorities)


@collects_errors
def read_curated_sheets(
    sheets: list[Sheet], reg: Register, errors: list[Exception]
) -> list[SourceInspection]:
    sheet = sheets[0]
    if not sheet.rows:
        raise FileError(sheet.file, "has no header row")
    # The heading row is the first that names the columns (as the format is recognised by):
    # rows above it are titles or notes.
    top = next((r for r, row in enumerate(sheet.rows) if is_curated_header(row)), 0)
    header = [str(c).strip().lower() for c in sheet.rows[top]]
    missing = [c for c in REQUIRED if c not in header]
    if "published" not in header and "start_date" not in header:
        missing.append("published or start_date")
    if missing:
        raise FileError(
            sheet.file,
            f"required column(s) missing: {', '.join(missing)}; a "
            f"curated file has columns {', '.join(COLUMNS)}",
        )
    col = {c: header.index(c) for c in COLUMNS if c in header}
    if len(sheet.rows) < top + 2:
        raise FileError(sheet.file, "has headings but no rows")
    # The file's dates are judged together: one month-first date makes the others ambiguous
    # (see ofsted_analysis.core.dates).
    order = DateOrder.of(
        (
            sheet.rows[r][col[name]],
            Location(sheet.file, None, r + 1, f"{column_letter(col[name])} ({name})"),
        )
        for r in range(top + 1, len(sheet.rows))
        for name in INSPECTION_DATES
        if name in col and col[name] < len(sheet.rows[r])
    )
    inspections: dict[tuple, SourceInspection] = {}
    for r in range(top + 1, len(sheet.rows)):
        row = sheet.rows[r] + [""] * (len(header) - len(sheet.rows[r]))
        if all(is_blank(c) for c in row):
            continue

        def cell(name, row=row):
            if name not in col or is_blank(row[col[name]]):
                return ""
            return str(row[col[name]]).strip()

        def where(name=None, r=r):
            column = f"{column_letter(col[name])} ({name})" if name in col else None
            return Location(sheet.file, None, r + 1, column)

        try:
            if not cell("citation"):
                raise InputError(
                    "citation",
                    "",
                    "a citation (report URL or document and page) for every curated row",
                    where("citation"),
                )
            dates, precision, bad_dates = {}, "day", []
            for name in INSPECTION_DATES:  # every bad date of the row is reported, not the first
                try:
                    dates[name] = order.parse(cell(name), where(name))
                except InputError as e:
                    if e.what != "date":  # an ambiguous date: no month would be meant
                        bad_dates.append(e)
                    elif (month := parse_month(cell(name))) is None:
                        bad_dates.append(
                            InputError(
                                e.what,
                                e.value,
                                f"{e.expected}, or a month such as "
                                "'January 2018' when the source gives no day",
                                where(name),
                            )
                        )
                    else:
                        dates[name], precision = month, "month"
            if bad_dates:
                errors.extend(bad_dates)
                continue
            if dates["start_date"] is None and dates["published"] is None:
                raise InputError("date", "", "a published or start_date", where("published"))
            try:
                authority = reg.by_gss(cell("authority")) or reg.resolve(
                    cell("authority"), dates["start_date"] or dates["published"]
                )
            except InputError as e:
                raise e.at(where("authority")) from None
            event = cell("event") or None
            if event and event not in EVENTS:
                raise InputError("event", event, "one of " + ", ".join(EVENTS), where("event"))
            framework = cell("framework") or infer_framework(
                dates["start_date"], dates["published"], event
            )
            if framework not in FRAMEWORKS:
                raise InputError(
                    "framework", framework, "one of " + ", ".join(FRAMEWORKS), where("framework")
                )
            key = (authority.la_code, framework, event, dates["start_date"], dates["published"])
            inspection = inspections.get(key)
            if inspection is None:
                inspection = inspections[key] = SourceInspection(
                    la_code=authority.la_code,
                    framework=framework,
                    event=event,
                    start_date=dates["start_date"],
                    end_date=dates["end_date"],
                    published=dates["published"],
                    source_kind="curated",
                    where=where(),
                    theme=cell("theme") or None,
                    la_name_source=cell("authority"),
                    date_precision=precision,
                )
            if event in UNGRADED_EVENTS and not cell("grade"):
                continue
            area = cell("area")
            if area not in AREAS:
                raise InputError("area", area, "one of " + ", ".join(AREAS), where("area"))
            try:
                grade = parse_grade(cell("grade"))
            except InputError as e:
                raise e.at(where("grade")) from None
            if grade is None:
                raise InputError(
                    "grade",
                    cell("grade"),
                    "a grade (a curated row records a judgement)",
                    where("grade"),
                )
            twin = next((j for j in inspection.judgements if j.area == area), None)
            if twin is not None:
                raise InputError(
                    "row",
                    f"{cell('authority')} {area} {cell('grade')}",
                    f"one row per judgement: this inspection's {area} judgement is also in row "
                    f"{twin.where.row} ({twin.grade_label})"
                    + (" (duplicate row)" if twin.grade == grade else ""),
                    where("grade"),
                )
            inspection.judgements.append(
                SourceJudgement(
                    area, cell("area_label") or AREAS[area], grade, cell("grade"), where("grade")
                )
            )
        except InputError as e:
            errors.append(e)
    return list(inspections.values())
