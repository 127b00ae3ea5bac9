"""One registry of formats (ofsted_analysis/sources/formats.py), asked once per file, and
stable ``source`` keys: the paths as given, links not followed (issue 21, items 1 and 4)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shared_files import CURATED, DFE, RAW, SHARED

from ofsted_analysis.core import paths
from ofsted_analysis.sources import discover, formats, source_key

# What each real file is, as ../shared/data/README.md describes it.
DESCRIBED = {
    RAW / "ofsted" / "Childrens_social_care_in_England_2023_underlying_data.ods": "release",
    RAW / "ofsted" / "LA_Inspection_Outcomes_as_at_31_March_2025.ods": "release",
    RAW / "d2i" / "ofsted_csc_ilacs_history.csv": "d2i",
    RAW / "d2i" / "ofsted_csc_ilacs_overview.xlsx": "d2i",
    DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": "dfe",
    DFE / "cla_number_and_rate_per_10k_children.csv": "dfe",
    DFE / "ons_mid-year_population_estimates_2012_to_2024.csv": "dfe",
    DFE / "sn_model_2025_wide.csv": "neighbours",
    DFE / "RSX_LA_Data_2024-25_data_by_LA.ods": "rsx",
    CURATED / "leeds_2025_report.csv": "curated",
    SHARED / "reports" / "leeds" / "2025-08-12.pdf": "report",
}


@pytest.mark.parametrize("path", DESCRIBED, ids=lambda p: p.name)
def test_each_real_file_is_the_format_the_data_readme_says(path):
    assert formats.identify(path).name == DESCRIBED[path]


def test_the_pipeline_asks_the_registry_once_per_file(tmp_path, monkeypatch):
    from ofsted_analysis.pipeline.run import read_sources, split_outcome_files

    monkeypatch.setenv("OFSTED_ANALYSIS_CACHE", str(tmp_path / "cache"))
    asked: list[Path] = []
    real = formats.identify

    def counting(path):
        asked.append(Path(path))
        return real(path)

    monkeypatch.setattr(formats, "identify", counting)
    given = [RAW / "d2i", DFE / "sn_model_2025_wide.csv", SHARED / "reports" / "leeds"]
    inspections, outcome, found = split_outcome_files(given)
    read_sources(inspections, progress=False, formats=found)
    files = discover(given)
    assert sorted(asked) == sorted(files)  # each once, by split_outcome_files
    assert outcome is not None and outcome.kinds == {DFE / "sn_model_2025_wide.csv": "neighbours"}
    asked.clear()
    split_outcome_files(given)  # a second run: every file's format remembered by content
    assert asked == []


def test_an_unknown_type_is_refused_naming_the_types_read(tmp_path):
    from ofsted_analysis.core.errors import FileError

    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    with pytest.raises(FileError, match="unsupported type '.docx'.*PDF report"):
        formats.identify(path)


def test_source_keys_are_the_paths_as_given_not_through_links(tmp_path, monkeypatch):
    # A project-like folder whose data/raw/ofsted is a link to the shared releases (as a
    # shared drive mounted by a link would be).
    project = tmp_path / "project"
    (project / "data" / "raw").mkdir(parents=True)
    link = project / "data" / "raw" / "ofsted"
    link.symlink_to(RAW / "ofsted", target_is_directory=True)
    monkeypatch.setattr(paths, "PROJECT", project)
    files = discover([link])
    names = sorted(p.name for p in (RAW / "ofsted").iterdir() if p.suffix == ".ods")
    assert [source_key(f) for f in files] == [f"data/raw/ofsted/{n}" for n in names]
    # the same from inside the project, with a relative path
    monkeypatch.chdir(project)
    assert [source_key(f) for f in discover(["data/raw/ofsted"])] == [
        f"data/raw/ofsted/{n}" for n in names
    ]
    # and never the link's target
    assert not any("shared" in source_key(f) for f in files)
    assert os.path.realpath(link) == str((RAW / "ofsted").resolve())
    # The folder above the link (`ofsted-analysis build` reads data/raw): the linked folder's
    # files are found too (Path.rglob does not walk into linked folders), named through it.
    assert [source_key(f) for f in discover(["data/raw"])] == [
        f"data/raw/ofsted/{n}" for n in names
    ]
    (project / "data" / "raw" / "loop").symlink_to(project / "data", target_is_directory=True)
    assert len(discover(["data/raw"])) == len(names)  # a link back up is not walked twice
