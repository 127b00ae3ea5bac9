"""Shared fixtures: the real published files in ../shared/data and tables built from them."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw to files only

from shared_files import CURATED, SHIPPED_INPUTS  # noqa: E402  (after matplotlib.use)


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
