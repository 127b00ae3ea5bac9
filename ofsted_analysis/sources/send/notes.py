"""The notes of Ofsted's official area SEND statistics on areas reorganised since their
inspection, read as records.

The 2016-framework table leaves out the two areas inspected before a reorganisation ("Figures
do not reflect inspection activity for Dorset and Northamptonshire") and says what happened in
its notes instead, to the month:

    Dorset were inspected in January 2017 and required a WSoA. The revisit took place in
    February 2019 and Dorset were deemed to be making sufficient progress in addressing some
    significant weaknesses. ...
    Northamptonshire were inspected in May 2017 and did not require a WSoA. ...

Each sentence of that form becomes a record of the area as it was then (the register resolves
"Dorset" in 2017 to Dorset County Council), its date known to the month
(``date_precision`` ``month``); the merge joins it to the day-dated record of the same
inspection in another source. A note about an area that is worded otherwise is not read.

>>> from ofsted_analysis.sources.workbook import read_sheets
>>> sheets = read_sheets("../shared/data/send/ofsted/"
...     "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods")
>>> [(r.la_code, r.event, r.start_date.isoformat(), r.wsoa, r.revisit_outcome)
...  for r in read_notes(sheets, [])]  # doctest: +NORMALIZE_WHITESPACE
[('E10000009', 'full', '2017-01-01', True, None),
 ('E10000009', 'revisit', '2019-02-01', None, 'some'),
 ('E10000021', 'full', '2017-05-01', False, None)]
"""

from __future__ import annotations

import re

from ...core.dates import parse_month
from ...core.errors import InputError, Location
from ...core.send import FRAMEWORK_2016
from ..workbook import Sheet
from .record import SendRecord, area_of

_INSPECTED = re.compile(
    r"(?P<name>[A-Z][\w ]+?) were inspected in (?P<month>[A-Z][a-z]+ \d{4}) and "
    r"(?P<wsoa>required|did not require) a WSoA"
)
_REVISITED = re.compile(
    r"The revisit took place in (?P<month>[A-Z][a-z]+ \d{4}) and (?P<name>[A-Z][\w ]+?) were "
    r"deemed to be making sufficient progress in addressing (?P<extent>all|some|no) "
    r"significant weaknesses"
)
_EXTENT = {"all": "all", "some": "some", "no": "none"}


def read_notes(sheets: list[Sheet], errors: list[Exception]) -> list[SendRecord]:
    """The inspections and revisits the ``Notes`` sheet states (none when there is none)."""
    out: list[SendRecord] = []
    for sheet in sheets:
        if (sheet.name or "").strip().lower() != "notes":
            continue
        for n, row in enumerate(sheet.rows, 1):
            text = " ".join(str(c) for c in row if isinstance(c, str))
            where = Location(sheet.file, sheet.name, n, "B")
            for m in _INSPECTED.finditer(text):
                wsoa = m.group("wsoa") == "required"
                out += _record(m, "full", where, errors, wsoa=wsoa)
            for m in _REVISITED.finditer(text):
                extent = _EXTENT[m.group("extent")]
                out += _record(m, "revisit", where, errors, revisit_outcome=extent)
    return out


def _record(m: re.Match, event: str, where: Location, errors: list, **values) -> list[SendRecord]:
    start = parse_month(m.group("month"))
    if start is None:
        errors.append(InputError("month", m.group("month"), "a month such as January 2017", where))
        return []
    try:
        authority = area_of(m.group("name"), start, where)
    except InputError as e:
        errors.append(e)
        return []
    return [
        SendRecord(
            la_code=authority.la_code,
            la_name_source=m.group("name"),
            framework=FRAMEWORK_2016,
            event=event,
            source_kind="official",
            file=where.file,
            sheet=where.sheet,
            row=where.row,
            start_date=start,
            date_precision="month",
            **values,
        )
    ]
