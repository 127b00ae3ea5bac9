"""Briefing packs: one accessible HTML page and a PDF per authority, every sentence computed
from the tables (:mod:`.content`, :mod:`.outcome_section`), laid out by Jinja2 templates
(:mod:`.render`) and printed by headless Chromium (:mod:`.pdf`); :func:`.run.brief` writes them,
for every authority on both cores with ``everyone=True``.

``oa.brief(...)`` is that function. Importing this subpackage makes Python bind the name
``brief`` on :mod:`ofsted_analysis` to the subpackage itself, so the subpackage is made callable
(it calls :func:`.run.brief`): ``oa.brief("Leeds", out=...)`` works whichever was imported
first, and ``oa.brief.content`` still names the module.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from .run import brief

        return brief(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
