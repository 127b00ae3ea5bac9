"""Outcomes beside grades: with_grades, neighbour comparisons, indicators around inspections,
charts and the `outcomes` CLI verb, checked against independent sources."""

from __future__ import annotations

import csv
import re
import statistics

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from commands import run_cli
from shared_files import DFE, RELEASE_2025, SHARED

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.neighbours import model_label
from ofsted_analysis.outcomes.analysis import by_grade, describe_comparison, dfe_year
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.outcomes import (
    plot_outcome,
    plot_outcome_by_grade,
    plot_outcome_multiples,
)

C1 = DFE / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
SN_2021 = SHARED / "reference" / "New_Statistical_Neighbour_Groupings_April_2021.csv"
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
    # Re-referrals: lower is better, so rank 1 is the lowest rate of the eleven.
    assert row["rank"] == 1 + sum(v < 24.2 for v in values) and row["of"] == 11
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


CSWW = DFE / "csww_indicators_2017_to_2025.csv"


def csww_turnover(year):
    """old_la_code -> turnover_rate_fte in DfE's workforce file, a year (single authorities)."""
    with open(CSWW, encoding="utf-8-sig", newline="") as fh:
        return {
            r["old_la_code"]: float(r["turnover_rate_fte"])
            for r in csv.DictReader(fh)
            if r["geographic_level"] == "Local authority"
            and r["time_period"] == str(year)
            and "/" not in r["old_la_code"]
            and re.fullmatch(r"[\d.]+", r["turnover_rate_fte"])
        }


def test_best_turnover_ranks_first_and_says_so(outcomes, built):
    """Issue 17: Leeds' social worker turnover of 7.0% in 2025 is the lowest of its 2025
    group (DfE's workforce file and sn_model_2025_wide.csv, sorted here), and lower turnover
    is better: rank 1, and the sentence says 1 = best. It was shown as rank 11 (1 = highest)."""
    cells = csww_turnover(2025)
    group = ["383", *sn_2025("383")]
    ordered = sorted((cells[n], n) for n in group if n in cells)
    expected = 1 + [v for v, _ in ordered].index(cells["383"])
    assert cells["383"] == 7.0 and expected == 1
    cmp = oa.compare_outcome_neighbours(outcomes, "Leeds", "sw_turnover_rate", path=built)
    row = cmp[cmp.year == 2025].iloc[0]
    assert (row["rank"], row["of"]) == (expected, len(ordered))
    sentence = describe_comparison(cmp, "sw_turnover_rate", 2025)
    assert f"rank {expected} of {len(ordered)}" in sentence
    assert "1 = best, the lowest value" in sentence and "1 = highest" not in sentence
    # A measure with no direction is ranked by value and says so: children looked after.
    cla = oa.compare_outcome_neighbours(outcomes, "Leeds", "cla_rate", path=built)
    words = describe_comparison(cla, "cla_rate", 2025)
    assert "1 = the highest value, this measure having no better or worse direction" in words


def sn_2021(number):
    """DfE's April 2021 groupings: SN1..SN10 are columns 5, 7, ..., 23 of the authority's row."""
    with open(SN_2021, encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.reader(fh) if r and r[0] == number)
    return [row[5 + 2 * k] for k in range(10)]


def test_neighbour_comparison_2021_model(outcomes):
    cmp = oa.compare_outcome_neighbours(outcomes, "Leeds", "rereferral_rate", model="2021")
    row = cmp[cmp.year == 2025].iloc[0]
    cells = c1_cells(2025)
    values = [cells[n] for n in sn_2021("383") if cells.get(n) is not None]
    assert row.neighbours_median == pytest.approx(statistics.median(values))
    assert row.model == 2021 and cmp.attrs["model"] == 2021
    with pytest.raises(InputError, match="2021, 2025"):
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
    # Lower is better: the lowest rate first, rank 1
    assert table.value.tolist() == sorted(las.values())
    leeds = table[table.is_authority].iloc[0]
    assert leeds["rank"] == 1 + sum(v < 24.2 for v in las.values())
    assert set(table.rank_note) == {"1 = best, the lowest value"}
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
    published = graded[
        (graded.indicator == "rereferral_rate")
        & (graded.year == 2025)
        & graded.grade.notna()
        & graded.value.notna()
    ]
    assert int(summary.n.sum() + summary.n_not_comparable.sum()) == len(published)
    # Left out: the graded authorities whose c1 2025 referral_count is c or small (Isles of
    # Scilly, 32), drawn hollow and counted under their group.
    cells = {r["old_la_code"]: r for r in la_rows(C1, time_period="2025")}
    tiny = [n for n in published.la_number if too_small(cells[n]["referral_count"])]
    assert int(summary.n_not_comparable.sum()) == len(tiny) and "420" in tiny
    hollow = [
        c for c in ax.collections if c.get_label() == "Too few children to compare (left out)"
    ]
    assert sum(len(c.get_offsets()) for c in hollow) == len(tiny)
    assert any("too few to compare" in t.get_text() for t in ax.texts)
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
    assert re.search(r"rereferral_rate\s+2025\s+24\.2\s", r.stdout)  # DfE's c1 file, Leeds
    assert (tmp_path / "leeds.png").exists() and (tmp_path / "leeds.alt.txt").exists()
    r = run("outcomes", "Leeds", "--indicator", "cla_rate", "--csv", "-", "--data", str(built))
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
    from ofsted_analysis.core.neighbours import resolve_model
    from ofsted_analysis.outcomes.table import load_outcome_table

    assert sorted(set(load_outcome_table("neighbour_models", store)["model"])) == [2025, 2026]
    assert resolve_model("latest", store) == 2026
    with open(sn, encoding="utf-8-sig") as fh:
        leeds = next(r for r in csv.DictReader(fh) if r["old_la_code"] == "383")
    expected = [leeds[f"SN_{k}"] for k in range(1, 11)]
    for model in ("latest", "2025"):
        cmp = oa.compare_outcome_neighbours(models, "Leeds", "rereferral_rate", model, store)
        assert cmp["model"].iloc[0] == (2026 if model == "latest" else 2025)
    stored = load_outcome_table("neighbour_models", store)
    mine = stored[(stored["model"] == 2026) & (stored["la_number"] == "383")]
    assert mine.sort_values("neighbour_rank")["neighbour_la_number"].tolist() == expected
    with pytest.raises(InputError, match=r"2021, 2025, 2026"):
        resolve_model("2030", store)


def test_a_neighbour_model_file_must_name_its_year(tmp_path):
    from ofsted_analysis.core.errors import FileError
    from ofsted_analysis.sources.dfe import read_neighbour_model

    unnamed = tmp_path / "neighbours.csv"
    unnamed.write_bytes((DFE / "sn_model_2025_wide.csv").read_bytes())
    with pytest.raises(FileError, match=r"sn_model_YYYY_wide.csv"):
        read_neighbour_model(unnamed)
    assert set(read_neighbour_model(DFE / "sn_model_2025_wide.csv")["model"]) == {2025}


# --- tiny numbers (issue 20, item 7), on the shipped tables ------------------------------------
# Expected values are DfE's cells, read here from its CSVs; the rule they are held to is the
# documented one (outcomes.small_numbers): a figure on a count DfE suppresses (c) or on fewer
# than SMALL_COUNT children is not comparable.

D3 = DFE / "d3_cpps_subsequent_plan_2013_to_2025.csv"
D5 = DFE / "d5_cpps_at31march_by_duration_2013_to_2025.csv"
CLA = DFE / "cla_number_and_rate_per_10k_children.csv"


def la_rows(path, **where):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [
            r
            for r in csv.DictReader(fh)
            if r["geographic_level"] == "Local authority"
            and all(r[k] == v for k, v in where.items())
        ]


def number(cell):
    try:
        return float(cell)
    except ValueError:
        return None


@pytest.fixture(scope="module")
def shipped():
    return oa.load_outcomes(), oa.load()


def too_small(count_cell):
    from ofsted_analysis.outcomes.small_numbers import SMALL_COUNT

    return count_cell == "c" or (
        number(count_cell) is not None and number(count_cell) < SMALL_COUNT
    )


def test_every_rereferral_rate_on_too_few_referrals_is_flagged(shipped):
    """Every published re-referral rate in c1 whose referral_count is c or small is flagged
    not comparable, and no other published rate is."""
    from ofsted_analysis.outcomes.small_numbers import figure_notes

    o, _ = shipped
    rows = o[(o.indicator == "rereferral_rate") & (o.level == "la") & (o.n_authorities == 1)]
    notes = figure_notes(rows, "rereferral_rate")
    got = {
        (r.la_number, int(r.year))
        for r in notes.itertuples()
        if pd.notna(r.value) and not r.comparable
    }
    want = {
        (r["old_la_code"], int(r["time_period"]))
        for r in la_rows(C1)
        if number(r["rereferral_percent"]) is not None and too_small(r["referral_count"])
    }
    assert got == want and ("420", 2025) in want and len(want) >= 5


def test_isles_of_scilly_zero_is_not_a_finding(shipped):
    """c1, Isles of Scilly 2025: referral_count 32, rereferral_percent 0."""
    from ofsted_analysis.outcomes.text import describe_comparison, headline

    o, j = shipped
    cell = la_rows(C1, old_la_code="420", time_period="2025")[0]
    cmp = oa.compare_outcome_neighbours(o, "Isles of Scilly", "rereferral_rate")
    row = cmp[cmp.year == 2025].iloc[0]
    assert row.value == number(cell["rereferral_percent"]) == 0.0
    assert row["count"] == number(cell["referral_count"]) == 32
    assert not row.comparable and pd.isna(row["rank"])
    assert f"from {cell['referral_count']} referrals: too few to compare" in row.note
    title = headline(cmp, "rereferral_rate")
    assert "not comparable" in title and "0.0% in 2025" not in title
    sentence = describe_comparison(cmp, "rereferral_rate", 2025)
    assert "too few to compare, so not ranked" in sentence
    assert '"not close"' in sentence  # sn_model_2025: all ten SN_kP are "Not close"
    ax = plot_outcome(o, j, "Isles of Scilly", "rereferral_rate")
    texts = [*ax.figure.texts, *ax.texts, ax.title, ax._left_title]
    shown = " ".join(" ".join(t.get_text().split()) for t in texts)
    assert "0.0% in 2025" not in shown and '"not close"' in shown
    assert model_label(2025) in shown
    ax.figure.canvas.draw()  # every word of the longer subtitle stays on the figure
    page = ax.figure.bbox
    for t in texts:
        if t.get_text():
            box = t.get_window_extent()
            assert page.x0 <= box.x0 and box.x1 <= page.x1 and box.y1 <= page.y1, t.get_text()
    assert "Too few children to compare" in ax.get_legend_handles_labels()[1]
    assert "2025 0.0% (too few children to compare)" in st.alt_text(ax.figure)
    plt.close(ax.figure)


def test_city_of_london_small_counts(shipped):
    """cla file: City of London, 2024, on 31 March: children_count 7, rate 76; d3 2025:
    CPP_start c, CPP_subsequent_percent 0."""
    o, _ = shipped
    cla = la_rows(CLA, old_la_code="201", time_period="2024")
    cla = next(r for r in cla if "31 March" in r["population_type"])
    cmp = oa.compare_outcome_neighbours(o, "City of London", "cla_rate")
    row = cmp[cmp.year == 2024].iloc[0]
    assert row.value == number(cla["rate_per_10000"]) and row["count"] == 7
    assert not row.comparable and "from 7 children looked after on 31 March" in row.note
    d3 = la_rows(D3, old_la_code="201", time_period="2025")[0]
    assert d3["CPP_start"] == "c" and number(d3["CPP_subsequent_percent"]) == 0
    cmp = oa.compare_outcome_neighbours(o, "City of London", "repeat_cpp_rate")
    row = cmp[cmp.year == 2025].iloc[0]
    assert row.value == 0 and not row.comparable and "suppresses as small (c)" in row.note
    # A code in place of the value says which code: c1 2023 rereferral_percent is c.
    assert la_rows(C1, old_la_code="201", time_period="2023")[0]["rereferral_percent"] == "c"
    cmp = oa.compare_outcome_neighbours(o, "City of London", "rereferral_rate")
    assert cmp.loc[cmp.year == 2023, "note"].item().startswith("not published (c: confidential")


def test_a_neighbours_tiny_zero_does_not_stretch_the_band(shipped):
    """Westminster's 2025-model neighbours (sn_model_2025_wide.csv, row 213) and their d5
    `2_years_or_more_percent`: the band's minimum and the median are taken over those with
    CPP_At31 not c and at least SMALL_COUNT; the rest are counted as left out."""
    o, _ = shipped
    group = sn_2025("213")
    cmp = oa.compare_outcome_neighbours(o, "Westminster", "cpp_2_years_or_more").set_index("year")
    stretched = 0
    for year in cmp.index:
        cells = [
            r
            for r in la_rows(D5, time_period=str(year))
            if r["old_la_code"] in group and number(r["2_years_or_more_percent"]) is not None
        ]
        kept = [number(r["2_years_or_more_percent"]) for r in cells if not too_small(r["CPP_At31"])]
        row = cmp.loc[year]
        assert row.n_neighbours == len(kept) and row.n_not_comparable == len(cells) - len(kept)
        if kept:
            assert row.neighbours_min == min(kept)
            assert row.neighbours_median == pytest.approx(statistics.median(kept))
        everything = [number(r["2_years_or_more_percent"]) for r in cells]
        stretched += min(everything, default=1) == 0 and min(kept, default=0) > 0
    assert stretched >= 1  # some year had a tiny neighbour's 0 that would have set the band


# --- small multiples: every marker in its own panel, every series from its first year ---------


def drawn_marks(pane):
    """(x in data units, RGBA) of every inspection triangle drawn on ``pane``."""
    out = []
    for coll in pane.collections:
        if str(coll.get_label()).startswith("Inspection:"):
            colour = tuple(coll.get_facecolor()[0])
            out += [(round(float(x), 6), colour) for x, _y in coll.get_offsets()]
    return out


def test_multiples_markers_stay_in_their_panel_and_match_the_inspections(shipped):
    """Bradford (380), four indicators starting in different years: every inspection triangle
    lies inside its own panel's box (display coordinates from the renderer), each panel has
    one triangle per overall-graded inspection whose fieldwork falls in the shared range, in
    its grade's colour (plots/style.py), and every line is drawn from its first year (c1
    starts in 2013 for Bradford; the workforce file in 2017). The workforce year ends on 30
    September, the others on 31 March, so the panels share an axis of calendar years (ticks
    on 1 January) with each figure and inspection at its own day."""
    from matplotlib.colors import to_rgba

    o, j = shipped
    indicators = ["sw_turnover_rate", "rereferral_rate", "cla_rate", "cpp_2_years_or_more"]
    axes = plot_outcome_multiples(o, j, "Bradford", indicators)
    fig = axes[0].figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    first_c1 = min(int(r["time_period"]) for r in la_rows(C1, old_la_code="380"))
    graded = j[(j.la_number == "380") & (j.area == "overall") & j.grade.notna()]
    graded = graded.drop_duplicates("inspection_id")
    when = graded.start_date.fillna(graded.published)

    def calendar_x(d):  # counted here in days from 1 January, a year being 365.25 of them
        return d.year + (d - pd.Timestamp(d.year, 1, 1)).days / 365.25

    for pane in axes:
        lo, hi = pane.get_xlim()
        assert lo < first_c1 and hi > 2025
        box = pane.get_window_extent(renderer)
        for coll in pane.collections:
            if str(coll.get_label()).startswith("Inspection:"):
                for x, y in coll.get_offset_transform().transform(coll.get_offsets()):
                    assert box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1
        want = sorted(
            (round(calendar_x(d), 6), to_rgba(st.GRADE_COLOURS[str(g)]))
            for d, g in zip(when, graded.grade, strict=True)
            if lo <= calendar_x(d) <= hi
        )
        assert sorted(drawn_marks(pane)) == want and len(want) >= 3
        for line in pane.get_lines():
            xs = [x for x in line.get_xdata() if pd.notna(x)]
            if xs:
                assert lo <= min(xs) and max(xs) <= hi
    firsts = [min(line.get_xdata()) for line in axes[1].get_lines() if len(line.get_xdata())]
    assert min(firsts) == pytest.approx(calendar_x(pd.Timestamp(first_c1, 3, 31)))
    plt.close(fig)
