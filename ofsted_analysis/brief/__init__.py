"""Briefing packs: one accessible HTML page and a PDF per authority, every sentence computed
from the tables (:mod:`.content`, :mod:`.outcome_section`), laid out by Jinja2 templates
(:mod:`.render`) and printed by headless Chromium (:mod:`.pdf`); :func:`brief` writes them,
for every authority on both cores with ``everyone=True`` (:mod:`.run`).
"""

from __future__ import annotations

from .run import brief

__all__ = ["brief"]
