"""Which stored rows a file given to `update` replaces: one rule (pipeline.replace.kept_rows),
by path or by content, for the observations, the findings and the outcome cells alike."""

from __future__ import annotations

import hashlib
import shutil

import pandas as pd
import pytest
from shared_files import CURATED, DFE, RELEASE_2025, SHARED

import ofsted_analysis as oa
from ofsted_analysis.outcomes.table import load_outcome_table
from ofsted_analysis.pipeline.replace import kept_rows
from ofsted_analysis.sources import source_key

C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = DFE / "b1_children_in_need_2013_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
POPULATION = DFE / "ons_mid-year_population_estimates_2012_to_2024.csv"
LEEDS_2025 = SHARED / "reports" / "leeds" / "2025-08-12.pdf"


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_replaces_its_path_or_its_content_and_nothing_else():
    """Stored rows of three files; given a new version of the first (same path, other
    content) and the second moved (same content, other path), only the third file's rows stay.
    A table without content hashes (finding problems) is matched by path alone."""
    stored = pd.DataFrame(
        {
            "file": ["dfe/c1.csv", "dfe/c1.csv", "dfe/b1.csv", "dfe/cla.csv"],
            "file_hash": [sha(C1), sha(C1), sha(B1), sha(CLA)],
            "row": [2, 3, 2, 2],
        }
    )
    incoming = {"dfe/c1.csv": sha(POPULATION), "moved/b1.csv": sha(B1)}
    assert kept_rows(stored, incoming)["file"].tolist() == ["dfe/cla.csv"]
    problems = stored.drop(columns="file_hash")
    assert kept_rows(problems, incoming)["file"].tolist() == ["dfe/b1.csv", "dfe/cla.csv"]


@pytest.fixture()
def store_with_copies(tmp_path):
    """A store built from copies of a report (with points to improve) and a DfE file, so
    the copies can be moved and rewritten."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    report, c1 = folder / "leeds-2025-08-12.pdf", folder / C1.name
    shutil.copy(LEEDS_2025, report)
    shutil.copy(C1, c1)
    out = tmp_path / "store"
    oa.build(raw=[RELEASE_2025, report, c1, POPULATION], out=out, curated=CURATED)
    return out, report, c1


def _rows_by_file(out) -> dict[str, dict[str, int]]:
    tables = {
        "observations": oa.load_observations(out),
        "findings": oa.load_findings(out),
        "outcome_measures": load_outcome_table("outcome_measures", out),
    }
    return {name: frame["file"].value_counts().to_dict() for name, frame in tables.items()}


def test_a_moved_file_replaces_its_rows_in_every_table(store_with_copies, tmp_path):
    out, report, c1 = store_with_copies
    before = _rows_by_file(out)
    for name in before:
        assert any(f in before[name] for f in (source_key(report), source_key(c1))), name
    moved = tmp_path / "moved"
    moved.mkdir()
    new_report, new_c1 = moved / report.name, moved / c1.name
    shutil.move(report, new_report)
    shutil.move(c1, new_c1)
    oa.update([new_report, new_c1], out=out)
    after = _rows_by_file(out)
    renamed = {source_key(report): source_key(new_report), source_key(c1): source_key(new_c1)}
    for name, counts in before.items():
        assert after[name] == {renamed.get(f, f): n for f, n in counts.items()}, name


def test_a_file_rewritten_at_its_path_replaces_its_rows(store_with_copies):
    """Leeds' 2025 re-referral rate is 24.2 in c1 (row 57); the same file re-issued at the same
    path with 31.5 there replaces the cell, and no row of the old version stays."""
    out, _report, c1 = store_with_copies
    text = c1.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    leeds = next(
        k for k, line in enumerate(lines) if ",383,E08000035," in line and line.startswith("2025,")
    )
    assert ",24.2," in lines[leeds]
    lines[leeds] = lines[leeds].replace(",24.2,", ",31.5,")
    c1.write_text("".join(lines), encoding="utf-8")
    before = _rows_by_file(out)["outcome_measures"]
    oa.update([c1], out=out)
    assert _rows_by_file(out)["outcome_measures"] == before
    o = oa.load_outcomes(out)
    leeds_2025 = o[(o.indicator == "rereferral_rate") & (o.year == 2025) & (o.la_number == "383")]
    assert leeds_2025["value"].tolist() == [31.5]
