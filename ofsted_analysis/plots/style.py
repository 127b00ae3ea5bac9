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

Helpers: :func:`new_axes`, :func:`style_axes`, :func:`grade_axis`, :func:`shade_eras`,
:func:`title`, :func:`source_line`, :func:`save_figure`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.rcsetup import cycler

from ..core.dates import long_date
from ..core.frameworks import ERAS
from ..core.grades import GRADES

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
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
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
            layout="constrained",
            squeeze=False,
        )
    reserve_source_space(fig, top=TOP_INCHES)
    flat = axes.ravel()
    for extra in flat[n:]:
        extra.set_visible(False)
    return flat[:n]


def reserve_source_space(fig, inches: float = 0.3, top: float = 0.0) -> None:
    """Keep a strip at the bottom of a constrained-layout figure for the source line (and,
    with ``top``, one at the top for a figure title)."""
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set"):
        h = fig.get_figheight()
        bottom, upper = min(0.2, inches / h), min(0.3, top / h)
        engine.set(rect=(0, bottom, 1, 1 - bottom - upper))


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


def grade_axis(ax, short: bool = False) -> None:
    """Grades on the y axis, Inadequate at the bottom and Outstanding at the top.

    Grade ``i`` (position in :data:`GRADES`) is plotted at ``y = i``.
    """
    ax.set_yticks(range(len(GRADES)), [GRADE_SHORT[g] if short else g for g in GRADES])
    # Through the Tick objects: on shared axes get_yticklabels() may not list them all yet.
    for tick, grade in zip(ax.yaxis.get_major_ticks(len(GRADES)), GRADES, strict=True):
        tick.label1.set_color(GRADE_COLOURS[grade])
        tick.label1.set_fontweight("bold")
    ax.set_ylim(-0.6, len(GRADES) - 0.4)


def _num(d: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(d))


def shade_eras(ax, labels: bool = True, fontsize: float = 8) -> None:
    """Shade the inspection framework eras (``frameworks.ERAS``) behind the data and name them.

    Bands alternate light grey and white with a thin boundary line; labels sit inside the top of
    the plot. Only eras that overlap the current x limits are drawn, and the limits are kept.
    """
    import pandas as pd
    from matplotlib.transforms import blended_transform_factory

    x0, x1 = ax.get_xlim()
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    today = date.today()
    for i, (name, start, end) in enumerate(ERAS):
        a, b = _num(start), _num(end or max(today, pd.Timestamp(x1, unit="D").date()))
        if b <= x0 or a >= x1:
            continue
        lo, hi = max(a, x0), min(b, x1)
        ax.axvspan(lo, hi, color=ERA_FILL[i % 2], zorder=0, lw=0, gid=f"era:{name}")
        if a > x0:
            ax.axvline(a, color=LIGHT_GREY, lw=0.8, zorder=0.5, gid="era-boundary")
        if labels:
            # A narrow band (ILACS 2026 while it is young) gets its name written vertically.
            narrow = (hi - lo) < 0.06 * (x1 - x0)
            ax.text(
                (lo + hi) / 2,
                0.985,
                name,
                transform=trans,
                ha="center",
                va="top",
                fontsize=fontsize - (0.5 if narrow else 0),
                color=FAINT_GREY,
                zorder=1,
                gid=f"era-label:{name}",
                rotation=90 if narrow else 0,
                clip_on=True,
            )
    ax.set_xlim(x0, x1)


def eras_on(ax) -> list[str]:
    """Names of the eras shaded on an Axes (for tests and alt text)."""
    return [
        p.get_gid().split(":", 1)[1] for p in ax.patches if (p.get_gid() or "").startswith("era:")
    ]


def title(ax, text: str, subtitle: str | None = None) -> None:
    """Left-aligned bold title with an optional plain subtitle underneath.

    A title too long for the space from the axes' left edge to the figure's right edge is
    wrapped onto more lines rather than cut off; a subtitle may have several lines.
    """
    import textwrap

    # Inches from the axes' left edge (after the grade labels) to the figure's right edge.
    room = max(ax.figure.get_figwidth() - 2.2, 3.0)
    per_inch = 72 / (0.7 * RC["axes.titlesize"])  # bold characters per inch, with margin
    text = "\n".join(textwrap.wrap(text, width=max(30, int(room * per_inch)))) or text
    # Blank lines under the title reserve room for the subtitle in the layout.
    blank = "\n" * (subtitle.count("\n") + 1) if subtitle else ""
    ax.set_title(
        text + blank, loc="left", fontsize=RC["axes.titlesize"], fontweight="bold", color=DARK_GREY
    )
    if subtitle:
        ax.annotate(
            subtitle,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, 9),
            textcoords="offset points",
            fontsize=9.5,
            color=NOTE_GREY,
            ha="left",
            va="bottom",
            annotation_clip=False,
        )


TOP_INCHES = 0.65  # strip reserved above a grid of panels for its title and subtitle


def figure_title(fig, text: str, subtitle: str | None = None) -> None:
    """Title (and subtitle) in the strip :func:`new_grid` reserves above a grid of panels."""
    h = fig.get_figheight()
    fig.text(
        0.01,
        1 - 0.08 / h,
        text,
        ha="left",
        va="top",
        fontsize=RC["axes.titlesize"] + 1,
        fontweight="bold",
        color=DARK_GREY,
        gid="figure-title",
    )
    if subtitle:
        fig.text(
            0.01,
            1 - 0.36 / h,
            subtitle,
            ha="left",
            va="top",
            fontsize=9.5,
            color=NOTE_GREY,
            gid="figure-subtitle",
        )


def source_line(ax_or_fig, text: str) -> None:
    """Write the source note ("Source: Ofsted ...") at the bottom left of the figure.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> source_line(ax, "Source: Ofsted, inspection outcomes published to 20 November 2026")
    >>> source_line(ax, "Source: Ofsted, inspection outcomes published to 20 August 2026")
    >>> [t.get_text() for t in fig.texts]  # written again, not twice
    ['Source: Ofsted, inspection outcomes published to 20 August 2026']
    """
    fig = getattr(ax_or_fig, "figure", None) or ax_or_fig
    fig = fig.get_figure() if hasattr(fig, "get_figure") and fig.get_figure() else fig
    existing = getattr(fig, "_ofsted_source", None)
    if existing is not None:
        existing.set_text(text)
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


def save_figure(fig, path: str | Path, alt_text: str | None) -> list[Path]:
    """Write ``<path>.png`` (200 dpi), ``<path>.svg`` and ``<path>.alt.txt``.

    ``path`` may carry any suffix (it is replaced). ``alt_text`` is the description a screen
    reader gives instead of the image; pass ``None`` to use the one the plot function
    suggested. Returns the three paths written.

    >>> import tempfile
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = save_figure(fig, Path(folder) / "leeds.png", "Leeds' overall grade ...")
    >>> [p.name for p in written]
    ['leeds.png', 'leeds.svg', 'leeds.alt.txt']
    """
    text = alt_text if alt_text is not None else globals()["alt_text"](fig)
    if not text:
        raise ValueError("save_figure needs alt text describing the chart")
    base = Path(path)
    base = base.with_suffix("") if base.suffix in (".png", ".svg") else base
    base.parent.mkdir(parents=True, exist_ok=True)
    png, svg, alt = (base.with_name(base.name + s) for s in (".png", ".svg", ".alt.txt"))
    with style():
        fig.savefig(png, dpi=200, facecolor="white")
        # No timestamp in SVG metadata: regenerating an unchanged figure leaves the file unchanged.
        fig.savefig(svg, facecolor="white", metadata={"Date": None})
    alt.write_text(text.strip() + "\n", encoding="utf-8")
    return [png, svg, alt]
