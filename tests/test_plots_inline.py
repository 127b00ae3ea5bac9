"""A chart shown in a notebook is the whole chart: Jupyter's inline backend prints a figure with
``bbox_inches="tight"``, which crops to the artists counted in the layout, so a title, key, note
or source line left out of it would be cut off the picture the analyst sees (it was, for every
figure-level title and source line, until 5 December 2026)."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pytest

import ofsted_analysis as oa
from ofsted_analysis.figures import _jobs
from ofsted_analysis.plots.profile import plot_profile


def _figures():
    """Every standard figure's drawing, and a profile (a grid under a figure-level title)."""
    j, events = oa.load(), oa.load_events()
    outcomes, findings = oa.load_outcomes(), oa.load_findings(themes=False)
    jobs = _jobs(j, events, outcomes, findings, send=oa.load_area_send())
    jobs.append(("profile_leeds", lambda: plot_profile(outcomes, j, "Leeds", "Workforce")))
    return jobs


JOBS = _figures()


def _what(artist) -> str:
    return artist.get_text()[:60] if hasattr(artist, "get_text") else "a figure legend"


@pytest.mark.parametrize("stem,draw", JOBS, ids=[stem for stem, _ in JOBS])
def test_every_text_of_a_figure_is_inside_what_the_notebook_shows(stem, draw):
    drawn = draw()
    fig = (drawn.flat[0] if hasattr(drawn, "flat") else drawn).figure
    try:
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")  # as the inline backend
        renderer = fig.canvas.get_renderer()
        shown = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
        texts = [t for t in fig.texts if t.get_visible() and t.get_text()]
        assert texts, "a standard figure has a source line at least"
        for text in [*texts, *fig.legends]:
            box = text.get_window_extent(renderer)
            inside = (
                box.x0 >= shown.x0 - 1
                and box.x1 <= shown.x1 + 1
                and box.y0 >= shown.y0 - 1
                and box.y1 <= shown.y1 + 1
            )
            assert inside, f"{stem}: {_what(text)!r} is cut off ({box} not in {shown})"
    finally:
        plt.close(fig)


def _positions_over_redraws(draw, times: int = 6) -> set:
    """The Axes positions of a figure drawn ``times`` times, with other objects allocated in
    between (so the layout solver's objects sit elsewhere in memory each time, as they do from
    one notebook kernel to the next)."""
    seen, ballast = set(), []
    for k in range(times):
        ballast.append([object() for _ in range(997 * k)])
        drawn = draw()
        fig = (drawn.flat[0] if hasattr(drawn, "flat") else drawn).figure
        try:
            fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
            seen.add(tuple(tuple(ax.get_position().bounds) for ax in fig.axes))
        finally:
            plt.close(fig)
    return seen


# Notebook 06's small multiples (its default indicators) and the neighbours chart: with
# matplotlib's own constrained layout both came out in 2 or 3 layouts differing in the last
# bits, and notebook 06's picture changed by one pixel in about half of its re-runs.
MULTIPLES = [
    "rereferral_rate",
    "repeat_cpp_rate",
    "cin_rate",
    "cla_rate",
    "placements_3plus_rate",
    "care_leavers_eet_19_21",
    "sw_turnover_rate",
    "sw_caseload",
]


def test_the_same_figure_drawn_again_has_the_same_layout_to_the_last_bit():
    from ofsted_analysis.plots.outcomes import plot_outcome_multiples

    outcomes, j = oa.load_outcomes(), oa.load()
    draws = {
        "outcome multiples": lambda: plot_outcome_multiples(outcomes, j, "Leeds", MULTIPLES),
        "neighbours_leeds": dict(JOBS)["neighbours_leeds"],
    }
    for name, draw in draws.items():
        layouts = _positions_over_redraws(draw)
        assert len(layouts) == 1, f"{name}: {len(layouts)} different layouts of one figure"
