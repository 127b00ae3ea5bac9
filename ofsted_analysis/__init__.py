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

# module that defines them -> public names (imported on first use)
_API = {
    ".storage.store": (
        "load",
        "load_events",
        "load_conflicts",
        "load_observations",
        "load_release_covers",
    ),
    ".findings.table": ("load_findings",),
    ".pipeline.run": ("build", "update"),
    ".judgements.asat": ("as_at", "known_at", "good_or_better_share", "ofsted_cut_off"),
    ".judgements.prepare": ("data_date",),
    ".judgements.history": ("trajectory", "transitions"),
    ".pipeline.extract": ("extract_report",),
    ".briefing.run": ("brief",),
    ".core.authorities": ("register",),
    ".core.neighbours": ("statistical_neighbours",),
    ".outcomes.table": ("load_outcomes",),
    ".outcomes.analysis": (
        "outcome_trajectory",
        "with_grades",
        "compare_outcome_neighbours",
        "compare_outcome_region",
        "around_inspections",
    ),
    ".send.table": ("load_area_send", "load_area_send_conflicts"),
    ".outcomes.catalogue": ("indicator_table",),
    ".outcomes.search": ("search_indicators",),
    ".outcomes.profile": ("profile",),
}


# The domain subpackages, reachable as attributes (``oa.judgements.distribution(...)``);
# ``analysis`` is the judgements domain's name in earlier versions of the README.
_SUBPACKAGES = {
    "judgements": ".judgements",
    "outcomes": ".outcomes",
    "findings": ".findings",
    "plots": ".plots",
    "briefing": ".briefing",
    "analysis": ".judgements",
    "send": ".send",
}


__getattr__, __dir__, __all__ = lazy_exports(__name__, _API, _SUBPACKAGES)
