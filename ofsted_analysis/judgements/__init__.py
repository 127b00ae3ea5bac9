"""The inspection judgements domain, read top-down as the data flows:

- :mod:`.prepare`: the table made ready (dates, time order, one area's rows, the data date);
- :mod:`.asat`: what was known at a date (snapshots, shares good or better, the national
  picture);
- :mod:`.history`: an authority's judgements over time, transitions, journeys;
- :mod:`.compare`: an authority beside its region and statistical neighbours;
- :mod:`.overview`, :mod:`.tables`: the readable tables the notebooks show;
- :mod:`.provenance_text`, :mod:`.coverage_text`: sentences computed from the tables.

Every public name of those modules can be reached from here (imported on first use), so a
notebook or script needs one import:

>>> from ofsted_analysis import judgements
>>> judgements.good_or_better_share(judgements.as_at(j, "2025-03-31", published_by="2025-06-30"))
0.673...
"""

from __future__ import annotations

import importlib

# public name -> module of this package that defines it
_API = {
    "register_frame": "prepare",
    "canonical_codes": "prepare",
    "with_date": "prepare",
    "in_time_order": "prepare",
    "area_rows": "prepare",
    "data_date": "prepare",
    "GOOD_OR_BETTER": "asat",
    "SNAPSHOT_COLUMNS": "asat",
    "known_at": "asat",
    "as_at": "asat",
    "ofsted_cut_off": "asat",
    "distribution": "asat",
    "good_or_better_share": "asat",
    "good_or_better_shares": "asat",
    "quarter_ends": "asat",
    "national_picture": "asat",
    "TRAJECTORY_COLUMNS": "history",
    "trajectory": "history",
    "Transitions": "history",
    "transitions": "history",
    "JOURNEY_STATUS": "history",
    "journeys": "history",
    "time_between_inspections": "history",
    "NEIGHBOURS": "compare",
    "compare_region": "compare",
    "statistical_neighbours": "compare",
    "compare_neighbours": "compare",
    "SOURCE_KINDS": "overview",
    "describe": "overview",
    "sources": "overview",
    "files_read": "overview",
    "inspections_by_year": "overview",
    "judgements_by_area": "overview",
    "visits_by_year": "overview",
    "authorities_summary": "overview",
    "reorganisations": "overview",
    "conflicts_table": "overview",
    "date_coverage": "overview",
    "inspection_table": "tables",
    "shares_wide": "tables",
    "overall_staleness": "tables",
    "judgements_known_at": "tables",
    "benchmark": "tables",
    "neighbour_table": "tables",
    "journey_summary": "tables",
    "grade_counts": "tables",
    "good_or_better_table": "tables",
    "transition_summary": "tables",
    "journey_table": "tables",
    "precedence_text": "provenance_text",
    "data_date_text": "provenance_text",
    "contributions_text": "provenance_text",
    "conflicts_text": "provenance_text",
    "frameworks_text": "coverage_text",
    "thin_years_text": "coverage_text",
    "areas_text": "coverage_text",
    "dates_text": "coverage_text",
    "visits_text": "coverage_text",
    "quarter_series": "coverage_text",
    "coverage_text": "coverage_text",
    "region_sizes_text": "coverage_text",
    "trajectory_text": "coverage_text",
    "overall_gap_text": "coverage_text",
    "caveats_text": "coverage_text",
}

__all__ = sorted(_API)


def __getattr__(name: str):
    if name in _API:
        module = importlib.import_module(f".{_API[name]}", __name__)
        # Importing a submodule binds its name here (``coverage_text`` the module), hiding a
        # function of the same name: bind every public name the module defines, after it.
        globals().update({n: getattr(module, n) for n, m in _API.items() if m == _API[name]})
        return globals()[name]
    raise AttributeError(f"module 'ofsted_analysis.judgements' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_API))
