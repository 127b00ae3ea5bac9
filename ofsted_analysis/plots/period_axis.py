"""The time axis of the outcome charts: every figure at the day its period ends (the one rule,
:mod:`ofsted_analysis.outcomes.periods`), and inspections on the same axis, so that a measure
whose year ends on 30 September or 31 August sits where it belongs beside them.

When every measure shown ends its period on the same day, a year's tick stands on that day
(``Year to 31 March``: the point of 2025 sits on the tick 2025); when they end on different
days, the ticks stand on 1 January (calendar years) and each point sits at its own period's
end. The words naming the periods are computed from the measures shown.

>>> axis = period_axis(["Financial Year"])
>>> axis.label, axis.point(2025, "Financial Year")
('Year to 31 March', 2025.0)
>>> mixed = period_axis(["Financial Year", "Academic Year"])
>>> print(mixed.label)
Calendar year; each figure at its period's end
>>> round(mixed.point(2025, "Academic Year"), 3)  # 31 August 2025: day 243 of 365
2025.663
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from ..core.words import and_list
from ..outcomes.periods import end_of_year_type, end_words, period_end

CALENDAR = (1, 1)  # a mixed axis: each year's tick on 1 January
_YEAR_DAYS = 365.25


@dataclass(frozen=True)
class PeriodAxis:
    """A chart's axis of years: ``ticks_on`` (month, day) is the day each integer x stands
    for; ``label`` says so."""

    ticks_on: tuple[int, int]
    label: str

    def x(self, when: object) -> float:
        """Where a date sits: its year, plus the part of a year since that year's tick day.

        >>> period_axis(["Financial Year"]).x("2024-09-30") > 2024.5
        True
        """
        day = pd.Timestamp(when)
        tick = pd.Timestamp(day.year, *self.ticks_on)
        return day.year + (day - tick).days / _YEAR_DAYS

    def point(self, year: int, year_type: str) -> float:
        """Where the figure of ``year`` of a measure of ``year_type`` sits: its period's end."""
        return self.x(period_end(year, year_type))

    def points(self, years: pd.Series, year_type: str) -> pd.Series:
        """:meth:`point` of each of ``years`` (missing stays missing)."""
        return pd.Series(
            [self.point(y, year_type) if pd.notna(y) else float("nan") for y in years],
            index=years.index,
            dtype=float,
        )


def period_axis(year_types: Iterable[str]) -> PeriodAxis:
    """The axis for measures of ``year_types``: ticks on their common period end, or on
    1 January when they end on different days (see the module's docstring)."""
    ends = {end_of_year_type(t): t for t in year_types}
    if len(ends) == 1:
        (day, year_type), *_ = ends.items()
        return PeriodAxis(day, f"Year to {end_words(year_type)}")
    return PeriodAxis(CALENDAR, "Calendar year; each figure at its period's end")


def periods_note(year_types: Iterable[str]) -> str:
    """The periods of measures of ``year_types`` in words, for a source line: ``years to 31
    March`` when every one ends on the same day, else the days they end on, saying that each
    figure sits at its own period's end and that each panel's title names it
    (:func:`panel_period`).

    >>> periods_note(["Financial Year", "Financial Year"])
    'years to 31 March'
    >>> print(periods_note(["Financial Year", "Annual (end of Sept)"]))
    years to 31 March and to 30 September (named over each panel), each figure at its
    period's end; years' ticks on 1 January
    """
    ends = list(dict.fromkeys(end_words(t) for t in year_types))
    if len(ends) <= 1:
        return f"years to {ends[0]}" if ends else ""
    return (
        f"years to {and_list(ends).replace(' and ', ' and to ')} (named over each panel), each "
        "figure at its period's end; years' ticks on 1 January"
    )


def panel_period(year_type: str, axis: PeriodAxis) -> str:
    """What a panel's title adds on ``axis``: nothing when the axis label says it (every
    measure ends on the same day), else the measure's own period (``years to 30 September``).

    >>> panel_period("Academic Year", period_axis(["Academic Year", "Financial Year"]))
    'years to 31 August'
    """
    if axis.ticks_on == end_of_year_type(year_type):
        return ""
    return f"years to {end_words(year_type)}"
