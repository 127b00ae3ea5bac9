"""The standard set of briefing figures, regenerated in one call.

>>> import ofsted_analysis as oa
>>> from ofsted_analysis.figures import make_standard_set
>>> paths = make_standard_set(oa.load(), oa.load_events(), "figures")   # doctest: +SKIP

(Not run as a test: drawing and saving the whole set takes several seconds.)

Each figure is written as PNG (200 dpi), SVG and ``.alt.txt`` (see
:func:`ofsted_analysis.plots.style.save_figure`); the function returns the PNG paths.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

# Figures for briefings: (file stem, what to draw). Leeds is the reference authority of the
# project's tests, City of London the smallest; Yorkshire and the Humber is Leeds' region;
# re-referrals are the indicator DfE publishes for every year since 2013.
STANDARD_AUTHORITY = "Leeds"
STANDARD_REGION = "Yorkshire and the Humber"
TRAJECTORY_AREAS = ["overall", "help_and_protection"]
STANDARD_INDICATOR = "rereferral_rate"


def _jobs(
    judgements: pd.DataFrame,
    events: pd.DataFrame | None,
    outcomes: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    data: str | Path | None = None,
) -> list[tuple[str, Callable[[], Any]]]:  # each draws an Axes or an array of them
    from .judgements.asat import quarter_ends
    from .judgements.history import transitions
    from .judgements.prepare import data_date
    from .plots import heatmaps, national, trajectory

    end = data_date(judgements)
    quarters = quarter_ends("2014-03-31", end)
    jobs: list[tuple[str, Callable[[], Any]]] = [
        (
            "trajectory_leeds",
            lambda: trajectory.plot_trajectory(
                judgements, "Leeds", TRAJECTORY_AREAS, events=events
            ),
        ),
        (
            "trajectory_city_of_london",
            lambda: trajectory.plot_trajectory(
                judgements, "City of London", TRAJECTORY_AREAS, events=events
            ),
        ),
        ("national_picture", lambda: national.plot_national_picture(judgements, quarters)),
        (
            "national_picture_by_region",
            lambda: national.plot_national_picture_by_region(judgements, quarters),
        ),
        (
            "transitions_overall",
            lambda: heatmaps.plot_transition_matrix(
                transitions(judgements, "overall"),
                title="Overall effectiveness: one inspection to the next",
            ),
        ),
        (
            "transitions_ilacs_first_vs_latest",
            lambda: heatmaps.plot_transition_matrix(
                transitions(judgements, "overall", framework="ilacs", first_vs_latest=True),
                title="ILACS overall effectiveness: first against latest",
                from_label="Grade at first ILACS inspection",
                to_label="Grade at latest ILACS inspection",
            ),
        ),
        (
            "neighbours_leeds",
            lambda: trajectory.plot_neighbours(
                judgements, STANDARD_AUTHORITY, events=events, path=data
            ),
        ),
        (
            "heatmap_" + STANDARD_REGION.lower().replace(" ", "_"),
            lambda: heatmaps.plot_grade_heatmap(judgements, region=STANDARD_REGION),
        ),
    ]
    if outcomes is not None and len(outcomes):
        from .outcomes import analysis as outcome_analysis
        from .plots import outcomes as outcome_plots

        latest = int(outcomes.loc[outcomes["indicator"] == STANDARD_INDICATOR, "year"].max())
        jobs += [
            (
                f"outcome_{STANDARD_INDICATOR}_leeds",
                lambda: outcome_plots.plot_outcome(
                    outcomes, judgements, STANDARD_AUTHORITY, STANDARD_INDICATOR, path=data
                ),
            ),
            (
                f"outcome_{STANDARD_INDICATOR}_by_grade",
                lambda: outcome_plots.plot_outcome_by_grade(
                    outcome_analysis.with_grades(outcomes, judgements),
                    STANDARD_INDICATOR,
                    latest,
                    path=data,
                ),
            ),
        ]
    if findings is not None and len(findings):
        from .findings.table import theme_shares
        from .plots import findings as finding_plots

        jobs.append(
            (
                "findings_themes_by_year",
                lambda: finding_plots.plot_theme_heatmap(theme_shares(findings, by="year")),
            )
        )
    return jobs


def make_standard_set(
    judgements: pd.DataFrame,
    events: pd.DataFrame | None,
    out_dir: str | Path,
    timings: dict[str, float] | None = None,
    outcomes: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    data: str | Path | None = None,
) -> list[Path]:
    """Draw and save the standard figures into ``out_dir``; return the PNG paths.

    Leeds and City of London trajectories, the national picture (and by region), the
    transition matrix (all consecutive inspections; first against latest ILACS), Leeds beside
    its statistical neighbours and a region heatmap. Given ``outcomes`` (and ``data``, the
    store holding the neighbour model), Leeds' re-referral rate beside its neighbours and the
    rate by grade in the latest year; given ``findings``, the themes inspectors named, year by
    year. ``timings``, if given, is filled with seconds per figure (used by
    ``benchmarks/bench_figures.py``).
    """
    import time

    import matplotlib

    matplotlib.use("Agg")  # files only: never needs a display
    import matplotlib.pyplot as plt

    from .plots.style import alt_text, save_figure

    out = Path(out_dir)
    written = []
    for stem, draw in _jobs(judgements, events, outcomes, findings, data):
        t0 = time.perf_counter()
        result = draw()
        first = result.flat[0] if hasattr(result, "flat") else result
        fig = first.figure
        png, _svg, _alt = save_figure(fig, out / stem, alt_text(fig))
        plt.close(fig)
        written.append(png)
        if timings is not None:
            timings[stem] = time.perf_counter() - t0
    return written
