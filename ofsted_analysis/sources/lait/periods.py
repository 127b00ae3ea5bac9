"""LAIT's ``Years`` labels: the period as written, the year it ends and its marker.

The one rule: **a period's year is the year in which it ends**, read from the label's last
number (a two-digit year is in the century of the label's first year):

============================  =====  ==========
label                         year   marker
============================  =====  ==========
``2024``                      2024
``2016-17`` (academic or      2017
financial year)
``2015/16``                   2016
``2014-16`` (three years)     2016
``2013/14-15/16``             2016
``2016-17 (OT)``              2017   ``outturn``
``2018 (Revised)``            2018   ``revised``
``2025 (prov)``               2025   ``provisional``
``2020 (Final)``              2020   ``final``
============================  =====  ==========

The marker in brackets becomes a field of its own (:data:`MARKERS`, case ignored); any other
label (or a bracketed word not listed) is unreadable.

>>> read_period("2013/14-15/16")
(2016, '')
>>> read_period("2016-17 (OT)")
(2017, 'outturn')
"""

from __future__ import annotations

import re

from ...core.errors import InputError

#: Markers LAIT puts after a period, as written (lower-cased) -> the ``period_marker`` field.
MARKERS: dict[str, str] = {
    "ot": "outturn",  # a financial year's outturn (spent), beside budgets (no marker)
    "rev": "revised",
    "revised": "revised",
    "prov": "provisional",
    "provisional": "provisional",
    "final": "final",
}

_LABEL = re.compile(
    r"(?P<first>\d{4})"
    r"(?:[-/](?P<a>\d{2}|\d{4})|/(?P<b1>\d{2})-(?P<b2>\d{2})/(?P<b>\d{2}))?"
    r"(?:\s*\((?P<marker>[^()]+)\))?"
)
EXPECTED = (
    "a LAIT period such as 2024, 2016-17, 2015/16, 2014-16 or 2013/14-15/16, optionally "
    "followed by one of (OT), (Rev), (Revised), (prov), (Final)"
)


def read_period(label: object) -> tuple[int, str]:
    """The year a LAIT ``Years`` label ends in and its marker ('' for none); an unreadable
    label raises :class:`InputError` (placed by the caller).

    >>> read_period("2025-26")
    (2026, '')
    >>> read_period("2025 (prov)")
    (2025, 'provisional')
    >>> read_period("Q3")
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: Years 'Q3' is not valid; expected a LAIT period ...
    """
    text = str(label).strip()
    m = _LABEL.fullmatch(text)
    marker = ""
    if m and m["marker"] is not None:
        marker = MARKERS.get(m["marker"].strip().lower(), "")
    if not m or (m["marker"] is not None and not marker):
        raise InputError("Years", label, EXPECTED)
    first = int(m["first"])
    last = m["b"] or m["a"]
    if last is None:
        return first, marker
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if end <= first or (m["b"] and int(m["b1"]) != (first + 1) % 100):
        raise InputError("Years", label, EXPECTED)
    return end, marker
