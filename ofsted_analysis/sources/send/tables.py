"""Readers of the area SEND tables, each recognised by its headings (never by file name):

* Ofsted's official statistics (ODS): one row per area, its 2016-framework inspection and
  (where there was one) its revisit, each becoming a record;
* Ofsted's management information (CSV, R-style headings such as ``Inspection.outcome``): the
  first 2023-framework inspections;
* ADCS's summary (XLSX): 2016-framework inspections (``Type`` ``SEND``) and revisits
  (``Re SEND``) with whether a WSoA was required (``Yes``/``No``) or removed at the revisit;
* Data to Insight's scrape (XLSX): the latest 2023-framework inspection of each area.

A bad cell is an :class:`~ofsted_analysis.core.errors.InputError` naming file, sheet, row,
column and value; every bad cell of a file is reported at once, and nothing is guessed.

>>> records = read_send_table("../shared/data/send/ofsted/"
...     "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods")
>>> bedford = [r for r in records if r.la_name_source == "Bedford"]
>>> [(r.event, r.start_date.isoformat(), r.wsoa, r.revisit_outcome) for r in bedford]
[('full', '2018-02-05', True, None), ('revisit', '2020-02-03', None, 'all')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...core.dates import parse_date
from ...core.errors import FileError, InputError, InputErrors, Location
from ...core.send import (
    FRAMEWORK_2016,
    FRAMEWORK_2023,
    OUTCOME_LABELS,
    REVISIT_OUTCOMES,
    SEND_OUTCOMES,
    send_outcome,
)
from ..workbook import Sheet, column_letter, is_blank, is_heading_row, read_sheets
from .notes import read_notes
from .record import SendRecord, area_of


@dataclass(frozen=True)
class Layout:
    """One table's headings: field -> heading (as the source writes it, compared without case
    or surrounding space). A heading row is the layout's when it has the ``identifying``
    field's heading (found in no other source) and two more of its headings, so a file missing
    some other heading is still reported as this layout with that heading missing. Its
    ``kind`` (a :data:`~.record.SOURCE_RANK` key) and ``framework`` are every record's it
    states."""

    kind: str
    identifying: str
    headings: dict[str, str]
    framework: str

    def is_header(self, row: list[object]) -> bool:
        cells = {str(c).strip().lower() for c in row if isinstance(c, str)}
        known = {h.lower() for h in self.headings.values()}
        return is_heading_row(cells, self.headings[self.identifying].lower(), known)


OFFICIAL = Layout(
    "official",
    "wsoa",
    {
        "code": "Local authority code",
        "name": "Area name",
        "start": "Inspection start date",
        "published": "Inspection publication date",
        "wsoa": "Inspection outcome: written statement of action required?",
        "weaknesses": "Number significant weaknesses identified in written statement of action",
        "revisit_start": "Revisit start date",
        "revisit_published": "Revisit publication date",
        "revisit_outcome": "Revisit outcome: sufficient progress in addressing all "
        "significant weaknesses?",
        "progress": "Number significant weaknesses where sufficient progress has been made",
        "no_progress": "Number significant weaknesses where sufficient progress has not been made",
    },
    FRAMEWORK_2016,
)
MANAGEMENT_INFORMATION = Layout(
    "management_information",
    "name",
    {
        "name": "Local.area.partnership",
        "start": "Inspection.start.date",
        "published": "Inspection.publication.date",
        "outcome": "Inspection.outcome",
        "pap": "Priority.action.plan.required.",
        "priority_areas": "Number.of.areas.for.priority.action",
    },
    FRAMEWORK_2023,
)
ADCS = Layout(
    "adcs",
    "wsoa",
    {
        "name": "LA",
        "type": "Type",
        "start": "Visit Date",
        "published": "Publication Date",
        "wsoa": "Written Statement of Action",
    },
    FRAMEWORK_2016,
)
SCRAPE = Layout(
    "scrape",
    "outcome",
    {
        "outcome_grade": "outcome_grade",
        "code": "ltla23cd",
        "name": "local_authority",
        "outcome": "inspection_outcome_text",
        # previous_inspection_date is not read: it is the previous inspection's last day
        # (Bolton's 27/05/2016 for fieldwork of 23 to 27 May 2016), not its first.
        "start": "inspection_start_date",
        "end": "inspection_end_date",
        "published": "publication_date",
        "next": "next_inspection",
    },
    FRAMEWORK_2023,
)
LAYOUTS = (OFFICIAL, MANAGEMENT_INFORMATION, ADCS, SCRAPE)
# Yes and No, and their initials as a table re-saved by hand may shorten them.
_YES_NO = {"yes": True, "no": False, "y": True, "n": False}
# D2I's placeholder for "no date" (its README: 01/01/1900 = none).
_NO_DATE = date(1900, 1, 1)


def layout_of(rows: list[list[object]]) -> Layout | None:
    """The area SEND layout whose heading row is among ``rows``, if any."""
    return next((lay for lay in LAYOUTS for row in rows if lay.is_header(row)), None)


class _Row:
    """One data row, its cells found by field; a bad cell is recorded, never guessed."""

    def __init__(
        self, sheet: Sheet, index: int, columns: dict[str, int], errors: list, layout: Layout
    ):
        self.sheet, self.index, self.columns, self.errors = sheet, index, columns, errors
        self.cells = sheet.rows[index]
        self.layout = layout

    def where(self, field: str | None = None) -> Location:
        column = None
        if field is not None:
            column = f"{column_letter(self.columns[field])} ({self.heading(field)})"
        return Location(self.sheet.file, self.sheet.name, self.index + 1, column)

    def reject(self, what: str, given: object, expected: str, field: str) -> None:
        """Record a bad value (``what``, as ``given``, ``expected`` instead) at ``field``'s cell."""
        self.errors.append(InputError(what, given, expected, self.where(field)))

    def heading(self, field: str) -> str:
        return str(self.sheet.rows[self.header][self.columns[field]]).strip()

    header = 0

    def raw(self, field: str) -> object:
        i = self.columns.get(field)
        value = self.cells[i] if i is not None and i < len(self.cells) else None
        # R writes a missing value NA, Data to Insight's scrape nan
        return None if is_blank(value) or value in ("NA", "nan") else value

    def text(self, field: str) -> str | None:
        value = self.raw(field)
        return None if value is None else " ".join(str(value).split())

    def parse(self, field: str, read: Callable[[object], object], expected: str) -> object:
        value = self.raw(field)
        if value is None:
            return None
        try:
            out = read(value)
        except (InputError, ValueError, KeyError):
            out = None
        if out is None:
            self.reject(self.heading(field), value, expected, field)
        return out

    def date(self, field: str) -> date | None:
        def read(value: object) -> date | None:
            day = parse_date(value)
            return None if day == _NO_DATE else day

        if self.raw(field) is not None and str(self.raw(field)).strip() == "01/01/1900":
            return None
        out = self.parse(field, read, "a date such as 30/06/2025")
        return out if isinstance(out, date) else None

    def yes_no(self, field: str, words: Mapping[str, bool | None] = _YES_NO) -> bool | None:
        value = self.text(field)
        if value is None:
            return None
        if value.lower() not in words:
            expected = " or ".join(w.capitalize() for w in words)
            self.reject(self.heading(field), value, expected, field)
            return None
        return words[value.lower()]

    def count(self, field: str) -> int | None:
        def read(value: object) -> int | None:
            number = float(value)  # type: ignore[arg-type]
            return int(number) if number == int(number) and number >= 0 else None

        out = self.parse(field, read, "a whole number")
        return out if isinstance(out, int) else None


def read_send_table(path: str | Path) -> list[SendRecord]:
    """Every area SEND record of a table file (any of :data:`LAYOUTS`); every bad cell at
    once as :class:`InputErrors`."""
    errors: list[Exception] = []
    out = read_send_sheets(read_sheets(path), errors)
    if errors:
        raise InputErrors(errors)
    return out


def read_send_sheets(sheets: list[Sheet], errors: list[Exception]) -> list[SendRecord]:
    """The records of every sheet with an area SEND heading row; bad cells go to ``errors``."""
    out: list[SendRecord] = []
    found = False
    for sheet in sheets:
        for h, row in enumerate(sheet.rows):
            layout = next((lay for lay in LAYOUTS if lay.is_header(row)), None)
            if layout is None:
                continue
            found = True
            out += _read_sheet(sheet, h, layout, errors)
            if layout is OFFICIAL:
                out += read_notes(sheets, errors)
            break
    if not found and sheets:
        raise FileError(sheets[0].file, "holds no area SEND table (no heading row found)")
    return out


def _read_sheet(sheet: Sheet, header: int, layout: Layout, errors: list) -> list[SendRecord]:
    cells = [str(c).strip().lower() for c in sheet.rows[header]]
    columns = {f: cells.index(h.lower()) for f, h in layout.headings.items() if h.lower() in cells}
    missing = [h for f, h in layout.headings.items() if f not in columns]
    if missing:
        where = Location(sheet.file, sheet.name, header + 1)
        raise FileError(sheet.file, f"{where}: heading(s) {', '.join(missing)} missing")
    read = {
        "official": _official,
        "management_information": _management_information,
        "adcs": _adcs,
        "scrape": _scrape,
    }[layout.kind]
    out: list[SendRecord] = []
    for i in range(header + 1, len(sheet.rows)):
        row = _Row(sheet, i, columns, errors, layout)
        row.header = header
        if row.raw("name") is None:
            continue
        before = len(errors)
        try:
            records = read(row)
        except InputError as e:
            errors.append(e)
            continue
        if len(errors) == before:
            out += records
    return out


def _record(row: _Row, event: str, start: date | None, **values) -> SendRecord:
    """The record of ``event`` the row states: its source kind and framework are its layout's."""
    name = row.text("name") or ""
    if row.layout is ADCS:
        name = ADCS_NAMES.get(name, name)
    code = row.text("code") if "code" in row.columns else None
    authority = area_of(name, start or values.get("published"), row.where("name"), code)
    return SendRecord(
        la_code=authority.la_code,
        la_name_source=name,
        framework=row.layout.framework,
        event=event,
        source_kind=row.layout.kind,
        file=row.sheet.file,
        sheet=row.sheet.name,
        row=row.index + 1,
        start_date=start,
        **values,
    )


def _official(row: _Row) -> list[SendRecord]:
    wsoa = row.yes_no("wsoa")
    weaknesses = row.count("weaknesses")
    if wsoa and weaknesses is None:
        row.reject("significant weaknesses", None, "a number (a WSoA is required)", "weaknesses")
    full = _record(
        row,
        "full",
        row.date("start"),
        published=row.date("published"),
        wsoa=wsoa,
        significant_weaknesses=weaknesses if wsoa else 0 if wsoa is False else None,
    )
    if row.text("revisit_start") == "Not revisited yet" or row.raw("revisit_start") is None:
        return [full]
    progress, no_progress = row.count("progress"), row.count("no_progress")
    if None not in (progress, no_progress, weaknesses) and progress + no_progress != weaknesses:  # type: ignore[operator]
        row.reject(
            "weaknesses at the revisit",
            f"{progress} + {no_progress}",
            f"the {weaknesses} significant weaknesses of the inspection",
            "progress",
        )
    revisit = _record(
        row,
        "revisit",
        row.date("revisit_start"),
        published=row.date("revisit_published"),
        significant_weaknesses=weaknesses,
        weaknesses_sufficient_progress=progress,
        revisit_outcome=row.parse(
            "revisit_outcome", lambda v: REVISIT_OUTCOMES[str(v).strip().lower()], "Yes, Some or No"
        ),
    )
    return [full, revisit]


def _outcome(row: _Row, field: str) -> str | None:
    out = row.parse(field, send_outcome, "; ".join(OUTCOME_LABELS.values()))
    return out if isinstance(out, str) else None


def _management_information(row: _Row) -> list[SendRecord]:
    outcome = _outcome(row, "outcome")
    return [
        _record(
            row,
            "full",
            row.date("start"),
            published=row.date("published"),
            outcome=outcome,
            outcome_wording=row.text("outcome"),
            priority_action_plan=row.yes_no("pap"),
            areas_for_priority_action=row.count("priority_areas"),
        )
    ]


_ADCS_TYPES = {"send": "full", "re send": "revisit"}
# ADCS writes some areas short or misspelt; each is the register's name for that area (checked
# against the official statistics' row with the same dates; "Kingston" is in London: ADCS's
# region code GL, Ofsted's Kingston upon Thames inspection of 17 September 2018).
ADCS_NAMES = {
    "Stoke": "Stoke-on-Trent",
    "Telford": "Telford and Wrekin",
    "Newcastle": "Newcastle upon Tyne",
    "Newcastle City": "Newcastle upon Tyne",
    "NE Lincolnshire": "North East Lincolnshire",
    "Kingston": "Kingston upon Thames",
    "Lincolnshire CC": "Lincolnshire",
    "Bath and NE Somerset": "Bath and North East Somerset",
    "Blackburn and Darwen": "Blackburn with Darwen",
    "Leicesteshire": "Leicestershire",
    "Birmingham CC": "Birmingham",
    "Sunderland/TfChildren": "Sunderland",
    "East Riding": "East Riding of Yorkshire",
}
# ADCS's WSoA column: at an inspection whether one was required; at a revisit "Removed" when
# sufficient progress was made in every weakness. "DfE to determine" and blanks state nothing.
# A "Removed" at an inspection's row says a WSoA was required (and later removed).
_ADCS_WSOA = {**_YES_NO, "dfe to determine": None, "removed": True}


def _adcs(row: _Row) -> list[SendRecord]:
    if row.raw("type") is None:  # a named row is an inspection or a revisit, never neither
        row.reject(row.heading("type"), "", "SEND or Re SEND on a row naming an area", "type")
        return []
    event = row.parse(
        "type", lambda v: _ADCS_TYPES[" ".join(str(v).lower().split())], "SEND or Re SEND"
    )
    if not isinstance(event, str):
        return []
    word = (row.text("wsoa") or "").lower()
    values: dict = {"published": row.date("published")}
    if event == "full" and word:
        values["wsoa"] = row.yes_no("wsoa", _ADCS_WSOA)
    elif word == "removed":
        values["revisit_outcome"] = "all"
    return [_record(row, event, row.date("start"), **values)]


_SCRAPE_GRADES = {"1": "positive", "2": "inconsistent", "3": "systemic_failings"}


def _scrape(row: _Row) -> list[SendRecord]:
    grade = row.parse(
        "outcome_grade",
        lambda v: _SCRAPE_GRADES[str(v).strip().removesuffix(".0")],
        "1, 2 or 3",
    )
    wording = row.text("outcome")
    stated = send_outcome(wording)
    if grade is not None and wording and stated != grade:
        row.reject(
            "outcome text",
            wording[:80],
            f"the wording of outcome_grade {row.text('outcome_grade')} ({grade})",
            "outcome",
        )
    start = row.date("start")
    published = row.date("published")
    assert grade is None or grade in SEND_OUTCOMES
    return [
        _record(
            row,
            "full",
            start,
            end_date=row.date("end"),
            published=published,
            outcome=grade,
            outcome_wording=wording,
            priority_action_plan=grade == "systemic_failings" if grade else None,
            next_inspection=row.text("next"),
        )
    ]
