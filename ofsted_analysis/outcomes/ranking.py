"""Comparisons the way analysts read them: ranks with 1 = best, LAIT's quartile bands, and
the direction of a change, all by the measure's polarity. One place for every table, sentence
and chart that ranks an outcome.

* **Polarity** is ``"high"`` (a higher value is better), ``"low"`` (a lower value is better) or
  ``None`` (no direction: a rate of children looked after is neither good nor bad). It comes
  from the indicator table (:func:`polarity`).
* **Rank**: with a polarity, rank 1 is the *best* (the lowest value when low is better); with
  none, rank 1 is the highest value and every sentence says so (:func:`rank_note`). Equal
  values share the better rank (``1, 2, 2, 4``), as LAIT and DfE's league tables do.
* **Quartile bands** (LAIT's ``A`` best to ``D`` worst, among all authorities): the cut points
  are the lower quartile, median and upper quartile of every single authority's published
  value for the period (England, regions and rows published for two authorities together
  take no part), computed as Excel's ``QUARTILE`` (``QUARTILE.INC``: linear interpolation
  between the sorted values, pandas' default), the function LAIT's workbook used. With
  polarity ``high``: ``A`` at or above the upper quartile, ``B`` at or above the median, ``C``
  at or above the lower quartile, ``D`` below it; with ``low`` the mirror image (``A`` at or
  below the lower quartile ...). A value on a cut point takes the better band. A measure
  with no polarity, or one LAIT's dictionary marks ``No_Quartile = N``, has no bands.
* **Trend**: the change since the previous period the authority has a value for, marked
  ``better``, ``worse`` or ``no change`` by the polarity; with none, ``up``, ``down`` or
  ``no change``.

Social worker turnover (lower is better): 7.0% among 22.1%, 15.0% and 9.5% is the best:

>>> rank_among(7.0, [22.1, 15.0, 9.5], "low"), rank_among(22.1, [7.0, 15.0, 9.5], "low")
(1, 4)
>>> print(rank_note("low"))
1 = best, the lowest value
>>> trend(9.5, 7.0, "low"), trend(9.5, 7.0, None)
('better', 'down')
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

Polarity = str | None  # "high", "low" or None
HIGH, LOW = "high", "low"
BANDS = ("A", "B", "C", "D")
#: The words a trend takes, with a polarity and without.
BETTER, WORSE, SAME = "better", "worse", "no change"
UP, DOWN = "up", "down"


def polarity(indicator: object) -> Polarity:
    """The polarity of an indicator id, ours or LAIT's (the indicator table's): ``"high"``,
    ``"low"`` or ``None``.

    >>> polarity("sw_turnover_rate"), polarity("care_leavers_eet_19_21"), polarity("cla_rate")
    ('low', 'high', None)
    >>> polarity("lait:ReReferral")
    'low'
    """
    from .indicators import get as get_indicator

    better = get_indicator(indicator).higher_is_better
    return None if better is None else (HIGH if better else LOW)


def check_polarity(value: object) -> Polarity:
    """``value`` as a polarity (``"High"``, ``"low"``, ``"-"``, ``""`` and ``None`` accepted)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value).strip().lower()
    if text in (HIGH, LOW):
        return text
    if text in ("", "-", "none"):
        return None
    from ..core.errors import InputError

    raise InputError("polarity", value, "high (higher is better), low (lower is better) or none")


def rank_note(pol: Polarity) -> str:
    """What rank 1 means, for a sentence or a column heading.

    >>> print(rank_note("high")); print(rank_note(None))
    1 = best, the highest value
    1 = the highest value, this measure having no better or worse direction
    """
    if pol == HIGH:
        return "1 = best, the highest value"
    if pol == LOW:
        return "1 = best, the lowest value"
    return "1 = the highest value, this measure having no better or worse direction"


def best_first(pol: Polarity) -> bool:
    """Whether sorting by value ascending puts the best first (only when lower is better)."""
    return pol == LOW


def rank_among(value: float, others: Iterable[float], pol: Polarity) -> int | None:
    """The rank of ``value`` among itself and ``others`` (missing values take no part): 1 is
    the best with a polarity, the highest without; ties share the better rank. ``None`` when
    ``value`` is missing."""
    if value is None or pd.isna(value):
        return None
    pool = np.asarray([v for v in others if v is not None and not pd.isna(v)], dtype=float)
    ahead = pool < value if pol == LOW else pool > value
    return int(ahead.sum()) + 1


def ranks(values: pd.Series, pol: Polarity) -> pd.Series:
    """Every value's rank within ``values`` (1 = best with a polarity, else the highest; ties
    share the better rank; missing values get none), as nullable integers.

    >>> ranks(pd.Series([22.1, 7.0, None, 7.0]), "low").tolist()
    [3, 1, <NA>, 1]
    """
    out = values.rank(method="min", ascending=pol == LOW, na_option="keep")
    return out.astype("Int64")


def quartile_cuts(values: Iterable[float]) -> tuple[float, float, float]:
    """The lower quartile, median and upper quartile of ``values`` as Excel's ``QUARTILE``
    (``QUARTILE.INC``) gives them: missing values left out.

    >>> quartile_cuts([1, 2, 3, 4, 5])
    (2.0, 3.0, 4.0)
    """
    v = pd.Series(list(values), dtype=float).dropna()
    if v.empty:
        return (np.nan, np.nan, np.nan)
    q1, q2, q3 = v.quantile([0.25, 0.5, 0.75]).tolist()
    return float(q1), float(q2), float(q3)


def band(value: float, cuts: tuple[float, float, float], pol: Polarity) -> str | None:
    """LAIT's quartile band of ``value`` given the cut points (:func:`quartile_cuts`): ``A``
    best to ``D`` worst; ``None`` with no polarity or no value.

    >>> band(4.5, (2.0, 3.0, 4.0), "high"), band(4.5, (2.0, 3.0, 4.0), "low")
    ('A', 'D')
    >>> band(3.0, (2.0, 3.0, 4.0), "high"), band(3.0, (2.0, 3.0, 4.0), "low")
    ('B', 'B')
    """
    if pol not in (HIGH, LOW) or value is None or pd.isna(value) or any(map(pd.isna, cuts)):
        return None
    q1, q2, q3 = cuts
    if pol == HIGH:
        steps = (value >= q3, value >= q2, value >= q1)
    else:
        steps = (value <= q1, value <= q2, value <= q3)
    for letter, inside in zip(BANDS, steps, strict=False):
        if inside:
            return letter
    return BANDS[-1]


def trend(previous: float, current: float, pol: Polarity) -> str | None:
    """The change from ``previous`` to ``current``: ``better``/``worse``/``no change`` with a
    polarity, ``up``/``down``/``no change`` without; ``None`` when either is missing."""
    if previous is None or current is None or pd.isna(previous) or pd.isna(current):
        return None
    if np.isclose(current, previous, rtol=0, atol=1e-9):
        return SAME
    if pol not in (HIGH, LOW):  # None, or missing in a table column
        return UP if current > previous else DOWN
    return BETTER if (current > previous) == (pol == HIGH) else WORSE
