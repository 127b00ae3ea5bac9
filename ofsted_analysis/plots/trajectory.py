"""Trajectory charts: an authority's grades over time, and small multiples of several.

x is the date, y the grade with Outstanding at the top. Each inspection is a marker in its
grade's colour; a step line carries the grade in force until the next inspection; framework
eras are shaded and named; ungraded focused and monitoring visits are ticks along the bottom.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from ..core.checks import check_area, check_region, resolve_authority, to_timestamp
from ..core.errors import InputError
from ..core.frameworks import AREAS
from ..core.grades import GRADES
from ..core.neighbours import (
    LATEST,
    closeness_note,
    describe_neighbours,
    model_label,
    statistical_neighbours,
)
from ..judgements.history import trajectory
from ..judgements.prepare import data_date
from . import style as st

AREA_SHORT = {
    "overall": "Overall effectiveness",
    "leadership": "Leadership",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "LSCB",
}
ERA_START = pd.Timestamp("2009-01-01")  # a margin before SLAC (June 2009) for labels
RIGHT_PAD = pd.Timedelta(days=200)  # room after the data date for the last era's name
VISIT_Y = -0.42  # where ungraded visits sit: below Inadequate, inside the axes
GRADE_POS = {g: i for i, g in enumerate(GRADES)}


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
            visits[a.la_code] = tr[tr["ungraded"]]
    return out, visits


def _line_end(a, end: pd.Timestamp) -> pd.Timestamp:
    """Where an authority's step line stops: the data date, or its last day if it was
    abolished before then (no grade is in force for an authority that no longer exists)."""
    if a.exists_to is not None:
        return min(end, pd.Timestamp(a.exists_to))
    return end


def _series_label(a, area: str, n_auth: int, n_area: int) -> str:
    if n_auth > 1 and n_area > 1:
        return f"{a.la_name}: {AREA_SHORT[area]}"
    return a.la_name if n_auth > 1 else AREA_SHORT[area]


def _headline(rows: pd.DataFrame, area: str) -> str:
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
            else (f"{high} at its highest")
        )
        return (
            f"{what} {grades[0]} in {first['date']:%b %Y} and in {last['date']:%b %Y}, "
            f"{between} between"
        )
    return f"{what} from {grades[0]} ({first['date']:%b %Y}) to {grades[-1]} ({last['date']:%b %Y})"


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
) -> None:
    """Draw one series (one authority, one area) on ``ax``: step line, markers, labels.

    ``point_labels`` is ``"above"``, ``"below"`` or ``None``: a month-year label at each marker,
    except at dates in ``skip_labels`` (already labelled by another series of the same
    authority); labelled dates are added to it.
    """
    if rows.empty:
        return
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
    ax.scatter(
        rows["date"],
        y,
        s=marker_size,
        c=colours,
        edgecolors="white",
        linewidths=1.2,
        zorder=4,
        gid="inspections",
    )
    if point_labels:
        dy = 9 if point_labels == "above" else -9
        for when, yy, grade in zip(rows["date"], y, rows["grade"], strict=True):
            if skip_labels is not None:
                if when in skip_labels:
                    continue
                skip_labels.add(when)
            ax.annotate(
                f"{when:%b %Y}",
                (when, yy),
                xytext=(0, dy),
                textcoords="offset points",
                ha="center",
                va="bottom" if dy > 0 else "top",
                fontsize=label_size - 1,
                color=st.GRADE_COLOURS[str(grade)],
                zorder=5,
            )
    if label:
        # Just outside the right edge of the plot, level with where the line ends.
        ax.annotate(
            label,
            (1, y[-1]),
            xycoords=("axes fraction", "data"),
            xytext=(6, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=label_size,
            color=line[0],
            fontweight="bold",
            gid="series-label",
            annotation_clip=False,
        )


def draw_visits(
    ax, visits: pd.DataFrame, y: float = VISIT_Y, size: float = 12, caption: bool = True
) -> None:
    """Ungraded visits as short vertical ticks at ``y`` (focused and monitoring visits)."""
    if visits is None or visits.empty:
        return
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
    if caption and len(visits) <= 4:
        # A handful of visits: name each one, so the reader needn't guess what a tick is.
        for r in visits.itertuples():
            kind = str(r.event).replace("_", " ").capitalize()
            ax.annotate(
                f"{kind}\n{r.date:%b %Y}",
                (r.date, y),
                xytext=(5, 0),
                textcoords="offset points",
                fontsize=7.5,
                color=st.NOTE_GREY,
                va="center",
                ha="left",
            )
    if caption:
        ax.annotate(
            "Ungraded visits",
            (0, y),
            xycoords=("axes fraction", "data"),
            xytext=(4, 7),
            textcoords="offset points",
            fontsize=7.5,
            color=st.NOTE_GREY,
            va="bottom",
        )


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
):
    """Chart one or several authorities' grades over time, in one or several areas.

    Each (authority, area) pair is one series: a step line (neutral colour, labelled at its
    right end) and a marker per graded inspection in the grade's colour. With one series, each
    marker is labelled with its month and year. For one authority the title states the journey
    in the first area given, naming the judgement and the dates compared, and is true of every
    point of that series (a grade unchanged at every inspection is said so). Ungraded
    visits (``events``) are ticks along the bottom. Returns the Axes.

    >>> ax = plot_trajectory(j, "Leeds", ["overall", "help_and_protection"], events=ev)
    >>> print(st.alt_text(ax.figure))
    Step chart ... Leeds, children who need help and protection: January 2010 Inadequate
    (SLAC); October 2011 Requires improvement (SLAC); January 2015 Good (SIF); October 2018
    Outstanding (ILACS); February 2022 Good (ILACS); June 2025 Good (ILACS). 1 ungraded visits
    are marked as ticks.
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
    fig = ax.figure
    n = len(series)
    # Several series share the grade rows: spread them a little so lines don't hide each other.
    # The first series sits highest, so its date labels go above and the others' below.
    offsets = [0.0] if n == 1 else [0.14 * ((n - 1) / 2 - i) for i in range(n)]
    if point_labels is None:
        point_labels = n <= 2
    labelled: dict[str, set] = {}
    with st.style():
        for i, (a, ar, rows) in enumerate(series):
            label = _series_label(a, ar, len(names), len(areas)) if n > 1 else None
            where = None
            if point_labels:
                where = "above" if (n == 1 or i == 0) else "below"
            draw_trajectory(
                ax,
                rows,
                _line_end(a, x_end),
                offsets[i],
                st.SERIES_STYLES[i % 6],
                label,
                where,
                skip_labels=labelled.setdefault(a.la_code, set()),
            )
        all_visits = pd.concat(list(visits.values())) if visits else pd.DataFrame()
        draw_visits(ax, all_visits)
        st.grade_axis(ax)
        if not all_visits.empty:
            ax.set_ylim(-0.75, len(GRADES) - 0.35)
        ax.set_xlim(x_start, x_end + RIGHT_PAD)
        st.style_axes(ax, grid_axis="y")
        st.shade_eras(ax)
        ax.set_xlabel("Date of inspection (fieldwork start; report date where that is unknown)")
        ax.set_ylabel("Ofsted grade")
        if title is None:
            who = " and ".join(a.la_name for a in dict.fromkeys(a for a, _, _ in series))
            what = ", ".join(AREA_SHORT[a] for a in areas)
            first_area = series[0][2] if series else pd.DataFrame()
            if len(names) == 1 and not first_area.empty:
                # The journey in one judgement (the first area asked for), never a grade of
                # one judgement paired with a grade of another.
                title = f"{who}: {_headline(first_area, areas[0])}"
            else:
                title = f"{who}: {what.lower()} over time"
            subtitle = f"{what}; one marker per inspection, coloured by grade" + (
                "; ticks show ungraded visits" if not all_visits.empty else ""
            )
            ended = [a.ended for a in dict.fromkeys(a for a, _, _ in series) if a.ended]
            if ended:
                subtitle += "\n" + " ".join(ended)
        else:
            subtitle = None
        st.title(ax, title, subtitle)
        st.source_line(fig, source or st.source_text(judgements))
    st.set_alt_text(fig, _alt(series, visits, areas))
    return ax


def _alt(series, visits, areas) -> str:
    parts = []
    for a, area, rows in series:
        if rows.empty:
            parts.append(f"{a.la_name} has no {AREAS[area].lower()} judgement in the data.")
            continue
        steps = "; ".join(
            f"{r.date:%B %Y} {r.grade} ({r.framework.upper()})" for r in rows.itertuples()
        )
        parts.append(f"{a.la_name}, {AREAS[area].lower()}: {steps}.")
    n_visits = sum(len(v) for v in visits.values())
    tail = f" {n_visits} ungraded visits are marked as ticks." if n_visits else ""
    return (
        "Step chart of Ofsted grades over time, Outstanding at the top, framework eras "
        "shaded. " + " ".join(parts) + tail
    )


# --- small multiples ------------------------------------------------------------------------


def plot_small_multiples(
    judgements: pd.DataFrame,
    authorities: Sequence[str],
    area: str = "overall",
    events: pd.DataFrame | None = None,
    ax=None,
    ncols: int = 4,
    highlight: str | None = None,
    start: object = None,
    end: object = None,
    title: str | None = None,
    subtitle: str | None = None,
    source: str | None = None,
):
    """One small trajectory panel per authority, same axes throughout. Returns the Axes array.

    ``ax`` may be a sequence of Axes (at least one per authority) to draw into; by default a
    new figure is made. ``highlight`` names the authority to emphasise (its panel title in
    dark blue, drawn first).

    >>> axes = plot_small_multiples(j, ["Leeds", "Bradford", "Kirklees"])
    >>> len(axes.flat)
    3
    >>> print(st.alt_text(axes.flat[0].figure))
    Small multiples of overall effectiveness grades over time, one panel per authority,
    Outstanding at the top. Leeds: 2015 Good, 2018 Outstanding, 2022 Outstanding, 2025
    Outstanding; Bradford: 2014 Requires improvement, 2018 Inadequate, 2022 Inadequate, 2026
    Requires improvement; Kirklees: 2016 Inadequate, 2019 Requires improvement, 2024 Good.
    """
    codes = [resolve_authority(n) for n in authorities]
    area = check_area(area)
    x_end = to_timestamp(end) if end is not None else data_date(judgements)
    x_start = to_timestamp(start) if start is not None else ERA_START
    axes = list(ax) if ax is not None else list(st.new_grid(len(codes), ncols))
    fig = axes[0].figure
    hi = resolve_authority(highlight).la_code if highlight else None
    lines = []
    with st.style():
        for a, pane in zip(codes, axes, strict=False):
            rows = trajectory(judgements, a.la_code, area=area)
            draw_trajectory(pane, rows, _line_end(a, x_end), marker_size=26)
            if events is not None:
                tr = trajectory(judgements, a.la_code, area=[], events=events)
                draw_visits(pane, tr[tr["ungraded"]], size=6, caption=False)
            pane.set_xlim(x_start, x_end)
            st.grade_axis(pane, short=True)
            pane.set_ylim(-0.7, len(GRADES) - 0.4)
            st.style_axes(pane, grid_axis="y")
            # Name the eras once, in the first panel; the others share its x axis.
            st.shade_eras(pane, labels=pane is axes[0], fontsize=6.5)
            pane.tick_params(labelsize=7.5)
            colour = st.DARK_BLUE if a.la_code == hi else st.DARK_GREY
            latest = f" ({rows['grade'].iloc[-1]})" if not rows.empty else " (not inspected)"
            pane.set_title(
                a.la_name + latest,
                loc="left",
                fontsize=8.5,
                fontweight="bold" if a.la_code == hi else "normal",
                color=colour,
            )
            if a.la_code == hi:
                for side in ("left", "bottom"):
                    pane.spines[side].set_color(st.DARK_BLUE)
                    pane.spines[side].set_linewidth(1.6)
            lines.append(
                f"{a.la_name}: "
                + (", ".join(f"{r.date:%Y} {r.grade}" for r in rows.itertuples()) or "no judgement")
            )
        for pane in axes:
            pane.xaxis.set_major_locator(_year_locator(x_start, x_end))
            pane.xaxis.set_major_formatter(_year_formatter())
        st.figure_title(
            fig,
            title or f"{AREAS[area]}: Ofsted judgements over time",
            subtitle
            or (
                "One marker per graded inspection, coloured by grade; "
                "shading marks framework eras (SLAC, CPI, SIF, ILACS)"
            ),
        )
        st.source_line(fig, source or st.source_text(judgements))
    st.set_alt_text(
        fig,
        f"Small multiples of {AREAS[area].lower()} grades over time, one "
        f"panel per authority, Outstanding at the top. " + "; ".join(lines) + ".",
    )
    import numpy as np

    return np.array(axes, dtype=object)


def _year_locator(start: pd.Timestamp, end: pd.Timestamp):
    from matplotlib.dates import YearLocator

    span = (end - start).days / 365.25
    return YearLocator(4 if span > 12 else 2)


def _year_formatter():
    from matplotlib.dates import DateFormatter

    return DateFormatter("%Y")


def plot_neighbours(
    judgements: pd.DataFrame,
    authority: str,
    area: str = "overall",
    events: pd.DataFrame | None = None,
    ax=None,
    model: object = LATEST,
    path=None,
    **kwargs,
):
    """An authority beside its ten DfE statistical neighbours (small multiples); ``model``
    (default the newest held: :func:`~ofsted_analysis.core.neighbours.resolve_model`) is
    named in the subtitle.

    >>> axes = plot_neighbours(j, "Leeds")  # Leeds and its ten neighbours
    >>> len(axes.flat)
    11
    >>> print(st.alt_text(axes.flat[0].figure))
    Small multiples ... Leeds: 2015 Good, 2018 Outstanding, ...; Portsmouth: ...
    """
    a = resolve_authority(authority)
    nb = statistical_neighbours(a, model, path)
    names = [a.la_code] + [c for c in nb["la_code"].dropna()]
    kwargs.setdefault("title", f"{a.la_name} and its statistical neighbours: {AREAS[area].lower()}")
    note = closeness_note(nb, a.la_name)
    kwargs.setdefault(
        "subtitle",
        f"{model_label(nb.attrs['model'])}, in order of closeness; one marker per graded "
        "inspection" + (f". {note}" if note else ""),
    )
    axes = plot_small_multiples(
        judgements, names, area=area, events=events, ax=ax, highlight=a.la_code, **kwargs
    )
    fig = axes.flat[0].figure
    st.set_alt_text(fig, f"{st.alt_text(fig)} {describe_neighbours(nb, a.la_name)}")
    return axes


def plot_region(
    judgements: pd.DataFrame,
    region: str,
    area: str = "overall",
    events: pd.DataFrame | None = None,
    ax=None,
    when: object = None,
    **kwargs,
):
    """All authorities of a region (current at ``when``, default today) as small multiples.

    >>> axes = plot_region(j, "North East")  # its 12 authorities
    >>> len(axes.flat)
    12
    >>> print(st.alt_text(axes.flat[0].figure))
    Small multiples ... Darlington: 2015 Inadequate, 2018 Requires improvement, ...
    """
    region = check_region(region)  # the register's spelling, for the title
    members = _region_members(region, when)
    kwargs.setdefault("ncols", 5 if len(members) > 16 else 4)
    kwargs.setdefault("title", f"{region}: {AREAS[area].lower()} over time")
    return plot_small_multiples(judgements, members, area=area, events=events, ax=ax, **kwargs)


def _region_members(region: str, when: object = None) -> list[str]:
    from ..core.authorities import register

    day = to_timestamp(when).date() if when is not None else date.today()
    region = check_region(region)
    return sorted(
        (a.la_code for a in register().authorities if a.region == region and a.exists_on(day)),
        key=lambda c: register().get(c).la_name,  # c is a code: get() is by_gss()
    )
