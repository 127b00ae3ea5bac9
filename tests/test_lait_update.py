"""A new LAIT release through `update` (measures and periods added, values revised, measures
gone kept and flagged, applying twice changes nothing) and bad LAIT files (refused naming file,
row, column and value; nothing written). Every file here is a modified copy of the published
bulk file written to tmp_path; the expected values are its cells."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from commands import run_cli
from shared_files import CURATED, LAIT_BULK, LAIT_DICTIONARY, RAW

import ofsted_analysis as oa
from ofsted_analysis.core.errors import OfstedAnalysisError
from ofsted_analysis.outcomes.table import load_outcome_table

MEASURES = ["ReReferral", "RTA", "Section_47"]


def lait_folder(folder, frame):
    """``frame`` written as LAIT's bulk file with the published dictionary beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(folder / "bds_long_0.parquet", index=False)
    shutil.copy(LAIT_DICTIONARY, folder)
    return folder / "bds_long_0.parquet"


@pytest.fixture(scope="module")
def published():
    raw = pd.read_parquet(LAIT_BULK)
    return raw[raw["Short Desc"].isin(MEASURES)].reset_index(drop=True)


@pytest.fixture()
def store(tmp_path, published):
    """Tables built from the releases and three LAIT measures."""
    first = lait_folder(tmp_path / "lait", published)
    out = tmp_path / "processed"
    oa.build(raw=[RAW, first.parent], out=out, curated=CURATED)
    return out


def next_release(published):
    """The next release as LAIT might publish it: ReReferral's first three 2025 cells revised,
    a period added to Section_47, a measure added (CPP_rate's 2025 cells), RTA dropped."""
    new = published[published["Short Desc"] != "RTA"].copy()
    revised = new.index[(new["Short Desc"] == "ReReferral") & (new.Years == "2025")][:3]
    new.loc[revised, "Values"] = ["1.5", "-", "30"]
    later = new[(new["Short Desc"] == "Section_47") & (new.Years == "2025")].assign(
        Years="2026 (prov)"
    )
    raw = pd.read_parquet(LAIT_BULK)
    added = raw[(raw["Short Desc"] == "CPP_rate") & (raw.Years == "2025")]
    return pd.concat([new, later, added], ignore_index=True), new.loc[revised]


def test_a_new_release_is_merged_and_reported(tmp_path, store, published):
    frame, revised = next_release(published)
    new = lait_folder(tmp_path / "new", frame)
    before = (store / "current.json").read_text()
    dry = oa.update([new], out=store, dry_run=True)
    assert not dry.written and (store / "current.json").read_text() == before
    text = dry.report.text()
    assert "1 LAIT measure(s) added: lait:CPP_rate" in text
    assert "lait:Section_47: 2026 (prov)" in text
    assert "lait:ReReferral: 3 value(s)" in text
    assert "no longer in the file, kept and flagged" in text and "lait:RTA" in text

    assert oa.update([new], out=store).written
    o = oa.load_outcomes(store)
    o = o[o.indicator.astype(str).str.startswith("lait:")]
    # RTA's cells are all kept, as the first file published them
    rta = published[published["Short Desc"] == "RTA"]
    assert (o.indicator == "lait:RTA").sum() == len(rta)
    measures = load_outcome_table("lait_measures", store).set_index("measure")
    assert not measures.at["RTA", "in_bulk_file"] and measures.at["CPP_rate", "in_bulk_file"]
    # each revision: the new value kept, the old one in outcome_conflicts with both cells
    conflicts = load_outcome_table("outcome_conflicts", store)
    lait = conflicts[conflicts.measure == "lait:ReReferral"].set_index("la_number")
    assert len(lait) == 3
    old = published.loc[(published["Short Desc"] == "ReReferral") & (published.Years == "2025")]
    for number, now, was in zip(
        revised["LA Number"], revised["Values"], old["Values"][:3], strict=True
    ):
        c = lait.loc[str(int(number))]
        assert c.other_value == float(was)
        assert (c.kept_status == "-") if now == "-" else (c.kept_value == float(now))
    s47 = o[(o.indicator == "lait:Section_47") & (o.period == "2026 (prov)")]
    assert len(s47) == len(later_rows(frame)) and set(s47.period_marker) == {"provisional"}

    again = oa.update([new], out=store)
    assert not again.written and not again.report.changed
    assert "No changes" in again.report.text()


def later_rows(frame):
    return frame[(frame["Short Desc"] == "Section_47") & (frame.Years == "2026 (prov)")]


def broken(published, case):
    """The published cells with one bad cell; its row as a spreadsheet shows it."""
    frame = published.copy()
    i = 40
    if case == "duplicate":
        frame = pd.concat([frame, frame.iloc[[i]]], ignore_index=True)
        period = frame.at[i, "Years"]
        return frame, len(frame) + 1, "Years", f"{period}' is not valid; expected one row per "
        f"measure, area and period (row {i + 2} holds this one too)"
    column, value = {
        "period": ("Years", "Q3 2024"),
        "value": ("Values", "12.3a"),
        "area": ("LA Number", 999.0),
    }[case]
    frame.at[i, column] = value
    shown = "999" if case == "area" else value
    return frame, i + 2, column, shown


@pytest.mark.parametrize("case", ["duplicate", "period", "value", "area"])
def test_a_bad_lait_file_is_refused_naming_the_cell(tmp_path, store, published, case):
    part = published[published["Short Desc"] == "ReReferral"].reset_index(drop=True)
    frame, row, column, value = broken(part, case)
    bad = lait_folder(tmp_path / "bad", frame)
    before = (store / "current.json").read_text()
    result = run_cli("update", bad, "--out", store)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    message = result.stderr
    assert "bds_long_0.parquet" in message
    assert f"row {row}, column '{column}'" in message and value in message
    assert (store / "current.json").read_text() == before


def test_a_bulk_file_without_its_dictionary_is_refused(tmp_path, store, published):
    alone = tmp_path / "alone"
    alone.mkdir()
    published.to_parquet(alone / "bds_long_0.parquet", index=False)
    result = run_cli("update", alone / "bds_long_0.parquet", "--out", store, "--dry-run")
    assert result.returncode == 2 and "lait_data_dictionary.csv" in result.stderr


def test_lait_into_a_store_built_without_it(tmp_path, published):
    out = tmp_path / "processed"
    oa.build(raw=[RAW], out=out, curated=CURATED)  # no outcome files at all
    bulk = lait_folder(tmp_path / "lait", published)
    result = oa.update([bulk], out=out)
    assert result.written and f"{len(MEASURES)} LAIT measure(s) added" in result.report.text()
    o = oa.load_outcomes(out)
    assert len(o) == len(published) and set(o.indicator) == {f"lait:{m}" for m in MEASURES}


def _cut_csv(folder, published):
    """ReReferral's published cells as CSV, cut inside the last cell of the file's row 42 (its
    `Region`), as an interrupted download leaves it: every line still has all its cells."""
    lines = published.to_csv(index=False).splitlines(keepends=True)
    folder.mkdir()
    shutil.copy(LAIT_DICTIONARY, folder)
    path = folder / "bds_long_0.csv"
    path.write_text("".join(lines[:41]) + lines[41].rstrip("\n")[:-3], encoding="utf-8")
    return path, "row 42", "line break"


def _cut_parquet(folder, published):
    path = lait_folder(folder, published)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path, "bds_long_0.parquet", "not a readable parquet file"


@pytest.mark.parametrize("cut", [_cut_csv, _cut_parquet], ids=["csv", "parquet"])
def test_a_lait_file_cut_short_is_refused_not_read_in_part(tmp_path, store, published, cut):
    part = published[published["Short Desc"] == "ReReferral"].reset_index(drop=True)
    path, where, why = cut(tmp_path / "cut", part)
    before = (store / "current.json").read_text()
    result = run_cli("update", path, "--out", store)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert path.name in result.stderr and where in result.stderr and why in result.stderr
    assert (store / "current.json").read_text() == before


def test_a_measure_the_dictionary_does_not_describe_is_named_in_the_summary(tmp_path, published):
    """RTA's published cells under a Short Desc the published dictionary has no row for: they
    are stored (a bare lait_measures row), and the build's summary names the measure as
    undescribed; the published measures, all in the dictionary, are not named."""
    import csv

    with open(LAIT_DICTIONARY, encoding="utf-8-sig", newline="") as fh:
        described = {r["Measure_short"] for r in csv.DictReader(fh)}
    assert set(MEASURES) <= described and "RTA_unlisted" not in described
    extra = published[published["Short Desc"] == "RTA"].assign(**{"Short Desc": "RTA_unlisted"})
    folder = lait_folder(tmp_path / "lait", pd.concat([published, extra])).parent
    result = oa.build(raw=[RAW, folder], out=tmp_path / "out", curated=CURATED, dry_run=True)
    assert result.lait_undescribed == ["RTA_unlisted"]
    assert "1 not in its data dictionary" in result.summary() and "RTA_unlisted" in result.summary()


def _years_headed_year(folder, published):
    path = lait_folder(folder, published.rename(columns={"Years": "Year"}))
    return path, "no column Years", "found Short Desc, Data item, Year"


def _dictionary_without_polarity(folder, published):
    lait_folder(folder, published)
    dictionary = pd.read_csv(LAIT_DICTIONARY, dtype=str, keep_default_na=False)
    dictionary.rename(columns={"Polarity": "Direction"}).to_csv(
        folder / LAIT_DICTIONARY.name, index=False
    )
    return folder / LAIT_DICTIONARY.name, "no column Polarity", "Direction"


@pytest.mark.parametrize("make", [_years_headed_year, _dictionary_without_polarity])
def test_a_lait_file_missing_a_heading_is_refused_naming_it(tmp_path, published, make):
    """A copy of LAIT's file lacking one heading is still recognised as LAIT's and refused
    naming the heading missing and those found (it was taken for an inspections table)."""
    path, missing, found = make(tmp_path / "lait", published)
    with pytest.raises(OfstedAnalysisError) as caught:
        oa.build(raw=[RAW, path.parent], out=tmp_path / "out", curated=CURATED, dry_run=True)
    message = str(caught.value)
    assert path.name in message and missing in message and found in message
    assert "inspection judgements" not in message
