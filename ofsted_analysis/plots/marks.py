"""The marks of a trajectory chart, shared by the one-authority chart and the small multiples:
a series' step line and grade markers (diamonds for "Adequate"), month-year labels, the ticks
of ungraded visits and their labels, placed so that none overlaps another.
"""

from __future__ import annotations

import pandas as pd

from ..core.words import and_list
from . import layout
from . import style as st
from .headlines import GRADE_POS, adequate

ERA_START = pd.Timestamp("2009-01-01")  # a margin before SLAC (June 2009) for labels
VISIT_Y = -0.55  # the row of ungraded visits: below Inadequate, named on the y axis


def line_end(a, end: pd.Timestamp) -> pd.Timestamp:
    """Where an authority's step line stops: the data date, or its last day if it was
    abolished before then (no grade is in force for an authority that no longer exists)."""
    if a.exists_to is not None:
        return min(end, pd.Timestamp(a.exists_to))
    return end


def _marker_paths(flags) -> list:
    """One marker path per point: a circle, or a diamond where ``flags`` is True."""
    from matplotlib.markers import MarkerStyle

    def path(m: str):
        style = MarkerStyle(m)
        return style.get_path().transformed(style.get_transform())

    circle, diamond = path("o"), path("D")
    return [diamond if f else circle for f in flags]


def draw_trajectory(
    ax,
    rows: pd.DataFrame,
    end: pd.Timestamp,
    offset: float = 0.0,
    line: tuple[str, str] = (st.DARK_GREY, "-"),
    label: str | None = None,
    point_labels: str | None = None,
    marker_size: float = 70,
    label_size: float = 9,
    skip_labels: set | None = None,
) -> list:
    """Draw one series (one authority, one area) on ``ax``: step line, markers, labels.

    ``point_labels`` is ``"above"``, ``"below"`` or ``None``: a month-year label at each marker
    (where :func:`plot_trajectory` places it: that side first, else the nearest clear spot),
    except at dates in ``skip_labels`` (already labelled by another series of the same
    authority); labelled dates are added to it. Returns the labels made.
    """
    if rows.empty:
        return []
    x = list(rows["date"]) + [end]
    y = [GRADE_POS[str(g)] + offset for g in rows["grade"]]
    ax.plot(
        x,
        y + [y[-1]],
        drawstyle="steps-post",
        color=line[0],
        linestyle=line[1],
        lw=1.6,
        zorder=3,
        solid_capstyle="butt",
        gid="trajectory-line",
    )
    colours = [st.GRADE_COLOURS[str(g)] for g in rows["grade"]]
    points = ax.scatter(
        rows["date"],
        y,
        s=marker_size,
        c=colours,
        edgecolors="white",
        linewidths=1.2,
        zorder=4,
        gid="inspections",
    )
    flags = adequate(rows)
    if flags.any():
        points.set_paths(_marker_paths(flags))
        points._ofsted_adequate = set(rows.loc[flags, "framework"].astype(str))
    made = []
    if point_labels:
        for when, yy, grade in zip(rows["date"], y, rows["grade"], strict=True):
            if skip_labels is not None:
                if when in skip_labels:
                    continue
                skip_labels.add(when)
            made.append(
                ax.annotate(
                    f"{when:%b %Y}",
                    (when, yy),
                    xytext=(0, 8 if point_labels == "above" else -8),
                    textcoords="offset points",
                    ha="center",
                    va="bottom" if point_labels == "above" else "top",
                    fontsize=label_size - 1,
                    color=st.GRADE_COLOURS[str(grade)],
                    zorder=5,
                    gid=f"point-label:{point_labels}",
                )
            )
    if label:
        # Just outside the right edge of the plot, level with where the line ends.
        made.append(
            layout.edge_label(
                ax,
                label,
                y[-1],
                "right",
                fontsize=label_size,
                color=line[0],
                fontweight="bold",
                gid="series-label",
            )
        )
    return made


def _visit_text(visits: pd.DataFrame) -> str:
    """'Focused visit Jan 2018', 'Monitoring visits Jul 2022, May 2024 and Feb 2025',
    '5 ungraded visits, Mar 2022 to Feb 2025'."""
    kinds = {str(e) for e in visits["event"]}
    dates = [f"{d:%b %Y}" for d in visits["date"]]
    if len(kinds) == 1 and len(visits) <= 3:
        kind = kinds.pop().replace("_", " ").capitalize()
        return f"{kind}{'s' if len(visits) > 1 else ''} {and_list(dates)}"
    if len(visits) <= 2:
        text = " and ".join(
            f"{str(r.event).replace('_', ' ')} {r.date:%b %Y}" for r in visits.itertuples()
        )
        return text[0].upper() + text[1:]
    return f"{len(visits)} ungraded visits, {dates[0]} to {dates[-1]}"


def draw_visits(
    ax, visits: pd.DataFrame, y: float = VISIT_Y, size: float = 12, caption: bool = True
) -> None:
    """Ungraded visits as short vertical ticks at ``y`` (focused and monitoring visits).

    With ``caption``, the visits are named beside their ticks; visits too close to name
    apart share one label (placed when the figure is laid out, so labels never overlap).
    """
    if visits is None or visits.empty:
        return
    visits = visits.sort_values("date", kind="mergesort")
    ax.scatter(
        visits["date"],
        [y] * len(visits),
        marker="|",
        s=size**2 / 2,
        c=st.DARK_GREY,
        linewidths=1.3,
        zorder=3,
        gid="visits",
    )
    if caption:
        ax._ofsted_visits = (visits, y)


def place_visit_labels(ax, rend) -> list:
    """Name the visits beside their ticks: start with one label per visit and merge
    neighbours whose labels would overlap (or run past the plot) until none do."""
    for old in getattr(ax, "_ofsted_visit_labels", []):
        if old.axes is ax:  # not already cleared away with the Axes
            old.remove()
    ax._ofsted_visit_labels = []
    visits, y = getattr(ax, "_ofsted_visits", None) or (None, None)
    if visits is None:
        return []
    bounds = ax.get_window_extent(rend)
    groups = [[i] for i in range(len(visits))] if len(visits) <= 4 else [list(range(len(visits)))]
    while True:
        labels = []
        for g in groups:
            part = visits.iloc[g]
            label = ax.annotate(
                _visit_text(part),
                (part["date"].iloc[0], y),
                xytext=(4, 0),
                textcoords="offset points",
                fontsize=7.5,
                color=st.NOTE_GREY,
                va="center",
                ha="left",
                gid="visit-label",
            )
            if label.get_window_extent(rend).x1 > bounds.x1:
                # No room to the right: end the label before the group's first tick, or, if
                # there is no room there either, at its last.
                label.xyann = (-4, 0)
                label.set_ha("right")
                if label.get_window_extent(rend).x0 < bounds.x0:
                    label.xy = (part["date"].iloc[-1], y)
            labels.append(label)
        boxes = [label.get_window_extent(rend) for label in labels]
        clash = next(
            (k for k in range(len(boxes) - 1) if layout.overlaps(boxes[k], boxes[k + 1], -2)),
            None,
        )
        if clash is None or len(groups) == 1:
            ax._ofsted_visit_labels = labels
            return boxes
        for label in labels:
            label.remove()
        groups[clash : clash + 2] = [groups[clash] + groups[clash + 1]]


def marker_boxes(ax, rend) -> list:
    """Display boxes of every inspection marker on the Axes (labels keep off them)."""
    from matplotlib.transforms import Bbox

    boxes = []
    for c in ax.collections:
        if c.get_gid() != "inspections":
            continue
        r = (c.get_sizes()[0] ** 0.5) / 2 * ax.figure.dpi / 72 if len(c.get_sizes()) else 4
        for px, py in ax.transData.transform(c.get_offsets()):
            boxes.append(Bbox.from_extents(px - r, py - r, px + r, py + r))
    return boxes
