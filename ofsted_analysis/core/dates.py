"""Date cells: every way a source writes a date, parsed to :class:`datetime.date`.

The rule for dates in input files (Ofsted, DfE and the D2I scrape are UK sources):

* spreadsheet date cells (and serial day numbers) are read as they are: they carry no order;
* ISO dates ``yyyy-mm-dd`` and dates in words (``30 June 2025``, ``30 Jun 2025``, ``30-Jun-25``
  as Excel saves a date cell to CSV, ``Monday 30 June 2025`` if the weekday agrees) are read as
  written;
* numeric dates are **day first**: ``dd/mm/yyyy`` or ``dd/mm/yy`` (``-`` or ``.`` may separate;
  a two-digit year is 20yy), so ``05/09/2025`` is 5 September 2025;
* a numeric date whose second number cannot be a month (``06/30/2025``) is written month
  first and is refused, saying so;
* a file's date cells are judged together (:class:`DateOrder`): when any
  of them can only be month first, every *ambiguous* one (both numbers 12 or less, such as
  ``05/09/2025``, which could be 5 September or 9 May) is refused too, with an error naming its
  place and the cell that shows the month-first order. A date whose day and month are equal
  (``07/07/2025``) reads the same either way and is kept. A file whose numeric dates are all
  day first or ambiguous is read day first.

Readers call :meth:`DateOrder.of` once on all date cells of a file or sheet, then
:meth:`DateOrder.parse` on each cell; :func:`parse_date` reads one cell on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from .errors import InputError, Location

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
# A date in words as people and spreadsheets write it: '30 June 2025', '30 Jun 25', '30-Jun-2025'
# (Excel's text of a date cell saved as CSV), 'Monday 30 June 2025' (the weekday must agree).
_WORDY = re.compile(
    r"^(?:([a-z]+),? )?(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?(?:,? |-)(\d{4}|\d{2})$"
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

EXPECTED = "a date such as 30/06/2025, 30/06/25, 2025-06-30 or 30 June 2025"
RULE = "numeric dates are read day first (dd/mm/yyyy), as UK sources write them"


def parse_date(value: object) -> date | None:
    """Parse a date cell; blank gives ``None``.

    >>> parse_date("09/05/25"), parse_date("17/03/2025"), parse_date("30 June 2025")
    (datetime.date(2025, 5, 9), datetime.date(2025, 3, 17), datetime.date(2025, 6, 30))

    Raises :class:`InputError` for text that is not a date, and for a numeric date that can
    only be month first (``06/30/2025``: see the module's rule). Two-digit years are 20yy.
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
    if (m := _DMY.match(text)) and _month_first_only(*(n := [int(g) for g in m.groups()])):
        raise InputError("date", value, _month_first_expected(*n))
    try:
        if m := _DMY.match(text):
            d, mo, y = (int(g) for g in m.groups())
            return date(_year(y), mo, d)
        if m := _ISO.match(text):
            return date(*(int(g) for g in m.groups()))
        if (m := _WORDY.match(text)) and m.group(3) in _MONTHS:
            day = date(_year(int(m.group(4))), _MONTHS[m.group(3)], int(m.group(2)))
            if m.group(1) is None or m.group(1)[:3] == _WEEKDAYS[day.weekday()]:
                return day
            expected = f"a weekday that agrees with the date: {long_date(day)} was a {day:%A}"
            raise InputError("date", value, expected)
    except InputError:
        raise
    except ValueError:
        pass
    if re.fullmatch(r"\d{5}(?:\.0+)?", text) and 30000 < float(text) < 80000:
        # A date cell saved to CSV without its format: the text is the spreadsheet's day number.
        day = _EXCEL_EPOCH + timedelta(days=int(float(text)))
        raise InputError(
            "date",
            value,
            f"{EXPECTED}; {text} is how a spreadsheet counts the day {long_date(day)}: format "
            "the column as dates before saving it as CSV",
        )
    raise InputError("date", value, EXPECTED)


def _year(y: int) -> int:
    return 2000 + y if y < 100 else y


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        date(_year(y), mo, d)
    except ValueError:
        return False
    return True


def _month_first_only(first: int, second: int, y: int) -> bool:
    # Only month first when the second number cannot be a month but reads as a day.
    return second > 12 and _valid(y, first, second)


def _month_first_expected(first: int, second: int, y: int) -> str:
    day = date(_year(y), first, second)
    return (
        f"a date written day first (dd/mm/yyyy) or ISO (yyyy-mm-dd): {second} is not a month, "
        f"so this date is written month first (mm/dd/yyyy), which is not read because {RULE}; "
        f"write {day:%d/%m/%Y} or {day.isoformat()}"
    )


def _numbers(value: object) -> tuple[int, int, int] | None:
    """The three numbers of a numeric date cell (``05/09/2025``), else ``None``."""
    if not isinstance(value, str):
        return None
    m = _DMY.match(value.strip())
    return None if m is None else (int(m[1]), int(m[2]), int(m[3]))


class DateOrder:
    """The order of the numeric dates in one file (or sheet), judged from all of them.

    Numeric dates are day first (the module's rule). When one cell can only be month first
    (``06/30/2025``), the file writes dates month first, and every ambiguous cell in it
    (``05/09/2025``) is refused rather than misread.

    >>> where = Location("a.csv", row=2, column="B")
    >>> order = DateOrder.of([("17/03/2025", where), ("05/09/2025", where)])
    >>> order.month_first is None, order.parse("05/09/2025")
    (True, datetime.date(2025, 9, 5))
    >>> order = DateOrder.of([("06/30/2025", Location("a.csv", row=3, column="B")),
    ...                       ("05/09/2025", where)])
    >>> order.parse("05/09/2025", where)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: file a.csv, row 2, column 'B': ambiguous date ...
    """

    def __init__(self, month_first: tuple[object, Location | None] | None = None) -> None:
        #: The first cell that can only be month first, and where it is; ``None`` if none.
        self.month_first = month_first

    @classmethod
    def of(cls, cells: Iterable[tuple[object, Location | None]]) -> DateOrder:
        """The order shown by a file's date cells: ``(value, location)`` pairs, in file order.

        >>> DateOrder.of([("06/30/2025", None)]).month_first
        ('06/30/2025', None)
        """
        for value, where in cells:
            if (n := _numbers(value)) is not None and _month_first_only(*n):
                return cls((value, where))
        return cls()

    def parse(self, value: object, where: Location | None = None) -> date | None:
        """One cell of the file, read by :func:`parse_date` under the file's order.

        >>> DateOrder().parse("05/09/2025"), DateOrder().parse("5 Sep 2025")
        (datetime.date(2025, 9, 5), datetime.date(2025, 9, 5))

        Raises :class:`InputError` (at ``where``) for a cell :func:`parse_date` refuses and
        for an ambiguous numeric date in a file that writes dates month first.
        """
        try:
            day = parse_date(value)
        except InputError as e:
            raise e if where is None else e.at(where) from None
        n = _numbers(value)
        if self.month_first is not None and n is not None and n[0] != n[1] and day is not None:
            shown, at = self.month_first
            other = date(_year(n[2]), n[0], n[1])
            raise InputError(
                "ambiguous date",
                value,
                f"day-first dates (dd/mm/yyyy) or ISO dates (yyyy-mm-dd) throughout the file: "
                f"this file writes dates month first ({at or 'another cell'}: {shown!r}), so "
                f"{value!r} could be {long_date(day)} or {long_date(other)} and is not read: "
                f"{RULE}",
                where,
            )
        return day


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
