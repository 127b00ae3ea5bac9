"""DfE files read through the vocabulary whatever the release (issue 21, item 3), and every
refusal naming truly what the file has and what it lacks.

The earlier releases are built in tmp_path from the real looked-after children file
(``cla_number_and_rate_per_10k_children.csv``) by renaming and rewording as the earlier
release did; the expected values are the real file's own cells.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from shared_files import DFE

from ofsted_analysis.core.errors import FileError
from ofsted_analysis.sources.dfe import read_dfe
from ofsted_analysis.sources.formats import identify

CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
ON_31_MARCH = "Children looked after on 31 March each year"
AT_31_MARCH = "Children looked after at 31 March each year"  # the earlier release's label


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def earlier_release(dest: Path, drop: tuple[str, ...] = (), **renamed: str) -> Path:
    """The cla file as the earlier release laid it out: the population type in a column
    named ``population_count``, ``number`` for the count, "at 31 March"; columns
    ``renamed`` (published name -> name written) and ``drop`` changed on top of that."""
    names = {"population_type": "population_count", "children_count": "number", **renamed}
    rows = _rows(CLA)
    header = [h for h in rows[0] if h not in drop]
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([names.get(h, h) for h in header])
        for r in rows:
            w.writerow([AT_31_MARCH if r[h] == ON_31_MARCH else r[h] for h in header])
    return dest


def test_the_earlier_layout_is_what_the_issue_describes(tmp_path):
    path = earlier_release(tmp_path / "cla_earlier.csv")
    header = next(csv.reader(open(path, encoding="utf-8")))
    assert header[-4:] == ["population_count", "population_estimate", "number", "rate_per_10000"]
    assert AT_31_MARCH in path.read_text(encoding="utf-8")
    assert identify(path).name == "dfe"


def test_the_earlier_release_reads_as_the_real_files_cells(tmp_path):
    got = read_dfe(earlier_release(tmp_path / "cla_earlier.csv"))
    cols = ["level", "la_number", "measure", "year", "value", "status"]
    assert got[cols].reset_index(drop=True).equals(read_dfe(CLA)[cols].reset_index(drop=True))
    # ... and, cell by cell, the real file's own numbers (read here with the csv module)
    wanted = {
        "cla_on31_count": ("children_count", ON_31_MARCH),
        "cla_on31_rate": ("rate_per_10000", ON_31_MARCH),
        "cla_starting_rate": ("rate_per_10000", "Children starting to be looked after each year"),
    }
    checked = 0
    for r in _rows(CLA):
        for measure, (column, population) in wanted.items():
            if r["population_type"] != population or r["geographic_level"] != "Local authority":
                continue
            row = got[
                (got.measure == measure)
                & (got.la_number == r["old_la_code"])
                & (got.year == int(r["time_period"]))
            ]
            assert len(row) == 1
            cell = r[column]
            if re.fullmatch(r"[\d.]+", cell):
                assert row.value.iloc[0] == float(cell) and row.status.iloc[0] == ""
            else:
                assert row.status.iloc[0] == cell.lower()
            checked += 1
    assert checked > 2000
    assert set(got.column) == {"number", "rate_per_10000"}


def test_a_file_lacking_the_filter_says_which_filter_not_that_nothing_is_known(tmp_path):
    path = earlier_release(tmp_path / "cla_no_type.csv", drop=("population_type",))
    with pytest.raises(FileError) as caught:
        read_dfe(path)
    text = str(caught.value)
    assert "rate_per_10000 needs the filter column population_type" in text
    assert "number needs the filter column population_type" in text
    assert "none of its columns" not in text and "columns found: time_period" in text


def test_a_file_without_any_indicator_says_so(tmp_path):
    path = earlier_release(
        tmp_path / "cla_no_indicator.csv",
        drop=("children_count", "rate_per_10000", "population_estimate"),
    )
    with pytest.raises(FileError, match="none of its columns .* is a known indicator"):
        read_dfe(path)


def test_labels_no_measure_is_read_under_are_named(tmp_path):
    path = earlier_release(tmp_path / "cla_labels.csv")
    text = path.read_text(encoding="utf-8")
    text = text.replace(AT_31_MARCH, "Looked after at year end").replace(
        "Children starting to be looked after each year", "Starters"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileError) as caught:
        read_dfe(path)
    message = str(caught.value)
    assert "none of whose rows carries the filter labels" in message
    assert "population_count 'Children looked after on 31 March each year'" in message
    assert "'looked after at year end'" in message


def test_two_columns_with_one_meaning_are_refused_naming_both(tmp_path):
    # The earlier population_count (labels) beside today's population_type.
    path = earlier_release(tmp_path / "cla_both.csv", population_type="population_type")
    rows = list(csv.reader(open(path, encoding="utf-8")))
    k = rows[0].index("population_type")
    rows[0].insert(k, "population_count")
    for r in rows[1:]:
        r.insert(k, r[k])
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    with pytest.raises(FileError, match="'population_count' and 'population_type'"):
        read_dfe(path)


def test_la_numbers_as_a_resaved_copy_writes_them_read_as_dfe_wrote_them(tmp_path):
    """The workforce file re-saved by a tool that made the LA number a decimal ('840.0', as
    pandas writes a column of numbers with blanks) and closed up the combined rows ('940/941'):
    every cell reads as in the real file, the combined rows under the real file's '940 / 941'
    and '314 / 318'."""
    real = DFE / "csww_indicators_2017_to_2025.csv"
    rows = _rows(real)
    combined = {r["old_la_code"] for r in rows if "/" in r["old_la_code"]}
    assert combined == {"940 / 941", "314 / 318"}  # the real file's cells
    path = tmp_path / "csww_resaved.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        for r in rows:
            code = r["old_la_code"]
            w.writerow(
                {**r, "old_la_code": f"{code}.0" if code.isdigit() else code.replace(" ", "")}
            )
    cols = ["level", "la_number", "measure", "year", "value", "status"]
    got, want = read_dfe(path)[cols], read_dfe(real)[cols]
    assert got.reset_index(drop=True).equals(want.reset_index(drop=True))
    assert combined <= set(got.la_number)
    assert {r["old_la_code"] for r in rows if r["old_la_code"]} == set(
        got.la_number[got.level == "la"]
    )


def test_a_file_missing_an_id_column_is_refused_as_dfe_naming_it(tmp_path):
    """The cla file with time_period headed 'year' (as a re-saved copy might head it) is
    still DfE's, refused naming time_period (it was taken for an inspections table)."""
    path = earlier_release(tmp_path / "cla_year.csv", time_period="year")
    assert identify(path).name == "dfe"
    with pytest.raises(FileError, match="no column time_period .*columns found: year,"):
        read_dfe(path)


def test_regional_rows_without_the_region_code_column_are_refused_naming_it(tmp_path):
    """The c1 file without its region_code column: its Regional rows (row 3, North East's
    E12000001, the first) cannot be told apart, and the file is refused saying so (the
    message once blamed a key published twice)."""
    real = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
    rows = _rows(real)
    assert {r["region_code"] for r in rows if r["geographic_level"] == "Regional"} >= {
        "E12000001",
        "E12000009",
    }
    path = tmp_path / "c1_no_region_code.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        header = [h for h in rows[0] if h != "region_code"]
        w = csv.DictWriter(fh, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(FileError, match="has Regional rows but no region_code column"):
        read_dfe(path)
