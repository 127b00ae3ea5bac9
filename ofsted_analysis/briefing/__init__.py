"""Briefing packs: one accessible HTML page and a PDF per authority, every sentence computed
from the tables (:mod:`.content`, :mod:`.outcome_section`), laid out by Jinja2 templates
(:mod:`.render`) and printed by headless Chromium (:mod:`.pdf`); :func:`.run.brief` writes them
(``oa.brief``), for every authority on both cores with ``everyone=True``.
"""
