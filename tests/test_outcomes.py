"""The outcomes table against DfE's published CSV cells (../shared/data/outcomes/dfe).

Expected values come from the files themselves, read here independently with the csv module
(never through the package's reader), or from cells named by file, row and column.
"""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
from shared_files import DFE, LAIT_BULK, LAIT_DICTIONARY

import ofsted_analysis as oa
from ofsted_analysis.outcomes.catalogue import indicator_table
from ofsted_analysis.outcomes.indicators import INDICATORS

C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
B1 = DFE / "b1_children_in_need_2013_to_2025.csv"
D3 = DFE / "d3_cpps_subsequent_plan_2013_to_2025.csv"
D5 = DFE / "d5_cpps_at31march_by_duration_2013_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"
STABILITY = DFE / "la_cla_placement_stability.csv"
ACTIVITY = DFE / "la_care_leavers_activity.csv"
ACCOMMODATION = DFE / "la_care_leavers_accommodation_suitability.csv"
CSWW = DFE / "csww_indicators_2017_to_2025.csv"
POPULATION = DFE / "ons_mid-year_population_estimates_2012_to_2024.csv"
SN_2025 = DFE / "sn_model_2025_wide.csv"

# indicator id -> (file, column, {filter column: label}) as the issue defines them.
PUBLISHED = {
    "rereferral_rate": (C1, "rereferral_percent", {}),
    "repeat_cpp_rate": (D3, "CPP_subsequent_percent", {}),
    "cla_rate": (
        CLA,
        "rate_per_10000",
        {"population_type": "Children looked after on 31 March each year"},
    ),
    "placements_3plus_rate": (
        STABILITY,
        "children_percent",
        {
            "cla_group": "CLA on 31 March",
            "placement_stability": "With 3 or more placements during the year",
        },
    ),
    "long_term_stability_rate": (
        STABILITY,
        "children_percent",
        {
            "cla_group": "Children looked after continuously for at least 2.5 years on 31 March "
            "aged under 16 years",
            "placement_stability": "Living with the same carer for at least 2 years",
        },
    ),
    "care_leavers_eet_19_21": (
        ACTIVITY,
        "care_leaver_percent",
        {
            "care_leaver_age": "19 to 21 years",
            "breakdown": "Total in education, employment or training",
        },
    ),
    "care_leavers_suitable_accommodation_19_21": (
        ACCOMMODATION,
        "care_leaver_percent",
        {"care_leaver_age": "19 to 21 years", "breakdown": "Accommodation considered suitable"},
    ),
    "care_leavers_eet_17_18": (
        ACTIVITY,
        "care_leaver_percent",
        {
            "care_leaver_age": "17 to 18 years",
            "breakdown": "Total in education, employment or training",
        },
    ),
    "care_leavers_suitable_accommodation_17_18": (
        ACCOMMODATION,
        "care_leaver_percent",
        {"care_leaver_age": "17 to 18 years", "breakdown": "Accommodation considered suitable"},
    ),
    "cla_starting_rate": (
        CLA,
        "rate_per_10000",
        {"population_type": "Children starting to be looked after each year"},
    ),
    "cpp_2_years_or_more": (D5, "2_years_or_more_percent", {}),
    "sw_absence_rate": (CSWW, "absence_rate_fte", {}),
    "sw_turnover_rate": (CSWW, "turnover_rate_fte", {}),
    "sw_agency_rate": (CSWW, "agency_rate_fte", {}),
    "sw_vacancy_rate": (CSWW, "vacancy_rate_fte", {}),
    "sw_caseload": (CSWW, "caseload_fte", {}),
}
CODES = {"c", "x", "z", "u", "low", "k"}
LEVEL = {"National": "england", "Regional": "region", "Local authority": "la"}


def published_rows(path, filters=None):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if all(row[k] == v for k, v in (filters or {}).items()):
                yield n, row


def cell_key(row):
    level = LEVEL[row["geographic_level"]]
    area = {"england": "", "region": row["region_code"], "la": row["old_la_code"]}[level]
    return level, area, int(row["time_period"])


def table_key(frame):
    area = frame["la_number"].where(
        frame["level"] == "la", frame["la_code"].where(frame["level"] == "region", "")
    )
    return list(zip(frame["level"], area, frame["year"], strict=True))


@pytest.mark.parametrize("indicator", sorted(PUBLISHED))
def test_every_value_equals_the_published_cell(outcomes, indicator):
    """Every England, region and LA value (and every suppression code) is the published cell,
    one row per published cell."""
    path, column, filters = PUBLISHED[indicator]
    expected = {cell_key(r): (n, r[column]) for n, r in published_rows(path, filters)}
    rows = outcomes[outcomes.indicator == indicator]
    got = dict(zip(table_key(rows), rows.itertuples(), strict=True))
    assert set(got) == set(expected)
    for key, (n, cell) in expected.items():
        r = got[key]
        assert r.source == f"../shared/data/outcomes/dfe/{path.name}:r{n}:{column}"
        if cell in CODES:
            assert r.status == cell and math.isnan(r.value), (key, cell)
        else:
            assert r.status == "" and r.value == float(cell), (key, cell, r.value)


def test_named_cells(outcomes):
    """A few cells read off the files by eye (file, row, column)."""

    def value(indicator, year, la_number=None):
        o = outcomes[(outcomes.indicator == indicator) & (outcomes.year == year)]
        o = o[o.la_number == la_number] if la_number else o[o.level == "england"]
        assert len(o) == 1
        return o.iloc[0]

    # c1 row 2 (England 2025), rereferral_percent: 22.6; row 57 (Leeds 2025): 24.2
    assert value("rereferral_rate", 2025).value == 22.6
    assert value("rereferral_rate", 2025, "383").value == 24.2
    # d3 row 2 (England 2025), CPP_subsequent_percent: 24.5
    assert value("repeat_cpp_rate", 2025).value == 24.5
    # cla_number_and_rate_per_10k_children row 3 (England 2025, on 31 March): 67 per 10,000
    assert value("cla_rate", 2025).value == 67
    # la_cla_placement_stability row 7 (England 2025, CLA on 31 March, 3+ placements): 10
    assert value("placements_3plus_rate", 2025).value == 10
    # la_care_leavers_activity row 23 (England 2025, 19 to 21, total in EET): 54
    assert value("care_leavers_eet_19_21", 2025).value == 54
    # la_care_leavers_accommodation_suitability row 6 (England 2025, 19 to 21, suitable): 89
    assert value("care_leavers_suitable_accommodation_19_21", 2025).value == 89
    # csww_indicators row 2 (England 2025): turnover 11.8, agency 13, vacancy 14.2, caseload 15.2
    assert [
        value(i, 2025).value
        for i in ("sw_turnover_rate", "sw_agency_rate", "sw_vacancy_rate", "sw_caseload")
    ] == [11.8, 13, 14.2, 15.2]
    # csww_indicators row 25 (Sunderland 2025), agency_rate_fte: 'low'
    sunderland = value("sw_agency_rate", 2025, "394")
    assert sunderland.status == "low" and math.isnan(sunderland.value)


def test_suppressed_values_are_missing_never_zero(outcomes):
    coded = outcomes[outcomes.status != ""]
    dfe = coded[~coded.indicator.str.startswith("lait:")]  # LAIT's '-' and '..': test_lait.py
    assert set(dfe.status) <= CODES and {"c", "x", "z", "u", "low"} <= set(dfe.status)
    assert set(coded.status) - set(dfe.status) <= {"-", ".."}
    assert coded.value.isna().all()
    assert outcomes.loc[outcomes.status == "", "value"].notna().all()


def _independent_rate(numerator_file, column, year, la_number=None):
    """Numerator cell x 10,000 / ONS 0-17 population of the mid-year before (csv module)."""
    level = "Local authority" if la_number else "National"

    def pick(path, y):
        for _n, r in published_rows(path):
            if (
                r["geographic_level"] == level
                and int(r["time_period"]) == y
                and (la_number is None or r["old_la_code"] == la_number)
            ):
                return r

    num = pick(numerator_file, year)[column]
    den = pick(POPULATION, year - 1)["population_estimate"]
    return float(num) * 10_000 / float(den)


@pytest.mark.parametrize("la_number", [None, "383", "201", "815", "420"])
@pytest.mark.parametrize(
    "indicator, numerator_file, column",
    [
        ("cin_rate", B1, "At31_episodes"),
        ("referral_rate", C1, "referral_count"),
        ("cpp_rate", D5, "CPP_At31"),
    ],
)
def test_computed_rates_are_an_independent_computation(
    outcomes, la_number, indicator, numerator_file, column
):
    """A computed rate = the numerator cell x 10,000 / ONS 0-17 of the previous mid-year, for
    England, Leeds, the City of London, North Yorkshire (GSS code changed) and the Isles of
    Scilly (small numbers, suppressed cells)."""
    for year in (2014, 2020, 2025):
        rows = outcomes[(outcomes.indicator == indicator) & (outcomes.year == year)]
        rows = rows[rows.la_number == la_number] if la_number else rows[rows.level == "england"]
        got = rows.iloc[0]
        try:
            want = _independent_rate(numerator_file, column, year, la_number)
        except ValueError:  # a suppressed numerator: the computed rate is missing too
            assert math.isnan(got.value) and got.status in CODES
            continue
        assert got.value == pytest.approx(want, rel=1e-12)


def test_the_population_lag_is_dfes_own():
    """DfE's CLA file divides by the same mid-year population the package uses for computed
    rates: its population_estimate for 31 March 2025 (row 3) is ONS mid-2024 (row 2), and
    DfE's published England rate 67 is that count over that population, rounded."""
    cla = dict(published_rows(CLA))[3]
    ons = dict(published_rows(POPULATION))[2]
    assert ons["time_period"] == "2024" and cla["time_period"] == "2025"
    assert cla["population_estimate"] == ons["population_estimate"]
    assert round(int(cla["children_count"]) * 10_000 / int(cla["population_estimate"])) == int(
        cla["rate_per_10000"]
    )


def test_la_number_is_the_stable_key(outcomes):
    """North Yorkshire, Somerset and Buckinghamshire changed GSS code; the workforce file
    switches Barnsley and Sheffield in 2025 alone: each stays one series, all years."""
    sw = outcomes[(outcomes.indicator == "sw_turnover_rate") & (outcomes.level == "la")]
    published_codes = {}
    for _n, r in published_rows(CSWW):
        if r["geographic_level"] == "Local authority":
            published_codes.setdefault(r["old_la_code"], set()).add(r["new_la_code"])
    for number, name in (
        ("815", "North Yorkshire"),
        ("933", "Somerset"),
        ("825", "Buckinghamshire"),
        ("370", "Barnsley"),
        ("373", "Sheffield"),
    ):
        assert len(published_codes[number]) == 2  # the file really changes the code
        rows = sw[sw.la_number == number]
        assert rows.la_name.unique().tolist() == [name]
        assert rows.la_code.nunique() == 1
        assert sorted(rows.year) == list(range(2017, 2026))
        traj = oa.outcome_trajectory(outcomes, name, "sw_turnover_rate")
        assert traj.year.tolist() == list(range(2017, 2026))


def test_combined_rows_are_kept_and_never_taken_for_one_authority(outcomes):
    combined = outcomes[outcomes.n_authorities == 2]
    assert set(combined.la_number) == {"940 / 941", "314 / 318"}
    published = {
        (r["old_la_code"], int(r["time_period"]))
        for _n, r in published_rows(CSWW)
        if "/" in r["old_la_code"]
    }
    assert set(zip(combined.la_number, combined.year, strict=True)) == published
    for name in ("North Northamptonshire", "Kingston upon Thames", "Richmond upon Thames"):
        traj = oa.outcome_trajectory(outcomes, name, "sw_turnover_rate")
        assert not traj.source.str.contains("/ 9").any()
        number = oa.register().get(name).la_number
        years_alone = {
            int(r["time_period"]) for _n, r in published_rows(CSWW) if r["old_la_code"] == number
        }
        assert set(traj.year) == years_alone


def test_abolished_authorities_keep_their_rows(outcomes):
    """Northamptonshire (928) and Cumbria (909) in the b1 file before their reorganisations."""
    for number in ("928", "909"):
        want = {int(r["time_period"]) for _n, r in published_rows(B1) if r["old_la_code"] == number}
        got = outcomes[(outcomes.indicator == "cin_rate") & (outcomes.la_number == number)]
        assert want and set(got.year) == want


def test_indicator_table_documents_every_id():
    table = indicator_table()
    assert table.id.is_unique and (table.origin == "dfe").sum() == len(INDICATORS)
    assert set(PUBLISHED) | {"cin_rate", "csc_spend_per_child"} <= set(table.id)
    assert table.source.str.len().gt(10).all()


def test_spend_per_child_from_the_revenue_outturn(outcomes):
    """csc_spend_per_child for Leeds 2024-25: RSX 'Children Social Care - Net Current
    Expenditure' (£ thousand) x 1,000 / ONS mid-2024 0-17 population (row 57, 176,239)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(DFE / "RSX_LA_Data_2024-25_data_by_LA.ods"))
    rows = book.get_sheet_by_name("RSX_LA_Data_202425").to_python()
    header = [str(c) for c in rows[6]]
    col = header.index("Children Social Care - Net Current Expenditure (C7 = C3 - C6)")
    leeds = next(r for r in rows if r[1] == "E08000035")
    got = outcomes[(outcomes.indicator == "csc_spend_per_child") & (outcomes.la_number == "383")]
    assert got.year.tolist() == [2025]
    assert got.value.iloc[0] == pytest.approx(float(leeds[col]) * 1000 / 176239)


def test_neighbour_model_2025_is_stored(built):
    from ofsted_analysis.outcomes.table import load_outcome_table

    model = load_outcome_table("neighbour_models", built)
    leeds = model[model.la_number == "383"].sort_values("neighbour_rank")
    row = next(r for _n, r in published_rows(SN_2025) if r["old_la_code"] == "383")
    assert leeds.neighbour_la_number.tolist() == [row[f"SN_{i}"] for i in range(1, 11)]


def test_manifest_lists_outcome_files(built):
    from ofsted_analysis.storage.store import load_manifest

    listed = load_manifest(built)["outcome_files"]
    lait = [LAIT_BULK.name, LAIT_DICTIONARY.name]  # LAIT's bulk file and its dictionary
    assert sorted(p.rsplit("/", 1)[1] for p in listed) == sorted(
        [*(p.name for p in DFE.iterdir()), *lait]
    )


def test_load_outcomes_types(outcomes):
    assert list(outcomes.columns) == [
        "level",
        "la_code",
        "la_number",
        "la_name",
        "region",
        "indicator",
        "year",
        "value",
        "status",
        "unit",
        "source",
        "n_authorities",
        "period",
        "period_marker",
    ]
    assert outcomes.year.dtype == "int64" and outcomes.value.dtype == "float64"
    assert set(outcomes.level) == {"england", "region", "la"}
    assert not outcomes.duplicated(["level", "la_code", "la_number", "indicator", "year"]).any()
    # repeated words are categories of text (storage.schema kind "cat"); codes stay text
    assert pd.api.types.is_string_dtype(outcomes.status.cat.categories)
    assert pd.api.types.is_string_dtype(outcomes.la_code)
