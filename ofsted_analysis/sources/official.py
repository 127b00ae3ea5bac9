"""Ofsted's official releases: LA inspection tables found by their headings.

A release is a workbook (ODS, XLSX or the same tables saved as CSV) with one or more tables of
local authority inspections. Tables are found by header content, never by sheet name or
position: a header row has a local-authority-name heading and at least one judgement or date
heading from the vocabulary in :mod:`ofsted_analysis.core.frameworks`. Two shapes are understood:

* wide: one row per authority, column groups per inspection ("First SIF ...", "SLAC
  re-inspection ...", "Second ILACS framework ...", or the group's name in the row above):
  :mod:`.headings` says which inspection each column belongs to;
* long: one row per inspection or visit, with inspection/visit date, publication date,
  inspection type and judgement columns.

Columns of an inspection before the row's own ("Previous inspection date", "Previous overall
effectiveness") are read as that earlier inspection, with its own date (refused without one);
a count beside the judgements ("Number of children looked after") is not a judgement. A table
runs from its heading row to the next one or the sheet's end: blank rows and notes inside it
give no record and end nothing.

A table is one of judgements only when its rows are authorities: most of its rows' names (or
codes) are in the register. Provider-level tables (children's homes, joiners and leavers by
type of provider or sector) are skipped: by their URN / provision type headings, or because
their rows name providers, sectors or types rather than authorities; each skipped table is
listed, with the reason, in ``skipped`` where the caller gives a list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.authorities import Register, register
from ..core.dates import DateOrder
from ..core.errors import FileError, InputError, Location
from ..core.frameworks import (
    ILACS_2026_START,
    UNGRADED_EVENTS,
    Heading,
    classify_heading,
    harmonised_area,
    infer_framework,
    parse_event_type,
)
from ..core.grades import is_grade_like, is_placeholder, parse_grade
from ..pipeline.records import SourceInspection, SourceJudgement
from .covers import with_cover
from .headings import repeated, table_headings
from .workbook import Sheet, collects_errors, column_letter, is_blank, read_collecting

_LA_HEADING = re.compile(r"(?i)local authority|\bla\b|area code|gss|ons code")
# A note marker after a value, as government statistics mark cells ("Northamptonshire
# [note 6]", "Good [note 3]"; older releases "Good*"): the note is on the Notes sheet, the
# value is what the cell says without it.
_NOTE_MARKER = re.compile(r"(?i)\s*\[note \d+\]|\*+$")


def _without_note_marker(cell: object) -> object:
    if isinstance(cell, str) and ("[" in cell or cell.endswith("*")):
        return _NOTE_MARKER.sub("", cell).strip() or cell
    return cell


@dataclass
class Table:
    sheet: Sheet
    header_row: int  # 0-based index of the heading row
    headings: list[Heading]
    rows: range  # 0-based indexes of data rows

    @property
    def wide(self) -> bool:
        return any(h.framework for h in self.headings if h.kind in ("judgement", "field"))


def _is_header(row: list[object]) -> bool:
    # Cheap test first: data rows (thousands on provider sheets) rarely name an LA heading.
    if not any(
        isinstance(c, str) and len(c) < 60 and _LA_HEADING.search(c.replace("_", " ")) for c in row
    ):
        return False
    kinds = [classify_heading(c) for c in row if isinstance(c, str) and c.strip()]
    has_name = any(h.kind == "identity" and h.name in ("la_name", "la_code") for h in kinds)
    has_data = sum(h.kind in ("judgement", "field") for h in kinds) >= 2
    return has_name and has_data


def find_tables(
    sheet: Sheet, authorities: Register | None = None, skipped: list[str] | None = None
) -> list[Table]:
    """The LA inspection tables on a sheet. Provider-level tables are passed over, and those
    whose rows are not authorities are listed in ``skipped`` with the reason."""
    reg = authorities or register()
    tables = []
    rows = sheet.rows
    i = 0
    while i < len(rows):
        if not _is_header(rows[i]):
            i += 1
            continue
        headings = table_headings(rows, i)
        # A table runs to the next heading row or the end of the sheet: a blank row inside it
        # (a release's spacer, or a hand edit) does not end it, and rows after it are read,
        # never dropped. Blank rows and notes (nothing in the judgement or date columns) give
        # no record (see _read_row).
        end = i + 1
        while end < len(rows) and not _is_header(rows[end]):
            end += 1
        while end > i + 1 and _between_tables(rows[end - 1], headings):
            end -= 1
        if not any(h.kind == "provider" for h in headings):
            table = Table(sheet, i, headings, range(i + 1, end))
            problem = _rows_not_authorities(table, reg)
            if problem is None:
                tables.append(table)
            elif skipped is not None:
                skipped.append(
                    f"sheet {sheet.name!r}, table at row {i + 1}: not a table of judgements "
                    f"of local authorities: {problem}"
                )
        i = end
    return tables


def _between_tables(row: list[object], headings: list[Heading]) -> bool:
    """True for a blank row or title after a table's last row: no authority named, no grade
    (a row with grades and no authority stays, to be refused)."""
    named = [k for k, h in enumerate(headings) if h.name in ("la_name", "la_code")]
    return all(k >= len(row) or is_blank(row[k]) for k in named) and not any(
        is_grade_like(c) for c in row
    )


# A cell written as an authority's code: a GSS code or a DfE three-digit number. A row with one
# is an authority's row, whether or not the code is known (an unknown one is a row error).
_CODE_LIKE = re.compile(r"[EWSN]\d{8}|\d{3}(?:\.0)?", re.I)


def _rows_not_authorities(table: Table, reg: Register) -> str | None:
    """Why the table's rows are not authorities (most of its named rows name no authority in
    the register, nor come close to one, nor give a code), or None when they are. A row that
    misspells an authority or gives an unknown code is an authority's row: it is refused on
    its own, naming its place."""
    cols = [
        k
        for k, h in enumerate(table.headings)
        if h.kind == "identity" and h.name in ("la_name", "la_code")
    ]
    named = [
        [str(row[k]).strip() for k in cols if k < len(row) and not is_blank(row[k])]
        for row in (table.sheet.rows[r] for r in table.rows)
    ]
    named = [cells for cells in named if cells]
    strangers = [
        cells[0]
        for cells in named
        if not any(
            reg.by_gss(c) or reg.candidates(c) or _CODE_LIKE.fullmatch(c) or reg.suggest(c, 1)
            for c in cells
        )
    ]
    if not named or len(strangers) * 2 < len(named):
        return None
    shown = ", ".join(repr(s) for s in list(dict.fromkeys(strangers))[:3])
    return (
        f"{len(strangers)} of its {len(named)} rows name no authority in the register nor "
        f"one close to it (e.g. {shown}); expected a row per local authority"
    )


def read_release(path: str | Path, authorities: Register | None = None) -> list[SourceInspection]:
    """Every inspection and visit in an official release file.

    >>> insp = read_release("../shared/data/raw/ofsted/"
    ...                     "LA_Inspection_Outcomes_as_at_31_March_2025.ods")
    >>> leeds = [i for i in insp if i.la_code == "E08000035"]  # Leeds
    >>> [(i.published.isoformat(), i.framework) for i in leeds][-1]
    ('2022-05-09', 'ilacs')

    Raises :class:`FileError` when the file holds no LA inspection table and
    :class:`InputError`s (collected in :class:`InputErrors`) for bad cells.
    """
    return read_collecting(read_release_sheets, path, authorities)


@collects_errors
def read_release_sheets(
    sheets: list[Sheet],
    reg: Register,
    errors: list[Exception],
    notes: list[Location] | None = None,
    skipped: list[str] | None = None,
) -> list[SourceInspection]:
    """The inspections of a release's sheets. Bad cells go to ``errors``; cells holding a
    placeholder ('Not yet inspected', 'N/A', '-'), read as no value, are listed in ``notes``;
    tables passed over because their rows are not authorities, in ``skipped``."""
    notes = [] if notes is None else notes
    out: list[SourceInspection] = []
    found = False
    passed_over: list[str] = []
    for sheet in sheets:
        tables = find_tables(sheet, reg, passed_over)
        # A sheet's dates are judged together: one month-first date makes the others
        # ambiguous (see ofsted_analysis.core.dates).
        order = DateOrder.of(cell for table in tables for cell in _date_cells(table))
        for table in tables:
            found = True
            out.extend(_read_table(table, reg, errors, notes, order))
    if skipped is not None:
        skipped.extend(passed_over)
    if not found:
        raise FileError(
            sheets[0].file if sheets else "?",
            "holds no table of local authority "
            "inspection judgements (looked for a heading row with 'Local authority "
            "name' and judgement or date headings such as 'Overall effectiveness', "
            "'Publication date', and rows that are authorities)"
            + (f"; passed over: {'; '.join(passed_over)}" if passed_over else ""),
        )
    return with_cover(out, sheets)  # the cover's "as at ... published by" statement


def _where(table: Table, row: int, col: int | None = None) -> Location:
    column = None
    if col is not None:
        text = " ".join(str(table.sheet.rows[table.header_row][col] or "").split())
        column = f"{column_letter(col)} ({text})" if text else column_letter(col)
    return Location(table.sheet.file, table.sheet.name, row + 1, column)


def _date_cells(table: Table) -> list[tuple[object, Location]]:
    """The table's date cells with their places, row by row."""
    cols = [
        k
        for k, h in enumerate(table.headings)
        if h.kind == "field" and h.name in ("published", "start_date", "end_date")
    ]
    rows = table.sheet.rows
    return [(rows[r][k], _where(table, r, k)) for r in table.rows for k in cols if k < len(rows[r])]


def _read_table(
    table: Table,
    reg: Register,
    errors: list[Exception],
    notes: list[Location],
    order: DateOrder,
) -> list[SourceInspection]:
    headings = table.headings
    identity = {h.name: k for k, h in enumerate(headings) if h.kind == "identity"}
    if "la_name" not in identity and "la_code" not in identity:
        raise FileError(
            table.sheet.file,
            f"sheet {table.sheet.name!r}: table at row "
            f"{table.header_row + 1} has no local authority column",
        )
    groups: dict[tuple, dict[str, list[int]]] = {}
    for k, h in enumerate(headings):
        if h.kind in ("judgement", "field"):
            bucket = groups.setdefault(h.group, {"judgement": [], "field": []})
            bucket[h.kind].append(k)
    # Every group with judgements needs a date, in its own group or a broader one (SLAC's
    # shared publication date covers its safeguarding and looked-after judgements).
    date_cols = {
        g: [k for k in v["field"] if headings[k].name in ("published", "start_date")]
        for g, v in groups.items()
    }
    for g, v in groups.items():
        if v["judgement"] and not _dates_for(g, date_cols):
            col = v["judgement"][0]
            raise FileError(
                table.sheet.file,
                f"sheet {table.sheet.name!r}, row "
                f"{table.header_row + 1}: required column missing: no publication "
                f"or inspection date column for judgement column "
                f"{column_letter(col)} ({headings[col].text.strip()!r})",
            )
    if twice := repeated(headings):
        first, second = (_where(table, table.header_row, k).column for k in twice)
        raise FileError(
            table.sheet.file,
            f"sheet {table.sheet.name!r}, row {table.header_row + 1}: columns {first} and "
            f"{second} both read as the {headings[twice[0]].name} of one inspection; expected "
            "headings that name their inspection ('First ILACS ...', 'Previous ...'), or its "
            "name in the row above (one per group of columns)",
        )
    unknown = [k for k, h in enumerate(headings) if h.kind == "unknown"]
    if not table.rows:
        raise FileError(
            table.sheet.file,
            f"sheet {table.sheet.name!r}: the table at row "
            f"{table.header_row + 1} has headings but no rows",
        )

    out: list[SourceInspection] = []
    for r in table.rows:
        cells = table.sheet.rows[r]
        row = [_without_note_marker(c) for c in cells] + [None] * (len(headings) - len(cells))
        for k in unknown:
            if is_grade_like(row[k]):
                errors.append(
                    InputError(
                        "column",
                        headings[k].text or column_letter(k),
                        "a judgement heading Ofsted uses (e.g. 'Overall effectiveness', "
                        "'The impact of leaders ...'): this column holds grades but its heading "
                        "is not recognised",
                        _where(table, r, k),
                    )
                )
        try:
            out.extend(
                _read_row(table, r, row, groups, date_cols, identity, reg, errors, notes, order)
            )
        except InputError as e:
            errors.append(e)
    return out


def _dates_for(group: tuple, date_cols: dict[tuple, list[int]]) -> list[int]:
    if date_cols.get(group):
        return date_cols[group]
    fw, ev, ordinal, _sub = group
    return date_cols.get((fw, ev, ordinal, None), [])


def _group_dates(table: Table, group: tuple, date_cols: dict[tuple, list[int]]) -> str:
    """The date columns a group's judgements take their dates from, as a reader names them."""
    cols = _dates_for(group, date_cols)
    return ", ".join(_where(table, table.header_row, k).column or "" for k in cols) or "none"


def _cell(row: list[object], k: int | None) -> object:
    return None if k is None else row[k]


def _read_row(
    table, r, row, groups, date_cols, identity, reg, errors, notes, order
) -> list[SourceInspection]:
    headings = table.headings
    name_col, code_col = identity.get("la_name"), identity.get("la_code")
    la_name = "" if name_col is None or is_blank(row[name_col]) else str(row[name_col]).strip()
    la_code = None if code_col is None or is_blank(row[code_col]) else str(row[code_col]).strip()
    if not la_name and not la_code:
        if any(is_grade_like(c) for c in row):
            raise InputError(
                "authority",
                "",
                "an authority name or code in a row with grades",
                _where(table, r, name_col),
            )
        return []

    found: dict[tuple, SourceInspection] = {}
    for group, cols in groups.items():
        fields: dict[str, str] = {}
        dates: dict[str, date | None] = {}  # kept apart from the text fields, typed
        unread_date = False
        group_dates = _dates_for(group, date_cols)  # its own, or its broader group's
        for k in group_dates + [k for k in cols["field"] if k not in group_dates]:
            name = headings[k].name
            value = row[k]
            if is_blank(value):
                continue
            if is_placeholder(value):  # e.g. 'Not yet inspected' in a date column
                notes.append(_where(table, r, k))
                continue
            if name in ("published", "start_date", "end_date"):
                try:
                    dates[name] = order.parse(value, _where(table, r, k))
                except InputError as e:
                    errors.append(e)
                    unread_date = True
            else:
                fields[name] = str(value).strip()
        cells = [(k, row[k]) for k in cols["judgement"]]
        graded = []
        for k, value in cells:
            try:
                grade = parse_grade(value)
            except InputError as e:
                errors.append(e.at(_where(table, r, k)))
                continue
            if is_placeholder(value):
                notes.append(_where(table, r, k))
            if grade is not None:
                graded.append((k, grade, value))
        has_content = graded or "event_type" in fields or "theme" in fields
        shared_date = not cols["judgement"] and (fields or dates)  # e.g. SLAC's publication date
        if not has_content and not shared_date:
            continue  # an empty column group: this authority had no such inspection
        fw, ev, _ordinal, subgroup = group
        if "event_type" in fields:
            try:
                type_fw, ev = parse_event_type(fields["event_type"])
            except InputError as e:
                type_col = next(k for k in cols["field"] if headings[k].name == "event_type")
                errors.append(e.at(_where(table, r, type_col)))
                continue
            fw = fw or type_fw
        elif fw == "ilacs":
            ev = None  # wide ILACS groups say "First"/"Second", not standard or short
        start, published = dates.get("start_date"), dates.get("published")
        if start is None and published is None:
            if graded and not unread_date:  # a date cell refused is already an error
                errors.append(
                    InputError(
                        "date",
                        "",
                        "a publication or inspection date for an inspection with grades "
                        f"(this grade's column group has none in this row: "
                        f"{_group_dates(table, group, date_cols)})",
                        _where(table, r, graded[0][0]),
                    )
                )
            continue
        if fw is None or fw == "ilacs":
            fw = infer_framework(start, published, ev)
            has_overall = any(headings[k].name == "overall" for k, _g, _v in graded)
            if (
                fw == "ilacs"
                and start is None
                and published
                and published >= ILACS_2026_START
                and not has_overall
            ):
                fw = "ilacs_2026"
        when = start or published
        try:
            auth = _resolve(reg, la_name, la_code, when)
        except InputError as e:
            raise e.at(_where(table, r, name_col if name_col is not None else code_col)) from None
        if ev in UNGRADED_EVENTS and graded:
            errors.append(
                InputError(
                    "grade",
                    graded[0][2],
                    f"no grade for a {ev.replace('_', ' ')} (visits are not graded)",
                    _where(table, r, graded[0][0]),
                )
            )
            continue
        judgements = [
            SourceJudgement(
                area=harmonised_area(headings[k].name, fw, subgroup),
                area_label=" ".join(headings[k].text.split()),
                grade=grade,
                grade_label=str(value).strip(),
                where=_where(table, r, k),
            )
            for k, grade, value in graded
        ]
        # Column groups of one inspection in the same row (SLAC's safeguarding and looked
        # after re-inspections published the same day) are one inspection.
        key = (fw, ev, start, published)
        if key in found:
            found[key].judgements.extend(judgements)
            continue
        found[key] = SourceInspection(
            la_code=auth.la_code,
            framework=fw,
            event=ev,
            start_date=start,
            end_date=dates.get("end_date"),
            published=published,
            source_kind="official",
            where=_where(table, r),
            judgements=judgements,
            theme=fields.get("theme"),
            la_name_source=la_name or str(la_code),
        )
    return list(found.values())


def _resolve(reg: Register, name: str, code: str | None, when: date | None):
    if code:
        by_code = reg.by_gss(code)
        if by_code is None:
            raise InputError(
                "authority code",
                code,
                "an ONS GSS code of an English local "
                "authority (e.g. E08000035), see data/reference/authorities.csv",
            )
        if name:
            reg.resolve(name)  # an unknown name is its own error, with the closest names
            if by_code not in reg.candidates(name):
                raise InputError(
                    "authority",
                    f"{name} / {code}",
                    f"a name and code of the same authority ({code} is {by_code.la_name})",
                )
        if when and not by_code.exists_on(when):
            reg.resolve(by_code.la_name, when)  # raises the lifetime error
        return by_code
    return reg.resolve(name, when)
