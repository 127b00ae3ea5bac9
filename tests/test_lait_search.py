"""Finding a measure without its id (`indicators --search`, oa.search_indicators) and unknown
ids answered with the closest. Expected ids come from LAIT's dictionary and bulk file, read
here with the csv module and pandas."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from commands import run_cli, run_in_process
from shared_files import LAIT_BULK, LAIT_DICTIONARY

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError


def dictionary():
    with open(LAIT_DICTIONARY, encoding="utf-8-sig", newline="") as fh:
        return {r["Measure_short"]: r for r in csv.DictReader(fh)}


def test_children_in_need_key_stage_2_finds_lait_cin_ks2_measures():
    found = oa.search_indicators("children in need key stage 2")
    expected = {f"lait:{m}" for m in dictionary() if m.startswith("CIN_KS2")}
    assert len(expected) >= 5 and expected <= set(found.id)
    assert set(found.id[: len(expected)]) == expected  # they match in id and label: first


def test_ehcp_timeliness_finds_plans_issued_within_20_weeks():
    found = oa.search_indicators("EHCP timeliness")
    within = {f"lait:{m}" for m, r in dictionary().items() if "within 20 weeks" in r["Measure"]}
    assert len(within) == 2 and set(found.id[:2]) == within


def test_section_47_and_its_years_held():
    found = oa.search_indicators("section 47").set_index("id")
    assert found.index[0] == "lait:Section_47"
    raw = pd.read_parquet(LAIT_BULK)
    cells = raw[(raw["Short Desc"] == "Section_47") & ~raw.Values.isin(["-", ".."])]
    years = cells.Years.astype(int)  # this measure's periods are calendar years as written
    row = found.loc["lait:Section_47"]
    assert (row.first_year, row.last_year) == (years.min(), years.max())
    assert row.years == f"{years.min()}-{years.max()}" and row.periods == years.nunique()


def test_the_command_lists_both_turnover_measures():
    result = run_in_process("indicators", "--search", "social", "worker", "turnover")
    assert result.returncode == 0
    assert "sw_turnover_rate" in result.stdout and "lait:Work_Force_TO_Rate" in result.stdout
    assert "years held" in result.stdout


def test_nothing_found_is_an_error_with_suggestions():
    with pytest.raises(InputError, match="closest: .*lait:Section_47"):
        oa.search_indicators("sektion 47 enquiries xyzzy")


def test_an_unknown_lait_id_is_answered_with_the_closest_ids_and_labels():
    result = run_cli("outcomes", "Leeds", "--indicator", "lait:ReRefferal")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    label = dictionary()["ReReferral"]["Measure"]
    assert f"lait:ReReferral ({label})" in result.stderr


def test_a_lait_id_reads_as_an_indicator_with_the_dictionary_polarity():
    from ofsted_analysis.outcomes.indicators import get

    for measure, r in dictionary().items():
        want = {"High": True, "Low": False}.get(r["Polarity"])
        assert get(f"lait:{measure}").higher_is_better is want, measure


def test_a_topic_lists_its_lait_measures_and_an_unknown_topic_is_refused():
    table = oa.indicator_table("Children's Services Workforce")
    listed = {
        f"lait:{m}"
        for m, r in dictionary().items()
        if r["Topic"] == "Children's Services Workforce"
    }
    assert listed == set(table.id)
    with pytest.raises(InputError, match="closest: children looked after"):
        oa.indicator_table("children lookd after")
