"""Shared fixtures: the real tidy tables from data/processed (written by ``build``)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")  # tests draw to files only

PROCESSED = Path(__file__).resolve().parent.parent / "data" / "processed"


@pytest.fixture(scope="session")
def judgements() -> pd.DataFrame:
    return pd.read_parquet(PROCESSED / "judgements.parquet")


@pytest.fixture(scope="session")
def events() -> pd.DataFrame:
    return pd.read_parquet(PROCESSED / "events.parquet")
