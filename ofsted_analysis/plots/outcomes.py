"""Charts of DfE outcome indicators beside Ofsted grades, in the shared style.

* :func:`plot_outcome` — one indicator over time for one authority, its statistical
  neighbours' range and median, England, and its inspections marked in their grade's colour;
* :func:`plot_outcome_multiples` — several indicators for one authority, one panel each;
* :func:`plot_outcome_by_grade` — an indicator's spread across authorities by the grade in
  force, saying that it shows association, not cause, and flagging small groups.

Every function takes ``ax=None``, returns the Axes (an array for small multiples), never calls
``plt.show()``, writes a source line and suggests alt text (:func:`style.alt_text`). Each
figure sits at the day its period ends, inspections on the same axis
(:mod:`~ofsted_analysis.plots.period_axis`); the axis label and source line name the periods.

>>> from ofsted_analysis.plots.outcomes import plot_outcome
>>> ax = plot_outcome(o, j, "Leeds", "rereferral_rate")
>>> print(st.alt_text(ax.figure))
Line chart of Leeds's re-referrals within 12 months (%) by year to 31 March, ...
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..core.checks import resolve_authority
from ..core.dates import long_date
from ..core.grades import GRADES
from ..core.neighbours import LATEST, model_label
from ..judgements.prepare import data_date
from ..outcomes import analysis as oa_
from ..outcomes.indicators import get as get_indicator
from ..outcomes.periods import end_words, period_end
from ..outcomes.text import format_value, headline
from . import style as st
from .period_axis import PeriodAxis, panel_period, period_axis, periods_note

SMALL_GROUP = 5


def outcome_source_text(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame | None = None,
    indicators: Sequence[str] | None = None,
) -> str:
    """Source line naming DfE (and Ofsted when grades are shown), the years covered and the
    periods of the ``indicators`` shown (default: every indicator of ``outcomes``), e.g.
    "years to 31 March", or the days they end on when they differ (each panel's title then
    names its own, :func:`~.period_axis.panel_period`).

    >>> print(outcome_source_text(o, indicators=["rereferral_rate", "sw_turnover_rate"]))
    Source: DfE children's social care statistics 2013-2025 (years to 31 March and to 30
    September (named over each panel), each figure at its period's end; years' ticks on 1
    January). Chart: ofsted-analysis.
    """
    ids = list(outcomes["indicator"].unique()) if indicators is None else list(indicators)
    years = outcomes.loc[outcomes["indicator"].isin(ids), "year"].dropna()
    span = f" {int(years.min())}-{int(years.max())}" if len(years) else ""
    inds = [get_indicator(i) for i in ids]
    periods = periods_note(i.year_type for i in inds)
    text = f"Source: DfE children's social care statistics{span}" + (
        f" ({periods})" if periods else ""
    )
    if judgements is not None:
        text += f"; Ofsted inspections, reports published to {long_date(data_date(judgements))}"
    return text + ". Chart: ofsted-analysis."


def x_range(positions: Sequence[pd.Series]) -> tuple[float, float]:
    """The x-range that shows every series (``positions``: each one's x values) from its
    first point to its last (half a year either side), shared by small multiples."""
    xs = pd.concat(list(positions)).dropna()
    return float(xs.min()) - 0.5, float(xs.max()) + 0.5


def inspection_marks(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame,
    authority,
    indicator: str,
    xlim: tuple[float, float],
    axis: PeriodAxis | None = None,
) -> pd.DataFrame:
    """The authority's graded inspections whose fieldwork falls inside ``xlim`` (``xpos``:
    where each is drawn on ``axis``, default the indicator's own), one row per inspection."""
    axis = axis or period_axis([get_indicator(indicator).year_type])
    marks = oa_.around_inspections(
        outcomes, judgements, indicator, authority=authority, before=0, after=0
    )
    marks = marks.assign(xpos=marks["inspection_date"].map(axis.x).astype(float))
    return marks[marks["xpos"].between(*xlim)].reset_index(drop=True)


def draw_outcome(
    ax,
    comparison: pd.DataFrame,
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame | None,
    authority,
    indicator: str,
    xlim: tuple[float, float] | None = None,
    labels: bool = True,
    marker_size: float = 60,
    axis: PeriodAxis | None = None,
) -> dict:
    """Draw one authority's indicator (``comparison``: :func:`compare_outcome_neighbours`),
    its neighbours and England on ``ax`` over ``xlim`` (default: the comparison's years), and
    its inspections inside that range; each year's figure at its period's end on ``axis``
    (default: the indicator's own, :func:`~.period_axis.period_axis`); return facts for
    titles and alt text. Values too small to compare are hollow and the neighbours' band
    leaves out theirs."""
    a = resolve_authority(authority)
    ind = get_indicator(indicator)
    cmp = comparison
    axis = axis or period_axis([ind.year_type])
    x = axis.points(cmp["year"], ind.year_type)
    xlim = xlim or x_range([x])
    if cmp["n_neighbours"].gt(0).any():
        ax.fill_between(
            x,
            cmp["neighbours_min"],
            cmp["neighbours_max"],
            color=st.LIGHT_GREY,
            alpha=0.45,
            lw=0,
            label="Statistical neighbours: range",
            zorder=1,
        )
        ax.plot(
            x,
            cmp["neighbours_median"],
            color=st.LIGHT_PURPLE,
            lw=1.6,
            ls="--",
            label="Statistical neighbours: median",
            zorder=2,
        )
    if not ind.is_count:  # England's total dwarfs an authority's count and says nothing of it
        ax.plot(x, cmp["england"], color=st.DARK_GREY, lw=1.4, ls=":", label="England", zorder=2)
    ax.plot(x, cmp["value"], color=st.DARK_BLUE, lw=2.4, label=a.la_name, zorder=3)
    fine = cmp["comparable"]
    ax.plot(x[fine], cmp["value"][fine], ls="none", color=st.DARK_BLUE, marker="o", ms=4, zorder=3)
    small = ~fine & cmp["value"].notna()
    if small.any():
        ax.plot(
            x[small],
            cmp["value"][small],
            ls="none",
            marker="o",
            ms=5,
            mfc="white",
            mec=st.DARK_BLUE,
            label="Too few children to compare",
            zorder=3,
        )
    marks = pd.DataFrame()
    if judgements is not None:
        marks = inspection_marks(outcomes, judgements, a.la_number, indicator, xlim, axis)
        from matplotlib.transforms import blended_transform_factory

        trans = blended_transform_factory(ax.transData, ax.transAxes)
        for g in GRADES:
            sub = marks[marks["grade"].astype(str) == g]
            if len(sub):
                ax.scatter(
                    sub["xpos"],
                    [0.03] * len(sub),
                    transform=trans,
                    marker="^",
                    s=marker_size,
                    color=st.GRADE_COLOURS[g],
                    zorder=4,
                    label=f"Inspection: {g}",
                    clip_on=True,  # a marker never strays into a neighbouring panel
                )
    st.style_axes(ax, grid_axis="y")
    ax.set_xlim(*xlim)
    ax.xaxis.set_major_locator(_int_locator())
    if labels:
        ax.set_xlabel(axis.label)
        ax.set_ylabel(ind.unit)
    return {"authority": a, "indicator": ind, "compare": cmp, "inspections": marks}


def _int_locator():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, nbins=7)


def _wrap(text: str, fig) -> str:
    """A subtitle wrapped to the figure's width, so no line runs off it: about 12 characters
    an inch at the subtitle's 9.5 points, less an inch of margins."""
    import textwrap

    return textwrap.fill(text, width=int((fig.get_figwidth() - 1) * 12))


def _subtitle(comparison: pd.DataFrame, fig) -> str:
    """The subtitle naming the neighbour model (and warning when DfE rates every neighbour
    "not close")."""
    note = comparison.attrs.get("closeness_note", "")
    text = (
        f"Against its statistical neighbours in {model_label(comparison.attrs['model'])} "
        "(shaded: range; dashed: median; figures on too few children left out) and England "
        "(dotted); triangles mark inspections, coloured by grade"
        + (f". {note[:1].upper()}{note[1:]}" if note else "")
    )
    return _wrap(text, fig)


def plot_outcome(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame | None,
    authority: str,
    indicator: str,
    ax=None,
    model: object = LATEST,
    path=None,
    title: str | None = None,
    source: str | None = None,
):
    """One indicator over time for one authority, with its statistical neighbours' range and
    median (``model``: :func:`~ofsted_analysis.core.neighbours.resolve_model`, named in the
    subtitle), England, and inspection markers coloured by grade. Returns the Axes.

    Leeds' re-referral rate, 30.3% in 2013 (DfE's c1 file):

    >>> ax = plot_outcome(o, j, "Leeds", "rereferral_rate")
    >>> print(st.alt_text(ax.figure))
    Line chart ... Values: 2013 30.3% (neighbours' median 26.3%, England 24.7%); ...
    """
    cmp = oa_.compare_outcome_neighbours(outcomes, authority, indicator, model=model, path=path)
    ax = st.new_axes(ax, figsize=(10, 5.4))
    with st.style():
        facts = draw_outcome(ax, cmp, outcomes, judgements, authority, indicator)
        st.title(ax, title or headline(cmp, indicator), _subtitle(cmp, ax.figure))
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
        st.source_line(ax.figure, source or outcome_source_text(outcomes, judgements, [indicator]))
    st.set_alt_text(ax.figure, _alt_one(facts))
    return ax


def _values(cmp: pd.DataFrame, unit: str, neighbours: bool) -> str:
    parts = []
    for r in cmp.itertuples():
        text = f"{int(r.year)} {format_value(r.value, unit)}"
        if pd.notna(r.value) and not r.comparable:
            text += " (too few children to compare)"
        elif neighbours and r.n_neighbours:
            text += (
                f" (neighbours' median {format_value(r.neighbours_median, unit)}, "
                f"England {format_value(r.england, unit)})"
            )
        if neighbours or pd.notna(r.value):
            parts.append(text)
    return "; ".join(parts) if neighbours else ", ".join(parts)


def _alt_one(facts: dict) -> str:
    a, ind, cmp, marks = (
        facts["authority"],
        facts["indicator"],
        facts["compare"],
        facts["inspections"],
    )
    insp = (
        "; ".join(f"{r.inspection_date:%B %Y} {r.grade}" for r in marks.itertuples())
        if len(marks)
        else "none in these years"
    )
    return (
        f"Line chart of {a.la_name}'s {ind.phrase} ({ind.unit}) by year to "
        f"{end_words(ind.year_type)}, with the range and median of its neighbours in "
        f"{model_label(cmp.attrs['model'])} and England. "
        f"Values: {_values(cmp, ind.unit, True)}. Inspections: {insp}."
    )


def plot_outcome_multiples(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame | None,
    authority: str,
    indicators: Sequence[str],
    ax=None,
    ncols: int = 3,
    model: object = LATEST,
    path=None,
    title: str | None = None,
    source: str | None = None,
):
    """Small multiples: one panel per indicator for one authority (each with neighbours'
    range, England and inspection markers), on one x-range that shows every series from its
    first year. Returns the Axes array.

    >>> axes = plot_outcome_multiples(o, j, "Leeds", ["rereferral_rate", "cla_rate"])
    >>> len(axes.flat)
    2
    >>> print(st.alt_text(axes.flat[0].figure))
    Small multiples, one panel per indicator, for Leeds, against the neighbours in DfE's 2025
    statistical-neighbour model. ... 2025 85.0 per 10,000 children.
    """
    import textwrap

    import numpy as np

    a = resolve_authority(authority)
    inds = [get_indicator(i) for i in indicators]
    cmps = [
        oa_.compare_outcome_neighbours(outcomes, a.la_number, i.id, model=model, path=path)
        for i in inds
    ]
    axis = period_axis(i.year_type for i in inds)
    xlim = x_range([axis.points(c["year"], i.year_type) for i, c in zip(inds, cmps, strict=True)])
    axes = (
        list(ax)
        if ax is not None
        else list(st.new_grid(len(inds), min(ncols, len(inds)), panel=(3.6, 2.6), sharey=False))
    )
    fig = axes[0].figure
    lines = []
    with st.style():
        for ind, cmp, pane in zip(inds, cmps, axes, strict=False):
            draw_outcome(
                pane,
                cmp,
                outcomes,
                judgements,
                a,
                ind.id,
                xlim,
                labels=False,
                marker_size=28,
                axis=axis,
            )
            name = ind.label + (" (%)" if ind.unit == "%" else "")
            if period := panel_period(ind.year_type, axis):
                name += f", {period}"
            pane.set_title(textwrap.fill(name, 44), loc="left", fontsize=8.5, fontweight="normal")
            # Years under every panel: with a shared axis matplotlib labels only the bottom
            # row, leaving a panel with an empty cell below it unlabelled.
            pane.tick_params(labelsize=7.5, labelbottom=True)
            lines.append(f"{ind.label}: {_values(cmp, ind.unit, False) or 'no published value'}")
        seen: dict = {}
        for pane in axes:
            for h, lab in zip(*pane.get_legend_handles_labels(), strict=True):
                seen.setdefault(lab, h)
        h = fig.get_figheight()
        st.reserve_source_space(fig, inches=0.8, top=st.TOP_INCHES)
        fig.legend(
            list(seen.values()),
            list(seen),
            loc="lower left",
            fontsize=7.5,
            ncols=min(4, len(seen)),
            bbox_to_anchor=(0.0, 0.26 / h),
        )
        st.figure_title(
            fig,
            title or f"{a.la_name}: children's social care indicators and Ofsted inspections",
            _subtitle(cmps[0], fig),
        )
        st.source_line(
            fig, source or outcome_source_text(outcomes, judgements, [i.id for i in inds])
        )
    st.set_alt_text(
        fig,
        f"Small multiples, one panel per indicator, for {a.la_name}, against the neighbours in "
        f"{model_label(cmps[0].attrs['model'])}. " + "; ".join(lines) + ".",
    )
    return np.array(axes, dtype=object)


def plot_outcome_by_grade(
    graded: pd.DataFrame,
    indicator: str,
    year: int,
    ax=None,
    small: int = SMALL_GROUP,
    title: str | None = None,
    source: str | None = None,
    path=None,
):
    """An indicator's values across authorities in one year, grouped by the Ofsted grade in
    force at the end of the year's period (``graded`` from :func:`outcome_analysis.with_grades`:
    31 March for DfE's children's social care years, 30 September for the workforce census,
    :mod:`~ofsted_analysis.outcomes.periods`; the label and alt text name the day): one dot per
    authority, the median as a bar, n under each group, groups of fewer than ``small``
    authorities flagged; a value on too few children to compare (counts from the store at
    ``path``) is a hollow dot, left out of the median and n and counted under them. The
    subtitle says it shows association, not cause. Returns the Axes.

    >>> ax = plot_outcome_by_grade(oa.with_grades(o, j), "rereferral_rate", 2025)
    >>> print(st.alt_text(ax.figure))
    Dot plot of re-referrals within 12 months in 2025 by the Ofsted overall grade in force at
    31 March 2025. Inadequate: 18 authorities, median 20.6%, and 1 on too few children to compare,
    left out; Requires improvement: 34 authorities, median 22.0%; Good: 67 authorities, median
    19.5%; Outstanding: 33 authorities, median 19.8%. The chart shows association, not cause.
    """
    import numpy as np

    ind = get_indicator(indicator)
    summary = oa_.by_grade(graded, indicator, year, small, path)
    sub = oa_.graded_values(graded, indicator, year, path)
    area = str(graded["area"].iloc[0]) if "area" in graded and len(graded) else "overall"
    in_force = long_date(period_end(year, ind.year_type))
    ax = st.new_axes(ax, figsize=(9, 5.4))
    rng = np.random.default_rng(0)  # fixed jitter: the same chart every run
    with st.style():
        for i, g in enumerate(GRADES):
            mine = sub[sub["grade"].astype(str) == g]
            row = summary[summary["grade"].astype(str) == g].iloc[0]
            spread = i + rng.uniform(-0.18, 0.18, len(mine))
            fine = mine["comparable"].to_numpy()
            if fine.any():
                ax.scatter(
                    spread[fine],
                    mine["value"].to_numpy()[fine],
                    s=18,
                    color=st.GRADE_COLOURS[g],
                    alpha=0.8,
                    zorder=3,
                    lw=0,
                )
                ax.hlines(row["median"], i - 0.3, i + 0.3, color=st.DARK_GREY, lw=2.2, zorder=4)
            if (~fine).any():  # shown, hollow, but left out of the median and n
                ax.scatter(
                    spread[~fine],
                    mine["value"].to_numpy()[~fine],
                    s=18,
                    facecolor="white",
                    edgecolor=st.GRADE_COLOURS[g],
                    zorder=3,
                    label="Too few children to compare (left out)",
                )
            flag = " (small group:\ninterpret with care)" if row["small_group"] else ""
            left = int(row["n_not_comparable"])
            ax.text(
                i,
                -0.13,
                f"n = {int(row['n'])}{flag}" + (f"\n+ {left} too few to compare" if left else ""),
                transform=ax.get_xaxis_transform(),
                ha="center",
                va="top",
                fontsize=8,
                color=st.DARK_PINK if row["small_group"] else st.DARK_GREY,
            )
        ax.set_xticks(range(len(GRADES)), [st.GRADE_SHORT[g] for g in GRADES])
        for tick, g in zip(ax.get_xticklabels(), GRADES, strict=True):
            tick.set_color(st.GRADE_COLOURS[g])
            tick.set_fontweight("bold")
        ax.set_xlim(-0.6, len(GRADES) - 0.4)
        ax.tick_params(axis="x", pad=2)
        st.style_axes(ax, grid_axis="y")
        ax.set_ylabel(ind.unit)
        ax.set_xlabel(f"Ofsted grade in force at {in_force} ({area})", labelpad=34)
        if title is None:
            med = summary["median"].dropna()
            title = (
                f"{ind.label}, {int(year)}: medians by grade from "
                f"{format_value(med.min(), ind.unit)} to {format_value(med.max(), ind.unit)}"
                if len(med)
                else f"{ind.label}, {int(year)}: no graded authority"
            )
        st.title(
            ax,
            title,
            _wrap(
                "One dot per authority"
                + ("" if sub["comparable"].all() else " (hollow: too few children to compare)")
                + "; bar: median. This shows association, "
                "not cause: authorities differ in many ways besides their grade",
                ax.figure,
            ),
        )
        st.source_line(
            ax.figure,
            source
            or outcome_source_text(graded, graded if "published" in graded else None, [indicator]),
        )
    groups = "; ".join(
        f"{r.grade}: {int(r.n)} authorities, median {format_value(r.median, ind.unit)}"
        + (" (small group)" if r.small_group else "")
        + (
            f", and {r.n_not_comparable} on too few children to compare, left out"
            if r.n_not_comparable
            else ""
        )
        for r in summary.itertuples()
    )
    st.set_alt_text(
        ax.figure,
        f"Dot plot of {ind.phrase} in {int(year)} by the Ofsted "
        f"{area} grade in force at {in_force}. {groups}. The chart shows "
        "association, not cause.",
    )
    return ax
