"""The national picture: the share of authorities at each grade over time, and by region."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..core.checks import check_area
from ..core.frameworks import AREAS
from ..core.grades import GRADES
from ..judgements.asat import good_or_better_shares, national_picture, quarter_ends
from ..judgements.prepare import data_date
from . import layout
from . import style as st
from .eras import era_key, shade_eras


def _stack(ax, pic: pd.DataFrame, labels: bool, fontsize: float = 8.5) -> None:
    """Stacked areas of grade shares, Inadequate at the bottom and Outstanding on top.

    Quarters when fewer than half the authorities had a judgement yet (the first SIF years)
    are veiled in white: shares of a handful of authorities are not a national picture.
    """
    wide = pic.pivot(index="date", columns="grade", values="share").reindex(columns=list(GRADES))
    wide = wide.fillna(0) * 100
    ax.stackplot(
        wide.index,
        *[wide[g] for g in GRADES],
        colors=[st.GRADE_COLOURS[g] for g in GRADES],
        labels=list(GRADES),
        edgecolor="white",
        linewidth=0.4,
        zorder=2,
    )
    ax.set_ylim(0, 100)
    ax.set_xlim(wide.index[0], wide.index[-1])
    meta = pic.drop_duplicates("date").set_index("date")
    coverage = meta["n_judged"] / (meta["n_judged"] + meta["n_not_judged"])
    sparse = coverage[coverage < 0.5]
    if len(sparse):
        last_sparse = sparse.index.max()
        ax.axvspan(
            wide.index[0], last_sparse, color="white", alpha=0.6, lw=0, zorder=2.5, gid="sparse"
        )
        if labels:
            ax.text(
                wide.index[0],
                50,
                "  Under half of\n  authorities\n  judged yet",
                fontsize=fontsize,
                color=st.DARK_GREY,
                va="center",
                ha="left",
                zorder=3,
            )
    if labels:
        # Direct labels at the right end of each band, with the latest share.
        last = wide.iloc[-1]
        bottom = 0.0
        for g in GRADES:
            mid = bottom + last[g] / 2
            bottom += last[g]
            if last[g] < 3:
                continue
            layout.edge_label(
                ax,
                f"{g} {last[g]:.0f}%",
                mid,
                "right",
                fontsize=fontsize,
                color=st.GRADE_COLOURS[g],
                fontweight="bold",
                gid="share-label",
            )


def _percent_axis(ax) -> None:
    from matplotlib.ticker import PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    ax.set_yticks([0, 25, 50, 75, 100])


def plot_national_picture(
    judgements: pd.DataFrame,
    dates: Iterable[object] | None = None,
    area: str = "overall",
    ax=None,
    picture: pd.DataFrame | None = None,
    title: str | None = None,
    source: str | None = None,
):
    """Share of authorities at each grade at each quarter end (default 2014 to the data date).

    Stacked to 100% of authorities with a judgement, Outstanding on top, with the latest
    shares labelled at the right and framework eras shaded. ``picture`` reuses a table from
    :func:`ofsted_analysis.judgements.asat.national_picture`. Returns the Axes.

    Five quarter ends here (the default, every quarter since 2014, takes a few seconds):

    >>> ax = plot_national_picture(j, quarter_ends("2024-03-31", "2025-03-31"))
    >>> print(st.alt_text(ax.figure))
    Stacked area chart ... At March 2025: Outstanding 22%, Good 44%, Requires improvement 22%,
    Inadequate 12%. The share good or outstanding was lowest, 60%, at March 2024.
    """
    area = check_area(area)
    if picture is None:
        if dates is None:
            end = data_date(judgements)
            dates = quarter_ends("2014-03-31", end)
        picture = national_picture(judgements, dates, area=area)
    ax = st.new_axes(ax, figsize=(10, 5.2))
    with st.style():
        _stack(ax, picture, labels=True)
        _percent_axis(ax)
        st.style_axes(ax, grid_axis=None)
        shade_eras(ax)  # behind the stack, so only their boundaries and names show
        ax.set_xlabel("Quarter end")
        ax.set_ylabel("Share of authorities with a judgement")
        last = picture["date"].max()
        gb = _good_or_better(picture)
        title = title or (
            f"{AREAS[area]}: {gb.iloc[-1]:.0f}% of authorities good or outstanding at {last:%B %Y}"
        )
        st.title(
            ax,
            title,
            "Each authority's grade at its most recent inspection, "
            "at the end of each quarter (reports published by then)",
        )
        st.note(ax, era_key(ax))
        st.source_line(ax.figure, source or st.source_text(judgements))
    ends = [t for t in ax.texts if t.get_gid() == "share-label"]
    layout.on_layout(
        ax.figure,
        lambda rend: layout.spread(ends, rend, *_y_span(ax, rend)),
        key=(id(ax), "shares"),
    )
    st.set_alt_text(ax.figure, _alt(picture, area))
    st.finish(ax)
    return ax


def _y_span(ax, rend) -> tuple[float, float]:
    box = ax.get_window_extent(rend)
    return box.y0, box.y1


def _good_or_better(picture: pd.DataFrame) -> pd.Series:
    return good_or_better_shares(picture, "date") * 100


def _covered(picture: pd.DataFrame) -> pd.DataFrame:
    """Quarters when at least half the authorities had a judgement (for quoted figures)."""
    cover = picture["n_judged"] / (picture["n_judged"] + picture["n_not_judged"])
    kept = picture[cover >= 0.5]
    return kept if len(kept) else picture


def _alt(picture: pd.DataFrame, area: str) -> str:
    def at(when):
        sub = picture[picture["date"] == when]
        sub = sub.set_index(sub["grade"].astype(str))["share"]
        return ", ".join(f"{g} {sub.get(g, 0) * 100:.0f}%" for g in reversed(GRADES))

    start = picture["date"].min()
    picture = _covered(picture)
    first, last = picture["date"].min(), picture["date"].max()
    gb = _good_or_better(picture)
    peak = gb.idxmin()
    few = "when under half of authorities had a judgement"
    faded = (
        f"quarters before {first:%B %Y}, {few}, are faded"
        if first > start
        else "every quarter shown had at least half of authorities judged"
    )
    return (
        f"Stacked area chart of the share of local authorities at each Ofsted grade for "
        f"{AREAS[area].lower()}, at each quarter end from {start:%B %Y} to {last:%B %Y}; "
        f"{faded}. At {first:%B %Y}: {at(first)}. At {last:%B %Y}: {at(last)}. "
        f"The share good or outstanding was lowest, {gb.min():.0f}%, at {peak:%B %Y}."
    )


def plot_national_picture_by_region(
    judgements: pd.DataFrame,
    dates: Iterable[object] | None = None,
    area: str = "overall",
    ax=None,
    ncols: int = 3,
    title: str | None = None,
    source: str | None = None,
    picture: pd.DataFrame | None = None,
):
    """The national picture drawn separately for each region (small multiples).

    ``picture`` reuses a table from :func:`ofsted_analysis.judgements.asat.national_picture`
    with ``by="region"`` (the notebook shows it beside the chart; computing it is most of
    the work). Returns the array of Axes (``ax`` may be a sequence of at least nine Axes).

    >>> axes = plot_national_picture_by_region(j, ["2024-03-31", "2025-03-31"])
    >>> len(axes.flat)
    9
    >>> print(st.alt_text(axes.flat[0].figure))
    Nine stacked area charts, one per region, ... London 85% to 88%; ...
    """
    area = check_area(area)
    if dates is None:
        end = data_date(judgements)
        dates = quarter_ends("2014-03-31", end)
    if picture is None:
        picture = national_picture(judgements, dates, area=area, by="region")
    pic = picture
    regions = sorted(pic["region"].unique())
    axes = list(ax) if ax is not None else list(st.new_grid(len(regions), ncols, panel=(3.6, 2.2)))
    fig = axes[0].figure
    lines = []
    with st.style():
        for region, pane in zip(regions, axes, strict=False):
            sub = pic[pic["region"] == region]
            _stack(pane, sub, labels=False)
            _percent_axis(pane)
            st.style_axes(pane, grid_axis=None)
            pane.tick_params(labelsize=7.5)
            gb = _good_or_better(_covered(sub))
            n = int(sub["n_judged"].iloc[-1])
            pane.set_title(
                f"{region}: {gb.iloc[-1]:.0f}% good+ ({n} LAs)",
                loc="left",
                fontsize=8.5,
                color=st.DARK_GREY,
            )
            lines.append(f"{region} {gb.iloc[0]:.0f}% to {gb.iloc[-1]:.0f}%")
        from matplotlib.dates import DateFormatter

        from .eras import year_locator

        for pane in axes:
            pane.xaxis.set_major_locator(year_locator(4))
            pane.xaxis.set_major_formatter(DateFormatter("%Y"))
        st.figure_title(
            fig,
            title or f"{AREAS[area]} by region: share of authorities at each grade",
            "Most recent inspection, at each quarter end",
        )
        _key(fig)
        st.source_line(fig, source or st.source_text(judgements))
    first, last = pic["date"].min(), pic["date"].max()
    st.set_alt_text(
        fig,
        f"Nine stacked area charts, one per region, of the share of "
        f"authorities at each grade for {AREAS[area].lower()} from "
        f"{first:%B %Y} to {last:%B %Y}. Share good or outstanding, from "
        f"the first quarter when half the region's authorities had a "
        f"judgement to the latest: " + "; ".join(lines) + ".",
    )
    st.finish(fig)
    return np.array(axes, dtype=object)


def _key(fig) -> None:
    """A one-line colour key under the figure title (small multiples can't be labelled)."""
    from matplotlib.patches import Patch

    handles = [Patch(color=st.GRADE_COLOURS[g], label=g) for g in reversed(GRADES)]
    key = fig.legend(
        handles=handles, ncols=4, fontsize=8.5, frameon=False, handlelength=1.2, borderaxespad=0
    )
    st.header_key(fig, key)  # under the subtitle, in the strip kept above the panels
