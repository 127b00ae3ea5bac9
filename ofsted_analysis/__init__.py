"""ofsted-analysis: Ofsted judgements on English local authority children's services since 2009.

>>> import ofsted_analysis as oa
>>> j = oa.load()
>>> snap = oa.as_at(j, "2025-03-31", area="overall", published_by="2025-06-30")
>>> len(snap), snap.loc[snap.la_name == "Leeds", "grade"].item()
(153, 'Outstanding')

Heavy libraries (pandas, matplotlib) are imported only when a function that needs them runs,
so ``import ofsted_analysis`` and the command line start quickly.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it (imported on first use)
_API = {
    "load": "store",
    "load_events": "store",
    "load_conflicts": "store",
    "load_observations": "store",
    "load_findings": "findings",
    "build": "pipeline",
    "update": "pipeline",
    "as_at": "analysis",
    "known_at": "analysis",
    "good_or_better_share": "analysis",
    "data_date": "analysis",
    "trajectory": "analysis",
    "transitions": "analysis",
    "extract_report": "extract",
    "register": "authorities",
    "load_outcomes": "outcomes",
    "outcome_trajectory": "outcome_analysis",
    "with_grades": "outcome_analysis",
    "compare_outcome_neighbours": "outcome_analysis",
    "compare_outcome_region": "outcome_analysis",
    "around_inspections": "outcome_analysis",
    "indicator_table": "indicators",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        module = importlib.import_module(f".{_API[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'ofsted_analysis' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_API))
