"""Shared fixtures: the real published files in ../shared/data and tables built from them."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw to files only

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
SHIPPED_INPUTS = [RAW, SHARED / "reports", OUTCOMES]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Tables rebuilt from the real files into a temporary folder."""
    import ofsted_analysis as oa

    out = tmp_path_factory.mktemp("processed")
    oa.build(raw=SHIPPED_INPUTS, out=out, curated=CURATED)
    return out


@pytest.fixture(scope="session")
def judgements(built):
    import ofsted_analysis as oa

    return oa.load(built)


@pytest.fixture(scope="session")
def events(built):
    import ofsted_analysis as oa

    return oa.load_events(built)


@pytest.fixture(scope="session")
def outcomes(built):
    import ofsted_analysis as oa

    return oa.load_outcomes(built)
