"""A pack as one self-contained HTML page: the Jinja2 templates in ``briefing/templates`` (package
data), the stylesheet inlined and the chart embedded as a data URI.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from ..core.dates import long_date
from .pack import Pack


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("ofsted_analysis.briefing", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["long_date"] = long_date
    return env


def stylesheet() -> str:
    """The pack's CSS (screen and A4 print)."""
    return (files("ofsted_analysis.briefing") / "templates" / "brief.css").read_text("utf-8")


def template(name: str):
    """One of the pack's Jinja2 templates (``brief.html.j2``, ``table.html.j2``)."""
    return _environment().get_template(name)


def render_html(pack: Pack) -> str:
    """The pack as one HTML document (no external file: styles and chart inside it)."""
    return template("brief.html.j2").render(pack=pack, css=stylesheet())


__all__ = ["render_html", "stylesheet", "template"]
