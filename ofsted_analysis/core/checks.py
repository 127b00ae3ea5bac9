"""Checks of what a user gives (dates, areas, authority names), made once at the edge and
passed down resolved: the command line, the notebooks' parameters and the analysis functions
all call these, so a value is accepted or refused the same way everywhere.

>>> resolve_authority("leeds").la_code
'E08000035'
"""

from __future__ import annotations

from collections.abc import Iterable
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


def check_area(area: object) -> str:
    """Return ``area`` if it is a harmonised area, else raise :class:`InputError` naming them."""
    if isinstance(area, str) and area in AREAS:
        return area
    raise InputError("area", area, "one of " + ", ".join(AREAS))


def check_areas(area: str | Iterable[str] | None) -> list[str] | None:
    if area is None:
        return None
    if isinstance(area, str):
        return [check_area(area)]
    return [check_area(a) for a in area]


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
