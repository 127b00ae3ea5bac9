"""The one chart style every figure shares.

Colours come from the UK Government Analysis Function palette (accessible on white, designed for
categorical data). Each grade always has the same colour, in every chart:

=====================  =========  ==========================================
grade                  colour     why
=====================  =========  ==========================================
Outstanding            #12436D    dark blue: the strongest, coolest colour
Good                   #28A197    turquoise
Requires improvement   #F46A25    orange: warm, a warning
Inadequate             #801650    dark pink: the darkest warm colour
not judged / context   #BFBFBF    the palette's light grey for "no data"
=====================  =========  ==========================================

So cool colours mean good and warm colours mean poor, and the two ends are both dark, which keeps
them distinct for readers with colour-vision deficiency and in greyscale print.

Helpers: :func:`new_axes`, :func:`style_axes`, :func:`grade_axis`, :func:`title`,
:func:`note`, :func:`source_line` (saving: :mod:`.save`); framework eras are in
:mod:`ofsted_analysis.plots.eras`, text measuring and label placement in
:mod:`ofsted_analysis.plots.layout`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.rcsetup import cycler

from ..core.dates import long_date
from ..core.grades import GRADES
from . import layout

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

# Analysis Function categorical palette, in its recommended order.
DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
LIGHT_GREY = "#BFBFBF"
PALETTE: tuple[str, ...] = (DARK_BLUE, TURQUOISE, DARK_PINK, ORANGE, DARK_GREY, LIGHT_PURPLE)

GRADE_COLOURS: dict[str, str] = {
    "Outstanding": DARK_BLUE,
    "Good": TURQUOISE,
    "Requires improvement": ORANGE,
    "Inadequate": DARK_PINK,
}
NOT_JUDGED_COLOUR = LIGHT_GREY
NOTE_GREY = "#505050"  # subtitles, source lines, annotations: quieter than the data
FAINT_GREY = "#6F6F6F"  # era names and secondary axis labels
WHITE = "#FFFFFF"  # the light end of shading scales; empty cells

# Lines that join one authority's (or area's) inspections: neutral, so the markers carry grade.
SERIES_STYLES: tuple[tuple[str, str], ...] = (
    (DARK_GREY, "-"),
    (LIGHT_PURPLE, "-"),
    (DARK_GREY, "--"),
    (LIGHT_PURPLE, "--"),
    (DARK_GREY, ":"),
    (LIGHT_PURPLE, ":"),
)

GRADE_SHORT: dict[str, str] = {
    "Outstanding": "Outstanding",
    "Good": "Good",
    "Requires improvement": "Requires\nimprovement",
    "Inadequate": "Inadequate",
}

# Area SEND outcomes (2023 framework), worst first: a purple ramp with none of the grade
# colours, so an area SEND outcome is never read as a children's services grade.
SEND_COLOURS: dict[str, str] = {
    "systemic_failings": "#3F2A73",
    "inconsistent": "#8A6CC4",
    "positive": "#D9CCEF",
}

ERA_FILL = ("#F2F2F2", WHITE)  # alternate bands: visible on screen, quiet in print

RC: dict[RcKeyType, Any] = {
    # Arial is the Analysis Function's recommended font; DejaVu Sans is the fallback that ships
    # with matplotlib, so figures look the same on any machine without a font install.
    "font.family": "sans-serif",
    "font.sans-serif": ["Arial", "Helvetica", "Liberation Sans", "DejaVu Sans"],
    "font.size": 10,
    "axes.titlesize": 13,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    # Titles sit on the plot's top edge (their pad, set by title(), lifts them). Left to
    # matplotlib ("None"), every layout pass measures each Axes' tick labels again to see
    # whether a title must move above ticks on top, which none of these charts has.
    "axes.titley": 1.0,
    "axes.labelsize": 10,
    "axes.labelcolor": DARK_GREY,
    "axes.edgecolor": DARK_GREY,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "grid.color": "#D9D9D9",
    "grid.linewidth": 0.6,
    "xtick.color": DARK_GREY,
    "ytick.color": DARK_GREY,
    "text.color": DARK_GREY,
    "legend.frameon": False,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "svg.fonttype": "none",  # keep text as text in SVG: searchable, editable, screen-readable
    "svg.hashsalt": "ofsted-analysis",  # stable element ids: an unchanged figure, unchanged SVG
}

SOURCE_FONTSIZE = 8


def _plt():
    import matplotlib.pyplot as plt

    return plt


@contextmanager
def style() -> Iterator[None]:
    """Apply the shared rcParams for the duration of a block (never globally)."""
    import logging

    # Missing preferred fonts are expected (DejaVu is the fallback): silence the font warning.
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    interactive = matplotlib.is_interactive()
    try:
        with matplotlib.rc_context(RC):
            try:
                yield
            finally:
                interactive = matplotlib.is_interactive()
    finally:
        logger.setLevel(level)
        # rc_context restores every setting, interactive mode too. In Jupyter the first figure
        # loads the inline backend, which turns interactive mode on; undone on leaving this
        # block, every later chart in the session would silently not be displayed.
        matplotlib.interactive(interactive)


def new_axes(ax=None, figsize: tuple[float, float] = (9, 5)):
    """Return ``ax``, or a new Axes on a new figure laid out to leave room for a source line."""
    if ax is not None:
        return ax
    plt = _plt()
    with style():
        fig, ax = plt.subplots(figsize=figsize, layout=layout.SteadyLayout())
    _idle_draw_lays_out(fig)
    reserve_source_space(fig)
    return ax


def new_grid(
    n: int,
    ncols: int,
    panel: tuple[float, float] = (3.0, 1.9),
    sharex: bool = True,
    sharey: bool = True,
):
    """A figure with ``n`` panels in a grid; unused cells are hidden. Returns the Axes array."""
    plt = _plt()
    nrows = -(-n // ncols)
    with style():
        fig, axes = plt.subplots(
            nrows,
            ncols,
            figsize=(panel[0] * ncols, panel[1] * nrows + 1.2),
            sharex=sharex,
            sharey=sharey,
            layout=layout.SteadyLayout(),
            squeeze=False,
        )
    _idle_draw_lays_out(fig)
    reserve_source_space(fig)
    flat = axes.ravel()
    for extra in flat[n:]:
        extra.set_visible(False)
    return flat[:n]


def _idle_draw_lays_out(fig) -> None:
    """In a notebook (the inline backend), let pyplot's redraw of a changed figure at the end
    of a cell lay the figure out without painting it.

    The inline backend shows a figure by printing it to PNG after the cell, which lays it out
    and paints it afresh; the full draw pyplot asks for before that (``draw_idle`` on every
    changed figure, in interactive mode) painted a picture nobody saw: about a fifth of the
    notebooks' time. Laid out without painting, as matplotlib itself does before printing,
    the figure is left in the same state, so the PNG shown is the same, byte for byte."""
    if "inline" not in matplotlib.get_backend():
        return

    def lay_out(*_args, **_kwargs) -> None:
        fig.draw_without_rendering()

    fig.canvas.draw_idle = lay_out


MARGIN = 0.08  # inches kept clear at the figure's edges


TOP_INCHES = 0.65  # the least room above a grid of panels for its title and subtitle


def reserve_source_space(fig, inches: float = 0.0, top: float = 0.0) -> None:
    """Keep strips at the top (figure title, subtitle, key) and bottom (notes, source line)
    of a constrained-layout figure, as tall as the text wrapped into them and at least
    ``inches`` (bottom) and ``top`` high (room for a key the caller places there)."""
    fig._ofsted_min_strips = (inches, top)
    layout.on_layout(fig, lambda rend: _frame(fig, rend), key="frame")
    _frame(fig, layout.renderer(fig))


def _frame(fig, rend) -> None:
    """Wrap the figure-level texts to the figure's width and stack them: header items down
    from the top, notes and the source line up from the bottom; the layout engine's rect keeps
    the Axes between them."""
    dpi, h = fig.dpi, fig.get_figheight()
    margin = MARGIN * dpi
    room = fig.bbox.width - 2 * margin
    y = fig.bbox.height - margin
    for item in getattr(fig, "_ofsted_header", []):
        if hasattr(item, "set_bbox_to_anchor"):  # a legend (colour key)
            item.set_bbox_to_anchor((margin / fig.bbox.width, y / fig.bbox.height), fig.transFigure)
            y -= item.get_window_extent(rend).height + 4
            continue
        layout.wrap(item, item._ofsted_raw, room, rend)
        item.set_position((margin / fig.bbox.width, y / fig.bbox.height))
        y -= item.get_window_extent(rend).height + 3
    top = (fig.bbox.height - y) / dpi if getattr(fig, "_ofsted_header", None) else 0.0
    bottom = margin * 0.5
    for item in [getattr(fig, "_ofsted_source", None), *getattr(fig, "_ofsted_notes", [])]:
        if item is None:
            continue
        layout.wrap(item, item._ofsted_raw, room, rend)
        item.set_position((margin / fig.bbox.width, bottom / fig.bbox.height))
        bottom += item.get_window_extent(rend).height + 2
    least_bottom, least_top = getattr(fig, "_ofsted_min_strips", (0.0, 0.0))
    top = max(top, least_top)
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        low = max((bottom + 4) / dpi, least_bottom) / h
        engine.set(rect=(0, low, 1, 1 - low - top / h))


def style_axes(ax, grid_axis: str | None = "y") -> None:
    """Spines, ticks and light grid lines in the shared style."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(DARK_GREY)
    ax.tick_params(colors=DARK_GREY, labelsize=9)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=RC["grid.color"], linewidth=RC["grid.linewidth"])
        ax.set_axisbelow(True)


def grade_axis(ax, short: bool = False, visits_at: float | None = None) -> None:
    """Grades on the y axis, Inadequate at the bottom and Outstanding at the top.

    Grade ``i`` (position in :data:`GRADES`) is plotted at ``y = i``. ``visits_at`` adds a
    row below Inadequate named "Ungraded visits" (where visit ticks are drawn).
    """
    ticks = [float(i) for i in range(len(GRADES))]
    names = [GRADE_SHORT[g] if short else g for g in GRADES]
    if visits_at is not None:
        ticks, names = [visits_at, *ticks], ["Visits" if short else "Ungraded visits", *names]
    ax.set_yticks(ticks, names)
    colours = [NOTE_GREY] * (visits_at is not None) + [GRADE_COLOURS[g] for g in GRADES]
    # Through the Tick objects: on shared axes get_yticklabels() may not list them all yet.
    for tick, colour in zip(ax.yaxis.get_major_ticks(len(ticks)), colours, strict=True):
        tick.label1.set_color(colour)
        tick.label1.set_fontweight("normal" if colour == NOTE_GREY else "bold")
    ax.set_ylim(-0.6 if visits_at is None else visits_at - 0.3, len(GRADES) - 0.4)


SUBTITLE_SIZE = 9.5


def title(ax, text: str, subtitle: str | None = None) -> None:
    """Left-aligned bold title with an optional plain subtitle underneath.

    Both are wrapped to the width from the Axes' left edge to the figure's right edge
    (measured once the layout is known), and the title is lifted to leave room for the
    subtitle and the era names (:func:`shade_eras`) above the plot.
    """
    fig = ax.figure
    font = {"fontsize": RC["axes.titlesize"], "fontweight": "bold", "color": DARK_GREY}
    ax.set_title(text, loc="left", **font)
    sub = None
    if subtitle:
        sub = ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 2),
            textcoords="offset points",
            fontsize=SUBTITLE_SIZE,
            color=NOTE_GREY,
            ha="left",
            va="bottom",
            annotation_clip=False,
            gid="subtitle",
        )
        sub.set_in_layout(False)  # the title's pad reserves its room

    def place(rend) -> None:
        room = fig.bbox.x1 - MARGIN * fig.dpi - ax.get_window_extent(rend).x0
        strip = getattr(ax, "_ofsted_top_strip", 0.0)
        lift = strip
        if sub is not None and subtitle:
            layout.wrap(sub, subtitle, room, rend)
            sub.xyann = (0, strip + 2)
            lift += layout.height_pt(sub, rend) + 2
        wrapped = layout.wrap(ax._left_title, text, room, rend)
        ax.set_title(wrapped, loc="left", pad=lift + 5, **font)

    layout.on_layout(fig, place, key=(id(ax), "title"))
    place(layout.renderer(fig))


def _header_text(fig, text: str, size: float, gid: str, **kw):
    artist = fig.text(0, 1, text, ha="left", va="top", fontsize=size, gid=gid, **kw)
    artist._ofsted_raw = text
    fig.__dict__.setdefault("_ofsted_header", []).append(artist)
    return artist


def figure_title(fig, text: str, subtitle: str | None = None) -> None:
    """Title (and subtitle) at the top of a figure of several panels, wrapped to its width;
    the layout keeps the panels below them (:func:`reserve_source_space`)."""
    _header_text(
        fig, text, RC["axes.titlesize"] + 1, "figure-title", fontweight="bold", color=DARK_GREY
    )
    if subtitle:
        _header_text(fig, subtitle, SUBTITLE_SIZE, "figure-subtitle", color=NOTE_GREY)
    reserve_source_space(fig, *getattr(fig, "_ofsted_min_strips", (0.0, 0.0)))


def header_key(fig, legend) -> None:
    """Put a figure legend (a colour key) in the header, under the title and subtitle."""
    legend.set_in_layout(False)
    legend.set_loc("upper left")
    fig.__dict__.setdefault("_ofsted_header", []).append(legend)


def note(ax_or_fig, text: str) -> None:
    """Add a note above the source line (what a symbol means, what the data covers),
    wrapped to the figure's width. The same note twice is written once."""
    fig = _figure_of(ax_or_fig)
    notes = fig.__dict__.setdefault("_ofsted_notes", [])
    if any(n._ofsted_raw == text for n in notes):
        return
    artist = fig.text(
        0, 0, text, ha="left", va="bottom", fontsize=SOURCE_FONTSIZE, color=NOTE_GREY, gid="note"
    )
    artist._ofsted_raw = text
    notes.append(artist)
    reserve_source_space(fig, *getattr(fig, "_ofsted_min_strips", (0.0, 0.0)))


def notes_of(fig) -> list[str]:
    """The notes written under a figure (for tests and alt text)."""
    return [n._ofsted_raw for n in getattr(fig, "_ofsted_notes", [])]


def _figure_of(ax_or_fig):
    fig = getattr(ax_or_fig, "figure", None) or ax_or_fig
    return fig.get_figure() if hasattr(fig, "get_figure") and fig.get_figure() else fig


def source_line(ax_or_fig, text: str) -> None:
    """Write the source note ("Source: Ofsted ...") at the bottom left of the figure.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> source_line(ax, "Source: Ofsted, inspection outcomes published to 20 November 2026")
    >>> source_line(ax, "Source: Ofsted, inspection outcomes published to 20 August 2026")
    >>> [t.get_text() for t in fig.texts]  # written again, not twice
    ['Source: Ofsted, inspection outcomes published to 20 August 2026']
    """
    fig = _figure_of(ax_or_fig)
    existing = getattr(fig, "_ofsted_source", None)
    if existing is not None:
        existing.set_text(text)
        existing._ofsted_raw = text
        return
    fig._ofsted_source = fig.text(
        0.01,
        0.012,
        text,
        ha="left",
        va="bottom",
        fontsize=SOURCE_FONTSIZE,
        color=NOTE_GREY,
        gid="source-line",
    )
    fig._ofsted_source._ofsted_raw = text
    reserve_source_space(fig, *getattr(fig, "_ofsted_min_strips", (0.0, 0.0)))


def finish(ax_or_fig) -> None:
    """Lay the figure out and place its labels (:func:`ofsted_analysis.plots.layout.finish`)."""
    layout.finish(_figure_of(ax_or_fig))


def source_text(judgements=None, data_date: object = None) -> str:
    """The standard source note, naming Ofsted and the date of the latest report in the data."""
    import pandas as pd

    if data_date is None and judgements is not None and "published" in judgements:
        from ..judgements.prepare import data_date as date_of_data

        data_date = date_of_data(judgements)
    when = (
        ""
        if data_date is None or pd.isna(data_date)
        else (f"; reports published to {long_date(pd.Timestamp(data_date))}")
    )
    return (
        "Source: Ofsted, inspections of local authority children's services"
        f"{when}. Chart: ofsted-analysis."
    )


def set_alt_text(fig, text: str) -> None:
    """Attach a suggested alt text to a figure (read back by :func:`alt_text`)."""
    fig._ofsted_alt_text = text


def alt_text(fig) -> str | None:
    """The alt text a plot function suggested for this figure, if any."""
    return getattr(fig, "_ofsted_alt_text", None)
