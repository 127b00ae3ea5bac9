"""Date cells: every way a source writes a date, parsed to :class:`datetime.date`."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .errors import InputError

EARLIEST = date(2009, 1, 1)  # no inspection in any framework here predates 2009
_EXCEL_EPOCH = date(1899, 12, 30)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_WORDY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+),? (\d{4})$")

EXPECTED = "a date such as 30/06/2025, 30/06/25, 2025-06-30 or 30 June 2025"


def parse_date(value: object) -> date | None:
    """Parse a date cell; blank gives ``None``.

    >>> parse_date("09/05/25"), parse_date("17/03/2025"), parse_date("30 June 2025")
    (datetime.date(2025, 5, 9), datetime.date(2025, 3, 17), datetime.date(2025, 6, 30))

    Raises :class:`InputError` for text that is not a date. Two-digit years are 20yy.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value != value:  # NaN
            return None
        if 30000 < value < 80000:  # a spreadsheet serial day number
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise InputError("date", value, EXPECTED)
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if text in ("", "-", "nan", "nat", "none"):
        return None
    try:
        if m := _DMY.match(text):
            d, mo, y = (int(g) for g in m.groups())
            return date(2000 + y if y < 100 else y, mo, d)
        if m := _ISO.match(text):
            return date(*(int(g) for g in m.groups()))
        if (m := _WORDY.match(text)) and m.group(2) in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        pass
    raise InputError("date", value, EXPECTED)


_MONTH_YEAR = re.compile(r"^([a-z]+),? (\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(value: object) -> date | None:
    """A date known only to the month ('January 2018', '2018-01'): the first day of that
    month, or ``None`` when the cell is not such a month. Only curated records, whose sources
    (news reports, committee papers) sometimes give no day, accept it; the day is then not
    known, and the records say so (``date_precision`` = ``month``).

    >>> parse_month("January 2018"), parse_month("2018-11"), parse_month("12/01/2018")
    (datetime.date(2018, 1, 1), datetime.date(2018, 11, 1), None)
    """
    text = re.sub(r"\s+", " ", str(value).strip().lower())
    if (m := _MONTH_YEAR.match(text)) and m.group(1) in _MONTHS:
        return date(int(m.group(2)), _MONTHS[m.group(1)], 1)
    if (m := _ISO_MONTH.match(text)) and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 1)
    return None


def long_date(value: object, short: bool = False) -> str:
    """A date as a sentence writes it, the day without a leading zero, on every platform
    (``%-d`` is not portable): '5 September 2022', or '5 Sep 2022' with ``short``.

    >>> long_date(date(2022, 9, 5)), long_date("2022-09-05", short=True)
    ('5 September 2022', '5 Sep 2022')
    """
    import pandas as pd

    when = pd.Timestamp(value)
    return f"{when.day} {when:%b %Y}" if short else f"{when.day} {when:%B %Y}"
