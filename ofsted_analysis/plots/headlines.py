"""What a trajectory chart says in words, computed from the rows it draws: its title, the note
on grades a framework called "Adequate", and what the visit records cover.
"""

from __future__ import annotations

import pandas as pd

from ..core.frameworks import ADEQUATE_SCALE, FRAMEWORK_SHORT, FRAMEWORKS, UNGRADED_EVENTS
from ..core.grades import GRADES
from ..core.words import and_list
from ..judgements.coverage import visit_coverage

AREA_SHORT = {
    "overall": "Overall effectiveness",
    "leadership": "Leadership",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "LSCB",
}
GRADE_POS = {g: i for i, g in enumerate(GRADES)}
RI = "Requires improvement"


def headline(rows: pd.DataFrame, area: str) -> str:
    """What one series shows, naming the judgement and the dates compared, and true of every
    point drawn: 'overall effectiveness from Inadequate (Mar 2014) to Outstanding (Mar 2026)',
    'overall effectiveness Good at all 3 inspections (Jul 2015 to May 2024)'.

    ``rows`` are one authority's graded judgements in ``area``, in time order.
    """
    what = AREA_SHORT[area].lower()
    grades = [str(g) for g in rows["grade"]]
    first, last = rows.iloc[0], rows.iloc[-1]
    if len(rows) == 1:
        return f"{what} {grades[0]} at its one inspection ({first['date']:%b %Y})"
    span = f"{first['date']:%b %Y} to {last['date']:%b %Y}"
    if len(set(grades)) == 1:
        return f"{what} {grades[0]} at all {len(rows)} inspections ({span})"
    if grades[0] == grades[-1]:
        order = [GRADE_POS[g] for g in grades]
        low, high = GRADES[min(order)], GRADES[max(order)]
        between = (
            f"{low} at its lowest"
            if GRADE_POS[grades[0]] > min(order)
            else f"{high} at its highest"
        )
        return (
            f"{what} {grades[0]} in {first['date']:%b %Y} and in {last['date']:%b %Y}, "
            f"{between} between"
        )
    return f"{what} from {grades[0]} ({first['date']:%b %Y}) to {grades[-1]} ({last['date']:%b %Y})"


def _for(area: str) -> str:
    """How a grade is tied to its area in a sentence: 'Good overall', 'Good for leadership'."""
    word = AREA_SHORT[area]
    return "overall" if area == "overall" else "for " + (word if word.isupper() else word.lower())


def _years(dates) -> str:
    return and_list([str(y) for y in sorted({pd.Timestamp(d).year for d in dates})])


def _phrases(grade: str, by_area: dict[str, list]) -> str:
    """'Inadequate overall and for help and protection in 2018 and 2022': areas that share the
    same years are named together."""
    groups: dict[str, list[str]] = {}
    for area, dates in by_area.items():
        groups.setdefault(_years(dates), []).append(area)
    parts = []
    for years, areas in groups.items():
        named = [_for(a) for a in areas]
        # "for X, for Y and for Z" reads as "for X, Y and Z"
        tail = [
            n.removeprefix("for ") if i and named[i - 1].startswith("for ") else n
            for i, n in enumerate(named)
        ]
        parts.append(f"{and_list(tail)} in {years}")
    return f"{grade} " + and_list(parts)


def headline_areas(series: list[tuple[str, pd.DataFrame]]) -> str:
    """The story of one authority over several areas: its low point and its latest grade in
    each area, each named with its area and years.

    ``series`` is (area, that area's graded rows in time order) for each area drawn. The low
    point is the lowest grade drawn, with every area and year it was given in; the latest
    grade of an area is given with the years of its run of inspections at that grade up to
    the latest, e.g. 'Inadequate for help and protection in 2010; Outstanding overall in
    2018, 2022 and 2025; Good for help and protection in 2022 and 2025'. A latest grade that
    is the low point is not said twice (the low point names all its years).
    """
    drawn = [(area, rows) for area, rows in series if not rows.empty]
    lowest = min(GRADE_POS[str(g)] for _a, rows in drawn for g in rows["grade"])
    low = GRADES[lowest]
    low_at = {
        area: list(rows.loc[rows["grade"].astype(str) == low, "date"])
        for area, rows in drawn
        if (rows["grade"].astype(str) == low).any()
    }
    latest: dict[str, dict[str, list]] = {}
    for area, rows in drawn:
        grades = [str(g) for g in rows["grade"]]
        run = len(grades) - 1
        while run > 0 and grades[run - 1] == grades[-1]:
            run -= 1
        dates = list(rows["date"].iloc[run:])
        if grades[-1] == low:  # the low point's phrase already names these years
            continue
        latest.setdefault(grades[-1], {})[area] = dates
    parts = [_phrases(low, low_at)]
    # Best grade first, so the sentence goes from the low point up (or down) to the rest.
    for grade in sorted(latest, key=lambda g: -GRADE_POS[g]):
        parts.append(_phrases(grade, latest[grade]))
    return "; ".join(parts)


def adequate(rows: pd.DataFrame) -> pd.Series:
    """True for the rows a framework graded "Adequate" (stored as Requires improvement)."""
    framework = rows["framework"].astype(str)
    label = rows["grade_label"].astype(str).str.strip().str.lower() if "grade_label" in rows else ""
    return (rows["grade"].astype(str) == RI) & (
        framework.isin(ADEQUATE_SCALE) | (label == "adequate")
    )


def adequate_note(frameworks: set[str], marker: str = "Diamonds") -> str:
    """The note under a chart that draws grades a framework called "Adequate".

    >>> adequate_note({"slac"})
    'Diamonds: "Adequate" in SLAC inspections, drawn as Requires improvement (the grade that replaced it in 2013).'
    """  # noqa: E501
    names = and_list([FRAMEWORK_SHORT[f] for f in FRAMEWORKS if f in frameworks])
    return (
        f'{marker}: "Adequate" in {names} inspections, drawn as Requires improvement '
        "(the grade that replaced it in 2013)."
    )


def focused_and_monitoring(rows: pd.DataFrame) -> pd.DataFrame:
    """The focused and monitoring visits among a trajectory's ungraded rows (an inspection
    whose judgements no source could read is ungraded too, but it is not a visit)."""
    return rows[rows["ungraded"].astype(bool) & rows["event"].isin(UNGRADED_EVENTS)]


def visits_note(events: pd.DataFrame) -> str:
    """The note under a chart that draws visit ticks: the periods the visit records cover
    (:func:`~ofsted_analysis.judgements.coverage.visit_coverage`, from the events table), so
    the ticks are not read as a complete record.

    >>> print(visits_note(ev))
    Ticks: ungraded focused and monitoring visits. Visits held for Mar 2022–Feb 2023 and Apr
    2024–Mar 2025 (and 4 single records in 2018); at other dates visits are not in the sources
    read.
    """
    cover = visit_coverage(events)
    return (
        f"Ticks: ungraded focused and monitoring visits. {cover.label}; at other dates visits "
        "are not in the sources read."
    )
