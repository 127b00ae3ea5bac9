"""Analysis layer, checked against Ofsted's published figures and hand-read reports."""

from __future__ import annotations

import pandas as pd
import pytest
import synthetic

from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.grades import GRADES
from ofsted_analysis.judgements.asat import (
    as_at,
    distribution,
    good_or_better_share,
    quarter_ends,
)
from ofsted_analysis.judgements.compare import compare_neighbours, compare_region
from ofsted_analysis.judgements.history import (
    journeys,
    time_between_inspections,
    trajectory,
    transitions,
)
from ofsted_analysis.judgements.prepare import data_date

# --- Ofsted's published figures -----------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "published_by", "expected"),
    [
        # "Children's social care in England": outcomes as at 31 March 2024, reports by 30 June.
        ("2024-03-31", "2024-06-30", 0.60),
        # As at 31 August 2019, reports published by 30 September 2019.
        ("2019-08-31", "2019-09-30", 0.49),
        # SIF era: inspections done by 30 September 2016, reports published by 31 October 2016
        # (Ofsted's figure, quoted in issue 10): counts inspections by fieldwork date, which only
        # the report PDFs give for SIF.
        ("2016-09-30", "2016-10-31", 0.28),
    ],
)
def test_share_good_or_outstanding_matches_ofsted(judgements, date, published_by, expected):
    snap = as_at(judgements, date, published_by=published_by)
    assert abs(good_or_better_share(snap) - expected) <= 0.01


def test_share_inadequate_in_the_sif_era_matches_ofsted(judgements):
    """Ofsted: as at 30 September 2016 (reports published by 31 October 2016), 23% of the
    authorities inspected under the SIF were inadequate (figure quoted in issue 10)."""
    snap = as_at(judgements, "2016-09-30", published_by="2016-10-31")
    judged = snap[snap.grade.notna()]
    assert set(judged.framework) == {"sif"}
    assert abs((judged.grade == "Inadequate").mean() - 0.23) <= 0.01


def test_sif_judgements_carry_fieldwork_dates(judgements):
    """The releases give SIF inspections a publication date only; the report PDFs carry the
    fieldwork dates: at least 95% of SIF judgements have both (issue 10.1)."""
    sif = judgements[judgements.framework == "sif"]
    assert (sif.start_date.notna() & sif.end_date.notna()).mean() >= 0.95


def test_as_at_one_row_per_current_authority(judgements):
    snap = as_at(judgements, "2024-03-31", published_by="2024-06-30")
    assert snap["la_code"].is_unique
    assert len(snap) == 153
    names = set(snap["la_name"])
    assert "Cumbria" not in names and "Northamptonshire" not in names
    # New in April 2023, not inspected by March 2024: present, without a grade.
    cumberland = snap.set_index("la_name").loc["Cumberland"]
    assert pd.isna(cumberland["grade"])
    assert {
        "la_code",
        "la_name",
        "region",
        "grade",
        "framework",
        "inspection_id",
        "start_date",
        "published",
    } <= set(snap.columns)


def test_as_at_2019_mixes_sif_and_ilacs(judgements):
    snap = as_at(judgements, "2019-08-31", published_by="2019-09-30")
    assert set(snap["framework"].dropna()) == {"sif", "ilacs"}
    assert len(snap) == 151  # 152 less Bournemouth, Poole, Dorset CC, plus BCP and Dorset


def test_distribution_counts(judgements):
    snap = as_at(judgements, "2024-03-31", published_by="2024-06-30")
    dist = distribution(snap)
    assert list(dist["grade"].astype(str)) == [
        "Inadequate",
        "Requires improvement",
        "Good",
        "Outstanding",
    ]
    assert dist["count"].sum() == snap["grade"].notna().sum()
    assert dist["share"].sum() == pytest.approx(1.0)
    by_region = distribution(snap, by="region")
    assert by_region["count"].sum() == dist["count"].sum()


def test_unknown_area_and_bad_date_name_the_choices(judgements):
    with pytest.raises(InputError, match="help_and_protection"):
        as_at(judgements, "2024-03-31", area="safeguarding")
    with pytest.raises(InputError, match="date"):
        as_at(judgements, "the 32nd of Smarch")
    with pytest.raises(InputError, match="Leeds"):
        trajectory(judgements, "Leedz")


# --- rules on a hand-made frame -------------------------------------------------------------


def test_ilacs_2026_keeps_the_earlier_overall_judgement():
    j = synthetic.judgements()
    snap = as_at(j, "2026-12-31").set_index("la_name")
    assert snap.loc["Leeds", "grade"] == "Outstanding"
    assert snap.loc["Leeds", "framework"] == "ilacs"
    hp = as_at(j, "2026-12-31", area="help_and_protection").set_index("la_name")
    assert hp.loc["Leeds", "framework"] == "ilacs_2026"


def test_published_by_holds_back_unpublished_reports():
    j = synthetic.judgements()
    # Barking and Dagenham's ILACS fieldwork June 2019, report October 2019.
    early = as_at(j, "2019-08-31", published_by="2019-09-30").set_index("la_name")
    late = as_at(j, "2019-08-31", published_by="2019-12-31").set_index("la_name")
    assert early.loc["Barking and Dagenham", "grade"] == "Requires improvement"
    assert late.loc["Barking and Dagenham", "grade"] == "Good"


def test_new_authority_gets_no_predecessor_grade():
    j = synthetic.judgements()
    snap = as_at(j, "2021-06-30").set_index("la_name")
    assert pd.isna(snap.loc["North Northamptonshire", "grade"])
    assert "Northamptonshire" not in snap.index


# --- hand-checked trajectories --------------------------------------------------------------


def _at(tr: pd.DataFrame, month: str, area: str) -> str:
    """Grade of the inspection whose report was published in ``month`` (YYYY-MM)."""
    rows = tr[(tr["published"].dt.strftime("%Y-%m") == month) & (tr["area"] == area)]
    assert len(rows) == 1, (month, area, rows)
    return str(rows["grade"].iloc[0])


def test_leeds_trajectory(judgements):
    tr = trajectory(judgements, "leeds")
    assert tr["date"].is_monotonic_increasing
    slac = tr[tr["framework"] == "slac"]
    assert _at(slac, "2010-01", "help_and_protection") == "Inadequate"
    assert _at(tr, "2015-03", "overall") == "Good"
    assert _at(tr, "2015-03", "leadership") == "Outstanding"
    assert tr.loc[tr["published"].dt.strftime("%Y-%m") == "2015-03", "framework"].eq("sif").all()
    assert _at(tr, "2018-12", "overall") == "Outstanding"
    assert _at(tr, "2022-05", "overall") == "Outstanding"
    assert _at(tr, "2025-08", "overall") == "Outstanding"
    assert _at(tr, "2025-08", "care_leavers") == "Outstanding"
    overall = trajectory(judgements, "E08000035", area="overall")
    assert list(overall["grade"].astype(str)) == [
        "Good",
        "Outstanding",
        "Outstanding",
        "Outstanding",
    ]
    assert list(overall["framework"]) == ["sif", "ilacs", "ilacs", "ilacs"]


def test_city_of_london_trajectory(judgements):
    tr = trajectory(judgements, "City of London")
    slac = tr[tr["framework"] == "slac"]
    assert set(slac["grade"].astype(str)) == {"Good"}
    assert set(slac["published"].dt.strftime("%Y-%m")) == {"2012-04"}
    assert _at(tr, "2016-09", "overall") == "Good"
    assert _at(tr, "2016-09", "leadership") == "Outstanding"
    assert _at(tr, "2020-04", "overall") == "Outstanding"
    assert _at(tr, "2024-11", "overall") == "Outstanding"


def test_trajectory_with_events_flags_ungraded_visits(judgements, events):
    tr = trajectory(judgements, "City of London", events=events)
    visits = tr[tr["ungraded"]]
    assert len(visits) >= 1
    assert visits["grade"].isna().all()
    assert set(visits["event"]) <= {"focused_visit", "monitoring_visit"}
    assert tr["date"].is_monotonic_increasing


def test_trajectory_with_predecessors(judgements):
    own = trajectory(judgements, "North Northamptonshire", area="overall")
    full = trajectory(
        judgements, "North Northamptonshire", area="overall", include_predecessors=True
    )
    assert "Northamptonshire" in set(full["la_name"])
    assert len(full) > len(own)


# --- transitions ----------------------------------------------------------------------------


def test_transitions_consecutive(judgements):
    t = transitions(judgements, "overall")
    assert (
        list(t.matrix.index)
        == list(t.matrix.columns)
        == ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    )
    # Each authority with n overall judgements contributes n - 1 pairs.
    overall = judgements[judgements["area"] == "overall"]
    counts = overall.groupby("la_code")["inspection_id"].nunique()
    assert t.matrix.to_numpy().sum() == (counts - 1).clip(lower=0).sum()
    assert t.summary.sum() == t.matrix.to_numpy().sum()
    m = t.matrix.to_numpy()
    assert t.summary["stayed"] == m.trace()
    assert t.summary["improved"] == sum(m[i, k] for i in range(4) for k in range(4) if k > i)
    # Leeds: SIF Good -> ILACS Outstanding -> Outstanding -> Outstanding.
    leeds = t.pairs[t.pairs["la_name"] == "Leeds"]
    assert list(leeds["change"].astype(str)) == ["improved", "stayed", "stayed"]


def test_transitions_first_vs_latest_within_ilacs(judgements):
    t = transitions(judgements, "overall", framework="ilacs", first_vs_latest=True)
    assert t.pairs["la_code"].is_unique
    assert set(t.pairs["framework_from"]) == {"ilacs"} == set(t.pairs["framework_to"])
    with pytest.raises(InputError, match="ilacs"):
        transitions(judgements, framework="ILACS 2018")


# --- comparisons and journeys ---------------------------------------------------------------


def test_compare_neighbours_leeds(judgements):
    out = compare_neighbours(judgements, "Leeds", "2024-03-31")
    assert len(out) == 11
    assert out.iloc[0]["la_name"] == "Leeds" and out.iloc[0]["role"] == "authority"
    assert list(out["neighbour_rank"]) == list(range(11))
    assert out.iloc[0]["grade"] == "Outstanding"


def test_compare_region_has_england_total(judgements):
    out = compare_region(judgements, "2024-03-31", published_by="2024-06-30")
    england = out.set_index("region").loc["England"]
    assert england["good_or_better"] == pytest.approx(0.60, abs=0.01)
    assert out[out["region"] != "England"]["n_judged"].sum() == england["n_judged"]


def test_journeys_and_gaps(judgements):
    jr = journeys(judgements)
    assert (jr["days"].dropna() > 0).all()
    assert (jr.loc[jr["recovered"], "good_grade"].isin(["Good", "Outstanding"])).all()
    assert jr["route"].str.startswith("Inadequate").all()
    gaps = time_between_inspections(judgements)
    assert (gaps["days"] >= 0).all()
    assert (gaps["to_date"] > gaps["from_date"]).all()


def test_quarter_ends():
    q = quarter_ends("2014-01-01", "2015-01-15")
    assert [d.strftime("%m-%d") for d in q] == ["03-31", "06-30", "09-30", "12-31"]


# --- journeys end at abolition; open spells are measured to the data date (issue 9, item 7) --

# Last days of the abolished authorities: the Northamptonshire (Structural Changes) Order 2020
# and the Cumbria (Structural Changes) Order 2022 (new authorities from 1 April 2021 / 2023).
ABOLISHED = {"Northamptonshire": "2021-03-31", "Cumbria": "2023-03-31"}


def test_journeys_of_abolished_authorities_end_at_abolition():
    import ofsted_analysis as oa

    jr = journeys(oa.load())
    for name, last_day in ABOLISHED.items():
        spell = jr[jr["la_name"] == name].iloc[-1]
        assert spell["status"] == "ended: authority abolished"
        assert spell["end_date"] == pd.Timestamp(last_day) and not spell["recovered"]
        assert "ceased to exist" in spell["note"]
    # In the hand-made table Northamptonshire is Inadequate in 2016 and never re-inspected.
    synth = journeys(synthetic.judgements()).set_index("la_name")
    assert synth.loc["Northamptonshire", "status"] == "ended: authority abolished"
    assert synth.loc["Barking and Dagenham", "status"] == "recovered"


def test_journey_table_measures_open_spells_to_the_data_date():
    """The reference date is the stored tables' data date (manifest.json), not the latest
    Inadequate judgement; abolished authorities are not "open"."""
    import ofsted_analysis as oa
    from ofsted_analysis.judgements.tables import journey_summary, journey_table
    from ofsted_analysis.storage.store import load_manifest

    data_date = pd.Timestamp(load_manifest()["data_date"])
    jr = journeys(oa.load())
    table = journey_table(jr, recovered=False)
    open_ = table[table["status"] == "open"]
    assert len(open_) and not open_["authority"].isin(list(ABOLISHED)).any()
    expected = ((data_date - pd.to_datetime(open_["inadequate"])).dt.days / 365.25).round(1)
    assert list(open_["years"]) == list(expected)
    cumbria = table.set_index("authority").loc["Cumbria"]
    assert cumbria["status"] == "ended: abolished 31 Mar 2023"
    summary = journey_summary(jr).set_index("inadequate under").loc["All"]
    assert summary["still open"] == len(open_) and summary["ended by abolition"] == 2


def test_as_at_refuses_a_publication_cut_off_before_the_date(judgements):
    with pytest.raises(InputError, match="published_by '2025-01-31'.*on or after 2025-03-31"):
        as_at(judgements, "2025-03-31", published_by="2025-01-31")


def test_journeys_of_a_table_with_no_inadequate_judgement_are_empty_tables():
    from ofsted_analysis.judgements.tables import journey_table

    jr = journeys(synthetic.judgements().iloc[:0])
    assert jr.empty and "status" in jr
    assert journey_table(jr, recovered=True).empty
    assert journey_table(jr, recovered=False, as_at="2025-03-31").empty


# --- one definition of each rule -----------------------------------------------------------


@pytest.mark.parametrize(("date", "published_by"), [("2024-03-31", "2024-06-30")])
def test_every_good_or_better_figure_agrees_with_ofsteds(judgements, date, published_by):
    """Ofsted's "Children's social care in England" 2024: 60% of authorities good or
    outstanding as at 31 March 2024 (reports by 30 June). The snapshot share, the region table's
    England row, the national-picture series and the benchmark table's England row all give
    it, because all four use analysis.good_or_better_share(s)."""
    from ofsted_analysis.judgements.tables import benchmark

    snap = as_at(judgements, date, published_by=published_by)
    shares = [good_or_better_share(snap), good_or_better_share(distribution(snap))]
    region = compare_region(judgements, date, published_by=published_by)
    shares.append(float(region.set_index("region").loc["England", "good_or_better"]))
    bench = benchmark(judgements, "Leeds", date, published_by=published_by)
    shares.append(float(bench.set_index("group").loc["England", "Good or outstanding %"]) / 100)
    for share in shares:
        assert share == pytest.approx(0.60, abs=0.01)
    assert max(shares) - min(shares) <= 0.0005  # the benchmark rounds to 0.1%


def test_benchmark_compares_region_and_england_at_the_neighbours_area_and_cut_off(judgements):
    """benchmark passes its options to compare_neighbours and takes the region and England
    rows at the same area and publication cut-off: for help and protection at 31 March 2024
    (reports by 30 June), its England row is compare_region's England row for that area."""
    from ofsted_analysis.judgements.tables import benchmark

    date, cut_off = "2024-03-31", "2024-06-30"
    bench = benchmark(judgements, "Leeds", date, area="help_and_protection", published_by=cut_off)
    bench = bench.set_index("group")
    region = compare_region(judgements, date, area="help_and_protection", published_by=cut_off)
    region = region.set_index("region")
    grades = list(GRADES)
    for row, name in [
        ("England", "England"),
        ("Yorkshire and the Humber (region)", "Yorkshire and the Humber"),
    ]:
        assert bench.loc[row, "judged"] == region.loc[name, "n_judged"]
        assert bench.loc[row, grades].tolist() == region.loc[name, grades].tolist()
    # the area reached the region rows: England's help and protection grades are not its overall
    overall = compare_region(judgements, date, published_by=cut_off).set_index("region")
    assert region.loc["England", grades].tolist() != overall.loc["England", grades].tolist()


def test_the_known_at_rule_is_the_snapshots_rule(judgements):
    """The table as it stood at a date (judgements.judgements_known_at) gives the same snapshot
    as as_at on the whole table: both apply analysis.known_at. Issue 10's check date."""
    from ofsted_analysis.judgements.tables import judgements_known_at

    when = "2016-09-30"
    known = judgements_known_at(judgements, when)
    assert data_date(known) == pd.Timestamp(when)
    assert pd.to_datetime(known["published"]).max() <= pd.Timestamp(when)
    a = as_at(judgements, when)
    b = as_at(known, when)
    pd.testing.assert_frame_equal(a, b)
    assert good_or_better_share(b) == pytest.approx(good_or_better_share(a))


@pytest.mark.parametrize("area", ["overall", "help_and_protection", "lscb"])
@pytest.mark.parametrize("by", [None, "region", "framework"])
def test_the_national_picture_is_each_dates_snapshot(judgements, area, by):
    """national_picture counts every date at once; each date's rows are the distribution of
    that date's as_at snapshot (the one rule, published by the date itself), at every quarter
    end of the data, unsorted and repeated dates, and both sides of Northamptonshire's split
    (31 March / 1 April 2021)."""
    from ofsted_analysis.judgements.asat import national_picture

    dates = [*quarter_ends("2013-12-31", data_date(judgements)), "2021-04-01", "2019-08-31"]
    dates += ["2019-08-31"]
    picture = national_picture(judgements, dates, area=area, by=by)
    parts = []
    for when in dates:
        dist = distribution(as_at(judgements, when, area=area), by=by)
        parts.append(dist.assign(date=pd.Timestamp(when))[["date", *dist.columns]])
    expected = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(picture, expected, check_dtype=False)


@pytest.mark.parametrize("area", ["overall", "children_in_care"])
def test_as_at_each_is_each_dates_snapshot(judgements, area):
    """as_at_each stacks the snapshots of many dates in one pass; each date's rows are that
    date's as_at snapshot (the one rule), at quarter ends and both sides of
    Northamptonshire's split (31 March / 1 April 2021)."""
    from ofsted_analysis.judgements.asat import as_at_each

    dates = [*quarter_ends("2009-06-30", data_date(judgements)), "2021-04-01"]
    both = as_at_each(judgements, dates, area=area)
    for when in dates:
        one = as_at(judgements, when, area=area)
        got = both[both["as_at"] == pd.Timestamp(when)].drop(columns="as_at")
        got = got.sort_values("la_name", kind="mergesort").reset_index(drop=True)
        pd.testing.assert_frame_equal(got[one.columns], one, check_dtype=False)


def test_a_national_picture_with_no_judgement_counts_every_authority_unjudged(judgements):
    """With no judgement in the table, each date's picture is every authority alive then,
    none judged: counted straight from the register file (data/reference/authorities.csv),
    either side of Northamptonshire's split on 1 April 2021."""
    import csv

    from ofsted_analysis.core.paths import reference
    from ofsted_analysis.judgements.asat import national_picture

    with open(reference("authorities.csv"), newline="", encoding="utf-8") as fh:
        register = list(csv.DictReader(fh))
    dates = ["2021-03-31", "2021-04-01"]
    alive = [
        sum(
            (not r["exists_from"] or r["exists_from"] <= d)
            and (not r["exists_to"] or r["exists_to"] >= d)
            for r in register
        )
        for d in dates
    ]
    picture = national_picture(judgements.iloc[:0], dates, by="region")
    assert picture.groupby("date")["count"].sum().tolist() == [0, 0]
    unjudged = picture.drop_duplicates(["date", "region"]).groupby("date")["n_not_judged"].sum()
    assert unjudged.tolist() == alive
    assert alive[1] == alive[0] + 1  # one county, two unitary authorities


def test_the_data_date_is_the_newest_publication_or_fieldwork_start_in_any_source(built):
    """One data date for every table the store holds: the newest report publication or
    fieldwork start of any inspection or visit. Expected from the sources themselves: the
    report PDFs are named by publication date, and the D2I scrape's CSV (read here with the
    csv module) gives publication and start dates as dd/mm/yy; the official releases end in
    2025, earlier."""
    import csv
    from datetime import datetime

    from shared_files import D2I_HISTORY, SHARED

    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.storage.store import load, load_events

    dates = [datetime.strptime(p.stem, "%Y-%m-%d") for p in (SHARED / "reports").rglob("*.pdf")]
    with open(D2I_HISTORY, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for column in ("publication_date", "inspection_start_date"):
                text = row[column].strip()
                if text:
                    fmt = "%d/%m/%y" if len(text.split("/")[-1]) == 2 else "%d/%m/%Y"
                    dates.append(datetime.strptime(text, fmt))
    expected = pd.Timestamp(max(dates))
    assert data_date(load(built)) == data_date(load_events(built)) == expected
    assert data_date(load_findings(built)) == expected
    events = load_events(built)
    events.attrs = {}  # a frame made in memory: the same rule over its own columns
    assert data_date(events) == expected


def test_the_data_date_sentence_says_when_it_is_a_fieldwork_start(built):
    """A visit whose letter is not out yet moves the data date to its fieldwork start: the
    sentence names that, not a publication date."""
    from ofsted_analysis.judgements.provenance import data_date_text
    from ofsted_analysis.storage.store import load, load_observations

    observations = load_observations(built)
    later = observations.iloc[[-1]].assign(
        start_date=pd.Timestamp("2026-09-14"), published=pd.NaT, file="later/visits.csv"
    )
    judgements = load(built)
    judgements.attrs["data_date"] = "2026-09-14"
    text = str(data_date_text(pd.concat([observations, later]), judgements))
    assert "The data date is **14 September 2026**, the newest fieldwork start date" in text
    assert "`visits.csv`" in text
