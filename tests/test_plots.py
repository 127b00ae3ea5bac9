"""Charts: structural checks that fail on a wrong chart (order, markers, colours, eras)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from ofsted_analysis.core.errors import InputError
from ofsted_analysis.figures import make_standard_set
from ofsted_analysis.judgements.asat import quarter_ends
from ofsted_analysis.judgements.coverage import visit_coverage
from ofsted_analysis.judgements.history import trajectory, transitions
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.eras import eras_on
from ofsted_analysis.plots.groups import plot_neighbours
from ofsted_analysis.plots.heatmaps import plot_grade_heatmap, plot_transition_matrix
from ofsted_analysis.plots.national import plot_national_picture
from ofsted_analysis.plots.trajectory import plot_trajectory

GRADES_UP = ["Inadequate", "Requires improvement", "Good", "Outstanding"]
PALETTE = {c.lower() for c in (*st.PALETTE, st.LIGHT_GREY)}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _marker_colours(ax) -> list[str]:
    out = []
    for c in ax.collections:
        if c.get_gid() == "inspections":
            out += [to_hex(f) for f in c.get_facecolors()]
    return out


def _markers(ax) -> list[tuple[float, float]]:
    return [
        tuple(p) for c in ax.collections if c.get_gid() == "inspections" for p in c.get_offsets()
    ]


def _text_of_ticks(ax) -> list[str]:
    ax.figure.canvas.draw()  # tick labels are final only once drawn (shared axes)
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    return [label for _y, label in ticks]


def test_trajectory_leeds_structure(judgements, events):
    ax = plot_trajectory(judgements, "Leeds", "overall", events=events)
    # Grades bottom to top, Outstanding highest, under them the row of ungraded visits.
    assert _text_of_ticks(ax) == ["Ungraded visits", *GRADES_UP]
    # One marker per overall inspection, at the grade's height, in the grade's colour.
    tr = trajectory(judgements, "Leeds", area="overall")
    markers = _markers(ax)
    assert len(markers) == len(tr) == 4
    assert [round(y) for _x, y in markers] == [GRADES_UP.index(str(g)) for g in tr["grade"]]
    assert _marker_colours(ax) == [st.GRADE_COLOURS[str(g)].lower() for g in tr["grade"]]
    assert set(_marker_colours(ax)) <= PALETTE
    # Framework eras shaded and named.
    assert eras_on(ax) == ["SLAC", "CPI", "SIF", "ILACS", "ILACS 2026"]
    labels = {t.get_text() for t in ax.texts}
    assert {"SLAC", "CPI", "SIF", "ILACS", "ILACS 2026"} <= labels
    # Title, axis labels, source line naming Ofsted, alt text.
    assert "Leeds" in ax.get_title(loc="left") and "Outstanding" in ax.get_title(loc="left")
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any("Ofsted" in t.get_text() and "2026" in t.get_text() for t in ax.figure.texts)
    assert "Leeds" in st.alt_text(ax.figure)


def test_trajectory_several_areas_direct_labels(judgements, events):
    ax = plot_trajectory(judgements, "Leeds", ["overall", "help_and_protection"], events=events)
    tr = trajectory(judgements, "Leeds", area=["overall", "help_and_protection"])
    assert len(_markers(ax)) == len(tr)
    series = [t.get_text() for t in ax.texts if t.get_gid() == "series-label"]
    assert series == ["Overall effectiveness", "Help and protection"]
    assert ax.get_legend() is None  # direct labels, no legend hunting
    # The earliest marker is the 2010 SLAC Inadequate, at the bottom row.
    first = min(_markers(ax))
    assert round(first[1]) == 0


def test_trajectory_visits_are_ticks(judgements, events):
    ax = plot_trajectory(judgements, "City of London", "overall", events=events)
    ticks = [c for c in ax.collections if c.get_gid() == "visits"]
    tr = trajectory(judgements, "City of London", area=[], events=events)
    assert len(ticks) == 1 and len(ticks[0].get_offsets()) == len(tr) >= 1
    assert all(y < 0 for _x, y in ticks[0].get_offsets())  # below Inadequate


def test_trajectory_draws_into_given_axes(judgements):
    fig, ax = plt.subplots()
    assert plot_trajectory(judgements, "Leeds", ax=ax) is ax


def test_neighbours_small_multiples(judgements):
    """README: every plot function "returns the Axes": plot_neighbours returns Leeds' own
    panel (its figure holds the ten neighbours' too) and names the DfE model it used. DfE's
    files: Leeds' closest neighbour is Sheffield in the April 2021 groupings
    (New_Statistical_Neighbour_Groupings_April_2021.csv), Portsmouth in the 2025 model."""
    from matplotlib.axes import Axes

    def subtitle(ax) -> str:
        return " ".join(
            next(t.get_text() for t in ax.figure.texts if t.get_gid() == "figure-subtitle").split()
        )

    ax = plot_neighbours(judgements, "Leeds", model=2021)
    assert isinstance(ax, Axes)
    axes = [a for a in ax.figure.axes if a.get_visible()]
    assert len(axes) == 11 and axes[0] is ax
    assert axes[0].get_title(loc="left").startswith("Leeds")
    assert axes[1].get_title(loc="left").startswith("Sheffield")
    assert "April 2021 statistical-neighbour model" in subtitle(ax)
    assert "April 2021" in st.alt_text(ax.figure)
    axes[0].figure.canvas.draw()
    labelled = [a for a in axes if any(t.get_text() for t in a.get_yticklabels())]
    assert len(labelled) >= 3  # first column of the grid (inner panels share its axis)
    for a in labelled:
        assert _text_of_ticks(a)[-1] == "Outstanding"
    for a in axes:
        assert set(_marker_colours(a)) <= PALETTE
    plt.close("all")
    latest = plot_neighbours(judgements, "Leeds")
    assert "2025 statistical-neighbour model" in subtitle(latest)
    assert latest.figure.axes[1].get_title(loc="left").startswith("Portsmouth")


def test_national_picture_stack_order_and_shares(judgements):
    dates = quarter_ends("2014-03-31", "2024-03-31")
    ax = plot_national_picture(judgements, dates)
    polys = [c for c in ax.collections if c.get_label() in GRADES_UP]
    # Stacked bottom to top: Inadequate first, Outstanding last, each in its grade colour.
    assert [p.get_label() for p in polys] == GRADES_UP
    assert [to_hex(p.get_facecolor()[0]) for p in polys] == [
        st.GRADE_COLOURS[g].lower() for g in GRADES_UP
    ]
    assert "%" in ax.yaxis.get_major_formatter()(50, 0)
    assert "ILACS" in eras_on(ax)
    assert "60%" in ax.get_title(loc="left")  # good or outstanding at March 2024


def test_national_picture_alt_text_says_what_is_faded(judgements):
    """Before 2014 fewer than half the authorities had an overall judgement (SIF began in
    November 2013), so a series from 2013 fades its first quarters; a series from 2024 fades
    none and must not say it does."""
    long = st.alt_text(
        plot_national_picture(judgements, quarter_ends("2013-12-31", "2016-12-31")).figure
    )
    assert "quarters before" in long and "are faded" in long
    plt.close("all")
    short = st.alt_text(
        plot_national_picture(judgements, quarter_ends("2024-03-31", "2024-12-31")).figure
    )
    assert "faded" not in short and "March 2024 to December 2024" in short
    plt.close("all")


def test_transition_matrix_counts(judgements):
    t = transitions(judgements, "overall")
    ax = plot_transition_matrix(t)
    image = ax.get_images()[0].get_array()
    # Top row of the picture is Outstanding; cells show the matrix counts.
    assert np.array_equal(np.asarray(image), t.matrix.to_numpy()[::-1])
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()][0] == "Outstanding"
    numbers = sorted(int(x.get_text()) for x in ax.texts if x.get_text().isdigit())
    assert numbers == sorted(t.matrix.to_numpy().ravel().tolist())


def test_grade_heatmap_rows_and_colours(judgements):
    ax = plot_grade_heatmap(judgements, region="North East", start="2014-01-01")
    mesh = next(c for c in ax.collections if c.get_gid() == "grade-heatmap")
    colours = {to_hex(c) for c in mesh.get_cmap()(np.linspace(0, 1, 6))}
    assert {st.GRADE_COLOURS[g].lower() for g in GRADES_UP} <= colours
    assert "ILACS" in eras_on(ax)


def test_bad_input_errors(judgements):
    from ofsted_analysis.core.errors import InputError

    with pytest.raises(InputError, match="overall"):
        plot_trajectory(judgements, "Leeds", "safeguarding")
    with pytest.raises(InputError, match="London"):
        plot_grade_heatmap(judgements, region="Londn")


def test_standard_set(judgements, events, outcomes, built, tmp_path):
    from ofsted_analysis.findings.table import load_findings

    findings = load_findings(built)
    paths = make_standard_set(
        judgements, events, tmp_path, outcomes=outcomes, findings=findings, data=built
    )
    stems = [p.stem for p in paths]
    # The set figures.py documents: eight from the judgements, two from the DfE outcomes
    # (Leeds' re-referral rate beside its neighbours; the rate by grade) and the themes.
    assert len(stems) == len(set(stems)) == 11
    assert {
        "trajectory_leeds",
        "national_picture",
        "outcome_rereferral_rate_leeds",
        "outcome_rereferral_rate_by_grade",
        "findings_themes_by_year",
    } <= set(stems)
    # Without outcomes or findings (a store built from releases only) those three are left out.
    assert len(make_standard_set(judgements, events, tmp_path / "bare")) == 8
    for png in paths:
        assert png.exists() and png.stat().st_size > 10_000
        assert png.with_suffix(".svg").exists()
        alt = png.with_name(png.stem + ".alt.txt").read_text()
        assert len(alt) > 80


def test_plot_functions_the_readme_names_import_from_the_plots_package():
    """docs/using.md: "`ofsted_analysis.plots` (`plot_trajectory`, ...)" -- every
    function named there imports from the package itself."""
    import importlib
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "docs" / "using.md").read_text()
    section = readme.split("ofsted_analysis.plots", 1)[1].split("every plot function", 1)[0]
    named = re.findall(r"`(plot_\w+)`", section)
    assert "plot_trajectory" in named and len(named) >= 8
    plots = importlib.import_module("ofsted_analysis.plots")
    for name in named:
        assert callable(getattr(plots, name)), name
    from ofsted_analysis.plots import plot_trajectory as imported

    assert imported is plot_trajectory


# --- titles are true of what is drawn (issue 9, item 5) -------------------------------------

GRADE_WORDS = r"(Inadequate|Requires improvement|Good|Outstanding)"


def _title_claims(title: str) -> tuple[list[str], list[str]]:
    import re

    return re.findall(GRADE_WORDS, title), re.findall(r"[A-Z][a-z]{2} \d{4}", title)


def _flat_title(ax) -> str:
    return " ".join(ax.get_title(loc="left").split())  # titles wrap onto lines


def test_trajectory_title_over_several_areas_tells_the_story():
    """Issue 20, item 10. Ofsted's reports: Leeds' help and protection (SLAC safeguarding) was
    Inadequate in January 2010; its overall effectiveness Outstanding at the ILACS inspections
    of 2018, 2022 and 2025, help and protection Good in 2022 and 2025. Northamptonshire
    (Ofsted's 2023 release): help and protection Inadequate at the 2013 child protection
    inspection, overall effectiveness Inadequate in 2019, its last inspection, so its low
    point is also its latest grade and is said once."""
    import ofsted_analysis as oa

    j = oa.load()
    leeds = _flat_title(plot_trajectory(j, "Leeds", ["overall", "help_and_protection"]))
    assert leeds.startswith("Leeds: Inadequate for help and protection in 2010;")
    assert "Outstanding overall in 2018, 2022 and 2025" in leeds
    assert "Good for help and protection in 2022 and 2025" in leeds
    northants = _flat_title(
        plot_trajectory(j, "Northamptonshire", ["overall", "help_and_protection"])
    )
    assert northants == (
        "Northamptonshire: Inadequate overall in 2019 and for help and protection in 2013 and 2019"
    )


def test_trajectory_title_names_one_judgement_and_its_own_dates():
    """One area: Nottinghamshire's overall effectiveness was Good at each of its inspections
    (SIF 2015, ILACS 2019 and 2024), so its title must not claim a change."""
    import ofsted_analysis as oa

    notts = _flat_title(plot_trajectory(oa.load(), "Nottinghamshire", "overall"))
    assert notts.startswith("Nottinghamshire: overall effectiveness Good at all")
    assert "Inadequate" not in notts and " from " not in notts


AREA_WORDS = {
    "overall": "overall",
    "help_and_protection": "help and protection",
    "children_in_care": "children in care",
}


def _check_story(title: str, rows: pd.DataFrame, areas: list[str]) -> None:
    """What a title over several areas may say, checked against the rows drawn: it opens
    with the lowest grade drawn; each clause's grade was given in each year it names, in an
    area it names; every area's latest grade and year are named (unless it is the low point,
    named first)."""
    import re

    rows = rows.assign(grade=rows["grade"].astype(str), year=rows["date"].dt.year)
    low = min(rows["grade"], key=GRADES_UP.index)
    story = title.split(": ", 1)[1]
    assert story.startswith(low), title
    for clause in story.split("; "):
        grade = re.match(GRADE_WORDS, clause).group(1)
        named = [a for a in areas if AREA_WORDS[a] in clause]
        assert named, title
        given = rows[(rows["grade"] == grade) & rows["area"].isin(named)]
        assert {int(y) for y in re.findall(r"\b(20\d\d)\b", clause)} <= set(given["year"]), title
    for area in areas:
        mine = rows[rows["area"] == area]
        if mine.empty or mine["grade"].iloc[-1] == low:
            continue
        latest = mine.iloc[-1]
        assert any(
            c.startswith(latest["grade"]) and AREA_WORDS[area] in c and str(latest["year"]) in c
            for c in story.split("; ")
        ), title


def test_plot_trajectory_for_every_authority_has_a_true_title():
    """Every authority in the register, current or former: the chart draws, and its title
    over overall effectiveness and help and protection is true of the rows drawn
    (:func:`_check_story`)."""
    import ofsted_analysis as oa
    from ofsted_analysis.core.authorities import register

    j, ev = oa.load(), oa.load_events()
    areas = ["overall", "help_and_protection"]
    fig, ax = plt.subplots()
    for a in register().authorities:
        ax.clear()
        assert plot_trajectory(j, a.la_code, areas, events=ev, ax=ax) is ax
        title = _flat_title(ax)
        rows = trajectory(j, a.la_code, area=areas)
        assert title.startswith(f"{a.la_name}: "), title
        if rows.empty:
            assert "over time" in title, title
        elif rows["area"].nunique() == 1:
            assert title.startswith(f"{a.la_name}: {AREA_WORDS[rows['area'].iloc[0]]}"), title
        else:
            _check_story(title, rows, areas)


def test_abolished_authority_line_stops_at_its_last_day():
    """Cumbria ceased on 31 March 2023 (the Cumbria (Structural Changes) Order 2022): no grade
    of it is drawn as in force after that, and the chart says what replaced it."""
    import ofsted_analysis as oa

    ax = plot_trajectory(oa.load(), "Cumbria", ["overall", "help_and_protection"])
    ends = [line.get_xdata()[-1] for line in ax.lines if line.get_gid() == "trajectory-line"]
    assert ends and all(pd.Timestamp(x) == pd.Timestamp("2023-03-31") for x in ends)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "ceased to exist after 31 March 2023" in texts and "Cumberland" in texts


def test_long_title_is_wrapped_not_cut_off():
    import ofsted_analysis as oa

    ax = plot_trajectory(oa.load(), "Coventry", ["overall", "help_and_protection"])
    ax.figure.canvas.draw()
    title = ax.title if ax.title.get_text() else ax._left_title
    box = title.get_window_extent()
    assert box.x1 <= ax.figure.bbox.x1


def test_grade_heatmap_ending_before_sif_starts_at_the_first_judgement(judgements):
    """Notebook 05 with as_at=2013-06-30 area=help_and_protection crashed (an empty month
    range: the chart began at SIF, November 2013). It now begins with the area's first
    judgement: the 2023 release's earliest SLAC report, published 7 August 2009."""
    from matplotlib.dates import num2date

    ax = plot_grade_heatmap(
        judgements, region="Yorkshire and the Humber", area="help_and_protection", end="2013-06-30"
    )
    first = num2date(ax.get_xlim()[0]).date()
    assert (first.year, first.month) == (2009, 8)  # the chart opens on 1 August 2009
    with pytest.raises(InputError, match="end"):
        plot_grade_heatmap(judgements, region="London", start="2015-01-01", end="2014-01-01")
    plt.close("all")


# --- layout: no text over text, none off the figure (issue 20, item 6) ----------------------


def _drawn_texts(fig) -> list:
    """Every text the renderer draws (titles, labels, ticks, notes), with its box."""
    from unittest import mock

    from matplotlib.text import Text

    drawn = []
    draw = Text.draw

    def record(self, renderer):
        draw(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn.append((self.get_text(), self.get_window_extent(renderer)))

    with mock.patch.object(Text, "draw", record):
        fig.canvas.draw()
    return drawn


def _layout_faults(fig) -> list[tuple[str, str, str]]:
    """Pairs of drawn texts whose boxes overlap (by more than a pixel each way), and texts
    that reach outside the figure."""
    texts, edge, faults = _drawn_texts(fig), fig.bbox, []
    for i, (text, box) in enumerate(texts):
        if (
            box.x0 < edge.x0 - 1
            or box.x1 > edge.x1 + 1
            or box.y0 < edge.y0 - 1
            or box.y1 > edge.y1 + 1
        ):
            faults.append(("leaves the figure", text, ""))
        for other, obox in texts[i + 1 :]:
            dx = min(box.x1, obox.x1) - max(box.x0, obox.x0)
            dy = min(box.y1, obox.y1) - max(box.y0, obox.y0)
            if dx > 1 and dy > 1:
                faults.append(("overlaps", text, other))
    return faults


def test_layout_check_finds_overlaps_and_text_off_the_figure():
    """The check itself fails on a chart with both faults."""
    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "Inadequate")
    ax.text(0.52, 0.5, "Requires improvement")
    ax.text(0.99, 0.2, "past the right edge of the figure")
    kinds = [k for k, _a, _b in _layout_faults(fig)]
    assert kinds.count("overlaps") == 1 and kinds.count("leaves the figure") == 1


def _sample_authorities() -> list[str]:
    """The authorities the issue names (tiny, abolished, new, trust-run, crowded charts)
    and every 25th of the register beside them."""
    from ofsted_analysis.core.authorities import register

    named = [
        "Bradford",
        "Leeds",
        "Northamptonshire",
        "City of London",
        "Isles of Scilly",
        "Cumbria",
        "Cumberland",
        "Doncaster",
        "Sunderland",
    ]
    every = [a.la_name for a in register().authorities[::25]]
    return list(dict.fromkeys(named + every))


SAMPLE = _sample_authorities()


def _no_faults(what: str, charts: dict) -> None:
    for chart, draw in charts.items():
        faults = _layout_faults(draw().figure)
        assert not faults, (what, chart, faults[:5])
        plt.close("all")


@pytest.mark.parametrize("name", SAMPLE)
def test_authority_charts_have_no_text_over_text(name):
    """Each standard chart of one authority: trajectories (two areas, and all four ILACS
    areas) and the authority beside its statistical neighbours."""
    import ofsted_analysis as oa

    j, ev = oa.load(), oa.load_events()
    four = ["overall", "help_and_protection", "children_in_care", "leadership"]
    _no_faults(
        name,
        {
            "trajectory": lambda: plot_trajectory(
                j, name, ["overall", "help_and_protection"], events=ev
            ),
            "four areas": lambda: plot_trajectory(j, name, four, events=ev),
            "neighbours": lambda: plot_neighbours(j, name, events=ev),
        },
    )


def _sample_regions() -> list[str]:
    from ofsted_analysis.core.authorities import register

    return sorted({register().get(name).region for name in SAMPLE})


@pytest.mark.parametrize("region", _sample_regions())
def test_region_charts_have_no_text_over_text(region):
    """The regions of the sample's authorities: small multiples and the grade heatmap."""
    import ofsted_analysis as oa
    from ofsted_analysis.plots.groups import plot_region

    j, ev = oa.load(), oa.load_events()
    _no_faults(
        region,
        {
            "region": lambda: plot_region(j, region, events=ev)[0],
            "heatmap": lambda: plot_grade_heatmap(j, region=region),
        },
    )


def test_shared_charts_have_no_text_over_text():
    """The charts of all authorities: the national picture (and by region), the transition
    matrices, and small multiples of the sample's authorities (current and abolished)."""
    import ofsted_analysis as oa
    from ofsted_analysis.judgements.history import transitions
    from ofsted_analysis.plots.groups import plot_small_multiples
    from ofsted_analysis.plots.national import plot_national_picture_by_region

    j, ev = oa.load(), oa.load_events()
    charts = {
        "national": lambda: plot_national_picture(j),
        "by region": lambda: plot_national_picture_by_region(j)[0],
        "transitions": lambda: plot_transition_matrix(transitions(j, "overall")),
        "first vs latest": lambda: plot_transition_matrix(
            transitions(j, "overall", framework="ilacs", first_vs_latest=True)
        ),
        "small multiples": lambda: plot_small_multiples(j, SAMPLE[:12], events=ev)[0],
    }
    _no_faults("England", charts)


# --- what the trajectory chart says about its symbols and its data (issue 20, items 5, 6) ----


def test_adequate_grades_are_drawn_as_diamonds_and_said_so(judgements):
    """Leeds' October 2011 SLAC inspection: the SLAC scale had "Adequate" (the releases store
    it as Requires improvement), so that marker is a diamond and a note says what it means;
    a chart with no such grade (Leeds' overall effectiveness, SIF and ILACS only) has none."""
    from matplotlib.markers import MarkerStyle

    ax = plot_trajectory(judgements, "Leeds", "help_and_protection")
    points = next(c for c in ax.collections if c.get_gid() == "inspections")
    diamond = MarkerStyle("D")
    diamond_path = diamond.get_path().transformed(diamond.get_transform())
    rows = trajectory(judgements, "Leeds", area="help_and_protection")
    shapes = [
        np.allclose(p.vertices, diamond_path.vertices)
        if len(p.vertices) == len(diamond_path.vertices)
        else False
        for p in points.get_paths()
    ]
    assert [f"{d:%b %Y}" for d, s in zip(rows["date"], shapes, strict=True) if s] == ["Oct 2011"]
    assert any('"Adequate" in SLAC' in n for n in st.notes_of(ax.figure))
    assert '(SLAC: "Adequate")' in st.alt_text(ax.figure)
    plt.close("all")
    plain = plot_trajectory(judgements, "Leeds", "overall")
    assert not any("Adequate" in n for n in st.notes_of(plain.figure))


def test_visit_ticks_say_what_the_visit_records_cover(judgements, events):
    """The events table lists ungraded visits from the in-year sheets of Ofsted's 2023 and
    2025 releases (2022-23 and April 2024 to March 2025) and a few curated records: where
    ticks are drawn, a note says which periods are held, computed from the table (visits
    added for 2020 change it); where none are drawn, no note."""
    ax = plot_trajectory(judgements, "City of London", "overall", events=events)
    note = next(n for n in st.notes_of(ax.figure) if n.startswith("Ticks:"))
    assert "Apr 2024–Mar 2025" in note and "at other dates visits are not in the sources" in note
    assert "2020" not in note
    assert visit_coverage(events).text in st.alt_text(ax.figure)
    plt.close("all")
    without = plot_trajectory(judgements, "City of London", "overall")
    assert not any(n.startswith("Ticks:") for n in st.notes_of(without.figure))
    plt.close("all")
    extra = events[events["event"] == "monitoring_visit"].head(12).copy()
    extra["start_date"] = pd.date_range("2020-01-06", periods=12, freq="MS")
    extra["inspection_id"] = extra["inspection_id"] + "-2020"
    more = pd.concat([events, extra], ignore_index=True)
    ax = plot_trajectory(judgements, "City of London", "overall", events=more)
    assert any("2020" in n for n in st.notes_of(ax.figure) if n.startswith("Ticks:"))


def test_framework_names_are_explained_where_eras_are_shaded(judgements):
    ax = plot_trajectory(judgements, "Leeds", "overall")
    key = next(n for n in st.notes_of(ax.figure) if n.startswith("Frameworks:"))
    for short in eras_on(ax):
        assert f"{short}: " in key
    assert "SIF: Single inspection framework" in key


# --- the grade heatmap is the as-at rule (issue 21) -----------------------------------------


def test_grade_heatmap_cells_are_as_at(judgements):
    """Each cell of the heatmap equals :func:`as_at` for that authority at that month end,
    on a sample of regions (with abolished and new authorities) and months."""
    from ofsted_analysis.judgements.asat import as_at
    from ofsted_analysis.plots.heatmaps import grade_codes_over_time

    codes = ["E08000035", "E10000021", "E06000064", "E06000063", "E10000006", "E09000001"]
    dates = [
        "2012-03-31",
        "2014-06-30",
        "2018-12-31",
        "2021-03-31",
        "2021-04-30",
        "2023-03-31",
        "2023-04-30",
        "2026-06-30",
    ]
    grid = grade_codes_over_time(judgements, codes, dates, "overall")
    for k, when in enumerate(dates):
        snap = as_at(judgements, when, area="overall").set_index("la_code")
        for r, code in enumerate(codes):
            if code not in snap.index:
                assert grid[r, k] == -2, (code, when)
            elif pd.isna(snap.at[code, "grade"]):
                assert grid[r, k] == -1, (code, when)
            else:
                assert GRADES_UP[grid[r, k]] == str(snap.at[code, "grade"]), (code, when)
    assert (grid == -2).any() and (grid == -1).any() and (grid >= 0).any()


def _sheet(path, sheet: str, header_row: int) -> list[dict]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = rows[header_row]
    return [dict(zip(header, r, strict=False)) for r in rows[header_row + 1 :] if r[2]]


def test_grade_heatmap_matches_ofsteds_own_as_at_sheets(judgements):
    """Ofsted's 2023 release, sheet LA_level_at_31_Mar_2023, and 2025 release, sheet
    Inspections_as_at_31_March: each authority's overall effectiveness as at 31 March. Those
    sheets count reports published up to a month or three later; the heatmap's cell is what
    was published by the month end, so the cells compared are those whose report the 2025
    sheet dates by 31 March 2025, and those of inspections the 2023 sheet (which gives no
    publication date) dates before August 2022: a report takes up to seven and a half months
    (Devon's, 30 September 2024 to 13 May 2025; South Tyneside's, 5 December 2022 to 10 May
    2023, which the 2023 sheet counts)."""
    from shared_files import RELEASE_2023, RELEASE_2025

    from ofsted_analysis.core.checks import resolve_authority
    from ofsted_analysis.core.grades import parse_grade
    from ofsted_analysis.plots.heatmaps import grade_codes_over_time

    cases = []
    for r in _sheet(RELEASE_2023, "LA_level_at_31_Mar_2023", 3):
        if r["Overall effectiveness"] and r["Inspection date"] < pd.Timestamp("2022-08-01"):
            cases.append((r["Local authority name"], "2023-03-31", r["Overall effectiveness"]))
    for r in _sheet(RELEASE_2025, "Inspections_as_at_31_March", 2):
        if r["Publication date"] <= pd.Timestamp("2025-03-31"):
            cases.append((r["Local authority name"], "2025-03-31", r["Overall effectiveness"]))
    assert len(cases) > 200
    for when in ("2023-03-31", "2025-03-31"):
        mine = [(n, g) for n, w, g in cases if w == when]
        codes = [resolve_authority(n).la_code for n, _g in mine]
        cells = grade_codes_over_time(judgements, codes, [when])[:, 0]
        for (name, grade), cell in zip(mine, cells, strict=True):
            assert cell >= 0 and GRADES_UP[cell] == parse_grade(grade), (name, when, grade)


def test_the_same_chart_saved_twice_gives_the_same_svg(judgements, events, tmp_path):
    """matplotlib names some clip paths by where the object sat in memory; the saved SVG numbers
    them instead, so a figure redrawn (in another process, or after other figures) is the same
    file and `ofsted-analysis figures` on unchanged data changes nothing."""
    from ofsted_analysis.plots.groups import plot_neighbours
    from ofsted_analysis.plots.save import save_figure

    written = []
    for run in ("first", "second"):
        keep = [plt.figure() for _ in range(3)] if run == "second" else []  # other objects
        ax = plot_neighbours(judgements, "Leeds", events=events, model=2021)
        save_figure(ax.figure, tmp_path / run / "leeds", None)
        written.append((tmp_path / run / "leeds.svg").read_bytes())
        plt.close("all")
        del keep
    assert written[0] == written[1]
    assert b"url(#clip1)" in written[0]


def test_notebook_redraw_lays_out_without_painting_and_shows_the_same_png(judgements):
    """In a notebook (the inline backend), pyplot's redraw of changed figures at the end of a
    cell only lays ours out (their canvas is left unpainted), and the PNG the notebook then
    shows is byte for byte the one shown after matplotlib's own full draw (the expected
    value: what the redraw did before)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    before = plt.get_backend()
    plt.switch_backend("module://matplotlib_inline.backend_inline")
    try:
        shown, painted = [], []
        for full_draw in (True, False):
            fig = plot_trajectory(judgements, "Leeds", "overall").figure
            if full_draw:
                FigureCanvasAgg.draw(fig.canvas)
            else:
                assert fig.stale
                plt.draw_all()  # what pyplot runs after each cell in interactive mode
            painted.append(np.asarray(fig.canvas.get_renderer().buffer_rgba())[..., 3].any())
            png = io.BytesIO()
            fig.canvas.print_figure(png, format="png", bbox_inches="tight")  # as IPython does
            shown.append(png.getvalue())
            plt.close(fig)
    finally:
        plt.switch_backend(before)
    assert painted == [True, False]
    assert shown[0] == shown[1]
