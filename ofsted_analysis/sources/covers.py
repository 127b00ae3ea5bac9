"""The statement on an Ofsted release's cover: the date its "as at" figures describe and the
publication cut-off they use, read by rule from the cover's text.

Each release states both in words, and the words differ from release to release::

    2023: "As at 31 March 2023, published by 30 April 2023"
    2025: "Inspections as at 31 March 2025, with a report published by 30 June 2025"

(or with the dates written as numbers, "as at 31/03/2025 ... published by 30/06/2025").

The rule: on the cover sheet (a sheet whose name says "cover", else the first sheet), a cell
reading "as at <date>", then (within the same cell) "published by <date>", with any words
between them. A cover may state several periods (the 2023 release covers providers too); a
statement on a row that names local authorities wins, and otherwise the statements must agree,
or the cover is not taken (two cut-offs and no way to tell which is the local authorities').

>>> cover = read_cover([Sheet("r.ods", "Cover", [["Period covered:",
...     "Inspections as at 31 March 2025, with a report published by 30 June 2025"]])])
>>> cover.as_at.isoformat(), cover.published_by.isoformat(), cover.where.ref()
('2025-03-31', '2025-06-30', 'r.ods:Cover:r1:B')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..core.dates import parse_date
from ..core.errors import InputError, Location
from .workbook import Sheet, column_letter

# A date as the rule for dates reads it (ofsted_analysis.core.dates): in words ('31 March
# 2025', '31-Mar-25'), day first ('31/03/2025') or ISO ('2025-03-31').
_DAY = (
    r"(\d{1,2}(?:st|nd|rd|th)?[\s-]+[A-Za-z]+\.?,?[\s-]+\d{2}(?:\d{2})?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2}(?:\d{2})?|\d{4}-\d{2}-\d{2})"
)
_STATEMENT = re.compile(rf"(?i)\bas\s+at\s+{_DAY}\b.*?\bpublished\s+by\s+{_DAY}", re.S)
_LOCAL_AUTHORITY = re.compile(r"(?i)local\s+authorit")


@dataclass(frozen=True)
class Cover:
    """A release's "as at" date and the publication cut-off of its figures, with the cell
    that states them (``statement`` verbatim)."""

    as_at: date
    published_by: date
    statement: str
    where: Location


class Release(list):
    """A release's inspections (a list, as every reader returns) and the statement on its
    cover (``cover``: None when the cover states no "as at ... published by" period)."""

    cover: Cover | None = None


def _cover_sheets(sheets: list[Sheet]) -> list[Sheet]:
    named = [s for s in sheets if s.name and "cover" in s.name.lower()]
    return named or sheets[:1]


def _statements(sheet: Sheet) -> list[tuple[Cover, bool]]:
    """Every statement on a sheet, each with whether its row names local authorities."""
    found = []
    for r, row in enumerate(sheet.rows):
        row_text = " ".join(str(c) for c in row if isinstance(c, str))
        for k, cell in enumerate(row):
            if not isinstance(cell, str) or not (m := _STATEMENT.search(cell)):
                continue
            try:
                as_at, by = parse_date(m.group(1)), parse_date(m.group(2))
            except InputError:
                continue  # "as at 31 Smarch 2025": no date, no statement
            if as_at is None or by is None:
                continue
            where = Location(sheet.file, sheet.name, r + 1, column_letter(k))
            cover = Cover(as_at, by, " ".join(cell.split()), where)
            found.append((cover, bool(_LOCAL_AUTHORITY.search(row_text))))
    return found


def read_cover(sheets: list[Sheet]) -> Cover | None:
    """The statement on a release's cover (see the module's rule), or None."""
    found = [s for sheet in _cover_sheets(sheets) for s in _statements(sheet)]
    preferred = [c for c, local in found if local] or [c for c, _ in found]
    periods = {(c.as_at, c.published_by) for c in preferred}
    return preferred[0] if len(periods) == 1 else None


def with_cover(inspections: list, sheets: list[Sheet]) -> Release:
    """``inspections`` as a :class:`Release` carrying the cover's statement."""
    out = Release(inspections)
    out.cover = read_cover(sheets)
    return out
