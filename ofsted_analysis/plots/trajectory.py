"""Trajectory charts: an authority's grades over time.

x is the date, y the grade with Outstanding at the top. Each inspection is a marker in its
grade's colour (a diamond where the framework called the grade "Adequate"); a step line
carries the grade in force until the next inspection; framework eras are shaded and named
above the plot; ungraded focused and monitoring visits are ticks on a row of their own. Labels
are placed clear of each other and of the markers (:mod:`ofsted_analysis.plots.layout`).
Several authorities side by side are in :mod:`ofsted_analysis.plots.groups`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..core.checks import check_area, resolve_authority, to_timestamp
from ..core.errors import InputError
from ..core.frameworks import AREAS
from ..judgements.coverage import visit_coverage
from ..judgements.history import trajectory
from ..judgements.prepare import data_date
from . import layout, send_lane
from . import style as st
from .eras import era_key, shade_eras
from .headlines import (
    AREA_SHORT,
    adequate,
    adequate_note,
    focused_and_monitoring,
    headline,
    headline_areas,
    visits_note,
)
from .marks import (
    ERA_START,
    VISIT_Y,
    draw_trajectory,
    draw_visits,
    line_end,
    marker_boxes,
    place_visit_labels,
)

__all__ = ["AREA_SHORT", "draw_trajectory", "draw_visits", "line_end", "plot_trajectory"]

RIGHT_PAD = pd.Timedelta(days=200)  # room after the data date for the last era's name
_GROUPS = ("plot_small_multiples", "plot_neighbours", "plot_region")


def __getattr__(name: str):
    # The charts of several authorities moved to groups.py; notebooks reach them from here.
    if name in _GROUPS:
        from . import groups

        return getattr(groups, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _series(judgements, authorities, areas, events, include_predecessors):
    out = []
    for name in authorities:
        a = resolve_authority(name)
        for area in areas:
            rows = trajectory(
                judgements, a.la_code, area=area, include_predecessors=include_predecessors
            )
            out.append((a, area, rows))
    visits = {}
    if events is not None:
        for name in authorities:
            a = resolve_authority(name)
            tr = trajectory(
                judgements,
                a.la_code,
                area=[],
                events=events,
                include_predecessors=include_predecessors,
            )
            visits[a.la_code] = focused_and_monitoring(tr)
    return out, visits


def _send_lanes(ax, send, names, include_predecessors: bool, no_visits: bool) -> list:
    """Each authority's SEND events on a lane of its own below the grades (none without
    ``send``); returns (authority, its rows) per lane drawn."""
    if send is None:
        return []
    from ..send.analysis import area_send_history

    drawn = []
    lanes = []
    for i, name in enumerate(names):
        a = resolve_authority(name)
        rows = area_send_history(send, a, include_predecessors)
        y = send_lane.lane_y(-0.25 if no_visits else VISIT_Y, i)
        send_lane.draw_send_lane(ax, rows, y)
        lanes.append((y, send_lane.lane_name(a.la_name if len(names) > 1 else None)))
        drawn.append((a, rows))
    send_lane.send_lane_axis(ax, lanes)
    return drawn


def _series_label(a, area: str, n_auth: int, n_area: int) -> str:
    if n_auth > 1 and n_area > 1:
        return f"{a.la_name}: {AREA_SHORT[area]}"
    return a.la_name if n_auth > 1 else AREA_SHORT[area]


def _place(ax, labels: list, rend) -> None:
    """Lay out one trajectory chart's labels: visits first, then month-year labels clear of
    them and of every marker, then the direct labels at the right spread apart."""
    bounds = ax.get_window_extent(rend)
    taken = place_visit_labels(ax, rend) + marker_boxes(ax, rend)
    points = [t for t in labels if (t.get_gid() or "").startswith("point-label")]
    below = [layout.AROUND[1], layout.AROUND[0], *layout.AROUND[4:6], *layout.AROUND[2:4]]
    options = [
        list(layout.AROUND) if t.get_gid().endswith("above") else below + list(layout.AROUND[6:])
        for t in points
    ]
    layout.place_clear(points, rend, bounds, taken, options)
    ends = [t for t in labels if t.get_gid() == "series-label"]
    layout.spread(ends, rend, bounds.y0, bounds.y1)


def plot_trajectory(
    judgements: pd.DataFrame,
    authorities: str | Sequence[str],
    area: str | Sequence[str] = "overall",
    events: pd.DataFrame | None = None,
    ax=None,
    include_predecessors: bool = False,
    start: object = None,
    end: object = None,
    point_labels: bool | None = None,
    title: str | None = None,
    source: str | None = None,
    send: pd.DataFrame | None = None,
):
    """Chart one or several authorities' grades over time, in one or several areas.

    Each (authority, area) pair is one series: a step line (neutral colour, labelled at its
    right end) and a marker per graded inspection in the grade's colour (a diamond where the
    framework called the grade "Adequate", with a note saying so). With one or two series,
    each marker is labelled with its month and year. For one authority the title tells its
    story from the rows drawn: in one area the journey, naming the dates compared; over
    several areas the low point and the latest grade in each area, each with its area and
    years. Ungraded visits (``events``) are ticks on a row of their own, with a note of the
    periods the visit records cover. Notes under the chart explain the framework names
    shaded. With ``send`` (the ``area_send`` table, :func:`ofsted_analysis.load_area_send`),
    each authority's area SEND inspections are drawn on a row of their own below the grades
    (:mod:`ofsted_analysis.plots.send_lane`: own markers and words, not on the grade scale).
    Returns the Axes.

    >>> ax = plot_trajectory(j, "Leeds", ["overall", "help_and_protection"], events=ev)
    >>> print(st.alt_text(ax.figure))
    Step chart ... Leeds, children who need help and protection: January 2010 Inadequate
    (SLAC); October 2011 Requires improvement (SLAC: "Adequate"); January 2015 Good (SIF); ...
    """
    names = _as_list(authorities)
    areas = _as_list(area)
    for a in areas:
        check_area(a)
    if not names or not areas:
        raise InputError(
            "authorities/area", (authorities, area), "at least one authority and one area"
        )
    series, visits = _series(judgements, names, areas, events, include_predecessors)
    x_end = to_timestamp(end) if end is not None else data_date(judgements)
    x_start = to_timestamp(start) if start is not None else ERA_START

    ax = st.new_axes(ax, figsize=(10, 5.4))
    ax._ofsted_visits = None  # an earlier chart's on this Axes, if any, is gone
    fig = ax.figure
    n = len(series)
    # Several series share the grade rows: spread them a little so lines don't hide each other.
    # The first series sits highest, so its date labels go above and the others' below.
    offsets = [0.0] if n == 1 else [0.14 * ((n - 1) / 2 - i) for i in range(n)]
    if point_labels is None:
        point_labels = n <= 2
    labelled: dict[str, set] = {}
    labels = []
    with st.style():
        for i, (a, ar, rows) in enumerate(series):
            label = _series_label(a, ar, len(names), len(areas)) if n > 1 else None
            where = None
            if point_labels:
                where = "above" if (n == 1 or i == 0) else "below"
            labels += draw_trajectory(
                ax,
                rows,
                line_end(a, x_end),
                offsets[i],
                st.SERIES_STYLES[i % 6],
                label,
                where,
                skip_labels=labelled.setdefault(a.la_code, set()),
            )
        all_visits = pd.concat(list(visits.values())) if visits else pd.DataFrame()
        draw_visits(ax, all_visits)
        st.grade_axis(ax, visits_at=None if all_visits.empty else VISIT_Y)
        send_rows = _send_lanes(ax, send, names, include_predecessors, all_visits.empty)
        ax.set_xlim(x_start, x_end + RIGHT_PAD)
        st.style_axes(ax, grid_axis="y")
        shade_eras(ax)
        ax.set_xlabel("Date of inspection (fieldwork start; report date where that is unknown)")
        ax.set_ylabel("Ofsted grade")
        subtitle = None
        if title is None:
            title, subtitle = _titles(series, names, areas, not all_visits.empty)
            if send_rows:
                subtitle += "\nArea SEND inspections on their own row below (not a grade)"
        st.title(ax, title, subtitle)
        adequate_in = set().union(*(getattr(c, "_ofsted_adequate", set()) for c in ax.collections))
        if adequate_in:
            st.note(ax, adequate_note(adequate_in))
        if events is not None and not all_visits.empty:
            st.note(ax, visits_note(events))
        st.note(ax, era_key(ax))
        if send_rows:
            st.note(ax, send_lane.key_text(pd.concat([rows for _a, rows in send_rows])))
        st.source_line(fig, source or st.source_text(judgements))
    layout.on_layout(fig, lambda rend: _place(ax, labels, rend), key=(id(ax), "labels"))
    st.set_alt_text(
        fig,
        " ".join(
            [_alt(series, visits, events)]
            + [send_lane.send_alt(a.la_name, rows) for a, rows in send_rows]
        ),
    )
    st.finish(fig)
    return ax


def _titles(series, names, areas, with_visits: bool) -> tuple[str, str]:
    who = " and ".join(a.la_name for a in dict.fromkeys(a for a, _, _ in series))
    what = ", ".join(AREA_SHORT[a] for a in areas)
    drawn = [(ar, rows) for _a, ar, rows in series if not rows.empty]
    if len(names) == 1 and len(drawn) == 1:
        title = f"{who}: {headline(drawn[0][1], drawn[0][0])}"
    elif len(names) == 1 and drawn:
        title = f"{who}: {headline_areas(drawn)}"
    else:
        title = f"{who}: {what.lower()} over time"
    subtitle = f"{what}; one marker per inspection, coloured by grade" + (
        "; ticks show ungraded visits" if with_visits else ""
    )
    ended = [a.ended for a in dict.fromkeys(a for a, _, _ in series) if a.ended]
    if ended:
        subtitle += "\n" + " ".join(ended)
    return title, subtitle


def _alt(series, visits, events) -> str:
    parts = []
    for a, area, rows in series:
        if rows.empty:
            parts.append(f"{a.la_name} has no {AREAS[area].lower()} judgement in the data.")
            continue
        flags = adequate(rows)
        steps = "; ".join(
            f"{r.date:%B %Y} {r.grade} ({r.framework.upper()}" + (': "Adequate")' if flag else ")")
            for r, flag in zip(rows.itertuples(), flags, strict=True)
        )
        parts.append(f"{a.la_name}, {AREAS[area].lower()}: {steps}.")
    n_visits = sum(len(v) for v in visits.values())
    tail = (
        f" {n_visits} ungraded visits are marked as ticks. {visit_coverage(events).text}"
        if n_visits
        else ""
    )
    return (
        "Step chart of Ofsted grades over time, Outstanding at the top, framework eras "
        "shaded. " + " ".join(parts) + tail
    )
