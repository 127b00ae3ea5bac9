"""The one cache (ofsted_analysis/storage/cache.py): what an entry is keyed by, and how old
entries are pruned."""

from __future__ import annotations

import importlib.metadata
import time
from pathlib import Path

import pytest
from shared_files import CURATED, DFE, RELEASE_2025

import ofsted_analysis as oa
from ofsted_analysis.storage import cache


def test_the_cache_key_changes_with_the_libraries_that_parse_files(monkeypatch):
    """python-calamine 0.2 and 0.3 number some ODS rows differently (tests/test_build.py::
    test_row_references_point_at_the_row_in_the_file): a cache filled with one must not serve
    the other, so the reader version includes the parsing libraries' versions."""
    real = importlib.metadata.version
    cache.reader_version.cache_clear()
    before = cache.reader_version()

    def older_calamine(name: str) -> str:
        return "0.2.0" if name == "python-calamine" else real(name)

    monkeypatch.setattr(importlib.metadata, "version", older_calamine)
    cache.reader_version.cache_clear()
    try:
        assert cache.reader_version() != before
    finally:
        monkeypatch.undo()
        cache.reader_version.cache_clear()
    assert cache.reader_version() == before


# --- one cache: every kind of entry keyed and pruned by the same rules --------------------


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("OFSTED_ANALYSIS_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_entry_is_found_by_content_and_reader_version_only(empty_cache, monkeypatch):
    cache.put("reads", cache.key("abc"), ["read"])
    assert cache.get("reads", cache.key("abc")) == ["read"]
    assert cache.get("reads", cache.key("abd")) is None  # other content
    assert cache.get("outcome-reads", cache.key("abc")) is None  # another kind
    monkeypatch.setattr(cache, "reader_version", lambda: "another-version")
    assert cache.get("reads", cache.key("abc")) is None  # other code or libraries


def test_a_new_reader_version_prunes_the_older_ones_entries(empty_cache, monkeypatch):
    cache.put("reads", cache.key("abc"), 1)
    old = empty_cache / "reads" / cache.reader_version()
    assert old.is_dir()
    monkeypatch.setattr(cache, "reader_version", lambda: "another-version")
    cache.put("reads", cache.key("abc"), 2)
    assert not old.exists()
    assert [p.name for p in (empty_cache / "reads").iterdir()] == ["another-version"]


def test_keep_leaves_the_most_recently_used_entries(empty_cache):
    for name in ("a", "b", "c"):
        cache.put("outcome-tables", cache.key(name), name, keep=2)
        time.sleep(0.01)  # distinct modification times
    assert cache.get("outcome-tables", cache.key("a")) is None
    assert cache.get("outcome-tables", cache.key("b")) == "b"  # used: now the most recent
    time.sleep(0.01)
    cache.put("outcome-tables", cache.key("d"), "d", keep=2)
    assert [cache.get("outcome-tables", cache.key(n)) for n in "bcd"] == ["b", None, "d"]


def test_outcome_reads_and_tables_live_in_the_one_cache(empty_cache, tmp_path):
    """A build with a DfE file fills the same cache, by the same rules (no folder of its own)."""
    c1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    oa.build(raw=[RELEASE_2025, c1], out=tmp_path / "store", curated=CURATED)
    kinds = sorted(p.name for p in empty_cache.iterdir() if p.is_dir())
    assert kinds == ["formats", "outcome-reads", "outcome-tables", "reads"]
    for kind in kinds:
        versions = [p.name for p in (empty_cache / kind).iterdir()]
        assert versions == [cache.reader_version()], kind


def test_finding_themes_are_tagged_once_and_again_when_the_taxonomy_changes(empty_cache, tmp_path):
    """The findings' themes are kept in the one cache (kind ``themes``): tagging the table
    again reads them back (one entry), the same as every pattern against every point
    (themes_of, the rule itself), and an edited taxonomy is never answered from the old
    entry (a second one)."""
    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.findings.themes import load_taxonomy, tag_findings, themes_of

    findings = load_findings(themes=False)
    taxonomy = load_taxonomy()
    points = list(zip(findings["text"], findings["kind"], strict=True))
    first = tag_findings(findings, taxonomy)["themes"].tolist()
    assert first == ["; ".join(themes_of(t, taxonomy, k)) for t, k in points]
    assert [p.name for p in empty_cache.iterdir()] == ["themes"]
    assert tag_findings(findings, taxonomy)["themes"].tolist() == first  # from the cache
    assert len(list((empty_cache / "themes").rglob("*.pickle"))) == 1

    edited = tmp_path / "themes.csv"
    rows = (Path(__file__).parent.parent / "data/reference/finding_themes.csv").read_text()
    edited.write_text(rows.replace("strategy (?:discussions?|meetings?)", "strategy meetings?"))
    narrower = load_taxonomy(edited)
    again = tag_findings(findings, narrower)["themes"].tolist()
    assert again == ["; ".join(themes_of(t, narrower, k)) for t, k in points]
    assert again != first
    assert len(list((empty_cache / "themes").rglob("*.pickle"))) == 2
