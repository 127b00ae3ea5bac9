"""LAIT's bulk file and dictionary (../shared/data/lait) in the outcomes table: every cell as
published, the period rule, the dictionary's fields, the measures that are the package's own,
and the CSV and XLSX copies of the file. Expected values are the file's own cells (read here
with pandas, independently of the reader) and the dictionary's (read with the csv module)."""

from __future__ import annotations

import csv
import math
import re
from datetime import datetime, timedelta

import pandas as pd
import pytest
from shared_files import LAIT, LAIT_BULK, LAIT_DICTIONARY

from ofsted_analysis.outcomes.catalogue import COMPARE_WITH, SAME_AS, indicator_table
from ofsted_analysis.outcomes.table import load_outcome_table
from ofsted_analysis.sources.formats import identify
from ofsted_analysis.sources.lait import read_lait

BULK_KEY = "../shared/data/lait/bds_long_0.parquet"  # the file as the tables name it
# ONS codes of the English regions and of Inner and Outer London (ONS Open Geography), by
# the name LAIT writes in `LA and Regions`.
ONS_REGIONS = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and the Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
    "London (Inner)": "E13000001",
    "London (Outer)": "E13000002",
}


@pytest.fixture(scope="module")
def published():
    """The bulk file as pandas reads it, with each row's number as a spreadsheet shows it."""
    raw = pd.read_parquet(LAIT_BULK)
    return raw.assign(row=range(2, len(raw) + 2))


@pytest.fixture(scope="module")
def stored(outcomes):
    """The LAIT rows of the built tables, with the file row their source names."""
    rows = outcomes[outcomes.indicator.astype(str).str.startswith("lait:")].astype(
        {c: str for c in outcomes.select_dtypes("category")}
    )
    where = rows.source.str.extract(r"^(?P<file>.*):r(?P<row>\d+):Values$")
    return rows.assign(file=where.file, row=where.row.astype("int64"))


def year_written(label: str) -> int:
    """The year a LAIT period ends: its last number (two digits: this century)."""
    last = re.findall(r"\d+", label.split("(")[0])[-1]
    return int(last) if len(last) == 4 else 2000 + int(last)


def test_every_cell_of_the_bulk_file_is_stored_as_published(published, stored):
    assert (stored.file == BULK_KEY).all()
    assert stored.row.is_unique
    both = published.merge(stored, on="row", how="left", validate="one_to_one", indicator=True)
    missing = both[both._merge == "left_only"]
    # the only cells not stored: the period LAIT writes '0', every one of them '-'
    assert (missing.Years == "0").all() and (missing.Values == "-").all()
    assert len(missing) == (published.Years == "0").sum() == 170
    cells = both[both._merge == "both"]
    assert len(cells) == len(stored) == len(published) - 170
    assert (cells.indicator == "lait:" + cells["Short Desc"]).all()
    assert (cells.period == cells.Years).all()
    assert (cells.year == cells.Years.map(year_written)).all()
    number = pd.to_numeric(cells.Values, errors="coerce")
    empty = cells.Values.isin(["-", ".."])
    assert (number.notna() | empty).all()
    assert (cells.value[~empty] == number[~empty]).all()  # the same double, never rounded
    assert cells.value[empty].isna().all() and (cells.status[empty] == cells.Values[empty]).all()
    assert (cells.status[~empty] == "").all()
    number_la = cells["LA Number"].astype(int)
    england, region = number_la == 970, number_la.between(980, 990)
    la = ~(england | region)
    assert (cells.level[england] == "england").all()
    assert (cells.la_code[england] == "E92000001").all()
    assert (cells.level[region] == "region").all()
    assert (cells.la_code[region] == cells["LA and Regions"][region].map(ONS_REGIONS)).all()
    assert (cells.level[la] == "la").all()
    assert (cells.la_number[la] == number_la[la].astype(str)).all()


def test_old_authorities_keep_their_rows(published, stored):
    """Cumbria (909) and Northamptonshire (928), abolished in 2023 and 2021."""
    for number, name in ((909, "Cumbria"), (928, "Northamptonshire")):
        written = published[(published["LA Number"] == number) & (published.Years != "0")]
        rows = stored[stored.la_number == str(number)]
        assert len(rows) == len(written) > 0 and set(rows.la_name) == {name}


def test_the_period_rule_and_markers(stored, published):
    labels = published.Years[published.Years != "0"].unique()
    rows = stored.drop_duplicates("period").set_index("period")
    assert set(rows.index) == set(labels)
    marker = {"OT": "outturn", "Revised": "revised", "prov": "provisional",
              "Prov": "provisional", "Final": "final"}  # fmt: skip
    for label in labels:
        written = re.search(r"\((\w+)\)", label)
        assert rows.at[label, "period_marker"] == (marker[written[1]] if written else "")
        assert rows.at[label, "year"] == year_written(label)
    # the examples, from the rule's own statement
    assert rows.at["2016-17", "year"] == 2017 and rows.at["2015/16", "year"] == 2016
    assert rows.at["2014-16", "year"] == 2016 and rows.at["2013/14-15/16", "year"] == 2016


def dictionary_rows():
    with open(LAIT_DICTIONARY, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_measure_is_described_as_the_dictionary_says(built):
    table = load_outcome_table("lait_measures", built).set_index("measure")
    rows = dictionary_rows()
    first = {}
    for r in rows:
        first.setdefault(r["Measure_short"], r)
    assert set(table.index) == set(first)
    for measure, r in first.items():
        got = table.loc[measure]
        assert got.label == r["Measure"].strip()
        assert got.topic == r["Topic"]
        expected = {"High": "high", "Low": "low"}.get(r["Polarity"], "")
        assert got.polarity == expected, measure
        listed = [x for x in rows if x["Measure_short"] == measure]
        assert got.quartiles == all(x["No_Quartile"] != "N" for x in listed)
        dps = next((x["dps"] for x in listed if x["dps"] not in ("", "NA")), None)
        assert pd.isna(got.decimals) if dps is None else got.decimals == int(float(dps))
        nxt = r["Next Update"]
        if nxt.isdigit():  # an Excel serial day number
            assert got.next_update == datetime(1899, 12, 30) + timedelta(days=int(nxt))
        else:
            assert pd.isna(got.next_update) and got.next_update_note == nxt
        assert got.topics.split("; ")[0] == r["Topic"]
        assert got.source_link == r["Hyperlink(s)"].replace("\r\r\n", "\n").strip()


def lait_cells(published, measure):
    """A LAIT measure's cells with a value, keyed like the outcomes table."""
    rows = published[(published["Short Desc"] == measure) & ~published.Values.isin(["-", ".."])]
    number = rows["LA Number"].astype(int)
    code = rows["LA and Regions"].map(ONS_REGIONS).where(number != 970, "E92000001")
    return pd.DataFrame(
        {
            "level": ["england" if n == 970 else "region" if n >= 980 else "la" for n in number],
            "area": code.where(number >= 970, number.astype(str)),
            "year": rows.Years.map(year_written),
            "lait": pd.to_numeric(rows.Values),
            "written": rows.Values,
        }
    )


def decimals(value: float) -> int:
    """The fewest decimals that write ``value`` (LAIT's cells hold binary doubles written
    out in full: '302.89999999999998' is 302.9, '0.70000000000000007' is 0.7)."""
    return next(d for d in range(10) if abs(round(value, d) - value) < 1e-9)


def paired(outcomes, published, ours, measure):
    rows = outcomes[(outcomes.indicator == ours) & outcomes.value.notna()]
    area = rows.la_number.where(rows.level == "la", rows.la_code)
    mine = pd.DataFrame(
        {"level": rows.level.astype(str), "area": area, "year": rows.year, "ours": rows.value}
    )
    return mine.merge(lait_cells(published, measure), on=["level", "area", "year"])


@pytest.mark.parametrize("measure", sorted(SAME_AS))
def test_same_as_agrees_within_published_rounding_everywhere(outcomes, published, measure):
    """Within half a unit of the last decimal each figure is published to, for every
    authority in every year both hold (which also proves the year rule: LAIT's periods land
    on DfE's years). England's and the regions' are aggregates LAIT may take from another
    release (social worker turnover 2024: England 13.8 in LAIT, 13.9 in DfE's 2025 file)."""
    ours = SAME_AS[measure]
    both = paired(outcomes, published, ours, measure)
    both = both[both.level == "la"]
    assert len(both) > 900  # 150-odd authorities, six years or more
    own = indicator_table().set_index("id").loc[ours]
    # a rate computed here is not rounded; a published figure is, to its own decimals
    own_half = 0 if own.computed else 0.5 * 10 ** -int(own.decimals)
    # LAIT's figures are published to the decimals its cells of the measure are written to
    half = 0.5 * 10.0 ** -max(lait_cells(published, measure).lait.map(decimals))
    assert ((both.ours - both.lait).abs() <= own_half + half + 1e-9).all()


@pytest.mark.parametrize("measure", sorted(COMPARE_WITH))
def test_compare_with_agrees_mostly_but_not_everywhere(outcomes, published, measure):
    """The same definition, but DfE revised some figures after LAIT took them."""
    both = paired(outcomes, published, COMPARE_WITH[measure], measure)
    close = (both.ours - both.lait).abs() <= 0.5 * 10.0 ** -both.lait.map(decimals) + 0.5
    assert len(both) > 500 and close.mean() > 0.8 and not close.all()


def test_the_same_measures_name_each_other_in_the_indicator_table():
    table = indicator_table().set_index("id")
    for measure, ours in SAME_AS.items():
        assert table.at[f"lait:{measure}", "same_as"] == ours
    assert (table.loc[table.origin == "dfe", "same_as"] == "").all()
    own = table[table.origin == "dfe"]
    assert (own.polarity == own.higher_is_better.map({True: "high", False: "low", None: ""})).all()


def test_the_lait_files_are_recognised_by_content():
    assert identify(LAIT_BULK).name == "lait"
    assert identify(LAIT_DICTIONARY).name == "lait_dictionary"
    for name in ("sn_may_2025.xlsx", "sn_april_2021.xlsx", "la_code_list.xlsx"):
        assert identify(LAIT / name).name == "lait_companion"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_csv_or_xlsx_copy_reads_as_the_parquet(tmp_path, published, suffix):
    part = published[published["Short Desc"].isin(["ReReferral", "RTA", "CIN"])].drop(columns="row")
    copy = tmp_path / f"bds_long_0{suffix}"
    parquet = tmp_path / "bds_long_0.parquet"
    part.to_parquet(parquet, index=False)
    if suffix == ".csv":
        part.to_csv(copy, index=False)
    else:
        part.to_excel(copy, index=False)
    assert identify(copy).name == "lait"
    got, want = read_lait(copy, "f"), read_lait(parquet, "f")
    assert len(want) == len(part)
    pd.testing.assert_frame_equal(got, want)
    assert math.isclose(got.value.sum(), pd.to_numeric(part.Values, errors="coerce").sum())
