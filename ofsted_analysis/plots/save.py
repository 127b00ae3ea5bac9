"""A finished figure written to disk: PNG, SVG (byte-stable across processes) and its alt text.

Styling is :mod:`.style`; this module only writes what a plot function drew.
"""

from __future__ import annotations

import io
from pathlib import Path

from .style import alt_text as suggested_alt_text
from .style import finish, style


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
    text = alt_text if alt_text is not None else suggested_alt_text(fig)
    finish(fig)
    if not text:
        raise ValueError("save_figure needs alt text describing the chart")
    base = Path(path)
    base = base.with_suffix("") if base.suffix in (".png", ".svg") else base
    base.parent.mkdir(parents=True, exist_ok=True)
    png, svg, alt = (base.with_name(base.name + s) for s in (".png", ".svg", ".alt.txt"))
    with style():
        fig.savefig(png, dpi=200, facecolor="white")
        # No timestamp in SVG metadata: regenerating an unchanged figure leaves the file unchanged.
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    svg.write_text(_numbered_clip_ids(buffer.getvalue()), encoding="utf-8")
    alt.write_text(text.strip() + "\n", encoding="utf-8")
    return [png, svg, alt]


def _numbered_clip_ids(svg: str) -> str:
    """The SVG with its clip-path ids numbered in order of appearance. matplotlib hashes
    them from the clip's description, which for some clips includes where the object sat in
    memory, so the same figure drawn in another process got other ids (and a changed file)."""
    import re

    ids: dict[str, str] = {}
    for found in re.findall(r'<clipPath id="(p[0-9a-f]+)"', svg):
        ids.setdefault(found, f"clip{len(ids) + 1}")
    if not ids:
        return svg
    return re.sub(
        r'(?<=id=")p[0-9a-f]+(?=")|(?<=url\(#)p[0-9a-f]+(?=\))',
        lambda m: ids.get(m.group(0), m.group(0)),
        svg,
    )
