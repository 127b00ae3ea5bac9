"""Checks of what a user gives (dates, areas, regions, authority names), made once at the edge
and passed down resolved: the command line, the notebooks' parameters and the analysis
functions all call these, so a value is accepted or refused the same way everywhere.

The rule for a date a user asks about (:func:`check_as_at`): it must be readable, not before
the first inspection in the data (2009) and not after the data date, since the tables cannot
say anything about a later date. A name that is not known (area, region, authority) is refused
with the closest known names (:func:`closest`).

>>> resolve_authority("leeds").la_code
'E08000035'
>>> check_region("yorkshire and the humber")
'Yorkshire and the Humber'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime

import pandas as pd

from .authorities import Authority, register
from .errors import InputError
from .frameworks import AREAS

_DATE_EXPECTED = "a date such as 2024-03-31, 31/03/2024 or 31 March 2024"


def to_timestamp(value: object, what: str = "date") -> pd.Timestamp:
    """Read a date given as text, ``date``, ``datetime`` or ``Timestamp``.

    >>> to_timestamp("31 March 2024")
    Timestamp('2024-03-31 00:00:00')

    Raises :class:`InputError` for anything that is not a single date.
    """
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise InputError(what, value, _DATE_EXPECTED)
        return value.normalize()
    if isinstance(value, (date, datetime)):
        return pd.Timestamp(value).normalize()
    if isinstance(value, str) and value.strip():
        from ..core.dates import parse_date  # the project's own date words first (dd/mm/yyyy)

        try:
            parsed = parse_date(value)
        except InputError as e:  # keep its reason (e.g. "written month first")
            raise InputError(what, value, e.expected) from None
        if parsed is not None:
            return pd.Timestamp(parsed)
    raise InputError(what, value, _DATE_EXPECTED)


def closest(value: object, choices: Iterable[str] | Mapping[str, str], limit: int = 3) -> list[str]:
    """The known names ``value`` may have meant, best first. ``choices`` is a list of names,
    or a mapping of each name to its description (an indicator's label), so that words of the
    description find the name too. Each name is scored by rapidfuzz (ignoring case and
    punctuation): the words it shares with ``value`` (token-set ratio) plus its closeness as a
    spelling (WRatio); a name close by either counts.

    >>> closest("children looked after rate", {"cin_rate": "Children in need", \
"cla_rate": "Children looked after per 10,000"})
    ['cla_rate', 'cin_rate']
    >>> closest("helpandprotection", ["overall", "help_and_protection"])
    ['help_and_protection']
    """
    from rapidfuzz import fuzz, utils

    text = str(value or "")
    if not text.strip():
        return []
    described = dict(choices) if isinstance(choices, Mapping) else dict.fromkeys(choices, "")
    scores: dict[str, tuple[float, float]] = {}
    for name, description in described.items():
        forms = [f for f in (name, name.replace("_", " "), description) if f]
        scores[name] = (
            max(fuzz.token_set_ratio(text, f, processor=utils.default_process) for f in forms),
            max(fuzz.WRatio(text, f, processor=utils.default_process) for f in forms),
        )
    near = [n for n, s in scores.items() if max(s) >= 75]
    return sorted(near, key=lambda n: -sum(scores[n]))[:limit]


def expected_one_of(value: object, choices: Iterable[str] | Mapping[str, str]) -> str:
    """What an :class:`InputError` says was expected: every choice, then the closest to
    ``value`` when any is close."""
    names = list(choices)
    near = closest(value, choices)
    return "one of " + ", ".join(names) + (f"; closest: {', '.join(near)}" if near else "")


def check_area(area: object, what: str = "area") -> str:
    """Return ``area`` if it is a harmonised area, else raise :class:`InputError` naming them
    (and the closest).

    >>> check_area("overall")
    'overall'
    """
    if isinstance(area, str) and area in AREAS:
        return area
    raise InputError(what, area, expected_one_of(area, AREAS))


def check_areas(area: str | Iterable[str] | None) -> list[str] | None:
    if area is None:
        return None
    if isinstance(area, str):
        return [check_area(area)]
    return [check_area(a) for a in area]


def regions() -> list[str]:
    """The regions of the authorities in the register (ONS regions, as Ofsted uses them)."""
    return sorted({a.region for a in register().authorities if a.region})


def check_region(region: object, what: str = "region") -> str:
    """The register's spelling of a region (case does not matter); an unknown region raises
    :class:`InputError` naming every region and the closest.

    >>> check_region("London")
    'London'
    """
    known = regions()
    if isinstance(region, str):
        for name in known:
            if name.casefold() == region.strip().casefold():
                return name
    raise InputError(what, region, expected_one_of(region, known))


def data_date(frame: pd.DataFrame) -> pd.Timestamp:
    """The date the data runs to, the one definition: the latest ``published`` or
    ``start_date`` in the ``events`` table, which holds every inspection and ungraded visit
    (so every judgement's inspection too, and a visit still awaiting its letter by its
    start). ``build`` and ``update`` compute it over ``events`` and store it in the manifest
    (``data_date``); every table :func:`ofsted_analysis.load` and its kin read carries it in
    ``attrs["data_date"]``, and that is what is returned. A frame without it (made in memory)
    gets the same rule over its own ``published`` and ``start_date`` columns.

    >>> import ofsted_analysis as oa
    >>> data_date(oa.load()) >= pd.Timestamp("2025-08-12")  # Leeds' 2025 report is in it
    True
    >>> data_date(pd.DataFrame({"published": pd.to_datetime(["2024-05-01", None]),
    ...                         "start_date": pd.to_datetime(["2024-03-04", "2024-06-10"])}))
    Timestamp('2024-06-10 00:00:00')
    """
    stored = frame.attrs.get("data_date")
    if stored:
        return pd.Timestamp(stored).normalize()
    dates = [pd.to_datetime(frame[c]) for c in ("published", "start_date") if c in frame]
    latest = pd.concat(dates).max() if dates else pd.NaT
    if pd.isna(latest):
        raise InputError("table", "a table with no dates", "a table with dated inspections")
    return pd.Timestamp(latest).normalize()


def first_inspection(judgements: pd.DataFrame) -> pd.Timestamp:
    """The earliest date of an inspection in ``judgements`` (fieldwork or, where the
    fieldwork date is not held, publication): 2009 for the shipped tables."""
    dates = [pd.to_datetime(judgements[c]) for c in ("start_date", "published") if c in judgements]
    first = pd.concat(dates).min() if dates else pd.NaT
    if pd.isna(first):
        raise InputError("judgements", "a table with no dates", "a table with dated inspections")
    return pd.Timestamp(first).normalize()


def check_as_at(value: object, judgements: pd.DataFrame, what: str = "date") -> pd.Timestamp:
    """A date a user asks about, read and checked against the data: readable
    (:func:`to_timestamp`), not before the first inspection in ``judgements`` and not after
    their data date (the tables cannot say anything about a later date). Every entry point
    (command-line dates, notebook parameters) checks its dates with this one rule.

    >>> import ofsted_analysis as oa
    >>> check_as_at("31 March 2024", oa.load(), "--as-at")
    Timestamp('2024-03-31 00:00:00')

    Raises :class:`InputError` naming ``what``, the value and the dates the data covers.
    """
    when = to_timestamp(value, what)
    first, latest = first_inspection(judgements), data_date(judgements)
    if when < first:
        raise InputError(
            what,
            value,
            f"a date on or after {first:%Y-%m-%d}, the first inspection in the data",
        )
    if when > latest:
        raise InputError(
            what,
            value,
            f"a date on or before the data date, {latest:%Y-%m-%d} (the data cannot say "
            "anything about a later date)",
        )
    return when


def resolve_authority(authority: object) -> Authority:
    """The register's authority for a name (any alias), GSS code or DfE number.

    >>> resolve_authority("leeds").la_code
    'E08000035'

    An unknown name raises :class:`InputError` naming the closest known authorities.
    """
    if isinstance(authority, Authority):
        return authority
    if not isinstance(authority, str) or not authority.strip():
        raise InputError("authority", authority, "an authority name, GSS code or DfE number")
    return register().get(authority.strip())
