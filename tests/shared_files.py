"""Where the tests find the real published files (../shared/data) and the project's own data.

Tests import these names from here (``from shared_files import RAW``); conftest.py holds only
fixtures.
"""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "data"
RAW = SHARED / "raw"
RELEASE_2023 = RAW / "ofsted" / "Childrens_social_care_in_England_2023_underlying_data.ods"
RELEASE_2025 = RAW / "ofsted" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
D2I_HISTORY = RAW / "d2i" / "ofsted_csc_ilacs_history.csv"
D2I_OVERVIEW = RAW / "d2i" / "ofsted_csc_ilacs_overview.xlsx"
OUTCOMES = SHARED / "outcomes"
DFE = OUTCOMES / "dfe"
CURATED = PROJECT / "data" / "curated"
PROCESSED = PROJECT / "data" / "processed"

# The inputs the shipped data/processed is built from (see README: Building the tables).
SEND = SHARED / "send"
LAIT = SHARED / "lait"
LAIT_BULK = LAIT / "bds_long_0.parquet"
LAIT_DICTIONARY = LAIT / "lait_data_dictionary.csv"
SHIPPED_INPUTS = [RAW, SHARED / "reports", OUTCOMES, LAIT, SEND]
