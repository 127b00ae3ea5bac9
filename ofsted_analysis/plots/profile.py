"""An authority's profile as a chart: a topic's measures as small multiples, each with the
statistical neighbours' range and median, England, and the authority's inspections marked by
grade (the panels of :func:`~.outcomes.plot_outcome_multiples`), under a title and alt text
computed from the profile (:func:`~ofsted_analysis.outcomes.profile.profile`).

>>> axes = plot_profile(o, j, "Leeds", "workforce")
>>> print(st.alt_text(axes.flat[0].figure))
Small multiples, one panel per indicator, for Leeds, ... Leeds, workforce: 5 measures, 2025. ...
"""

from __future__ import annotations

import pandas as pd

from ..core.neighbours import LATEST
from ..outcomes.profile import profile, topic_measures
from ..outcomes.text import describe_profile
from . import style as st
from .outcomes import plot_outcome_multiples


def profile_title(p: pd.DataFrame) -> str:
    """A chart title computed from a profile: the authority, the topic, where it ranks first
    and last among its neighbours (1 = best), and the grade in force at the latest period's
    end.

    >>> print(profile_title(oa.profile("Leeds", "workforce", outcomes=o, judgements=j)))
    Leeds, workforce: best of its statistical neighbours on 2 of 5 measures with a direction,
    worst on 0; Ofsted grade in force Outstanding
    """
    name = p.attrs.get("authority", p["la_name"].iloc[0] if len(p) else "")
    topic = p["topic"].iloc[0] if len(p) else ""
    ranked = p[p["rank"].notna() & p["polarity"].notna()]
    text = f"{name}, {topic}"
    if len(ranked):
        best = int((ranked["rank"] == 1).sum())
        worst = int((ranked["rank"] == ranked["of"]).sum())
        measures = f"{len(ranked)} measure{'s' if len(ranked) != 1 else ''} with a direction"
        text += (
            f": best of its statistical neighbours on {best} of {measures}, worst on {worst}"
            if best or worst
            else f": neither best nor worst of its statistical neighbours on its {measures}"
        )
    latest = p.dropna(subset=["period_end"]).sort_values("period_end")
    grade = latest["grade"].iloc[-1] if len(latest) else None
    if grade is not None and not pd.isna(grade):
        text += f"; Ofsted grade in force {grade}"
    return text


def _source(p: pd.DataFrame, judgements: pd.DataFrame, drawn: list[str]) -> str:
    """The source line: DfE's statistics (and LAIT's bulk file when its measures are in the
    profile), the periods shown (and how the ``drawn`` measures' periods sit on the axis),
    and Ofsted's inspections to the data date."""
    from ..core.dates import long_date
    from ..judgements.prepare import data_date
    from .period_axis import periods_note

    lait = p["indicator"].astype(str).str.startswith("lait:").any()
    ends = p["period_end"].dropna()
    span = f", periods ending {ends.min():%B %Y} to {ends.max():%B %Y}" if len(ends) else ""
    types = p.loc[p["indicator"].isin(drawn), "year_type"]
    span += f" ({periods_note(types)})" if len(types) else ""
    return (
        "Source: DfE children's social care statistics"
        + (" and DfE's Local Authority Interactive Tool (LAIT) bulk data" if lait else "")
        + f"{span}; Ofsted inspections, reports published to "
        f"{long_date(data_date(judgements))}. Chart: ofsted-analysis."
    )


def plot_profile(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame,
    authority: str,
    topic: str,
    neighbours: object = LATEST,
    ax=None,
    ncols: int = 3,
    path=None,
    title: str | None = None,
    measures: list[str] | None = None,
    limit: int = 12,
):
    """A topic's measures for one authority as small multiples (neighbours' range and median,
    England, inspections marked by grade; the neighbour model named in the subtitle). The
    title and alt text are computed from :func:`~ofsted_analysis.outcomes.profile.profile`.
    Returns the Axes array.

    ``measures``: the ids to draw (default: the topic's measures the authority has a value
    for, ours first, then LAIT's in its dictionary's order), at most ``limit`` of them; the
    title says how many of the topic's measures are drawn and the alt text names the others.

    Raises :class:`InputError` for an unknown authority, topic or model.
    """
    topic_measures(topic)  # an unknown topic is refused before anything is drawn
    p = profile(
        authority, topic, None, neighbours, outcomes=outcomes, judgements=judgements, data=path
    )
    # Measures with a value first, those with a better direction (ranked) before the rest.
    held = p[p["value"].notna()]
    held = list(held.sort_values("polarity", key=lambda s: s.isna(), kind="stable")["indicator"])
    ids = list(measures) if measures is not None else held[:limit]
    left_out = [i for i in p["indicator"] if i not in ids]
    if not title:
        title = profile_title(p)
        if left_out:
            title += f" ({len(ids)} of {len(p)} measures drawn)"
    drawn = outcomes[outcomes["indicator"].isin(ids)]  # each panel then filters a small table
    axes = plot_outcome_multiples(
        drawn,
        judgements,
        authority,
        ids,
        ax=ax,
        ncols=ncols,
        model=p.attrs["model"],
        path=path,
        title=title,
        source=_source(p, judgements, ids),
    )
    fig = axes.flat[0].figure
    rest = f" Not drawn: {', '.join(left_out)}." if left_out else ""
    st.set_alt_text(fig, f"{st.alt_text(fig)} {describe_profile(p)}{rest}")
    return axes
