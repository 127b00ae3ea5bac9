"""Framework eras on a time axis: shaded bands, their names clear of the data, and a key to
what the names stand for; the years marked on such an axis (:func:`year_locator`)."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from ..core.frameworks import ERAS
from . import layout
from .style import ERA_FILL, FAINT_GREY, LIGHT_GREY, MARGIN


def year_locator(base: int) -> Any:
    """matplotlib's ``YearLocator(base)``: a tick on 1 January of every ``base``-th year.

    The same ticks, remembered for each view: laying out and drawing a chart asks an axis
    for its ticks hundreds of times (a small-multiples chart thousands), and matplotlib's
    locator works them out with dateutil's rrule each time, a tenth of such a chart's time.

    >>> import matplotlib.pyplot as plt
    >>> from matplotlib.dates import YearLocator, date2num
    >>> ax = plt.figure().add_subplot(xlim=date2num([date(2013, 6, 1), date(2026, 3, 31)]))
    >>> ax.xaxis.set_major_locator(year_locator(4))
    >>> list(ax.xaxis.get_majorticklocs()) == list(YearLocator(4, tz="UTC").tick_values(
    ...     *ax.xaxis.get_major_locator().viewlim_to_dt()))
    True
    """
    return _remembered_year_locator()(base)


_TICKS: dict[tuple, Any] = {}  # (base, time zone, view start, view end) -> tick positions


@cache
def _remembered_year_locator() -> type:
    from matplotlib.dates import YearLocator

    class RememberedYearLocator(YearLocator):
        def __init__(self, base: int) -> None:
            super().__init__(base)

        def tick_values(self, vmin, vmax):
            key = (self.base.step, str(self.tz), vmin, vmax)
            if key not in _TICKS:
                if len(_TICKS) > 4096:
                    _TICKS.clear()
                _TICKS[key] = super().tick_values(vmin, vmax)
            return _TICKS[key].copy()

    return RememberedYearLocator


def _num(d: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(d))


def shade_eras(ax, labels: bool = True, fontsize: float = 8) -> None:
    """Shade the inspection framework eras (``frameworks.ERAS``) behind the data and name them.

    Bands alternate light grey and white with a thin boundary line. Names sit in a strip just
    above the plot, clear of the data, one row or more (a name that would touch its neighbour,
    ILACS 2026 while it is young, goes on a row of its own); :func:`title` leaves room for
    them. Only eras that overlap the current x limits are drawn, and the limits are kept.
    """
    import pandas as pd

    x0, x1 = ax.get_xlim()
    today = date.today()
    names = []
    for i, (name, start, end) in enumerate(ERAS):
        a, b = _num(start), _num(end or max(today, pd.Timestamp(x1, unit="D").date()))
        if b <= x0 or a >= x1:
            continue
        lo, hi = max(a, x0), min(b, x1)
        ax.axvspan(lo, hi, color=ERA_FILL[i % 2], zorder=0, lw=0, gid=f"era:{name}")
        if a > x0:
            ax.axvline(a, color=LIGHT_GREY, lw=0.8, zorder=0.5, gid="era-boundary")
        if labels:
            label = layout.edge_label(
                ax,
                name,
                (lo + hi) / 2,
                "top",
                gap=2,
                fontsize=fontsize,
                color=FAINT_GREY,
                gid=f"era-label:{name}",
            )
            label.set_in_layout(False)  # the title's pad reserves the strip
            names.append(label)
    ax.set_xlim(x0, x1)
    # Registered even with no names, replacing the placer of an earlier chart on this Axes.
    layout.on_layout(ax.figure, lambda rend: _era_rows(ax, names, rend), key=(id(ax), "eras"))
    _era_rows(ax, names, layout.renderer(ax.figure))


def _era_rows(ax, names, rend) -> None:
    """Stack era names in rows above the Axes so none touches another or leaves the figure."""
    fig = ax.figure
    # Names stay over their own plot (a panel of small multiples has a neighbour to its right).
    edge = min(fig.bbox.x1 - MARGIN * fig.dpi, ax.get_window_extent(rend).x1)
    rows: list[list] = []
    for label in names:
        label.xyann = (0, 2)
        box = label.get_window_extent(rend)
        # Pull a name at the right edge back over the plot.
        dx = min(0.0, edge - box.x1) * 72 / fig.dpi
        label.xyann = (dx, 2)
        box = label.get_window_extent(rend)
        # The first row where it touches no name (3 pixels apart at least), else a new row.
        clear = (
            i for i, row in enumerate(rows) if not any(layout.overlaps(box, b, -3) for b in row)
        )
        k = next(clear, len(rows))
        if k == len(rows):
            rows.append([])
        step = box.height * 72 / fig.dpi + 1
        label.xyann = (dx, 2 + k * step)
        rows[k].append(label.get_window_extent(rend))
    line = max((b.height for row in rows for b in row), default=0) * 72 / fig.dpi + 1
    ax._ofsted_top_strip = 2 + len(rows) * line


def era_key(ax_or_axes) -> str:
    """What the framework names shaded on the Axes stand for, as one line for a note.

    >>> era_key([])
    ''
    """
    from ..core.frameworks import FRAMEWORK_SHORT, FRAMEWORKS

    axes = list(ax_or_axes) if hasattr(ax_or_axes, "__iter__") else [ax_or_axes]
    shown = {name for ax in axes for name in eras_on(ax)}
    back = {short: code for code, short in FRAMEWORK_SHORT.items()}
    parts = []
    for name, _start, _end in ERAS:
        if name in shown and name in back:
            words = FRAMEWORKS[back[name]].replace(f"({name})", "").replace("(CPI / CPRI)", "")
            parts.append(f"{name}: {' '.join(words.split())}")
    return ("Frameworks: " + "; ".join(parts) + ".") if parts else ""


def eras_on(ax) -> list[str]:
    """Names of the eras shaded on an Axes (for tests and alt text)."""
    return [
        p.get_gid().split(":", 1)[1] for p in ax.patches if (p.get_gid() or "").startswith("era:")
    ]
