"""The national area SEND picture at a date: the 2023-framework outcomes in force by region,
and the share of areas the 2016 framework required to write a statement of action (WSoA).

Outcomes are drawn in :data:`~ofsted_analysis.plots.style.SEND_COLOURS`, a purple ramp with
none of the grade colours, so an area SEND outcome is not read as a children's services grade.
"""

from __future__ import annotations

import pandas as pd

from ..core.dates import long_date
from ..send.analysis import OUTCOME_SHORT, OUTCOMES, outcome_distribution, wsoa_distribution
from . import layout
from . import style as st

ENGLAND = "England"


def send_source(snapshot: pd.DataFrame) -> str:
    """The source line of an area SEND chart, naming the date the snapshot is for."""
    when = snapshot.attrs.get("as_at")
    at = f"; reports published by {long_date(when)}" if when is not None else ""
    return f"Source: Ofsted and CQC, area SEND inspections{at}. Chart: ofsted-analysis."


def _with_england(dist: pd.DataFrame, snapshot: pd.DataFrame, whole) -> pd.DataFrame:
    """The distribution by region with England (every area) on top."""
    england = whole(snapshot).assign(region=ENGLAND)
    return pd.concat([england, dist], ignore_index=True)


def plot_send_outcomes_by_region(snapshot: pd.DataFrame, ax=None):
    """Horizontal bars, one per region and England: the share of areas inspected under the
    2023 framework with each outcome in force in a :func:`~ofsted_analysis.send.analysis.
    send_as_at` snapshot (worst on the left), each segment labelled with its count, each bar
    with how many areas were inspected and how many not yet. Returns the Axes.

    >>> import ofsted_analysis as oa
    >>> from ofsted_analysis.send.analysis import send_as_at
    >>> ax = plot_send_outcomes_by_region(send_as_at(oa.load_area_send(), "2025-03-31"))
    """
    dist = _with_england(
        outcome_distribution(snapshot, by="region"), snapshot, outcome_distribution
    )
    regions = list(dict.fromkeys(dist["region"]))
    ax = st.new_axes(ax, figsize=(9, 0.42 * len(regions) + 2.6))
    with st.style():
        left = pd.Series(0.0, index=regions)
        for outcome in OUTCOMES:
            part = dist[dist["outcome"].astype(str) == outcome].set_index("region")
            share = part["share"].reindex(regions).fillna(0) * 100
            bars = ax.barh(
                regions,
                share,
                left=left,
                color=st.SEND_COLOURS[outcome],
                edgecolor="white",
                linewidth=0.6,
                label=OUTCOME_SHORT[outcome],
                gid=f"send-{outcome}",
            )
            dark = outcome != "positive"
            for bar, count in zip(bars, part["count"].reindex(regions), strict=True):
                if count and bar.get_width() >= 6:
                    ax.text(
                        bar.get_x() + bar.get_width() / 2,
                        bar.get_y() + bar.get_height() / 2,
                        f"{int(count)}",
                        ha="center",
                        va="center",
                        fontsize=8,
                        color=st.WHITE if dark else st.DARK_GREY,
                    )
            left += share
        meta = dist.drop_duplicates("region").set_index("region")
        for i, region in enumerate(regions):
            n, missing = (
                int(meta.at[region, "n_inspected"]),
                int(meta.at[region, "n_not_inspected"]),
            )
            layout.edge_label(
                ax, f"{n} of {n + missing}", i, "right", fontsize=8, color=st.NOTE_GREY
            )
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
        st.style_axes(ax, grid_axis="x")
        ax.set_xlabel("Share of the areas inspected under the 2023 framework")
        ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8.5)
        england = meta.loc[ENGLAND]
        positive = dist[(dist["region"] == ENGLAND) & (dist["outcome"].astype(str) == "positive")]
        when = snapshot.attrs.get("as_at")
        at = f" as at {long_date(when)}" if when is not None else ""
        title = (
            f"Area SEND{at}: {int(positive['count'].iloc[0])} of the "
            f"{int(england['n_inspected'])} areas inspected under the 2023 framework had "
            "typically positive outcomes"
            if england["n_inspected"]
            else f"Area SEND{at}: no area inspected under the 2023 framework yet"
        )
        st.title(
            ax,
            title,
            "Latest 2023-framework outcome of each area, by region; right: areas inspected of "
            "all areas (the rest not yet inspected under it)",
        )
        st.source_line(ax.figure, send_source(snapshot))
    st.set_alt_text(ax.figure, _outcomes_alt(dist, title))
    st.finish(ax.figure)
    return ax


def _outcomes_alt(dist: pd.DataFrame, title: str) -> str:
    parts = []
    for region, rows in dist.groupby("region", sort=False):
        counts = ", ".join(
            f"{int(r.count)} {OUTCOME_SHORT[str(r.outcome)].lower()}" for r in rows.itertuples()
        )
        parts.append(f"{region}: {counts} ({int(rows['n_inspected'].iloc[0])} inspected)")
    return f"Bar chart. {title}. " + "; ".join(parts) + "."


def plot_wsoa_by_region(snapshot: pd.DataFrame, ax=None):
    """Horizontal bars, one per region and England: the share of the areas inspected under
    the 2016 framework (May 2016 to December 2022) whose inspection required a written
    statement of action, in a :func:`~ofsted_analysis.send.analysis.send_as_at` snapshot,
    with each bar's count of areas and a line at England's share. Returns the Axes."""
    dist = _with_england(wsoa_distribution(snapshot, by="region"), snapshot, wsoa_distribution)
    required = dist[dist["wsoa"].astype(bool)].set_index("region")
    regions = list(required.index)
    ax = st.new_axes(ax, figsize=(9, 0.42 * len(regions) + 2.2))
    with st.style():
        share = required["share"].fillna(0) * 100
        held = required["n_inspected"] - required["n_not_held"]  # the share's denominator
        colours = [st.DARK_GREY if r == ENGLAND else st.LIGHT_PURPLE for r in regions]
        ax.barh(regions, share, color=colours, gid="wsoa-share")
        for i, r in enumerate(regions):
            ax.text(
                share[r] + 1,
                i,
                f"{share[r]:.0f}% ({int(required.at[r, 'count'])} of {int(held[r])})",
                va="center",
                fontsize=8,
                color=st.DARK_GREY,
            )
        ax.axvline(share[ENGLAND], color=st.DARK_GREY, lw=0.8, ls="--", zorder=1)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        from matplotlib.ticker import PercentFormatter

        ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
        st.style_axes(ax, grid_axis="x")
        ax.set_xlabel("Share of the areas inspected under the 2016 framework")
        england = required.loc[ENGLAND]
        title = (
            f"Area SEND, 2016 framework: {int(england['count'])} of the "
            f"{int(held[ENGLAND])} areas inspected ({england['share']:.0%}) were "
            "required to write a statement of action"
        )
        st.title(ax, title, "Written statement of action (WSoA) required, by region")
        st.source_line(ax.figure, send_source(snapshot))
    st.set_alt_text(
        ax.figure,
        f"Bar chart. {title}. "
        + "; ".join(
            f"{r}: {share[r]:.0f}% ({int(required.at[r, 'count'])} of {int(held[r])})"
            for r in regions
        )
        + ".",
    )
    st.finish(ax.figure)
    return ax
