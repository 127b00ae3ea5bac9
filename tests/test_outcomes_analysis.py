"""Outcomes beside grades: with_grades, neighbour comparisons, indicators around inspections,
charts and the `outcomes` CLI verb, checked against independent sources."""

from __future__ import annotations

import csv
import statistics

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from commands import run_cli
from shared_files import DFE, RELEASE_2025

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.outcomes.analysis import by_grade, dfe_year
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.outcomes import (
    plot_outcome,
    plot_outcome_by_grade,
    plot_outcome_multiples,
)

C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
GRADE_WORDS = {"Requires improvement to be good": "Requires improvement"}


def c1_cells(year):
    """old_la_code -> rereferral_percent (float, or None when suppressed) in c1, a year."""
    with open(C1, encoding="utf-8-sig", newline="") as fh:
        out = {}
        for r in csv.DictReader(fh):
            if r["geographic_level"] == "Local authority" and r["time_period"] == str(year):
                try:
                    out[r["old_la_code"]] = float(r["rereferral_percent"])
                except ValueError:
                    out[r["old_la_code"]] = None
        return out


def sn_2025(number):
    with open(DFE / "sn_model_2025_wide.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["old_la_code"] == number)
    return [row[f"SN_{i}"] for i in range(1, 11)]


@pytest.fixture(scope="module")
def graded(outcomes, judgements):
    return oa.with_grades(outcomes, judgements, area="overall")


def release_as_at_2025():
    """la_number -> (overall grade, publication date) from Ofsted's release 'LA inspection
    outcomes as at 31 March 2025', sheet Inspections_as_at_31_March."""
    from python_calamine import CalamineWorkbook

    rows = (
        CalamineWorkbook.from_path(str(RELEASE_2025))
        .get_sheet_by_name("Inspections_as_at_31_March")
        .to_python()
    )
    header = rows[2]
    code, grade, published = (
        header.index(c)
        for c in ("Local authority area code", "Overall effectiveness", "Publication date")
    )
    return {
        oa.register().get(r[code]).la_number: (
            GRADE_WORDS.get(r[grade], r[grade]),
            pd.Timestamp(r[published]),
        )
        for r in rows[3:]
        if r[code]
    }


def grades_2025(graded):
    got = graded[
        (graded.indicator == "rereferral_rate") & (graded.year == 2025) & (graded.level == "la")
    ]
    return dict(zip(got.la_number, got.grade.astype(str), strict=True))


def test_with_grades_matches_ofsteds_as_at_31_march_2025(outcomes, judgements):
    """Counted as Ofsted's official statistics count (inspections done by 31 March, reports
    out by the cut-off the release's cover states), every authority's overall grade for 2025
    is the release's."""
    want = release_as_at_2025()
    assert len(want) == 153
    got = grades_2025(oa.with_grades(outcomes, judgements, published_by="ofsted"))
    assert {n: got.get(n) for n in want} == {n: g for n, (g, _p) in want.items()}


def test_with_grades_in_force_means_published(graded):
    """By default only published reports count: the authorities whose grade differs from the
    release's are all ones whose report the release dates after 31 March 2025 (some of those
    kept their grade, so they agree anyway)."""
    want = release_as_at_2025()
    got = grades_2025(graded)
    differ = {n for n, (g, _p) in want.items() if got.get(n) != g}
    later = {n for n, (_g, p) in want.items() if p > pd.Timestamp("2025-03-31")}
    assert differ <= later and len(differ) >= 1


def test_with_grades_leaves_non_authority_rows_ungraded(graded):
    assert graded.loc[graded.level != "la", "grade"].isna().all()
    assert graded.loc[graded.n_authorities == 2, "grade"].isna().all()
    leeds = graded[(graded.la_name == "Leeds") & (graded.indicator == "cla_rate")]
    assert set(leeds.framework) == {"ilacs"} and leeds.inspection_id.notna().all()


def test_neighbour_comparison_2025_model(outcomes, built):
    """Leeds' ten 2025 neighbours (sn_model_2025_wide.csv) and their c1 re-referral rates
    in 2025: median, quartiles, rank, counted here independently."""
    cmp = oa.compare_outcome_neighbours(outcomes, "Leeds", "rereferral_rate", path=built)
    row = cmp[cmp.year == 2025].iloc[0]
    cells = c1_cells(2025)
    values = [cells[n] for n in sn_2025("383") if cells.get(n) is not None]
    assert row.n_neighbours == len(values) == 10
    assert row.neighbours_median == pytest.approx(statistics.median(values))
    q = pd.Series(values).quantile([0.25, 0.75]).tolist()
    assert [row.neighbours_q1, row.neighbours_q3] == pytest.approx(q)
    assert row.value == cells["383"] == 24.2
    assert row["rank"] == 1 + sum(v > 24.2 for v in values) and row["of"] == 11
    assert row.england == 22.6  # c1 row 2
    # c1: the Yorkshire and The Humber row for 2025
    with open(C1, encoding="utf-8-sig", newline="") as fh:
        region = next(
            r
            for r in csv.DictReader(fh)
            if r["time_period"] == "2025"
            and r["geographic_level"] == "Regional"
            and r["region_name"] == "Yorkshire and The Humber"
        )
    assert row.region == float(region["rereferral_percent"])


def test_neighbour_comparison_2021_model(outcomes):
    from ofsted_analysis.judgements.compare import statistical_neighbours

    cmp = oa.compare_outcome_neighbours(outcomes, "Leeds", "rereferral_rate", model="2021")
    row = cmp[cmp.year == 2025].iloc[0]
    cells = c1_cells(2025)
    numbers = statistical_neighbours("Leeds").la_number.tolist()  # data/reference, April 2021
    values = [cells[n] for n in numbers if cells.get(n) is not None]
    assert row.neighbours_median == pytest.approx(statistics.median(values))
    with pytest.raises(InputError):
        oa.compare_outcome_neighbours(outcomes, "Leeds", "rereferral_rate", model="2019")


def test_region_comparison(outcomes):
    """Yorkshire and the Humber in c1 2025: every LA of the region, ranked by its cell."""
    with open(C1, encoding="utf-8-sig", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["time_period"] == "2025" and r["region_name"] == "Yorkshire and The Humber"
        ]
    las = {
        r["old_la_code"]: float(r["rereferral_percent"])
        for r in rows
        if r["geographic_level"] == "Local authority"
    }
    region = next(
        float(r["rereferral_percent"]) for r in rows if r["geographic_level"] == "Regional"
    )
    table = oa.compare_outcome_region(outcomes, "Leeds", "rereferral_rate", 2025)
    assert dict(zip(table.la_number, table.value, strict=True)) == las
    assert table.value.tolist() == sorted(las.values(), reverse=True)
    leeds = table[table.is_authority].iloc[0]
    assert leeds["rank"] == 1 + sum(v > 24.2 for v in las.values())
    assert set(table.region_value) == {region} and set(table.england) == {22.6}


def test_around_inspections_leeds(outcomes, judgements):
    """Leeds' ILACS inspection of October 2018 (fieldwork; DfE year 2019): c1 re-referral
    rates 2017-2021 from the file."""
    around = oa.around_inspections(outcomes, judgements, "rereferral_rate", authority="Leeds")
    one = around[around.inspection_date == "2018-10-29"].sort_values("offset")
    assert one.offset.tolist() == [-2, -1, 0, 1, 2]
    assert one.year.tolist() == [2017, 2018, 2019, 2020, 2021]
    assert one.value.tolist() == [c1_cells(y)["383"] for y in range(2017, 2022)]
    assert set(one.grade.astype(str)) == {"Outstanding"}
    assert dfe_year("2025-03-31") == 2025 and dfe_year("2025-04-01") == 2026


def test_outcome_trajectory_errors(outcomes):
    with pytest.raises(InputError, match="rereferral_rate"):
        oa.outcome_trajectory(outcomes, "Leeds", "re_referrals")
    with pytest.raises(InputError, match="Leeds"):
        oa.outcome_trajectory(outcomes, "Leedz", "rereferral_rate")


# --- charts ---------------------------------------------------------------------------------


def test_plot_outcome(outcomes, judgements, built):
    fig, ax = plt.subplots()
    out = plot_outcome(outcomes, judgements, "Leeds", "rereferral_rate", ax=ax, path=built)
    assert out is ax
    title = ax.get_title()
    title = " ".join(ax.get_title(loc="left").split())  # long titles are wrapped
    assert "Leeds" in title and "24.2% in 2025" in title and "England 22.6%" in title
    labels = ax.get_legend_handles_labels()[1]
    assert {"Leeds", "England", "Statistical neighbours: range", "Inspection: Outstanding"} <= set(
        labels
    )
    assert "DfE" in fig._ofsted_source.get_text() and "Ofsted" in fig._ofsted_source.get_text()
    alt = st.alt_text(fig)
    assert "2025 24.2%" in alt and "Outstanding" in alt
    plt.close(fig)
    ax = plot_outcome(outcomes, None, "Leeds", "cla_rate", path=built)  # ax=None: new figure
    assert ax.figure is not fig
    plt.close(ax.figure)


def test_plot_outcome_multiples(outcomes, judgements, built):
    axes = plot_outcome_multiples(
        outcomes,
        judgements,
        "Leeds",
        ["rereferral_rate", "cla_rate", "sw_turnover_rate"],
        path=built,
    )
    assert len(axes) == 3 and axes[0].get_title(loc="left").startswith("Re-referrals")
    assert "Leeds" in st.alt_text(axes[0].figure)
    plt.close(axes[0].figure)


def test_plot_by_grade_says_association_and_flags_small_groups(graded):
    ax = plot_outcome_by_grade(graded, "rereferral_rate", 2025, small=20)
    subtitle = " ".join(t.get_text() for t in ax.texts) + " ".join(
        a.get_text() for a in ax.get_children() if hasattr(a, "get_text")
    )
    assert "association, not cause" in subtitle
    summary = by_grade(graded, "rereferral_rate", 2025, small=20)
    small = summary[summary.small_group]
    assert len(small) >= 1
    flags = [t.get_text() for t in ax.texts if "small group" in t.get_text()]
    assert len(flags) == len(small)
    assert "association, not cause" in st.alt_text(ax.figure)
    assert (
        int(summary.n.sum())
        == graded[
            (graded.indicator == "rereferral_rate")
            & (graded.year == 2025)
            & graded.grade.notna()
            & graded.value.notna()
        ].shape[0]
    )
    plt.close(ax.figure)


# --- CLI ------------------------------------------------------------------------------------


run = run_cli


def test_cli_outcomes(built, tmp_path):
    r = run(
        "outcomes",
        "Leeds",
        "--indicator",
        "rereferral_rate",
        "--data",
        str(built),
        "--out",
        str(tmp_path / "leeds.png"),
    )
    assert r.returncode == 0, r.stderr
    assert "rereferral_rate  2025   24.2" in r.stdout
    assert (tmp_path / "leeds.png").exists() and (tmp_path / "leeds.alt.txt").exists()
    r = run("outcomes", "Leeds", "--indicator", "cla_rate", "--csv", "--data", str(built))
    table = pd.read_csv(pd.io.common.StringIO(r.stdout))
    assert table.loc[table.year == 2025, "value"].iloc[0] == 85  # cla file, Leeds 2025
    for bad in (["Leedz", "--indicator", "cla_rate"], ["Leeds", "--indicator", "nope"]):
        r = run("outcomes", *bad, "--data", str(built))
        assert r.returncode == 2 and "Traceback" not in r.stderr and "expected" in r.stderr
    assert run("outcomes", "--help").returncode == 0


# --- statistical-neighbour models: the year is the file's ------------------------------------


def test_a_new_neighbour_model_drops_in_and_latest_takes_it(tmp_path):
    """DfE names each model by its year (sn_model_2025_wide.csv). A later model file dropped
    beside it is stored with its own year, and model="latest" uses it with no code change.
    Leeds' neighbours are read here from the CSV itself (old_la_code 383, SN_1..SN_10)."""
    import shutil

    folder = tmp_path / "dfe"
    folder.mkdir()
    sn = DFE / "sn_model_2025_wide.csv"
    shutil.copy(DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", folder)
    shutil.copy(sn, folder)
    shutil.copy(sn, folder / "sn_model_2026_wide.csv")  # the next model, same groupings
    store, no_curated = tmp_path / "processed", tmp_path / "no-curated"
    built = run_cli("build", "--raw", RELEASE_2025, folder, "--out", store, "--curated", no_curated)
    assert built.returncode == 0, built.stderr
    models = oa.load_outcomes(store)  # the store loads
    from ofsted_analysis.outcomes.analysis import neighbour_model
    from ofsted_analysis.outcomes.table import load_outcome_table

    assert sorted(set(load_outcome_table("neighbour_models", store)["model"])) == [2025, 2026]
    assert neighbour_model("latest", store) == "2026"
    with open(sn, encoding="utf-8-sig") as fh:
        leeds = next(r for r in csv.DictReader(fh) if r["old_la_code"] == "383")
    expected = [leeds[f"SN_{k}"] for k in range(1, 11)]
    for model in ("latest", "2025"):
        cmp = oa.compare_outcome_neighbours(models, "Leeds", "rereferral_rate", model, store)
        assert cmp["model"].iloc[0] == ("2026" if model == "latest" else "2025")
    stored = load_outcome_table("neighbour_models", store)
    mine = stored[(stored["model"] == 2026) & (stored["la_number"] == "383")]
    assert mine.sort_values("neighbour_rank")["neighbour_la_number"].tolist() == expected
    with pytest.raises(InputError, match=r"2025, 2026"):
        neighbour_model("2030", store)


def test_a_neighbour_model_file_must_name_its_year(tmp_path):
    from ofsted_analysis.core.errors import FileError
    from ofsted_analysis.sources.dfe import read_neighbour_model

    unnamed = tmp_path / "neighbours.csv"
    unnamed.write_bytes((DFE / "sn_model_2025_wide.csv").read_bytes())
    with pytest.raises(FileError, match=r"sn_model_YYYY_wide.csv"):
        read_neighbour_model(unnamed)
    assert set(read_neighbour_model(DFE / "sn_model_2025_wide.csv")["model"]) == {2025}
