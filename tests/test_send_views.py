"""Area SEND analysis, sentences, charts and the ``send`` command (issue 19, item 3), on the
shipped tables. Expected values come from the published files themselves, read here with
pandas: Ofsted's official statistics (ODS, sheet ``Area_SEND_up_to_31_Aug_2022`` and its
``Notes``) and Data to Insight's scrape of the 2023-framework reports."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from commands import run_in_process
from matplotlib.colors import to_hex
from shared_files import SHARED

import ofsted_analysis as oa
from ofsted_analysis.core.checks import data_date, resolve_authority
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.send import plot_send_outcomes_by_region, plot_wsoa_by_region
from ofsted_analysis.plots.trajectory import plot_trajectory
from ofsted_analysis.send import analysis as sa
from ofsted_analysis.send import text

SEND = SHARED / "send"
OFFICIAL = SEND / "ofsted" / "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
D2I = SEND / "d2i" / "ofsted_csc_send_overview.xlsx"
# Ofsted's table: inspections carried out by 31 August 2022, published by 31 October 2022
# (its cover's "Period covered").
OFFICIAL_AS_AT, OFFICIAL_PUBLISHED_BY = "2022-08-31", "2022-10-31"
WSOA_COLUMN = "Inspection outcome: written statement of action required?"
REVISIT_COLUMN = "Revisit outcome: sufficient progress in addressing all significant weaknesses?"
# D2I's outcome_grade: 1 positive, 2 inconsistent, 3 widespread/systemic failings (the README)
D2I_GRADES = {1: "positive", 2: "inconsistent", 3: "systemic_failings"}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def send():
    return oa.load_area_send()


@pytest.fixture(scope="module")
def official() -> pd.DataFrame:
    table = pd.read_excel(
        OFFICIAL, sheet_name="Area_SEND_up_to_31_Aug_2022", header=4, engine="calamine"
    )
    return table.assign(
        la_code=[resolve_authority(c).la_code for c in table["Local authority code"]]
    )


@pytest.fixture(scope="module")
def scrape() -> pd.DataFrame:
    table = pd.read_excel(D2I, dtype={"la_code": str}, engine="openpyxl")
    table = table[table["outcome_grade"].notna()]
    return table.assign(
        code=[resolve_authority(c).la_code for c in table["la_code"]],
        outcome=[D2I_GRADES[int(g)] for g in table["outcome_grade"]],
    )


@pytest.fixture(scope="module")
def official_snapshot(send):
    return sa.send_as_at(send, OFFICIAL_AS_AT, published_by=OFFICIAL_PUBLISHED_BY)


# --- the national picture at a date ---------------------------------------------------------


def test_wsoa_of_every_area_matches_ofsteds_table(official, official_snapshot):
    """Each area of Ofsted's table (column G, Yes/No) has the same WSoA in the snapshot for
    its period, and the counts agree (82 of 149 when the table was published)."""
    snap = official_snapshot.set_index("la_code")
    expected = official.set_index("la_code")[WSOA_COLUMN].eq("Yes")
    assert snap["wsoa"].reindex(expected.index).astype(bool).tolist() == expected.tolist()
    assert int(snap["wsoa"].notna().sum()) == len(official)
    dist = sa.wsoa_distribution(official_snapshot)
    required = dist[dist["wsoa"]].iloc[0]
    assert (required["count"], required["n_inspected"]) == (expected.sum(), len(official))


def test_revisit_outcomes_match_ofsteds_table(official, official_snapshot):
    """Column K: Yes (all weaknesses), Some, No; 'Not revisited yet' or blank: no revisit."""
    words = {"Yes": "all", "Some": "some", "No": "none"}
    expected = official.set_index("la_code")[REVISIT_COLUMN].map(words)
    got = official_snapshot.set_index("la_code")["revisit_outcome"].reindex(expected.index)
    assert got.fillna("-").tolist() == expected.fillna("-").tolist()


def test_2023_outcomes_at_the_data_date_match_the_d2i_scrape(send, scrape):
    """D2I holds each area's latest 2023-framework inspection: the snapshot at the data date
    has the same outcome for every area and the same counts of each outcome."""
    snap = sa.send_as_at(send, data_date(send)).set_index("la_code")
    assert snap["outcome"].reindex(scrape["code"]).astype(str).tolist() == list(scrape["outcome"])
    dist = sa.outcome_distribution(snap.reset_index())
    counts = dict(zip(dist["outcome"].astype(str), dist["count"], strict=True))
    assert counts == scrape["outcome"].value_counts().to_dict()
    assert dist["n_inspected"].iloc[0] + dist["n_not_inspected"].iloc[0] == len(snap)


def test_first_2023_outcomes_match_ofsteds_management_information(send):
    """Ofsted's management information on the first 2023-framework inspections: at each of
    its publication dates, the areas published by then and their outcomes (column
    Inspection.outcome, dates dd/mm/yyyy)."""
    mi = pd.read_csv(SEND / "ofsted" / "mi_ofsted_winter_2223.csv")
    published = pd.to_datetime(mi["Inspection.publication.date"], dayfirst=True)
    words = {
        "Typically positive experiences and outcomes": "positive",
        "Inconsistent experiences and outcomes": "inconsistent",
        "Widespread and/or systemic failings": "systemic_failings",
    }
    for when in sorted(published.unique()):
        out = mi[published <= when]
        dist = sa.outcome_distribution(sa.send_as_at(send, when))
        counts = dict(zip(dist["outcome"].astype(str), dist["count"], strict=True))
        expected = out["Inspection.outcome"].map(words).value_counts()
        assert counts == {o: int(expected.get(o, 0)) for o in sa.OUTCOMES}, when
        assert dist["n_inspected"].iloc[0] == len(out)


def test_outcomes_by_region_add_up_to_england(send):
    snap = sa.send_as_at(send, "2025-03-31")
    whole = sa.outcome_distribution(snap)
    regions = sa.outcome_distribution(snap, by="region")
    assert regions.groupby("outcome", observed=True)["count"].sum().tolist() == list(whole["count"])
    assert regions["region"].nunique() == 9


def test_no_2023_outcome_before_the_framework_began(send):
    snap = sa.send_as_at(send, "2022-12-31")
    assert snap["outcome"].isna().all()
    assert "no area of the" in text.national_text(snap)


def test_a_publication_cut_off_before_the_date_is_refused(send):
    with pytest.raises(InputError, match="published_by"):
        sa.send_as_at(send, "2024-03-31", published_by="2024-01-31")


# --- reorganised areas: Dorset, Bournemouth, Christchurch and Poole, Northamptonshire --------


def test_dorset_follows_the_register_through_its_reorganisation(send, official, scrape):
    """The official file's note 2: "Dorset were inspected in January 2017 and required a WSoA.
    The revisit took place in February 2019 ... The new boundaries came into effect on 1st
    April 2019." Dorset Council's own inspection: D2I's row 'dorset' (outcome_grade 1)."""
    before = sa.send_as_at(send, "2019-03-31").set_index("la_name")
    assert bool(before.at["Dorset County Council", "wsoa"]) is True
    assert before.at["Dorset County Council", "wsoa_date"].strftime("%Y-%m") == "2017-01"
    assert before.at["Dorset County Council", "revisit_date"].strftime("%Y-%m") == "2019-02"
    after = sa.send_as_at(send, "2019-04-01").set_index("la_name")
    assert "Dorset County Council" not in after.index
    assert pd.isna(after.at["Dorset", "wsoa"])  # a predecessor's result is not carried over
    own = sa.area_send_history(send, "Dorset")
    row = scrape[scrape["local_authority"] == "dorset"].iloc[0]
    assert own["outcome"].astype(str).tolist() == [row["outcome"]] == ["positive"]
    assert own["start_date"].iloc[0] == pd.to_datetime(row["inspection_start_date"], dayfirst=True)
    whole = sa.area_send_history(send, "Dorset", include_predecessors=True)
    assert whole["la_name"].tolist() == ["Dorset County Council"] * 2 + ["Dorset"]
    said = text.area_text(own, "Dorset", sa.predecessor_inspections(send, "Dorset"))
    assert "Dorset County Council" in said and "2 SEND events" in said


def test_bcp_has_its_own_2016_inspection(send, official):
    """Ofsted's table row E06000058: inspected 28 June 2021, WSoA required, 8 weaknesses."""
    row = official[official["la_code"] == "E06000058"].iloc[0]
    history = sa.area_send_history(send, "BCP")
    first = history[history["event"] == "full"].iloc[0]
    assert first["start_date"] == row["Inspection start date"]
    assert bool(first["wsoa"]) is (row[WSOA_COLUMN] == "Yes")
    assert first["significant_weaknesses"] == row.iloc[7] == 8


def test_northamptonshire_and_its_successors(send, scrape):
    """Note 3: "Northamptonshire were inspected in May 2017 and did not require a WSoA. The
    replacement areas were established on 1st April 2021." North and West Northamptonshire's
    own inspections: D2I rows 'north northamptonshire' and 'west northamptonshire' (3)."""
    before = sa.send_as_at(send, "2021-03-31").set_index("la_name")
    assert str(before.at["Northamptonshire", "wsoa"]) == "False"
    assert before.at["Northamptonshire", "wsoa_date"].strftime("%Y-%m") == "2017-05"
    after = sa.send_as_at(send, "2021-04-01").set_index("la_name")
    assert "Northamptonshire" not in after.index
    for name in ("North Northamptonshire", "West Northamptonshire"):
        assert pd.isna(after.at[name, "wsoa"])
        expected = scrape.loc[scrape["local_authority"] == name.lower(), "outcome"].tolist()
        assert sa.area_send_history(send, name)["outcome"].astype(str).tolist() == expected
        assert expected == ["systemic_failings"]


# --- an area with a WSoA and a revisit, then systemic failings: Bury ------------------------


def test_bury_wsoa_revisit_and_systemic_failings(send, official, scrape):
    """Ofsted's table, Bury's row (WSoA, weaknesses, revisit dates and outcome 'Some') and
    D2I's row 'bury' (outcome_grade 3, fieldwork from 12/02/24; its text asks for a
    priority action plan)."""
    row = official[official["Area name"] == "Bury"].iloc[0]
    d2i = scrape[scrape["local_authority"] == "bury"].iloc[0]
    history = sa.area_send_history(send, "Bury")
    assert history["event"].tolist() == ["full", "revisit", "full"]
    first, revisit, latest = (history.iloc[i] for i in range(3))
    assert first["start_date"] == row["Inspection start date"]
    assert bool(first["wsoa"]) and first["significant_weaknesses"] == row.iloc[7]
    assert revisit["start_date"] == row["Revisit start date"]
    assert revisit["revisit_outcome"] == {"Some": "some"}[row[REVISIT_COLUMN]]
    assert latest["outcome"] == d2i["outcome"] == "systemic_failings"
    assert latest["start_date"] == pd.to_datetime(d2i["inspection_start_date"], dayfirst=True)
    assert bool(latest["priority_action_plan"])
    assert "priority action plan" in d2i["inspection_outcome_text"]
    gaps = sa.send_intervals(send)
    bury = gaps[gaps["la_name"] == "Bury"]
    assert bury["kind"].tolist() == ["full 2016 -> revisit 2016", "revisit 2016 -> full 2023"]
    assert bury["days"].iloc[0] == (row["Revisit start date"] - row["Inspection start date"]).days
    said = text.area_text(history, "Bury")
    assert "written statement of action required" in said
    assert "widespread and/or systemic failings" in said and "priority action plan" in said


def test_days_from_inspection_to_revisit_match_ofsteds_table(send, official):
    """For every area of Ofsted's table with a revisit: the days from its inspection to its
    revisit are those between the table's two start dates (whatever other rows the
    summaries hold), and no area has two 2016-framework inspections in a row."""
    gaps = sa.send_intervals(send)
    steps = gaps[gaps["kind"] == "full 2016 -> revisit 2016"].set_index("la_code")["days"]
    revisit_start = pd.to_datetime(official["Revisit start date"], errors="coerce", format="mixed")
    revisited = official[revisit_start.notna()]
    # every row with a revisit date has a revisit outcome in column K (46 in the table)
    assert len(revisited) == official[REVISIT_COLUMN].isin(["Yes", "Some", "No"]).sum() > 40
    expected = (revisit_start[revisit_start.notna()] - revisited["Inspection start date"]).dt.days
    assert steps.reindex(revisited["la_code"]).tolist() == expected.tolist()
    assert not gaps["kind"].eq("full 2016 -> full 2016").any()


# --- beside the children's services grade ---------------------------------------------------


def test_outcome_beside_the_grade_in_force(send):
    """Every 2023-framework inspection appears once in the cross-tabulation, Bury's beside
    the grade of its October 2021 inspection (Inadequate, ILACS), the grade in force when
    the SEND fieldwork began in February 2024; the sentence says association only."""
    j = oa.load()
    beside = sa.send_beside_grades(send, j)
    full = send[(send["framework"] == sa.FRAMEWORK_2023) & (send["event"] == "full")]
    assert len(beside) == len(full)
    table = sa.send_grade_crosstab(beside)
    assert int(table.to_numpy().sum()) == len(full)
    assert list(table.index)[:3] == ["Systemic failings", "Inconsistent", "Positive"]
    # D2I's row without an outcome_grade (Slough: "Inspection outcome section not found.")
    # is counted on a row of its own, not left out
    no_grade = pd.read_excel(D2I, engine="openpyxl")["outcome_grade"].isna().sum()
    assert table.loc["Result not held"].sum() == no_grade == 1
    bury = beside[beside["la_name"] == "Bury"].iloc[0]
    assert bury["grade"] == "Inadequate" and bury["grade_date"].strftime("%Y-%m") == "2021-10"
    assert "association, not a cause" in text.crosstab_text(beside)
    wsoa = sa.send_grade_crosstab(sa.send_beside_grades(send, j, framework=sa.FRAMEWORK_2016))
    assert list(wsoa.index) == ["WSoA required", "No WSoA"]
    inspected = send.loc[send["framework"] == sa.FRAMEWORK_2016, "la_code"].nunique()
    assert int(wsoa.to_numpy().sum()) == inspected


# --- charts -----------------------------------------------------------------------------------


def test_send_lane_is_below_the_grades_and_not_in_grade_colours(send):
    j, ev = oa.load(), oa.load_events()
    ax = plot_trajectory(j, "Bury", "overall", events=ev, send=send)
    ax.figure.canvas.draw()
    lane = [c for c in ax.collections if (c.get_gid() or "").startswith("send-")]
    assert [c.get_gid() for c in lane] == ["send-wsoa", "send-revisit", "send-systemic_failings"]
    assert all(y < -0.55 for c in lane for _x, y in c.get_offsets())  # below the visits' row
    grade_colours = {c.lower() for c in st.GRADE_COLOURS.values()}
    used = {to_hex(f) for c in lane for f in c.get_facecolors()}
    assert not used & grade_colours
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Area SEND\n(not a grade)"
    key = st.notes_of(ax.figure)[-1]
    assert "not on the grade scale" in key and "inconsistent" not in key  # only marks drawn
    assert "Area SEND inspections of Bury" in st.alt_text(ax.figure)


def test_trajectory_without_send_is_unchanged(send):
    j = oa.load()
    plain = plot_trajectory(j, "Leeds", "overall")
    assert not any((c.get_gid() or "").startswith("send-") for c in plain.collections)
    assert [t.get_text() for t in plain.get_yticklabels()][0] == "Inadequate"


@pytest.mark.parametrize("name", ["Bury", "Dorset", "North Northamptonshire", "Leeds"])
def test_send_lane_has_no_text_over_text(send, name):
    from test_plots import _layout_faults

    j, ev = oa.load(), oa.load_events()
    ax = plot_trajectory(j, name, ["overall", "help_and_protection"], events=ev, send=send)
    assert not _layout_faults(ax.figure)


def test_national_send_charts(send):
    from test_plots import _layout_faults

    snap = sa.send_as_at(send, "2025-03-31")
    dist = sa.outcome_distribution(snap)
    ax = plot_send_outcomes_by_region(snap)
    positive = int(dist.loc[dist["outcome"] == "positive", "count"].iloc[0])
    assert f"{positive} of the {int(dist['n_inspected'].iloc[0])} areas" in ax.get_title(loc="left")
    assert not _layout_faults(ax.figure)
    ax = plot_wsoa_by_region(snap)
    assert "were required to write a statement of action" in ax.get_title(loc="left")
    assert not _layout_faults(ax.figure)


# --- the command line ---------------------------------------------------------------------


def test_send_command_national_and_area(official):
    """As at 31 August 2022 the command counts the reports published by then: the rows of
    Ofsted's table with a publication date by then, and the Yes among them."""
    done = run_in_process("send", "--as-at", OFFICIAL_AS_AT)
    assert done.returncode == 0, done.stderr
    out = official[official["Inspection publication date"] <= OFFICIAL_AS_AT]
    yes = int(out[WSOA_COLUMN].eq("Yes").sum())
    assert f"{yes} of the {len(out)} areas inspected" in done.stdout
    area = run_in_process("send", "Bury")
    assert area.returncode == 0, area.stderr
    assert "revisit" in area.stdout and "systemic failings" in area.stdout


def test_send_command_csv_to_the_screen():
    import io

    done = run_in_process("send", "Dorset", "--include-predecessors", "--csv", "-")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(io.StringIO(done.stdout))
    assert table["la_name"].tolist() == ["Dorset County Council"] * 2 + ["Dorset"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("send", "Dorsett"), "Dorset"),
        (("send", "--as-at", "2015-01-01"), "the first inspection in the data"),
        (("send", "--as-at", "31/13/2024"), "--as-at"),
    ],
)
def test_send_command_refuses_bad_input(args, said):
    done = run_in_process(*args)
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr


def test_standard_figures_show_send_when_given(send, tmp_path):
    """The standard set with the area_send table: each trajectory has the SEND row, and the
    two national SEND figures are drawn (their alt text names the outcomes)."""
    from ofsted_analysis.figures import make_standard_set

    written = make_standard_set(
        oa.load(), oa.load_events(), tmp_path, authorities=["Bury"], send=send, workers=1
    )
    names = {p.stem for p in written}
    assert {"trajectory_bury", "send_outcomes_by_region", "send_wsoa_by_region"} <= names
    alt = (tmp_path / "trajectory_bury.alt.txt").read_text(encoding="utf-8")
    assert "Area SEND inspections of Bury" in alt
    assert "systemic failings" in (tmp_path / "send_outcomes_by_region.alt.txt").read_text(
        encoding="utf-8"
    )
