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
from ofsted_analysis.judgements.history import trajectory, transitions
from ofsted_analysis.plots import style as st
from ofsted_analysis.plots.heatmaps import plot_grade_heatmap, plot_transition_matrix
from ofsted_analysis.plots.national import plot_national_picture
from ofsted_analysis.plots.trajectory import plot_neighbours, plot_trajectory

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
    # Grades bottom to top, Outstanding highest.
    assert _text_of_ticks(ax) == GRADES_UP
    # One marker per overall inspection, at the grade's height, in the grade's colour.
    tr = trajectory(judgements, "Leeds", area="overall")
    markers = _markers(ax)
    assert len(markers) == len(tr) == 4
    assert [round(y) for _x, y in markers] == [GRADES_UP.index(str(g)) for g in tr["grade"]]
    assert _marker_colours(ax) == [st.GRADE_COLOURS[str(g)].lower() for g in tr["grade"]]
    assert set(_marker_colours(ax)) <= PALETTE
    # Framework eras shaded and named.
    assert st.eras_on(ax) == ["SLAC", "CPI", "SIF", "ILACS", "ILACS 2026"]
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
    axes = plot_neighbours(judgements, "Leeds")
    assert len(axes) == 11
    assert axes[0].get_title(loc="left").startswith("Leeds")
    axes[0].figure.canvas.draw()
    labelled = [ax for ax in axes if any(t.get_text() for t in ax.get_yticklabels())]
    assert len(labelled) >= 3  # first column of the grid (inner panels share its axis)
    for ax in labelled:
        assert _text_of_ticks(ax)[-1] == "Outstanding"
    for ax in axes:
        assert set(_marker_colours(ax)) <= PALETTE


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
    assert "ILACS" in st.eras_on(ax)
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
    values = np.asarray(mesh.get_array()).reshape(len(ax.get_yticks()), -1)
    assert values.max() <= 3 and values.min() >= -2
    colours = {to_hex(c) for c in mesh.get_cmap()(np.linspace(0, 1, 6))}
    assert {st.GRADE_COLOURS[g].lower() for g in GRADES_UP} <= colours
    assert "ILACS" in st.eras_on(ax)


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


def test_trajectory_title_names_one_judgement_and_its_own_dates():
    """Coventry's 2011 grade is a SLAC safeguarding (help and protection) judgement; its 2026
    one an overall effectiveness judgement: a title must not pair them. Nottinghamshire's
    overall effectiveness was Good at each of its inspections (SIF 2015, ILACS 2019 and 2024),
    so its title must not claim a change."""
    import ofsted_analysis as oa

    j = oa.load()
    coventry = " ".join(
        plot_trajectory(j, "Coventry", ["overall", "help_and_protection"])
        .get_title(loc="left")
        .split()
    )
    assert coventry.startswith("Coventry: overall effectiveness")
    assert "2011" not in coventry
    notts = " ".join(
        plot_trajectory(j, "Nottinghamshire", ["overall", "help_and_protection"])
        .get_title(loc="left")
        .split()
    )
    assert notts.startswith("Nottinghamshire: overall effectiveness Good at all")
    assert "Inadequate" not in notts and " from " not in notts


def test_plot_trajectory_for_every_authority_has_a_true_title():
    """Every authority in the register, current or former: the chart draws, and the grades
    and dates its title states are those of the judgement it names (the first area)."""
    import ofsted_analysis as oa
    from ofsted_analysis.core.authorities import register
    from ofsted_analysis.plots.trajectory import AREA_SHORT

    j, ev = oa.load(), oa.load_events()
    fig, ax = plt.subplots()
    for a in register().authorities:
        ax.clear()
        assert (
            plot_trajectory(j, a.la_code, ["overall", "help_and_protection"], events=ev, ax=ax)
            is ax
        )
        title = " ".join(ax.get_title(loc="left").split())  # titles wrap onto lines
        rows = trajectory(j, a.la_code, area="overall")
        assert title.startswith(f"{a.la_name}: "), title
        if rows.empty:
            assert "over time" in title, title
            continue
        assert AREA_SHORT["overall"].lower() in title, title
        grades, dates = _title_claims(title)
        drawn = [str(g) for g in rows["grade"]]
        assert set(grades) <= set(drawn), title
        assert set(dates) <= {f"{d:%b %Y}" for d in rows["date"]}, title
        if len(set(drawn)) == 1:
            assert " from " not in title, title
        if " from " in title:  # a change: first and last judgement, in that order
            assert grades[:2] == [drawn[0], drawn[-1]], title
            assert dates == [f"{rows['date'].iloc[0]:%b %Y}", f"{rows['date'].iloc[-1]:%b %Y}"]


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
