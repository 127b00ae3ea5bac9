"""Text that fits: wrapping to a measured width, and labels placed clear of each other.

Matplotlib puts text exactly where it is told, so on a chart drawn for any authority labels can
print over each other or run off the figure. Here text is measured with the figure's own
renderer (the sizes it will be drawn at), and:

* :func:`wrap` breaks a text onto lines no wider than a given width;
* :func:`place_clear` tries each label at a list of positions around its point and keeps the
  first that overlaps no label already placed, no obstacle (markers) and stays in bounds;
* :func:`spread` moves labels along y (the direct labels at the right end of lines) so that
  none overlaps the next, each as near its own line as the others allow.

Placement depends on where the layout engine puts the Axes, so charts register *placers*
(:func:`on_layout`) and :func:`finish` runs them after the layout, twice: the second pass sees
the room the first pass reserved (title height, era rows). Plot functions call :func:`finish`
last; :func:`ofsted_analysis.plots.save.save_figure` calls it again before saving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.transforms import Bbox

PAD_PX = 1.0  # two boxes closer than this count as touching
# Text is wrapped to this share of the room: glyphs hinted at another resolution (a PNG saved
# at 200 dpi, a notebook's 72) are a little wider or narrower than measured here.
SLACK = 0.96


def renderer(fig):
    """The renderer the figure will be drawn with (text sizes in display pixels)."""
    canvas = fig.canvas
    if hasattr(canvas, "get_renderer"):  # Agg, and the notebook's inline backend
        return canvas.get_renderer()
    # Other canvases (SVG, PDF, a bare Figure) measure text the way matplotlib's own
    # tight layout does, with a renderer made for the purpose.
    return fig._get_renderer()


_WIDTHS: dict[tuple, float] = {}


def width_px(text: str, prop, rend) -> float:
    """Width in display pixels of one line of ``text`` in font ``prop`` (remembered: the
    font engine takes milliseconds per measurement, and charts measure the same words often)."""
    if not text:
        return 0.0
    key = (text, prop.get_size_in_points(), prop.get_weight(), tuple(prop.get_family()), rend.dpi)
    if key not in _WIDTHS:
        w, _h, _d = rend.get_text_width_height_descent(text, prop, ismath=False)
        _WIDTHS[key] = float(w)
    return _WIDTHS[key]


def wrap(artist, raw: str, max_px: float, rend) -> str:
    """Set ``artist``'s text to ``raw`` broken onto lines at most ``max_px`` wide (existing line
    breaks kept; a single word wider than that stays whole). Returns the text set.

    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure(figsize=(4, 2)); t = fig.text(0, 0, "")
    >>> text = wrap(t, "one two three four five six seven eight nine ten", 120, renderer(fig))
    >>> [width_px(line, t.get_fontproperties(), renderer(fig)) <= 120 for line in text.split("\\n")]
    [True, True, True, True]
    """
    prop = artist.get_fontproperties()
    max_px *= SLACK
    space = width_px("a b", prop, rend) - width_px("ab", prop, rend)
    lines = []
    for para in raw.split("\n"):
        line, used = "", 0.0
        for word in para.split(" "):
            # Words measured one by one and summed: kerning across a space is negligible.
            w = width_px(word, prop, rend)
            if line and used + space + w > max_px:
                lines.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append(line)
    text = "\n".join(lines)
    artist.set_text(text)
    return text


def height_pt(artist, rend) -> float:
    """Height of ``artist``'s text in points (0 for an empty or hidden text)."""
    if not artist.get_visible() or not artist.get_text():
        return 0.0
    return artist.get_window_extent(rend).height * 72 / artist.figure.dpi


def overlaps(a, b, pad: float = PAD_PX) -> bool:
    """Whether two display boxes overlap by more than ``pad`` pixels in both directions."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > pad and min(a.y1, b.y1) - max(a.y0, b.y0) > pad


def inside(box, bounds, pad: float = PAD_PX) -> bool:
    return (
        box.x0 >= bounds.x0 - pad
        and box.x1 <= bounds.x1 + pad
        and box.y0 >= bounds.y0 - pad
        and box.y1 <= bounds.y1 + pad
    )


def edge_label(ax, text: str, at: float, edge: str, gap: float = 6.0, **style):
    """A label just outside the plot, level with a data position: past the right edge at data
    y ``at`` (``edge="right"``: the end of a line or a band), or above the top edge at data x
    ``at`` (``edge="top"``: an era's middle), ``gap`` points away. It is never clipped;
    ``style`` goes to :meth:`~matplotlib.axes.Axes.annotate` (font size, colour, gid)."""
    if edge not in ("right", "top"):
        raise ValueError(f"edge {edge!r}: expected 'right' or 'top'")
    right = edge == "right"
    return ax.annotate(
        text,
        (1.0, at) if right else (at, 1.0),
        xycoords=("axes fraction", "data") if right else ("data", "axes fraction"),
        xytext=(gap, 0.0) if right else (0.0, gap),
        textcoords="offset points",
        ha="left" if right else "center",
        va="center" if right else "bottom",
        annotation_clip=False,
        **style,
    )


# (dx, dy) in points and alignment: where a label may go around its point, best first.
AROUND: tuple[tuple[float, float, str, str], ...] = (
    (0, 8, "center", "bottom"),
    (0, -8, "center", "top"),
    (6, 8, "left", "bottom"),
    (-6, 8, "right", "bottom"),
    (6, -8, "left", "top"),
    (-6, -8, "right", "top"),
    (0, 20, "center", "bottom"),
    (0, -20, "center", "top"),
    (8, 0, "left", "center"),
    (-8, 0, "right", "center"),
)


def place_clear(
    labels: Sequence,
    rend,
    bounds,
    obstacles: Sequence = (),
    candidates: Sequence[Sequence[tuple[float, float, str, str]]] | None = None,
) -> list:
    """Give each annotation the first position from its ``candidates`` (default
    :data:`AROUND`; one list per label, or ``None``) whose box is inside ``bounds`` and
    overlaps no box in ``obstacles`` and no label placed before it. Labels come in priority
    order. A label with no such position is hidden and returned, so the caller can say so.
    """
    placed = list(obstacles)
    hidden = []
    for i, label in enumerate(labels):
        options = (candidates[i] if candidates is not None else None) or AROUND
        for dx, dy, ha, va in options:
            label.set_visible(True)
            label.xyann = (dx, dy)
            label.set_ha(ha)
            label.set_va(va)
            box = label.get_window_extent(rend)
            if inside(box, bounds) and not any(overlaps(box, b) for b in placed):
                placed.append(box)
                break
        else:
            label.set_visible(False)
            hidden.append(label)
    return hidden


def spread(labels: Sequence, rend, bottom: float, top: float, gap: float = 1.5) -> None:
    """Shift annotations (offsets in points) along y so that none overlaps another, each as
    near its anchor as possible, all between ``bottom`` and ``top`` (display pixels)."""
    if not labels:
        return
    for label in labels:
        label.xyann = (label.xyann[0], 0)
    boxes = [label.get_window_extent(rend) for label in labels]
    order = sorted(range(len(labels)), key=lambda i: (boxes[i].y0 + boxes[i].y1) / 2)
    centre = [(boxes[i].y0 + boxes[i].y1) / 2 for i in order]
    half = [boxes[i].height / 2 for i in order]
    new = list(centre)
    # Push upwards from the bottom, then back down from the top: a stack that fits is kept
    # between the bounds, and labels move only as far as their neighbours make them.
    for k in range(len(new)):
        floor = bottom + half[k] if k == 0 else new[k - 1] + half[k - 1] + half[k] + gap
        new[k] = max(new[k], floor)
    for k in reversed(range(len(new))):
        ceiling = top - half[k] if k == len(new) - 1 else new[k + 1] - half[k + 1] - half[k] - gap
        new[k] = min(new[k], ceiling)
    dpi = labels[0].figure.dpi
    for k, i in enumerate(order):
        labels[i].xyann = (labels[i].xyann[0], (new[k] - centre[k]) * 72 / dpi)


class SteadyLayout(ConstrainedLayoutEngine):
    """Constrained layout whose Axes positions are rounded to a billionth of the figure.

    The solver behind constrained layout (kiwisolver) visits its constraints in an order that
    follows where they sit in memory, so the same figure can come out with positions that
    differ in the last bits; in a kernel, where other threads allocate too, that changes from
    run to run, and one pixel's anti-aliasing with it (notebooks re-run on unchanged data must
    be byte-identical). Rounding far below a pixel keeps the layout and removes the noise.

    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(layout=SteadyLayout()); fig.draw_without_rendering()
    >>> corners = ax.get_position().get_points()
    >>> bool((corners.round(9) == corners).all())
    True
    """

    DIGITS = 9

    def execute(self, fig):
        result = super().execute(fig)
        for ax in fig.get_axes():
            points = ax.get_position(original=True).get_points().round(self.DIGITS)
            ax._set_position(Bbox(points))
        return result


Placer = Callable[[object], None]


def on_layout(fig, placer: Placer, key: object = None) -> None:
    """Register ``placer(renderer)`` to run in :func:`finish` (once per ``key``: registering
    again under the same key replaces it, so a chart redrawn into the same Axes does not
    stack placers)."""
    placers: dict = fig.__dict__.setdefault("_ofsted_placers", {})
    placers[key if key is not None else len(placers)] = placer


def finish(fig) -> None:
    """Run the layout engine and every registered placer, twice (see the module notes)."""
    placers = getattr(fig, "_ofsted_placers", {})
    for _ in range(2):
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
        rend = renderer(fig)
        for placer in list(placers.values()):
            placer(rend)
