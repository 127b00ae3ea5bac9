"""Area SEND inspections: Ofsted and the CQC's inspections of each local area's services for
children and young people with special educational needs and/or disabilities, 2016 to today.

* :mod:`.table` — the ``area_send`` table (reading, caching, loading);
* :mod:`.merge` — one inspection across sources, precedence and conflicts.
* :mod:`.analysis` — the picture at a date (2023-framework outcomes, 2016-framework written
  statements of action, by region), an area's history, the outcome beside the children's
  services grade in force (association only), time between inspections;
* :mod:`.text` — their sentences, computed from the tables.

The readers are in :mod:`ofsted_analysis.sources.send`; the vocabulary (frameworks, events,
outcomes) in :mod:`ofsted_analysis.core.send`.
"""

from __future__ import annotations

from .table import load_area_send, load_area_send_conflicts

__all__ = ["load_area_send", "load_area_send_conflicts"]
