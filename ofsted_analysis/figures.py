"""The standard set of briefing figures, regenerated in one call.

>>> import ofsted_analysis as oa
>>> from ofsted_analysis.figures import make_standard_set
>>> paths = make_standard_set(oa.load(), oa.load_events(), "figures")   # doctest: +SKIP

(Not run as a test: drawing and saving the whole set takes several seconds.)

Each figure is written as PNG (200 dpi), SVG and ``.alt.txt`` (see
:func:`ofsted_analysis.plots.save.save_figure`); the function returns the PNG paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from .core.errors import OfstedAnalysisError

# Figures for briefings: (file stem, what to draw). By default Leeds is the reference
# authority (the project's tests use it; the README shows its figures), City of London the
# smallest, and Leeds' region (Yorkshire and the Humber) the heatmap's; re-referrals are the
# indicator DfE publishes for every year since 2013. ``--authority`` draws the same figures
# for any authority, with its own region.
STANDARD_AUTHORITY = "Leeds"
SMALLEST_AUTHORITY = "City of London"
TRAJECTORY_AREAS = ["overall", "help_and_protection"]
STANDARD_INDICATOR = "rereferral_rate"

# The figures that take longest to draw (the findings one also tags every point with its
# themes), started first when the set is drawn on several cores.
SLOWEST = ("findings_", "national_picture_by_region", "neighbours_", "heatmap_")

Job = tuple[str, Callable[[], Any]]  # file stem, and what draws it (an Axes or an array)


def file_slug(name: str) -> str:
    """A name as a file-name part: lower case, runs of other characters as one ``_``.

    >>> file_slug("Bristol, City of"), file_slug("Telford & Wrekin"), file_slug("St. Helens")
    ('bristol_city_of', 'telford_wrekin', 'st_helens')
    """
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _authority_jobs(
    judgements: pd.DataFrame,
    events: pd.DataFrame | None,
    outcomes: pd.DataFrame | None,
    data: str | Path | None,
    authority: str,
    trajectory_only: bool = False,
    send: pd.DataFrame | None = None,
) -> list[Job]:
    """One authority's figures: its trajectory (with its area SEND inspections on their own
    row, given ``send``); unless ``trajectory_only``, beside its statistical neighbours and,
    given ``outcomes``, its re-referral rate beside theirs."""
    from .plots import outcomes as outcome_plots
    from .plots import trajectory

    slug = file_slug(authority)
    jobs: list[Job] = [
        (
            f"trajectory_{slug}",
            lambda: trajectory.plot_trajectory(
                judgements, authority, TRAJECTORY_AREAS, events=events, send=send
            ),
        )
    ]
    if trajectory_only:
        return jobs
    jobs.append(
        (
            f"neighbours_{slug}",
            lambda: trajectory.plot_neighbours(judgements, authority, events=events, path=data),
        )
    )
    if outcomes is not None and len(outcomes):
        jobs.append(
            (
                f"outcome_{STANDARD_INDICATOR}_{slug}",
                lambda: outcome_plots.plot_outcome(
                    outcomes, judgements, authority, STANDARD_INDICATOR, path=data
                ),
            )
        )
    return jobs


def _send_jobs(send: pd.DataFrame) -> list[Job]:
    """The national area SEND figures at the data date: the 2023-framework outcomes and the
    2016 framework's written statements of action, by region."""
    from .core.checks import data_date
    from .plots import send as send_plots
    from .send.analysis import send_as_at

    snapshot = send_as_at(send, data_date(send))
    return [
        ("send_outcomes_by_region", lambda: send_plots.plot_send_outcomes_by_region(snapshot)),
        ("send_wsoa_by_region", lambda: send_plots.plot_wsoa_by_region(snapshot)),
    ]


def _heatmap(judgements: pd.DataFrame, region: str) -> Callable[[], Any]:
    from .plots import heatmaps

    return lambda: heatmaps.plot_grade_heatmap(judgements, region=region)


def _jobs(
    judgements: pd.DataFrame,
    events: pd.DataFrame | None,
    outcomes: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    data: str | Path | None = None,
    authorities: Sequence[str] | None = None,
    send: pd.DataFrame | None = None,
) -> list[Job]:
    from .core.checks import resolve_authority
    from .judgements.asat import quarter_ends
    from .judgements.history import transitions
    from .judgements.prepare import data_date
    from .plots import heatmaps, national

    named = [resolve_authority(a) for a in (authorities or [STANDARD_AUTHORITY])]
    jobs: list[Job] = []
    for a in named:
        jobs += _authority_jobs(judgements, events, outcomes, data, a.la_name, send=send)
    if not authorities:  # the default set also shows the smallest authority's trajectory
        jobs += _authority_jobs(
            judgements, events, outcomes, data, SMALLEST_AUTHORITY, trajectory_only=True, send=send
        )
    if send is not None and len(send):
        jobs += _send_jobs(send)
    end = data_date(judgements)
    quarters = quarter_ends("2014-03-31", end)
    jobs += [
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
    ]
    for region in dict.fromkeys(a.region for a in named):  # each region once, in order
        jobs.append((f"heatmap_{file_slug(region)}", _heatmap(judgements, region)))
    if outcomes is not None and len(outcomes):
        from .outcomes import analysis as outcome_analysis
        from .plots import outcomes as outcome_plots

        latest = int(outcomes.loc[outcomes["indicator"] == STANDARD_INDICATOR, "year"].max())
        jobs.append(
            (
                f"outcome_{STANDARD_INDICATOR}_by_grade",
                lambda: outcome_plots.plot_outcome_by_grade(
                    outcome_analysis.with_grades(outcomes, judgements),
                    STANDARD_INDICATOR,
                    latest,
                    path=data,
                ),
            )
        )
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
    authorities: Sequence[str] | None = None,
    not_drawn: dict[str, str] | None = None,
    workers: int | None = None,
    send: pd.DataFrame | None = None,
) -> list[Path]:
    """Draw and save the standard figures into ``out_dir``; return the PNG paths.

    Leeds and City of London trajectories, the national picture (and by region), the
    transition matrix (all consecutive inspections; first against latest ILACS), Leeds beside
    its statistical neighbours and a heatmap of its region. Given ``outcomes`` (and ``data``,
    the store holding the neighbour model), Leeds' re-referral rate beside its neighbours and
    the rate by grade in the latest year; given ``findings``, the themes inspectors named,
    year by year. ``authorities`` (names) replace Leeds, each with all its figures (file names
    from :func:`file_slug`), and their regions replace Leeds' region (City of London's
    trajectory is then not drawn). ``timings``, if given, is filled with seconds per figure
    (used by ``benchmarks/bench_figures.py``).

    A figure the data cannot give (a neighbour comparison from a store that holds no
    neighbour model, say) raises the package's error saying why; with ``not_drawn`` (a dict)
    it is recorded there instead, file stem to the reason, and the rest are drawn.

    ``workers``: processes drawing at once (default: one per core; 1 draws in this process).

    Given ``send`` (the ``area_send`` table), each trajectory shows the authority's area SEND
    inspections on a row of their own, and the national area SEND figures are drawn too.
    """
    jobs = _jobs(judgements, events, outcomes, findings, data, authorities, send)
    results = _draw_all(jobs, Path(out_dir), workers)
    written = []
    for stem, png, seconds, refusal in results:
        if refusal is not None:
            if not_drawn is None:
                raise OfstedAnalysisError(refusal)
            not_drawn[stem] = refusal
            continue
        if png is not None:
            written.append(png)
        if timings is not None:
            timings[stem] = seconds
    return written


# (file stem, PNG written or None, seconds, the package's refusal or None)
Drawn = tuple[str, Path | None, float, str | None]

_PENDING: list[Job] = []  # the jobs a forked worker draws (inherited, never pickled)
_OUT: list[Path] = []


def _draw(index: int) -> Drawn:
    """Draw and save one job; a refusal by the package (never a bug) is returned as text."""
    import time

    import matplotlib

    matplotlib.use("Agg")  # files only: never needs a display
    import matplotlib.pyplot as plt

    from .plots.save import save_figure
    from .plots.style import alt_text

    stem, draw = _PENDING[index]
    t0 = time.perf_counter()
    try:
        result = draw()
    except OfstedAnalysisError as e:
        return stem, None, 0.0, str(e)
    first = result.flat[0] if hasattr(result, "flat") else result
    fig = first.figure
    png, _svg, _alt = save_figure(fig, _OUT[0] / stem, alt_text(fig))
    plt.close(fig)
    return stem, png, time.perf_counter() - t0, None


def _draw_all(jobs: list[Job], out: Path, workers: int | None) -> list[Drawn]:
    """Every job drawn, in the jobs' order. With more than one worker (and where processes
    can be forked, so the jobs' tables are shared rather than copied), the figures are drawn
    on several cores: the set is CPU-bound drawing and PNG/SVG encoding."""
    import multiprocessing
    import os

    workers = min(workers or os.cpu_count() or 1, len(jobs))
    _PENDING[:] = jobs
    _OUT[:] = [out]
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return [_draw(i) for i in range(len(jobs))]
        from concurrent.futures import ProcessPoolExecutor

        # The slowest figures first (as bench_figures.py measures them), so no core is left
        # with one long figure at the end; results come back in the jobs' order.
        order = sorted(range(len(jobs)), key=lambda i: not jobs[i][0].startswith(SLOWEST))
        _import_drawing_modules()  # once here, not once in each worker
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {i: pool.submit(_draw, i) for i in order}
            return [futures[i].result() for i in range(len(jobs))]
    finally:
        _PENDING.clear()
        _OUT.clear()


def _import_drawing_modules() -> None:
    """Import what every worker needs to draw and save (pyplot, the PNG and SVG backends, the
    PNG encoder) before the workers are forked: they inherit the modules instead of each
    importing them again (about 0.25 s of a core per worker). The backend is chosen in the
    workers, so a caller's own (a notebook's) is left alone."""
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg
    import matplotlib.pyplot  # noqa: F401
    import PIL.PngImagePlugin  # noqa: F401
