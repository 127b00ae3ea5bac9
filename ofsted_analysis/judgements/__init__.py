"""The inspection judgements domain, read top-down as the data flows:

- :mod:`.prepare`: the table made ready (dates, time order, one area's rows, the data date);
- :mod:`.asat`: what was known at a date (snapshots, shares good or better, the national
  picture);
- :mod:`.history`: an authority's judgements over time, transitions, journeys;
- :mod:`.compare`: an authority beside its region and statistical neighbours;
- :mod:`.overview`, :mod:`.tables`: the readable tables the notebooks show;
- :mod:`.coverage`: the periods for which ungraded visits are held;
- :mod:`.provenance`, :mod:`.narrative`: sentences computed from the tables.

Every public name of those modules can be reached from here (imported on first use), so a
notebook or script needs one import:

>>> from ofsted_analysis import judgements
>>> judgements.good_or_better_share(judgements.as_at(j, "2025-03-31", published_by="2025-06-30"))
0.673...
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

# public name -> module that defines it (relative to this package): the analysis modules here,
# and the checks of user input from core that notebooks call directly
_API = {
    "resolve_authority": "..core.checks",
    "to_timestamp": "..core.checks",
    "check_area": "..core.checks",
    "register_frame": ".prepare",
    "canonical_codes": ".prepare",
    "with_date": ".prepare",
    "in_time_order": ".prepare",
    "area_rows": ".prepare",
    "data_date": ".prepare",
    "GOOD_OR_BETTER": ".asat",
    "SNAPSHOT_COLUMNS": ".asat",
    "known_at": ".asat",
    "as_at": ".asat",
    "ofsted_cut_off": ".asat",
    "distribution": ".asat",
    "good_or_better_share": ".asat",
    "good_or_better_shares": ".asat",
    "quarter_ends": ".asat",
    "national_picture": ".asat",
    "TRAJECTORY_COLUMNS": ".history",
    "trajectory": ".history",
    "Transitions": ".history",
    "transitions": ".history",
    "JOURNEY_STATUS": ".history",
    "journeys": ".history",
    "time_between_inspections": ".history",
    "compare_region": ".compare",
    "statistical_neighbours": "..core.neighbours",
    "describe_neighbours": "..core.neighbours",
    "compare_neighbours": ".compare",
    "SOURCE_KINDS": ".overview",
    "describe": ".overview",
    "sources": ".overview",
    "files_read": ".overview",
    "inspections_by_year": ".overview",
    "judgements_by_area": ".overview",
    "visits_by_year": ".overview",
    "authorities_summary": ".overview",
    "reorganisations": ".overview",
    "conflicts_table": ".overview",
    "date_coverage": ".overview",
    "inspection_table": ".tables",
    "shares_wide": ".tables",
    "overall_staleness": ".tables",
    "judgements_known_at": ".tables",
    "benchmark": ".tables",
    "neighbour_table": ".tables",
    "journey_summary": ".tables",
    "grade_counts": ".tables",
    "good_or_better_table": ".tables",
    "transition_summary": ".tables",
    "journey_table": ".tables",
    "precedence_text": ".provenance",
    "data_date_text": ".provenance",
    "contributions_text": ".provenance",
    "conflicts_text": ".provenance",
    "frameworks_text": ".narrative",
    "thin_years_text": ".narrative",
    "areas_text": ".narrative",
    "dates_text": ".narrative",
    "visits_text": ".narrative",
    "quarter_series": ".narrative",
    "coverage_text": ".narrative",
    "region_sizes_text": ".narrative",
    "trajectory_text": ".narrative",
    "overall_gap_text": ".narrative",
    "caveats_text": ".narrative",
    "VisitCoverage": ".coverage",
    "visit_coverage": ".coverage",
}

__all__ = sorted(_API)


__getattr__, __dir__ = lazy_exports(__name__, _API)
