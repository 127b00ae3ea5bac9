"""An authority's profile (oa.profile, the `profile` command, the chart), checked against DfE's
and Ofsted's published files: values, England, region, neighbours, ranks (1 = best), LAIT's
quartile bands computed here by hand, trends, and the grade in force at the period's end."""

from __future__ import annotations

import csv
import math
import statistics

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from commands import run_in_process
from shared_files import D2I_HISTORY, DFE, RELEASE_2023, SHARED

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.outcomes.periods import period_end
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.profile import plot_profile

CSWW = DFE / "csww_indicators_2017_to_2025.csv"
D3 = DFE / "d3_cpps_subsequent_plan_2013_to_2025.csv"
D5 = DFE / "d5_cpps_at31march_by_duration_2013_to_2025.csv"
LAIT_DICTIONARY = SHARED / "lait" / "lait_data_dictionary.csv"
# Our workforce ids -> DfE's workforce file column and LAIT's measure for the same figure.
WORKFORCE = {
    "sw_turnover_rate": ("turnover_rate_fte", "Work_Force_TO_Rate"),
    "sw_agency_rate": ("agency_rate_fte", "Work_Force_Agecy_Rate"),
    "sw_vacancy_rate": ("vacancy_rate_fte", "Work_Force_Vac_Rate"),
    "sw_caseload": ("caseload_fte", "Work_Force_AvgNumCase_SW"),
    "sw_absence_rate": ("absence_rate_fte", "Work_Force_SWAbsence"),
}


@pytest.fixture(scope="module")
def tables():
    """The shipped tables (data/processed)."""
    return oa.load_outcomes(), oa.load()


def rows_of(path, **match):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [r for r in csv.DictReader(fh) if all(r[k] == v for k, v in match.items())]


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def lait_polarity(measure):
    """LAIT's data dictionary: `Polarity` of a measure (High/Low/-)."""
    with open(LAIT_DICTIONARY, encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["Measure_short"] == measure)
    return {"High": "high", "Low": "low"}.get(row["Polarity"].strip())


def excel_quartiles(values):
    """Excel's QUARTILE.INC by hand: position (n - 1) x p in the sorted values, interpolated."""
    v = sorted(values)
    out = []
    for p in (0.25, 0.5, 0.75):
        h = (len(v) - 1) * p
        lo = math.floor(h)
        out.append(v[lo] + (h - lo) * (v[min(lo + 1, len(v) - 1)] - v[lo]))
    return out


def sn_2025(number_):
    with open(DFE / "sn_model_2025_wide.csv", encoding="utf-8-sig", newline="") as fh:
        row = next((r for r in csv.DictReader(fh) if r["old_la_code"] == number_), None)
    return None if row is None else [row[f"SN_{i}"] for i in range(1, 11)]


def test_leeds_workforce_profile_against_dfe_file(tables):
    """Every number of Leeds' 2025 workforce profile from DfE's workforce file and its 2025
    neighbours: value, England, region, neighbours' median and range, rank (sorted here by
    LAIT's polarity: lower is better for each), LAIT's quartile band (Excel quartiles of every
    single authority's value, by hand) and the trend since 2024."""
    o, j = tables
    p = oa.profile("Leeds", "workforce", outcomes=o, judgements=j).set_index("indicator")
    cells = rows_of(CSWW, time_period="2025")
    before = {r["old_la_code"]: r for r in rows_of(CSWW, time_period="2024")}
    single = [r for r in cells if r["geographic_level"] == "Local authority"]
    single = [r for r in single if "/" not in r["old_la_code"]]
    by_la = {r["old_la_code"]: r for r in single}
    england = next(r for r in cells if r["geographic_level"] == "National")
    region = next(
        r for r in cells if r["region_name"] == "Yorkshire and The Humber" and not r["la_name"]
    )
    group = sn_2025("383")
    for indicator, (column, lait) in WORKFORCE.items():
        pol = lait_polarity(lait)
        assert pol == "low" and p.loc[indicator, "polarity"] == pol
        row = p.loc[indicator]
        value = float(by_la["383"][column])
        assert (row.year, row.value) == (2025, value)
        assert row.england == float(england[column]) and row.region == float(region[column])
        theirs = [number(by_la[n][column]) for n in group if n in by_la]
        theirs = [v for v in theirs if v is not None]
        assert row.n_neighbours == len(theirs)
        assert row.neighbours_median == pytest.approx(statistics.median(theirs))
        assert (row.neighbours_min, row.neighbours_max) == (min(theirs), max(theirs))
        assert row["rank"] == 1 + sum(v < value for v in theirs) and row["of"] == len(theirs) + 1
        everyone = [v for v in (number(r[column]) for r in single) if v is not None]
        q1, q2, q3 = excel_quartiles(everyone)
        expected = "A" if value <= q1 else "B" if value <= q2 else "C" if value <= q3 else "D"
        assert row.band == expected, indicator
        last = float(before["383"][column])
        assert row.previous_year == 2024 and row.change == pytest.approx(value - last)
        assert row.trend == ("better" if value < last else "worse" if value > last else "no change")
    # The example: 7.0% turnover, the lowest of the group: rank 1 and band A.
    assert p.loc["sw_turnover_rate", ["value", "rank", "band"]].tolist() == [7.0, 1, "A"]


def test_grade_in_force_at_the_period_end_follows_the_year_type(tables):
    """Leeds' short inspection of 30 June 2025 (report published 12 August 2025, D2I's history)
    is in force at the end of the workforce year (30 September 2025) but not at 31 March 2025,
    the end of the children looked after year, when the report of 9 May 2022 was."""
    o, j = tables
    leeds = [r for r in rows_of(D2I_HISTORY, local_authority="leeds")]
    published = sorted(pd.to_datetime([r["publication_date"] for r in leeds], format="%d/%m/%y"))
    workforce = oa.profile("Leeds", "workforce", outcomes=o, judgements=j)
    cla = oa.profile("Leeds", "children looked after", 2025, outcomes=o, judgements=j)
    assert set(workforce.period_end) == {pd.Timestamp("2025-09-30")}
    assert set(workforce.grade_published) == {max(published)}
    # Children looked after: DfE's years to 31 March, and LAIT's academic-year measures
    # (2024/25 ends on 31 August 2025, after the report of 12 August 2025 came out).
    ends = dict(zip(cla.year_type, cla.period_end, strict=True))
    assert ends == {
        "Financial Year": pd.Timestamp("2025-03-31"),
        "Annual": pd.Timestamp("2025-03-31"),
        "Academic Year": pd.Timestamp("2025-08-31"),
    }
    march = max(d for d in published if d <= pd.Timestamp("2025-03-31"))
    financial = cla[cla.year_type.isin(["Financial Year", "Annual"])]
    assert set(financial.grade_published) == {march}
    assert set(cla[cla.year_type == "Academic Year"].grade_published) == {max(published)}
    assert period_end(2025, "Academic Year") == pd.Timestamp("2025-08-31")
    assert period_end(2024, "Calendar Year") == pd.Timestamp("2024-12-31")
    with pytest.raises(InputError, match="year type 'fortnightly'"):
        period_end(2025, "fortnightly")


def test_isles_of_scilly_suppressed_is_shown_as_suppressed_not_zero(tables):
    """DfE's d5 file publishes Isles of Scilly's child protection plans on 31 March 2025 as
    `c`: the profile has no value, status c, no rank or band; its other figures rest on too
    few children to rank."""
    o, j = tables
    cell = rows_of(D5, time_period="2025", la_name="Isles of Scilly")[0]["CPP_At31"]
    assert cell == "c"
    p = oa.profile("Isles of Scilly", "child protection", outcomes=o, judgements=j)
    row = p.set_index("indicator").loc["cpp_rate"]
    assert pd.isna(row.value) and row.status == "c"
    assert pd.isna(row["rank"]) and pd.isna(row.band) and pd.isna(row.trend)
    ours = p[~p.indicator.str.startswith("lait:")]
    assert len(ours) == 3 and ours["rank"].isna().all()  # the other two: too few children
    shown = run_in_process("profile", "Isles of Scilly", "--topic", "Child Protection")
    assert shown.returncode == 0
    line = next(x for x in shown.stdout.splitlines() if x.strip().startswith("cpp_rate "))
    assert " c " in line and " 0.0 " not in line


def test_cumbria_abolished_and_cumberland_new(tables):
    """Cumbria (abolished March 2023): its last year in DfE's d3 file, DfE's April 2021 model
    (it is not in sn_model_2025_wide.csv), and the grade Ofsted's 2023 release gives it at 31
    March 2023. Cumberland (from April 2023): no predecessor's grade at 31 March 2024, its own
    after its first inspection (D2I's history)."""
    from python_calamine import CalamineWorkbook

    o, j = tables
    cumbria = rows_of(D3, la_name="Cumbria")
    last = max(int(r["time_period"]) for r in cumbria)
    value = next(
        float(r["CPP_subsequent_percent"]) for r in cumbria if r["time_period"] == str(last)
    )
    assert sn_2025("909") is None
    p = oa.profile("Cumbria", "child protection", outcomes=o, judgements=j)
    row = p.set_index("indicator").loc["repeat_cpp_rate"]
    assert (row.year, row.value, row.model) == (last, value, 2021)
    assert p.attrs["model"] == 2021
    sheet = CalamineWorkbook.from_path(str(RELEASE_2023)).get_sheet_by_name(
        "LA_level_at_31_Mar_2023"
    )
    grade = next(r[4] for r in sheet.to_python() if r[1] == "Cumbria")
    assert grade.startswith(str(row.grade))  # 'Requires improvement to be good'
    first = min(
        pd.to_datetime(r["publication_date"], format="%d/%m/%y")
        for r in rows_of(D2I_HISTORY, local_authority="cumberland")
    )
    new = oa.profile("Cumberland", "child protection", 2024, outcomes=o, judgements=j)
    assert first > pd.Timestamp("2024-03-31") and new["grade"].isna().all()
    assert new["previous_year"].isna().all()  # its first year: nothing to compare with
    later = oa.profile("Cumberland", "child protection", outcomes=o, judgements=j)
    after = later.period_end >= first
    assert after.any() and set(later[after].grade_published) == {first}
    assert later[~after].grade.isna().all()


def test_profile_by_the_2021_model_names_it(tables):
    o, j = tables
    p = oa.profile("Leeds", "workforce", neighbours=2021, outcomes=o, judgements=j)
    assert set(p.model) == {2021}
    assert "April 2021" in oa.outcomes.text.describe_profile(p)


def test_bad_input_is_refused_with_suggestions(tables):
    o, j = tables
    with pytest.raises(InputError, match="closest: Children Looked After"):
        oa.profile("Leeds", "looked after children", outcomes=o, judgements=j)
    with pytest.raises(InputError, match="year 1999"):
        oa.profile("Leeds", "workforce", 1999, outcomes=o, judgements=j)
    for args, said in (
        (("Leedz", "--topic", "workforce"), "closest: Leeds"),
        (("Leeds", "--topic", "workfarce"), "closest: workforce"),
        (("Leeds", "--topic", "workforce", "--neighbours", "2019"), "2021, 2025"),
    ):
        done = run_in_process("profile", *args)
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr


def test_profile_csv_and_chart(tmp_path, tables):
    o, j = tables
    out = tmp_path / "leeds.csv"
    done = run_in_process(
        "profile", "Leeds", "--topic", "workforce", "--csv", out, "--out", tmp_path / "leeds.png"
    )
    assert done.returncode == 0, done.stderr
    written = pd.read_csv(out, encoding="utf-8-sig")
    assert len(written) == 5 and {"rank", "band", "trend", "grade", "model"} <= set(written.columns)
    assert (tmp_path / "leeds.png").exists() and (tmp_path / "leeds.alt.txt").exists()
    axes = plot_profile(o, j, "Leeds", "workforce")
    fig = axes.flat[0].figure
    title = next(t.get_text() for t in fig.texts if t.get_gid() == "figure-title")
    p = oa.profile("Leeds", "workforce", outcomes=o, judgements=j)
    # The title counts the measures where Leeds is first of its group, as the profile ranks.
    best = int((p["rank"] == 1).sum())
    assert " ".join(title.split()).startswith(
        f"Leeds, workforce: best of its statistical neighbours on {best} of 5 measures"
    )
    assert " ".join(title.split()).endswith(f"Ofsted grade in force {p.grade.iloc[0]}")
    assert "DfE's 2025 statistical-neighbour model" in st.alt_text(fig)
    plt.close(fig)


LAIT_BULK = SHARED / "lait" / "bds_long_0.parquet"


def test_lait_measure_band_and_rank_by_hand_on_lait_file(tables):
    """LAIT's ReReferral (its dictionary: Polarity Low, quartile bands shown) for 2025, read
    from LAIT's bulk file here: Leeds' value, its quartile band from Excel quartiles of every
    authority's value (LA numbers below 970: England is 970, regions 980-990), and its rank
    among its 2025 neighbours, lowest first."""
    bulk = pd.read_parquet(LAIT_BULK)
    cells = bulk[(bulk["Short Desc"] == "ReReferral") & (bulk["Years"] == "2025")]
    authorities = cells[cells["LA Number"] < 970]
    values = {
        str(int(n)): float(v)
        for n, v in zip(authorities["LA Number"], authorities["Values"], strict=True)
        if v != "-"
    }
    assert lait_polarity("ReReferral") == "low"
    leeds = values["383"]
    q1, q2, q3 = excel_quartiles(values.values())
    expected = "A" if leeds <= q1 else "B" if leeds <= q2 else "C" if leeds <= q3 else "D"
    theirs = [values[n] for n in sn_2025("383") if n in values]
    o, j = tables
    p = oa.profile("Leeds", "Child Protection", outcomes=o, judgements=j)
    row = p.set_index("indicator").loc["lait:ReReferral"]
    assert (row.year, row.period, row.value) == (2025, "2025", leeds)
    assert row.band == expected and row.polarity == "low"
    assert row["rank"] == 1 + sum(v < leeds for v in theirs) and row["of"] == len(theirs) + 1
    assert row.rank_note == "1 = best, the lowest value"
