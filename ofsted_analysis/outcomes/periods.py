"""The one rule for where an outcome measure meets a date: **the day a measure's period ends**.

An outcome row's ``year`` is the year its period ends (for LAIT's labels,
:func:`ofsted_analysis.sources.lait.periods.read_period`); the day within that year follows the
measure's year type (``year_type`` of :func:`~.catalogue.indicator_table`, in LAIT's words):

=========================  ==============  ==========================================
year type                  period ends     e.g. ``2024-25`` or ``2025``
=========================  ==============  ==========================================
financial year, annual     31 March        31 March 2025 (DfE's children's social care
                                           years, "on 31 March" counts)
academic year              31 August       31 August 2025
calendar year              31 December     31 December 2025
annual (end of September)  30 September    30 September 2025 (the workforce census)
annual (January)           31 January      31 January 2025 (the January school census)
=========================  ==============  ==========================================

Everything that puts a measure beside a date uses it: the grade "in force" for a row
(:func:`~.analysis.with_grades`, :func:`~.profile.profile`), the years around an inspection
(:func:`~.analysis.around_inspections`), where a point sits on a chart's time axis and the
words that name the period (:func:`period_words`).

>>> period_end(2025, "Annual (end of Sept)").date()
datetime.date(2025, 9, 30)
>>> period_year("2024-06-03", "Annual (end of Sept)"), period_year("2024-06-03", "Financial Year")
(2024, 2025)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..core.dates import long_date
from ..core.errors import InputError

#: When a year type's period ends, as (month, day) in the year the period ends.
PERIOD_ENDS: dict[str, tuple[int, int]] = {
    "financial year": (3, 31),
    "annual": (3, 31),
    "academic year": (8, 31),
    "calendar year": (12, 31),
    "annual (end of sept)": (9, 30),
    "annual - january": (1, 31),
}


def end_of_year_type(year_type: object) -> tuple[int, int]:
    """(month, day) a period of ``year_type`` ends on (case ignored); an unknown year type
    raises :class:`InputError` naming the known ones.

    >>> end_of_year_type("Academic Year")
    (8, 31)
    """
    key = str(year_type).strip().lower()
    if key not in PERIOD_ENDS:
        raise InputError("year type", year_type, "one of " + ", ".join(PERIOD_ENDS))
    return PERIOD_ENDS[key]


def period_end(year: int, year_type: str) -> pd.Timestamp:
    """The last day of a period ending in ``year`` of ``year_type`` (see the module's table).

    >>> period_end(2025, "Academic Year").date(), period_end(2025, "Financial Year").date()
    (datetime.date(2025, 8, 31), datetime.date(2025, 3, 31))

    Raises :class:`InputError` for a year type not in :data:`PERIOD_ENDS`.
    """
    month, day = end_of_year_type(year_type)
    return pd.Timestamp(int(year), month, day)


def period_year(when: object, year_type: str) -> int:
    """The ``year`` of the period of ``year_type`` that ``when`` falls in: the year of the
    first period end on or after it.

    >>> period_year("2024-03-31", "Financial Year"), period_year("2024-04-01", "Financial Year")
    (2024, 2025)
    >>> period_year("2024-09-01", "Academic Year")
    2025
    """
    t = pd.Timestamp(when)
    month, day = end_of_year_type(year_type)
    return t.year + (1 if (t.month, t.day) > (month, day) else 0)


def end_words(year_type: str) -> str:
    """The day a period of ``year_type`` ends, in words.

    >>> end_words("Annual (end of Sept)")
    '30 September'
    """
    end = period_end(2000, year_type)
    return f"{end.day} {end:%B}"  # not %-d: it is not portable


def period_words(year_type: str, year: int | None = None) -> str:
    """The period as a chart or sentence names it: ``years to 31 March`` (or, with ``year``,
    ``the year to 31 March 2025``).

    >>> period_words("Academic Year"), period_words("Financial Year", 2025)
    ('years to 31 August', 'the year to 31 March 2025')
    """
    if year is None:
        return f"years to {end_words(year_type)}"
    return f"the year to {long_date(period_end(year, year_type))}"


def year_types(indicators: Iterable[str], path: str | Path | None = None) -> dict[str, str]:
    """Each indicator id's year type, from the indicator table of the store at ``path``
    (:func:`~.catalogue.indicator_table`: the package's own and LAIT's). An id the table does
    not hold raises :class:`InputError` naming it.

    >>> year_types(["cla_rate", "sw_turnover_rate"])
    {'cla_rate': 'Financial Year', 'sw_turnover_rate': 'Annual (end of Sept)'}
    """
    from .catalogue import indicator_table

    wanted = list(dict.fromkeys(str(i) for i in indicators))
    known = indicator_table(None, path).set_index("id")["year_type"]
    missing = [i for i in wanted if i not in known.index]
    if missing:
        raise InputError(
            "indicator",
            ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""),
            "an id of the indicator table of the store the outcomes came from (pass its "
            "folder as path; `ofsted-analysis indicators` lists the ids)",
        )
    return {i: str(known[i]) for i in wanted}


def period_ends(rows: pd.DataFrame, path: str | Path | None = None) -> pd.Series:
    """The day each row's period ends (``rows`` with ``indicator`` and ``year``, e.g. of the
    outcomes table), by its indicator's year type (:func:`year_types`); NaT where ``year`` is
    missing.

    >>> rows = pd.DataFrame({"indicator": ["cla_rate", "sw_turnover_rate"], "year": [2025, 2025]})
    >>> [d.date().isoformat() for d in period_ends(rows)]
    ['2025-03-31', '2025-09-30']
    """
    if rows.empty:
        return pd.Series(pd.NaT, index=rows.index, dtype="datetime64[ns]")
    # By category: a table of 600,000 rows holds a few hundred indicators.
    indicator = rows["indicator"].astype("category").cat.remove_unused_categories()
    ends = {i: end_of_year_type(t) for i, t in year_types(indicator.cat.categories, path).items()}
    parts = pd.DataFrame(
        {
            "year": pd.to_numeric(rows["year"]),
            "month": indicator.map({i: m for i, (m, _d) in ends.items()}).astype("int64"),
            "day": indicator.map({i: d for i, (_m, d) in ends.items()}).astype("int64"),
        },
        index=rows.index,
    )
    return pd.to_datetime(parts).astype("datetime64[ns]")
