"""Sentences about area SEND inspections, each computed from the tables (the notebook, the
command line and chart notes show them), so new data or another date cannot leave one false.

By 30 June 2023 six 2023-framework reports were out (Ofsted's management information):

>>> import ofsted_analysis as oa
>>> from ofsted_analysis.send.analysis import send_as_at
>>> print(national_text(send_as_at(oa.load_area_send(), "2023-06-30")))
As at 30 June 2023 (reports published by then), 6 of the 153 areas had been inspected under
the 2023 framework: 2 (33%) typically positive experiences and outcomes, 3 (50%) inconsistent
experiences and outcomes and 1 (17%) widespread and/or systemic failings; 147 not yet
inspected under it.
"""

from __future__ import annotations

import pandas as pd

from ..core.dates import long_date
from ..core.words import Prose, and_list, month_year, plural
from .analysis import (
    FRAMEWORK_2016,
    FRAMEWORK_2023,
    OUTCOME_WORDS,
    OUTCOMES,
    outcome_distribution,
    wsoa_distribution,
)

ASSOCIATION = (
    "This is an association, not a cause: the two inspections look at different services, "
    "often years apart, and areas differ in many other ways."
)


#: A revisit's finding (``revisit_outcome``): sufficient progress in addressing all, some or
#: none of the significant weaknesses.
PROGRESS = {"all": "all weaknesses", "some": "some weaknesses", "none": "no weakness"}


EVENT_WORDS = {
    "full": "full inspection",
    "revisit": "revisit",
    "monitoring": "monitoring inspection",
}


def _pct(count: int, total: int) -> str:
    return f"{count} ({count / total:.0%})" if total else str(count)


def _when(snapshot: pd.DataFrame) -> str:
    """'As at 31 March 2025 (reports published by 30 June 2025)', from the snapshot's attrs."""
    when, by = snapshot.attrs.get("as_at"), snapshot.attrs.get("published_by")
    if when is None:
        return ""
    by_text = "then" if by is None or by == when else long_date(by)
    return f"As at {long_date(when)} (reports published by {by_text}), "


def national_text(snapshot: pd.DataFrame) -> Prose:
    """The 2023-framework outcomes in force in a :func:`~.analysis.send_as_at` snapshot:
    how many areas had been inspected, each outcome's count and share of them, and how many
    had not been inspected under it yet."""
    dist = outcome_distribution(snapshot)
    first = dist.iloc[0]
    n, unknown = int(first["n_inspected"]), int(first["n_not_held"])
    missing = int(first["n_not_inspected"])
    total = n + missing
    lead = _when(snapshot)
    if n == 0:
        text = f"no area of the {total} had been inspected under the 2023 framework."
        return Prose(lead + text if lead else text[0].upper() + text[1:])
    counts = dict(zip(dist["outcome"].astype(str), dist["count"].astype(int), strict=True))
    parts = [f"{_pct(counts[o], n - unknown)} {OUTCOME_WORDS[o]}" for o in reversed(OUTCOMES)]
    text = f"{n} of the {total} areas had been inspected under the 2023 framework"
    if unknown:
        names = and_list(list(snapshot.loc[_not_held(snapshot, "outcome"), "la_name"]))
        text += (
            f" (the outcome of {names}'s latest inspection is not held; shares are of the "
            f"other {n - unknown})"
        )
    text += f": {and_list(parts)}; {missing} not yet inspected under it."
    return Prose(lead + text if lead else text)


def _not_held(snapshot: pd.DataFrame, column: str) -> pd.Series:
    """Areas inspected under the framework whose result no source gives."""
    dated = "outcome_date" if column == "outcome" else "wsoa_date"
    return snapshot[dated].notna() & snapshot[column].isna()


def wsoa_text(snapshot: pd.DataFrame) -> Prose:
    """The 2016 framework in a snapshot: the areas inspected under it, how many were required
    to write a statement of action (WSoA), and what the revisits found."""
    dist = wsoa_distribution(snapshot)
    n, unknown = int(dist["n_inspected"].iloc[0]), int(dist["n_not_held"].iloc[0])
    if n == 0:
        return Prose("No area had been inspected under the 2016 framework by then.")
    required = int(dist.loc[dist["wsoa"].astype(bool), "count"].iloc[0])
    held = n - unknown
    text = (
        f"2016 framework (May 2016 to December 2022): {required} of the {held} areas inspected "
        f"({required / held:.0%}) were required to produce a written statement of action"
    )
    if unknown:
        names = and_list(list(snapshot.loc[_not_held(snapshot, "wsoa"), "la_name"]))
        text += f" (whether {names} had to is not held)"
    revisited = snapshot.get("revisit_outcome", pd.Series(dtype=object)).dropna()
    if len(revisited):
        found = revisited.astype(str).value_counts()
        order = [
            *[v for v in PROGRESS if v in found],
            *[v for v in found.index if v not in PROGRESS],
        ]
        said = and_list([f"{found[v]} {v}" for v in order])
        text += (
            f"; of the {plural(len(revisited), 'area')} revisited, the number that had made "
            f"sufficient progress in addressing all, some or none of their significant "
            f"weaknesses: {said}"
        )
    return Prose(text + ".")


def event_result(row, next_inspection: bool = True) -> str:
    """What one event of an area's history found, as a clause: whether a written statement
    of action was required (2016 inspection), the progress a revisit found, the outcome in
    Ofsted's words (2023 inspection) and, with ``next_inspection``, when the report says the
    next is due; '' for an event that gives no result (a monitoring inspection)."""
    if row.framework == FRAMEWORK_2016 and row.event == "full":
        wsoa = getattr(row, "wsoa", pd.NA)
        if pd.isna(wsoa):
            return "whether a written statement of action was required is not held"
        if bool(wsoa):
            weak = getattr(row, "significant_weaknesses", pd.NA)
            return "written statement of action required" + (
                f" ({plural(int(weak), 'significant weakness', 'significant weaknesses')})"
                if pd.notna(weak)
                else ""
            )
        return "no written statement of action required"
    if row.event == "revisit":
        found = getattr(row, "revisit_outcome", pd.NA)
        return (
            f"sufficient progress in {PROGRESS.get(str(found), found)}" if pd.notna(found) else ""
        )
    if row.framework == FRAMEWORK_2023 and row.event == "full":
        outcome = getattr(row, "outcome", pd.NA)
        result = OUTCOME_WORDS[str(outcome)] if pd.notna(outcome) else "outcome not held"
        plan = getattr(row, "priority_action_plan", pd.NA)
        if pd.notna(plan) and bool(plan):
            result += ", priority action plan required"
        nxt = getattr(row, "next_inspection", pd.NA)
        if next_inspection and pd.notna(nxt) and str(nxt).strip():
            result += f"; next inspection (as the report states it): {str(nxt).rstrip('. ')}"
        return result
    return ""


def _event_phrase(row) -> str:
    """One event of an area's history as a clause."""
    when = month_year(row.date)
    published = f", report {long_date(row.published)}" if pd.notna(row.published) else ""
    result = event_result(row)
    if row.event == "full" and row.framework in (FRAMEWORK_2016, FRAMEWORK_2023):
        year = "2016" if row.framework == FRAMEWORK_2016 else "2023"
        return f"inspected {when} ({year} framework{published}): {result}"
    if row.event == "revisit":
        return f"revisited {when}{published}" + (f": {result}" if result else "")
    return f"{str(row.event).replace('_', ' ')} inspection {when}{published}"


def area_text(
    history: pd.DataFrame,
    name: str,
    predecessors: pd.DataFrame | None = None,
    shown: str = "include_predecessors=True shows them",
) -> Prose:
    """An area's SEND history in sentences, one clause per event, in time order; with
    ``predecessors`` (:func:`~.analysis.predecessor_inspections`), a sentence on the
    inspections of the areas it replaced, ending with where they are ``shown``."""
    if history.empty:
        text = f"{name}: no area SEND inspection of its own."
    else:
        by_whom = history.groupby("la_name", sort=False)
        parts = [
            f"{who}: " + "; ".join(_event_phrase(r) for r in rows.itertuples()) + "."
            for who, rows in by_whom
        ]
        text = " ".join(parts)
    if predecessors is not None and len(predecessors):
        names = and_list(list(dict.fromkeys(predecessors["la_name"])))
        first, last = predecessors["date"].min(), predecessors["date"].max()
        span = month_year(first) if first == last else f"{month_year(first)} to {month_year(last)}"
        text += (
            f" Before it was created its area belonged to {names}, whose "
            f"{plural(len(predecessors), 'SEND event')} ({span}) "
            f"{'is' if len(predecessors) == 1 else 'are'} not counted as "
            f"{name}'s ({shown})."
        )
    return Prose(text)


def crosstab_text(beside: pd.DataFrame, area: str = "overall") -> Prose:
    """What a :func:`~.analysis.send_beside_grades` table shows, with the warning that it is
    an association only."""
    n = len(beside)
    graded = beside[beside["grade"].notna()]
    if not n:
        year = "2016" if beside.attrs.get("framework") == FRAMEWORK_2016 else "2023"
        return Prose(f"No full inspection under the {year} framework among those given.")
    what = area.replace("_", " ")
    text = (
        f"{plural(n, 'full inspection')}; the children's services grade ({what}) in force "
        f"when fieldwork started is known for {len(graded)}."
    )
    if "outcome" in beside and beside["outcome"].notna().any():
        good = graded["grade"].astype(str).isin(["Good", "Outstanding"])
        for label, group in (
            ("Good or Outstanding", graded[good]),
            ("Requires improvement or Inadequate", graded[~good]),
        ):
            if len(group):
                pos = int((group["outcome"].astype(str) == "positive").sum())
                fail = int((group["outcome"].astype(str) == "systemic_failings").sum())
                text += (
                    f" Where the grade was {label} ({len(group)}): {_pct(pos, len(group))} "
                    f"positive, {_pct(fail, len(group))} systemic failings."
                )
    return Prose(f"{text} {ASSOCIATION}")


def intervals_text(summary: pd.DataFrame) -> Prose:
    """The typical time between steps (:func:`~.analysis.interval_summary`), one clause each."""
    if summary.empty:
        return Prose("No area has two SEND events in the data.")
    parts = [
        f"{r.kind.replace('->', 'to')}: median {r.median_years} years "
        f"({plural(int(r.n), 'area')}, {int(r.min_days):,} to {int(r.max_days):,} days)"
        for r in summary.itertuples()
    ]
    return Prose("Time between an area's SEND events: " + "; ".join(parts) + ".")


def data_text(area_send: pd.DataFrame) -> Prose:
    """What the table holds: events by framework and kind, and the dates covered."""
    if area_send.empty:
        return Prose(
            "The tables hold no area SEND inspections: build them with the area SEND files "
            "(`ofsted-analysis build` with `../shared/data/send`, see docs/building.md)."
        )
    parts = []
    for framework, rows in area_send.groupby("framework", sort=True):
        kinds = rows["event"].value_counts()
        counted = and_list(
            [plural(int(c), EVENT_WORDS.get(str(k), str(k))) for k, c in kinds.items()]
        )
        year = "2016" if framework == FRAMEWORK_2016 else "2023"
        dates = pd.to_datetime(rows["start_date"]).fillna(pd.to_datetime(rows["published"]))
        parts.append(
            f"{year} framework: {counted} ({month_year(dates.min())} to "
            f"{month_year(dates.max())}) in {rows['la_code'].nunique()} areas"
        )
    text = f"{len(area_send)} area SEND events. " + "; ".join(parts) + "."
    return Prose(text)
