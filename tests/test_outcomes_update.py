"""DfE files through build and update: earlier and later releases (renamed columns and labels),
revisions as conflicts, the change report, and bad input (clear errors, stored tables kept)."""

from __future__ import annotations

import csv
import io
import math

import pytest
from shared_files import CURATED, DFE, RAW

import ofsted_analysis as oa
from ofsted_analysis.core.errors import FileError
from ofsted_analysis.outcomes.table import load_outcome_table
from ofsted_analysis.sources.dfe import read_dfe

C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = DFE / "b1_children_in_need_2013_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
ACTIVITY = DFE / "la_care_leavers_activity.csv"
POPULATION = DFE / "ons_mid-year_population_estimates_2012_to_2024.csv"


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def rewritten(path, dest, rename=None, labels=None, keep=None, change=None):
    """A copy of a published file as an earlier/later release would write it: columns renamed,
    filter labels reworded, rows kept by a test on the row, cells changed."""
    rows = rows_of(path)
    header = rows[0]
    out = [[(rename or {}).get(h, h) for h in header]]
    for row in rows[1:]:
        rec = dict(zip(header, row, strict=True))
        if keep and not keep(rec):
            continue
        for col, (match, value) in (change or {}).items():
            if match(rec):
                rec[col] = value
        out.append([(labels or {}).get(rec[h], rec[h]) for h in header])
    return write_rows(dest, out)


def leeds(rec, year):
    return rec["old_la_code"] == "383" and rec["time_period"] == str(year)


def value(outcomes, indicator, year, la_number="383"):
    rows = outcomes[
        (outcomes.indicator == indicator)
        & (outcomes.year == year)
        & (outcomes.la_number == la_number)
    ]
    assert len(rows) == 1
    return rows.iloc[0]


# --- the vocabulary: earlier and later releases read with no code change ---------------------


def test_earlier_release_names_read_the_same(tmp_path):
    """c1 as the 2013-2024 releases wrote it: `Referrals`, `Re_referrals_percent`,
    `Category`. Every value read equals the one read from today's file."""
    old = rewritten(
        C1,
        tmp_path / "c1_2024.csv",
        rename={
            "referral_count": "Referrals",
            "rereferral_percent": "Re_referrals_percent",
            "category": "Category",
        },
        keep=lambda r: r["time_period"] != "2025",
    )
    a = read_dfe(old).drop(columns=["file", "column", "row"])
    b = read_dfe(C1)
    b = b[b.year != 2025].drop(columns=["file", "column", "row"]).reset_index(drop=True)
    assert a.reset_index(drop=True).equals(b)
    assert set(read_dfe(old).column) == {"Referrals", "Re_referrals_percent"}


def test_at_31_march_and_aged_labels_read_the_same(tmp_path):
    """'Children looked after at 31 March each year' with `number` and `population_count`;
    care leavers 'Aged 19 to 21'."""
    cla = rewritten(
        CLA,
        tmp_path / "cla_old.csv",
        rename={"children_count": "number", "population_estimate": "population_count"},
        labels={
            "Children looked after on 31 March each year": (
                "Children looked after at 31 March each year"
            )
        },
    )
    cols = ["level", "la_number", "measure", "year", "value", "status"]
    got = read_dfe(cla)[cols].reset_index(drop=True)
    want = read_dfe(CLA)[cols].reset_index(drop=True)
    assert got.equals(want)
    assert (got.measure == "cla_on31_rate").sum() == 835
    leavers = rewritten(
        ACTIVITY,
        tmp_path / "leavers_old.csv",
        labels={"19 to 21 years": "Aged 19 to 21"},
        keep=lambda r: r["time_period"] == "2025",
    )
    got = read_dfe(leavers)
    assert (got.measure == "care_leavers_eet_19_21").sum() == 167


@pytest.fixture(scope="module")
def revision_store(tmp_path_factory):
    """A store built from the real c1 (to 2025) and an earlier release (to 2024, with old
    column names) that published a different Leeds 2024 re-referral rate (25.0, not 24.2)."""
    tmp = tmp_path_factory.mktemp("revision")
    earlier = rewritten(
        C1,
        tmp / "c1_2013_to_2024.csv",
        rename={"rereferral_percent": "Re_referrals_percent", "referral_count": "Referrals"},
        keep=lambda r: r["time_period"] != "2025",
        change={"rereferral_percent": (lambda r: leeds(r, 2024), "25.0")},
    )
    out = tmp / "processed"
    oa.build(raw=[RAW, earlier, C1, POPULATION], out=out, curated=CURATED)
    return out


def test_later_release_wins_and_the_revision_is_a_conflict(revision_store):
    o = oa.load_outcomes(revision_store)
    assert value(o, "rereferral_rate", 2024).value == 24.2  # c1 (to 2025), row 222
    conflicts = load_outcome_table("outcome_conflicts", revision_store)
    assert len(conflicts) == 1
    c = conflicts.iloc[0]
    assert (c.la_name, c.measure, c.year, c.kept_value, c.other_value) == (
        "Leeds",
        "rereferral_percent",
        2024,
        24.2,
        25.0,
    )
    assert c.kept_source.endswith(f"{C1.name}:r222:rereferral_percent")
    # the earlier file lacks c1's 165 rows of 2025, so Leeds 2024 sits at row 222 - 165
    assert c.other_source.endswith("c1_2013_to_2024.csv:r57:Re_referrals_percent")


# --- update and its change report --------------------------------------------------------


@pytest.fixture()
def small_store(tmp_path):
    out = tmp_path / "processed"
    oa.build(raw=[RAW, C1, POPULATION], out=out, curated=CURATED)
    return out


def test_update_adds_an_outcome_file_and_reports_it(small_store):
    before = oa.load_outcomes(small_store)
    assert "cin_rate" not in set(before.indicator)
    dry = oa.update([B1], out=small_store, dry_run=True)
    assert not dry.written and dry.report.changed
    result = oa.update([B1], out=small_store)
    assert result.written
    text = result.report.text()
    assert "Outcome indicators (DfE) added, changed or gone" in text
    # 165 England/region/LA rows a year in b1 2025 (rows 2-166)
    assert "cin_rate 2025: 165 value(s) added" in text
    assert B1.name in text
    after = oa.load_outcomes(small_store)
    assert value(after, "cin_rate", 2025).value == pytest.approx(5775 * 10_000 / 176239)

    # the words stored as categories (storage.schema kind "cat") compared as words: the new
    # indicator adds a category to the whole column
    def rows(frame):
        part = frame[frame.indicator == "rereferral_rate"].reset_index(drop=True)
        return part.astype({c: str for c in part.select_dtypes("category")})

    assert rows(after).equals(rows(before))
    again = oa.update([B1], out=small_store)
    assert not again.written and not again.report.changed


def next_release(tmp_path, change):
    """Next year's c1 as DfE would publish it: a 2026 year on top (here England's 2025 row
    again, as 2026) and earlier years revised."""
    rows = rows_of(C1)
    england_2026 = ["2026"] + rows[1][1:]
    path = write_rows(tmp_path / "c1_2013_to_2026.csv", [rows[0], england_2026, *rows[1:]])
    return rewritten(path, tmp_path / "c1_2013_to_2026_release.csv", change=change)


def test_update_with_a_revised_release_reports_both_values(small_store, tmp_path):
    revised = next_release(tmp_path, {"rereferral_percent": (lambda r: leeds(r, 2025), "23.9")})
    report = oa.update([revised], out=small_store).report
    assert "rereferral_rate 2026: 1 value(s) added" in report.outcome_changes
    line = next(x for x in report.outcome_changes if x.startswith("Leeds rereferral_rate 2025"))
    assert "24.2" in line and "23.9" in line and C1.name in line and revised.name in line
    assert any("Leeds rereferral_percent 2025: kept 23.9" in x for x in report.outcome_conflicts)
    assert value(oa.load_outcomes(small_store), "rereferral_rate", 2025).value == 23.9


def test_updating_inspections_keeps_the_outcome_tables(small_store):
    before = oa.load_outcomes(small_store)
    oa.update([RAW / "d2i" / "ofsted_csc_ilacs_history.csv"], out=small_store)
    assert oa.load_outcomes(small_store).equals(before)


# --- unusual but fine input (bad DfE input is in test_bad_input.py's DFE_CATALOGUE) -----------


def test_a_dfe_file_saved_by_excel_reads_the_same(tmp_path):
    """Windows-1252, CRLF line ends, no BOM (a DfE file opened and saved in Excel)."""
    text = C1.read_text(encoding="utf-8-sig").replace(
        "Referrals and Re-referrals", "Referrals and Re-referrals \u2013"
    )
    saved = tmp_path / "c1_excel.csv"
    saved.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    cols = ["level", "la_number", "measure", "year", "value", "status", "row"]
    assert read_dfe(saved)[cols].equals(read_dfe(C1)[cols])


def test_read_any_refuses_a_dfe_file_as_an_inspection_source():
    from ofsted_analysis.sources import outcome_kind, read_any

    with pytest.raises(FileError, match="DfE children's social care statistics"):
        read_any(C1)
    assert outcome_kind(C1) == "dfe"
    assert outcome_kind(RAW / "d2i" / "ofsted_csc_ilacs_history.csv") is None
    assert outcome_kind(DFE / "RSX_LA_Data_2024-25_data_by_LA.ods") == "rsx"
    assert outcome_kind(DFE / "sn_model_2025_wide.csv") == "neighbours"


def test_suppressed_numerator_gives_a_missing_computed_rate(tmp_path):
    """A computed rate whose numerator is suppressed keeps the numerator's code."""
    b1 = rewritten(
        B1,
        tmp_path / "b1.csv",
        keep=lambda r: r["time_period"] == "2025",
        change={"At31_episodes": (lambda r: leeds(r, 2025), "c")},
    )
    out = tmp_path / "p"
    oa.build(raw=[RAW, b1, POPULATION], out=out, curated=CURATED)
    row = value(oa.load_outcomes(out), "cin_rate", 2025)
    assert row.status == "c" and math.isnan(row.value)


def test_a_rebuild_never_uses_a_stale_outcome_table(tmp_path):
    """The outcome tables are cached by file content: change one cell of a file (same path)
    and the rebuild shows it; put the cell back and the first value returns."""
    path = tmp_path / "c1.csv"
    out = tmp_path / "p"
    path.write_bytes(C1.read_bytes())
    oa.build(raw=[RAW, path, POPULATION], out=out, curated=CURATED)
    assert value(oa.load_outcomes(out), "rereferral_rate", 2025).value == 24.2  # c1 row 57
    rewritten(C1, path, change={"rereferral_percent": (lambda r: leeds(r, 2025), "31.5")})
    oa.build(raw=[RAW, path, POPULATION], out=out, curated=CURATED)
    assert value(oa.load_outcomes(out), "rereferral_rate", 2025).value == 31.5
    path.write_bytes(C1.read_bytes())
    oa.build(raw=[RAW, path, POPULATION], out=out, curated=CURATED)
    assert value(oa.load_outcomes(out), "rereferral_rate", 2025).value == 24.2


def test_a_financial_year_is_the_year_to_31_march(tmp_path):
    """A release giving time_period 202425 (financial year 2024-25) reads as year 2025."""
    fy = rewritten(
        C1,
        tmp_path / "c1_fy.csv",
        keep=lambda r: r["time_period"] == "2025",
        change={
            "time_period": (lambda r: True, "202425"),
            "time_identifier": (lambda r: True, "Financial year"),
        },
    )
    got = read_dfe(fy)
    assert set(got.year) == {2025}
    cols = ["level", "la_number", "measure", "value", "status"]
    want = read_dfe(C1)
    assert (
        got[cols]
        .reset_index(drop=True)
        .equals(want[want.year == 2025][cols].reset_index(drop=True))
    )
