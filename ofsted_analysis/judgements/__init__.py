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

# module (relative to this package) -> the public names it defines: the analysis modules here,
# and the checks of user input from core that notebooks call directly
_API = {
    "..core.checks": ("resolve_authority", "to_timestamp", "check_area"),
    ".prepare": (
        "register_frame",
        "canonical_codes",
        "with_date",
        "in_time_order",
        "area_rows",
        "data_date",
    ),
    ".asat": (
        "GOOD_OR_BETTER",
        "SNAPSHOT_COLUMNS",
        "known_at",
        "as_at",
        "as_at_each",
        "ofsted_cut_off",
        "check_published_by",
        "distribution",
        "good_or_better_share",
        "good_or_better_shares",
        "quarter_ends",
        "national_picture",
    ),
    ".history": (
        "TRAJECTORY_COLUMNS",
        "trajectory",
        "Transitions",
        "transitions",
        "JOURNEY_STATUS",
        "journeys",
        "time_between_inspections",
    ),
    ".compare": ("compare_region", "compare_neighbours"),
    "..core.neighbours": ("statistical_neighbours", "describe_neighbours"),
    ".overview": (
        "SOURCE_KINDS",
        "describe",
        "sources",
        "files_read",
        "inspections_by_year",
        "judgements_by_area",
        "visits_by_year",
        "authorities_summary",
        "reorganisations",
        "conflicts_table",
        "date_coverage",
    ),
    ".tables": (
        "inspection_table",
        "shares_wide",
        "overall_staleness",
        "judgements_known_at",
        "benchmark",
        "neighbour_table",
        "journey_summary",
        "grade_counts",
        "good_or_better_table",
        "transition_summary",
        "journey_table",
    ),
    ".provenance": ("precedence_text", "data_date_text", "contributions_text", "conflicts_text"),
    ".narrative": (
        "frameworks_text",
        "thin_years_text",
        "areas_text",
        "dates_text",
        "visits_text",
        "quarter_series",
        "coverage_text",
        "region_sizes_text",
        "trajectory_text",
        "overall_gap_text",
        "caveats_text",
    ),
    ".coverage": ("VisitCoverage", "visit_coverage"),
}


__getattr__, __dir__, __all__ = lazy_exports(__name__, _API)
