"""ofsted-analysis: Ofsted judgements on English local authority children's services since 2009.

>>> import ofsted_analysis as oa
>>> j = oa.load()
>>> snap = oa.as_at(j, "2025-03-31", area="overall", published_by="ofsted")  # to 30 June 2025
>>> len(snap), snap.loc[snap.la_name == "Leeds", "grade"].item()
(153, 'Outstanding')

Heavy libraries (pandas, matplotlib) are imported only when a function that needs them runs,
so ``import ofsted_analysis`` and the command line start quickly.
"""

from __future__ import annotations

from .core.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it (imported on first use)
_API = {
    "load": ".storage.store",
    "load_events": ".storage.store",
    "load_conflicts": ".storage.store",
    "load_observations": ".storage.store",
    "load_findings": ".findings.table",
    "load_release_covers": ".storage.store",
    "build": ".pipeline.run",
    "update": ".pipeline.run",
    "as_at": ".judgements.asat",
    "known_at": ".judgements.asat",
    "good_or_better_share": ".judgements.asat",
    "ofsted_cut_off": ".judgements.asat",
    "data_date": ".judgements.prepare",
    "trajectory": ".judgements.history",
    "transitions": ".judgements.history",
    "extract_report": ".pipeline.extract",
    "register": ".core.authorities",
    "statistical_neighbours": ".core.neighbours",
    "load_outcomes": ".outcomes.table",
    "outcome_trajectory": ".outcomes.analysis",
    "with_grades": ".outcomes.analysis",
    "compare_outcome_neighbours": ".outcomes.analysis",
    "compare_outcome_region": ".outcomes.analysis",
    "around_inspections": ".outcomes.analysis",
    "indicator_table": ".outcomes.indicators",
}

__all__ = sorted(_API)


# The domain subpackages, reachable as attributes (``oa.judgements.distribution(...)``);
# ``analysis`` is the judgements domain's name in earlier versions of the README.
_SUBPACKAGES = {
    "judgements": ".judgements",
    "outcomes": ".outcomes",
    "findings": ".findings",
    "plots": ".plots",
    "analysis": ".judgements",
}


__getattr__, __dir__ = lazy_exports(__name__, _API, _SUBPACKAGES)
