"""The briefing pack's outcome section (issue 18 over issue 17's ranking): each key indicator's
row checked against DfE's own files and LAIT's data dictionary, not against the profile code.

Sources: DfE's children's social work workforce file (csww_indicators_2017_to_2025.csv, census
at 30 September) and its 2025 statistical-neighbour model (sn_model_2025_wide.csv) in
../shared/data/outcomes; LAIT's data dictionary for each measure's polarity (which way is
better); LAIT's quartile rule (Excel's QUARTILE.INC of every single authority's value) done by
hand here.
"""

from __future__ import annotations

import statistics

import pandas as pd
import pytest
from test_profile import CSWW, excel_quartiles, lait_polarity, number, rows_of, sn_2025

from ofsted_analysis.briefing.outcome_section import outcome_section
from ofsted_analysis.briefing.tables import Tables
from ofsted_analysis.core.checks import resolve_authority

LEEDS = "383"  # DfE's old_la_code for Leeds


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.load()


def _row(section, label: str) -> dict[str, str]:
    cells = next(r for r in section.table.rows if r[0] == label)
    return dict(zip(section.table.columns, cells, strict=True))


def _pct(v: float) -> str:
    return f"{v:.1f}%"


@pytest.mark.parametrize(
    ("column", "measure", "label"),
    [
        ("turnover_rate_fte", "Work_Force_TO_Rate", "Children's social worker turnover (FTE)"),
        ("agency_rate_fte", "Work_Force_Agecy_Rate", "Agency children's social workers (FTE)"),
    ],
)
def test_leeds_workforce_rows_ranked_best_first_and_banded_from_dfe_file(
    tables, column, measure, label
):
    """Leeds' 2025 workforce rows: rank among its 2025-model neighbours by sorting DfE's cells
    (lower is better, LAIT's dictionary), band by LAIT's quartile rule done by hand, change
    since 2024 better or worse, neighbours' median and range, region and England."""
    section = outcome_section(tables, resolve_authority("Leeds"), pd.Timestamp("2026-01-01"), 2025)
    row = _row(section, label)
    cells = rows_of(CSWW, time_period="2025")
    single = [
        r
        for r in cells
        if r["geographic_level"] == "Local authority" and "/" not in r["old_la_code"]
    ]
    by_la = {r["old_la_code"]: r for r in single}
    value = float(by_la[LEEDS][column])
    theirs = [v for v in (number(by_la[n][column]) for n in sn_2025(LEEDS) if n in by_la)]
    theirs = [v for v in theirs if v is not None]
    # LAIT's dictionary: lower is better for both (so rank 1 is the lowest)
    assert lait_polarity(measure) == "low"
    assert row["Year"] == "2025" and row["Leeds"] == _pct(value)
    rank = 1 + sum(v < value for v in theirs)  # ties share the better rank
    assert row["Rank among it and its neighbours"] == f"{rank} of {len(theirs) + 1}"
    everyone = [v for v in (number(r[column]) for r in single) if v is not None]
    q1, q2, q3 = excel_quartiles(everyone)
    band = "A" if value <= q1 else "B" if value <= q2 else "C" if value <= q3 else "D"
    assert row["Quartile band among all authorities (A best, D worst)"] == band
    last = float(rows_of(CSWW, time_period="2024", old_la_code=LEEDS)[0][column])
    trend = "better" if value < last else "worse" if value > last else "no change"
    assert row["Change since its previous figure"] == f"{_pct(last)} in 2024: {trend}"
    median = statistics.median(theirs)
    assert row["Neighbours' median (range)"] == (
        f"{_pct(median)} ({_pct(min(theirs))} to {_pct(max(theirs))})"
    )
    england = next(r for r in cells if r["geographic_level"] == "National")
    region = next(
        r for r in cells if r["region_name"] == "Yorkshire and The Humber" and not r["la_name"]
    )
    assert row["Region"] == _pct(float(region[column]))
    assert row["England"] == _pct(float(england[column]))
    assert "2025 statistical-neighbour model" in section.table.caption


def test_turnover_is_rank_1_of_11_for_leeds(tables):
    """The issue's own example: Leeds' 7.0% turnover in 2025 is the lowest of its group (DfE's
    workforce file), so it reads rank 1, the best, not 11 of 11."""
    section = outcome_section(tables, resolve_authority("Leeds"), pd.Timestamp("2026-01-01"), 2025)
    row = _row(section, "Children's social worker turnover (FTE)")
    assert (row["Leeds"], row["Rank among it and its neighbours"]) == ("7.0%", "1 of 11")
    assert "rank 1 = best" in section.table.caption


def test_measures_without_direction_rank_highest_first_and_say_so(tables):
    """LAIT's dictionary gives re-referrals a direction (low) and children looked after none
    (-): the rank of the one is plain, of the other marked 1 = highest, with no band."""
    assert lait_polarity("ReReferral") == "low" and lait_polarity("LAC") is None
    section = outcome_section(tables, resolve_authority("Leeds"), pd.Timestamp("2026-01-01"), 2025)
    rank = "Rank among it and its neighbours"
    band = "Quartile band among all authorities (A best, D worst)"
    looked_after = _row(section, "Children looked after on 31 March per 10,000 children")
    assert looked_after[rank].endswith(" (1 = highest)") and looked_after[band] == "no bands"
    rereferrals = _row(section, "Re-referrals within 12 months")
    assert rereferrals[rank].endswith(" of 11") and rereferrals[band] in "ABCD"
    assert "which have no better or worse direction, 1 = the highest value" in section.text


def test_workforce_period_ends_30_september(tables):
    """DfE's workforce census is at 30 September: on 30 June 2025 the 2025 social care year
    (to 31 March 2025) is shown but the workforce's latest ended period is 2024's, Leeds'
    turnover then being DfE's 2024 cell."""
    section = outcome_section(tables, resolve_authority("Leeds"), pd.Timestamp("2025-06-30"), 2025)
    turnover = _row(section, "Children's social worker turnover (FTE)")
    cell = rows_of(CSWW, time_period="2024", old_la_code=LEEDS)[0]
    assert (turnover["Year"], turnover["Leeds"]) == ("2024", _pct(float(cell["turnover_rate_fte"])))
    assert _row(section, "Re-referrals within 12 months")["Year"] == "2025"
