"""Several authorities' trajectories side by side: small multiples, an authority beside its
DfE statistical neighbours, and every authority of a region.

Each panel is one authority's grades over time in the style of
:func:`ofsted_analysis.plots.trajectory.plot_trajectory`, on the same axes throughout.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

import numpy as np
import pandas as pd

from ..core.checks import check_area, check_region, resolve_authority, to_timestamp
from ..core.frameworks import AREAS
from ..core.neighbours import (
    LATEST,
    closeness_note,
    describe_neighbours,
    model_label,
    statistical_neighbours,
)
from ..judgements.coverage import visit_coverage
from ..judgements.history import trajectory
from ..judgements.prepare import data_date
from . import layout
from . import style as st
from .eras import era_key, shade_eras, year_locator
from .headlines import adequate, adequate_note, focused_and_monitoring, visits_note
from .marks import ERA_START, VISIT_Y, draw_trajectory, draw_visits, line_end


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
    any_visits, adequate_in = False, set()
    with st.style():
        for a, pane in zip(codes, axes, strict=False):
            rows = trajectory(judgements, a.la_code, area=area)
            draw_trajectory(pane, rows, line_end(a, x_end), marker_size=26)
            adequate_in |= set(rows.loc[adequate(rows), "framework"].astype(str))
            if events is not None:
                tr = trajectory(judgements, a.la_code, area=[], events=events)
                held = focused_and_monitoring(tr)
                draw_visits(pane, held, y=VISIT_Y, size=6, caption=False)
                any_visits = any_visits or not held.empty
            pane.set_xlim(x_start, x_end)
            st.grade_axis(pane, short=True, visits_at=VISIT_Y if events is not None else None)
            st.style_axes(pane, grid_axis="y")
            # Name the eras once, above the first panel; the others share its x axis.
            shade_eras(pane, labels=pane is axes[0], fontsize=6.5)
            pane.tick_params(labelsize=7.5)
            colour = st.DARK_BLUE if a.la_code == hi else st.DARK_GREY
            latest = f" ({rows['grade'].iloc[-1]})" if not rows.empty else " (not inspected)"
            font = {"fontsize": 8.5, "fontweight": "bold" if a.la_code == hi else "normal"}
            pane.set_title(a.la_name + latest, loc="left", color=colour, **font)
            layout.on_layout(
                fig,
                partial(_panel_title, pane, a.la_name + latest, {"color": colour, **font}),
                key=(id(pane), "title"),
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
                "shading marks framework eras"
                + ("; ticks show ungraded visits" if any_visits else "")
            ),
        )
        if adequate_in:
            st.note(fig, adequate_note(adequate_in))
        if any_visits and events is not None:
            st.note(fig, visits_note(events))
        st.note(fig, era_key(axes))
        st.source_line(fig, source or st.source_text(judgements))
    st.set_alt_text(
        fig,
        f"Small multiples of {AREAS[area].lower()} grades over time, one "
        f"panel per authority, Outstanding at the top. "
        + "; ".join(lines)
        + "."
        + (
            f" Ticks mark ungraded visits. {visit_coverage(events).text}"
            if any_visits and events is not None
            else ""
        ),
    )
    st.finish(fig)
    return np.array(axes, dtype=object)


def _panel_title(pane, text: str, font: dict, rend) -> None:
    """Wrap a panel's title to the panel's width, above the era names if it has them."""
    wrapped = layout.wrap(pane._left_title, text, pane.get_window_extent(rend).width, rend)
    pad = getattr(pane, "_ofsted_top_strip", 0.0) + 3
    pane.set_title(wrapped, loc="left", pad=pad, **font)


def _year_locator(start: pd.Timestamp, end: pd.Timestamp):
    span = (end - start).days / 365.25
    return year_locator(4 if span > 12 else 2)


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
    named in the subtitle and the alt text. Returns the authority's own panel (the first);
    its figure holds the others (``ax`` may be a sequence of at least eleven Axes).

    >>> ax = plot_neighbours(j, "Leeds")  # Leeds and its ten neighbours
    >>> len([a for a in ax.figure.axes if a.get_visible()])
    11
    >>> print(st.alt_text(ax.figure))
    Small multiples ... Leeds: 2015 Good, 2018 Outstanding, ...; Portsmouth: ... Leeds's 10
    statistical neighbours come from DfE's 2025 statistical-neighbour model: ...
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
    fig = axes[0].figure
    st.set_alt_text(fig, f"{st.alt_text(fig)} {describe_neighbours(nb, a.la_name)}")
    return axes[0]


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
