"""The one rule for the day a measure's period ends (outcomes/periods.py), wherever an outcome
measure meets a date: the grade in force beside a row (with_grades), the years around an
inspection, the outcomes verb, the sentences and the charts' time axis. Expected values come
from Ofsted's reports as Data to Insight's scrape lists them (publication and fieldwork
dates, grades), DfE's workforce file and LAIT's data dictionary.

Suffolk is the case: its ILACS report of 21 May 2019 (Outstanding) was in force on 31 March
2024; its short inspection of 3-7 June 2024, report published 21 August 2024, judged it
Requires improvement, so that is the grade in force at 31 August and 30 September 2024."""

from __future__ import annotations

import csv

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from commands import run_in_process
from shared_files import D2I_HISTORY, DFE, LAIT_DICTIONARY

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.outcomes.periods import (
    period_end,
    period_ends,
    period_year,
    year_types,
)
from ofsted_analysis.outcomes.text import describe_comparison
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.outcomes import (
    plot_outcome,
    plot_outcome_by_grade,
    plot_outcome_multiples,
)

CSWW = DFE / "csww_indicators_2017_to_2025.csv"
# LAIT's permanent exclusions, all schools: an academic-year measure ("2023/24").
EXCLUSIONS = "lait:TotPermEx"
# The academic year in England runs from 1 September to 31 August (DfE's definition); the
# workforce census counts social workers on 30 September.
ACADEMIC_END, WORKFORCE_END = (8, 31), (9, 30)


@pytest.fixture(scope="module")
def tables():
    """The shipped tables (data/processed)."""
    return oa.load_outcomes(), oa.load()


def d2i_reports(authority):
    """The authority's graded reports in D2I's history: (fieldwork start, published, overall
    grade as Ofsted words it, capitalised), oldest first."""
    with open(D2I_HISTORY, encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["local_authority"] == authority]
    out = []
    for r in rows:
        grade = r["overall_effectiveness_grade"]
        if grade in ("good", "outstanding", "requires improvement", "inadequate"):
            out.append(
                (
                    pd.to_datetime(r["inspection_start_date"], format="%d/%m/%Y"),
                    pd.to_datetime(r["publication_date"], format="%d/%m/%y"),
                    grade[:1].upper() + grade[1:],
                )
            )
    return sorted(out)


def in_force(reports, day):
    """The grade of the latest report done and published by ``day`` (Ofsted's "most recent
    inspection"), and its publication date."""
    start, published, grade = [r for r in reports if r[0] <= day and r[1] <= day][-1]
    return grade, published


def dictionary_year_type(measure):
    with open(LAIT_DICTIONARY, encoding="utf-8-sig", newline="") as fh:
        return next(r["Year_Type"] for r in csv.DictReader(fh) if r["Measure_short"] == measure)


def test_the_rule():
    assert dictionary_year_type(EXCLUSIONS.removeprefix("lait:")) == "Academic Year"
    assert year_types(["sw_turnover_rate", EXCLUSIONS, "cla_rate"]) == {
        "sw_turnover_rate": "Annual (end of Sept)",
        EXCLUSIONS: "Academic Year",
        "cla_rate": "Financial Year",
    }
    assert period_end(2024, "Academic Year") == pd.Timestamp(2024, *ACADEMIC_END)
    assert period_end(2024, "annual (END of sept)") == pd.Timestamp(2024, *WORKFORCE_END)
    # A day belongs to the period that ends on or after it.
    assert period_year("2024-08-31", "Academic Year") == 2024
    assert period_year("2024-09-01", "Academic Year") == 2025
    assert period_year("2024-06-03", "Annual (end of Sept)") == 2024
    assert period_year("2024-06-03", "Financial Year") == 2025
    rows = pd.DataFrame({"indicator": ["sw_turnover_rate", EXCLUSIONS], "year": [2024, 2024]})
    assert period_ends(rows).tolist() == [
        pd.Timestamp(2024, *WORKFORCE_END),
        pd.Timestamp(2024, *ACADEMIC_END),
    ]
    with pytest.raises(InputError, match="indicator 'no_such_measure'"):
        year_types(["no_such_measure"])


def test_with_grades_takes_the_grade_at_each_measures_own_period_end(tables):
    """Suffolk, 2024: the workforce year ends 30 September, the academic year 31 August, both
    after the report of 21 August 2024 (Requires improvement) came out; DfE's children's
    social care year ends 31 March, when the 2019 report (Outstanding) was in force. The old
    rule (31 March for every row) gave Outstanding to all three."""
    o, j = tables
    reports = d2i_reports("suffolk")
    suffolk = o[(o.la_name == "Suffolk") & (o.year == 2024)]
    wanted = ["sw_turnover_rate", EXCLUSIONS, "rereferral_rate"]
    graded = oa.with_grades(suffolk[suffolk.indicator.isin(wanted)], j).set_index("indicator")
    for indicator, day in (
        ("sw_turnover_rate", pd.Timestamp(2024, *WORKFORCE_END)),
        (EXCLUSIONS, pd.Timestamp(2024, *ACADEMIC_END)),
        ("rereferral_rate", pd.Timestamp(2024, 3, 31)),
    ):
        row = graded.loc[indicator]
        assert row.period_end == day, indicator
        assert (str(row.grade), row.published) == in_force(reports, day), indicator
    assert in_force(reports, pd.Timestamp(2024, 9, 30))[0] == "Requires improvement"
    assert in_force(reports, pd.Timestamp(2024, 3, 31))[0] == "Outstanding"
    # Ofsted's own cut-off, applied at each period's end, gives the same here.
    ofsted = oa.with_grades(suffolk[suffolk.indicator.isin(wanted)], j, published_by="ofsted")
    assert ofsted.set_index("indicator").loc["sw_turnover_rate", "grade"] == "Requires improvement"


def test_around_inspections_places_the_inspection_in_the_measures_own_year(tables):
    """Suffolk's fieldwork of 3 June 2024 fell in the workforce year to 30 September 2024 (DfE's
    workforce file: Suffolk's turnover that year) but in DfE's year to 31 March 2025."""
    o, j = tables
    start = d2i_reports("suffolk")[-1][0]
    assert start == pd.Timestamp("2024-06-03")
    with open(CSWW, encoding="utf-8-sig", newline="") as fh:
        turnover = next(
            float(r["turnover_rate_fte"])
            for r in csv.DictReader(fh)
            if r["la_name"] == "Suffolk" and r["time_period"] == "2024"
        )
    around = oa.around_inspections(o, j, "sw_turnover_rate", authority="Suffolk", before=0, after=0)
    row = around[around.inspection_date == start].iloc[0]
    assert (row.year, row.value) == (2024, turnover)
    referrals = oa.around_inspections(
        o, j, "rereferral_rate", authority="Suffolk", before=0, after=0
    )
    assert referrals[referrals.inspection_date == start].year.tolist() == [2025]


def test_outcomes_verb_and_sentence_name_each_period_end(tables):
    o, j = tables
    done = run_in_process(
        "outcomes", "Suffolk", "--indicator", "rereferral_rate", "--indicator", "sw_turnover_rate"
    )
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[0]
    assert "31 March (rereferral_rate); 30 September (sw_turnover_rate)" in header
    lines = {tuple(line.split()[:2]): line for line in done.stdout.splitlines()[1:]}
    grade, _ = in_force(d2i_reports("suffolk"), pd.Timestamp(2024, *WORKFORCE_END))
    assert lines[("sw_turnover_rate", "2024")].endswith(grade)
    assert lines[("rereferral_rate", "2024")].endswith("Outstanding")
    cmp = oa.compare_outcome_neighbours(o, "Suffolk", "sw_turnover_rate")
    sentence = describe_comparison(cmp, "sw_turnover_rate", 2024, grade)
    assert f"; Ofsted grade in force at 30 September 2024: {grade}" in sentence


def axis_x(day, ticks_on):
    """Where ``day`` sits on an axis whose integer years stand on ``ticks_on`` (month, day):
    counted here in days, a year being 365.25 of them."""
    tick = pd.Timestamp(day.year, *ticks_on)
    return day.year + (day - tick).days / 365.25


def line_of(ax, label):
    return next(line for line in ax.get_lines() if line.get_label() == label)


def test_chart_puts_an_academic_year_figure_at_31_august(tables):
    """On its own, an academic-year measure's axis is "Year to 31 August": 2023/24's figure on
    the tick 2024, Suffolk's June 2024 fieldwork three months before it. Beside a
    financial-year measure the ticks stand on 1 January and each figure at its period's end,
    each panel naming its period."""
    o, j = tables
    start = d2i_reports("suffolk")[-1][0]
    ax = plot_outcome(o, j, "Suffolk", EXCLUSIONS)
    assert ax.get_xlabel() == "Year to 31 August"
    xs = dict(zip(*line_of(ax, "Suffolk").get_data(), strict=True))
    assert 2024.0 in xs
    marks = [c for c in ax.collections if c.get_label() == "Inspection: Requires improvement"]
    assert [round(x, 6) for x, _ in marks[0].get_offsets()] == [
        round(axis_x(start, ACADEMIC_END), 6)
    ]
    assert "(years to 31 August)" in ax.figure._ofsted_source.get_text()
    assert "by year to 31 August" in st.alt_text(ax.figure)
    plt.close(ax.figure)

    axes = plot_outcome_multiples(o, j, "Suffolk", ["rereferral_rate", EXCLUSIONS])
    referrals, exclusions = axes
    academic = line_of(exclusions, "Suffolk").get_xdata()
    financial = line_of(referrals, "Suffolk").get_xdata()
    aug_2024 = axis_x(pd.Timestamp(2024, *ACADEMIC_END), (1, 1))
    mar_2024 = axis_x(pd.Timestamp(2024, 3, 31), (1, 1))
    assert any(x == pytest.approx(aug_2024) for x in academic)
    assert any(x == pytest.approx(mar_2024) for x in financial)
    assert exclusions.get_title(loc="left").replace("\n", " ").endswith("years to 31 August")
    assert referrals.get_title(loc="left").replace("\n", " ").endswith("years to 31 March")
    source = axes[0].figure._ofsted_source._ofsted_raw
    assert "years to 31 March and to 31 August" in source
    assert "(years to 31 March)" not in source
    plt.close(axes[0].figure)


def test_by_grade_chart_names_the_workforce_period_end(tables):
    """The workforce census's grade in force is the one at 30 September, and the chart says so
    (it said "31 March")."""
    o, j = tables
    graded = oa.with_grades(o[o.indicator == "sw_turnover_rate"], j)
    ax = plot_outcome_by_grade(graded, "sw_turnover_rate", 2024)
    assert ax.get_xlabel() == "Ofsted grade in force at 30 September 2024 (overall)"
    assert "grade in force at 30 September 2024" in st.alt_text(ax.figure)
    assert "(years to 30 September)" in ax.figure._ofsted_source.get_text()
    plt.close(ax.figure)
