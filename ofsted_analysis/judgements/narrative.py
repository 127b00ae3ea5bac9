"""Sentences on what the judgements cover: frameworks and areas by period, thin years, dates,
visits, national coverage, region sizes, an authority's trajectory, and the caveats a reader
needs. Every fact is computed from the tables.
"""

from __future__ import annotations

import pandas as pd

from ..core.checks import resolve_authority, to_timestamp
from ..core.dates import long_date
from ..core.frameworks import (
    AREA_COLUMNS,
    AREAS,
    FRAMEWORK_SHORT,
    FRAMEWORKS,
    area_word,
    framework_name,
)
from ..core.words import Prose, and_list, framework_list, framework_shorts, month_span, plural
from .asat import national_picture, quarter_ends
from .coverage import visit_coverage
from .history import trajectory
from .overview import date_coverage, inspections_by_year
from .prepare import area_rows, data_date, in_time_order, with_date
from .provenance import data_date_text
from .tables import overall_staleness


def frameworks_text(judgements: pd.DataFrame) -> Prose:
    """One line per framework in the data: inspections, when their reports were published, and
    which harmonised areas it judged (so which gave no overall effectiveness grade).

    >>> print(frameworks_text(j))
    * **SLAC** (Safeguarding and looked after children): 161 inspections, reports published
      August 2009 to August 2012; judged help & protection and children in care; **no overall
      effectiveness**.
    ...
    * **ILACS 2026** (ILACS from April 2026): 11 inspections, reports published June 2026 to
      August 2026; judged leadership, help & protection, children in care and care leavers;
      **no overall effectiveness**.
    """
    insp = judgements.drop_duplicates("inspection_id")
    lines = []
    for f in FRAMEWORKS:
        rows = judgements[judgements["framework"] == f]
        if rows.empty:
            continue
        pub = pd.to_datetime(insp.loc[insp["framework"] == f, "published"])
        areas = [area_word(a) for a in AREAS if a in set(rows["area"])]
        overall = "" if "overall" in set(rows["area"]) else "; **no overall effectiveness**"
        lines.append(
            f"* **{FRAMEWORK_SHORT[f]}** ({framework_name(f)}): "
            f"{plural(rows['inspection_id'].nunique(), 'inspection')}, reports "
            f"published {month_span(pub.min(), pub.max())}; judged "
            f"{and_list(areas)}{overall}."
        )
    return Prose("\n".join(lines))


def thin_years_text(judgements: pd.DataFrame) -> Prose:
    """Years with fewer than half the median number of graded inspections (first and last
    year of the data left out: they are part years).

    >>> print(thin_years_text(j))
    Years with fewer than half the median of 41.5 graded inspections a year (first and last
    year left out as part years): 2020 (13) and 2021 (15).
    """
    counts = inspections_by_year(judgements)["total"]
    inner = counts.iloc[1:-1]
    if inner.empty:
        return Prose("")
    median = float(inner.median())
    thin = inner[inner < median / 2]
    if thin.empty:
        return Prose(
            f"Every full year has at least half the median of {median:g} graded inspections a year."
        )
    years = and_list([f"{y} ({n})" for y, n in thin.items()])
    return Prose(
        f"Years with fewer than half the median of {median:g} graded inspections a "
        f"year (first and last year left out as part years): {years}."
    )


def areas_text(judgements: pd.DataFrame) -> Prose:
    """Which judgements only some frameworks made, and since when care leavers have been an
    ILACS judgement of their own.

    >>> print(areas_text(j))
    Adoption and LSCB were judged under SIF only. No overall effectiveness grade under SLAC,
    CPI, TLAC and ILACS 2026. Under ILACS, care leavers are a judgement of their own from the
    inspection of Bristol (16 January 2023), 145 inspections so far.
    """
    parts = []
    by_area = judgements.groupby("area")["framework"].agg(lambda s: set(s))
    only: dict[str, list[str]] = {}
    for a in AREAS:
        if a in by_area.index and len(by_area[a]) == 1:
            only.setdefault(next(iter(by_area[a])), []).append(AREA_COLUMNS[a])
    for f, areas in only.items():
        parts.append(
            f"{and_list(areas)} {'was' if len(areas) == 1 else 'were'} judged under "
            f"{FRAMEWORK_SHORT.get(f, f)} only."
        )
    overall = set(by_area.get("overall", set()))
    none = [
        FRAMEWORK_SHORT[f]
        for f in FRAMEWORKS
        if f in set(judgements["framework"]) and f not in overall
    ]
    if none:
        parts.append(f"No overall effectiveness grade under {and_list(none)}.")
    leavers = with_date(
        judgements[(judgements["area"] == "care_leavers") & judgements["framework"].isin(["ilacs"])]
    )
    if len(leavers):
        first = leavers.sort_values("date").iloc[0]
        parts.append(
            f"Under ILACS, care leavers are a judgement of their own from the "
            f"inspection of {first['la_name']} ({long_date(first['date'])}), "
            f"{plural(leavers['inspection_id'].nunique(), 'inspection')} so far."
        )
    return Prose(" ".join(parts))


def dates_text(judgements: pd.DataFrame) -> Prose:
    """Which frameworks' inspections have fieldwork dates, and so where an inspection placed
    at its publication date sits later than it happened.

    >>> print(dates_text(j))
    Fieldwork dates are known for all ILACS and ILACS 2026 inspections and 80% of TLAC and 95%
    of SIF inspections and for no SLAC and CPI inspection. ...
    """
    cov = date_coverage(judgements)
    share = cov["with fieldwork dates"] / cov["inspections"]
    every = [f for f in cov.index if share[f] == 1]
    none = [f for f in cov.index if share[f] == 0]
    some = [f"{share[f]:.0%} of {f}" for f in cov.index if 0 < share[f] < 1]
    parts = []
    if every:
        parts.append(f"all {and_list(every)} inspections")
    if some:
        parts.append(f"{and_list(some)} inspections")
    text = f"Fieldwork dates are known for {and_list(parts) or 'no inspection'}"
    if none:
        text += f" and for no {and_list(none)} inspection"
    text += "."
    if none or some:
        text += (
            " Analyses place an inspection at its fieldwork start and fall back to its "
            "publication date, so those without fieldwork dates sit a few weeks later in "
            "time than they happened."
        )
    return Prose(text)


def visits_text(events: pd.DataFrame) -> Prose:
    """For which periods ungraded focused and monitoring visits are held, from which sources,
    and the dates no source read covers (:func:`~.coverage.visit_coverage`).

    >>> print(visits_text(ev))
    Ungraded focused and monitoring visits are listed for March 2022 to February 2023 (60,
    Childrens_social_care_in_England_2023_underlying_data.ods, sheet LA_level_in_year_2022-23)
    and April 2024 to March 2025 (60, LA_Inspection_Outcomes_as_at_31_March_2025.ods, sheet
    In-year_inspections); 4 more, January to November 2018, are single records
    (focused_visits_2018_seeds.csv), not a full list. Visits at other dates (before March 2022,
    from March 2023 to March 2024 and after March 2025) are not in the sources read: for those
    dates a visit count is missing, not zero.
    """
    return visit_coverage(events).text


def quarter_series(
    judgements: pd.DataFrame, end: object, area: str = "overall"
) -> list[pd.Timestamp]:
    """Quarter ends from the first one on or after the first judgement in ``area`` to ``end``
    (or just ``end`` when no judgement in ``area`` was made by then): the dates of a national
    picture series, so it starts where the data does, whatever the area and date.

    >>> quarter_series(j, "2014-12-31")  # the first overall judgement: November 2013
    [Timestamp('2013-12-31 00:00:00'), Timestamp('2014-03-31 00:00:00'), ...,
     Timestamp('2014-12-31 00:00:00')]
    """
    when = to_timestamp(end)
    rows = with_date(area_rows(judgements, area))
    if rows.empty or rows["date"].min() > when:
        return [when]
    return quarter_ends(rows["date"].min(), when) or [when]


def coverage_text(
    judgements: pd.DataFrame, area: str = "overall", picture: pd.DataFrame | None = None
) -> Prose:
    """Where national shares in ``area`` rest on few authorities: when the first judgement was
    made (and under which framework), how many authorities had one at the first date of the
    series, and from when at least half did.

    ``picture``: a :func:`~.asat.national_picture` table (default: every
    quarter end from the first judgement in ``area`` to the data date).

    >>> picture = national_picture(j, quarter_series(j, "2016-06-30"))
    >>> print(coverage_text(j, "overall", picture=picture))
    The first overall effectiveness judgement in the data is from SIF (November 2013). At 31
    December 2013, 0 authorities had one; fewer than half did until March 2016.
    """
    rows = in_time_order(with_date(area_rows(judgements, area)))
    if rows.empty:
        return Prose(f"No {area_word(area)} judgement is in the data.")
    first = rows.iloc[0]
    if picture is None:
        picture = national_picture(
            judgements, quarter_series(judgements, data_date(judgements), area), area=area
        )
    per = picture.drop_duplicates("date").set_index("date")[["n_judged", "n_not_judged"]]
    half = per["n_judged"] >= (per["n_judged"] + per["n_not_judged"]) / 2
    label = area_word(area)
    text = (
        f"The first {label} judgement in the data is from "
        f"{FRAMEWORK_SHORT.get(first['framework'], first['framework'])} "
        f"({first['date']:%B %Y}). At {long_date(per.index[0])}, "
        f"{plural(int(per['n_judged'].iloc[0]), 'authority', 'authorities')} had one"
    )
    if half.all():
        return Prose(text + ", at least half of all authorities, as at every later date.")
    if not half.any():
        return Prose(text + f"; fewer than half had one at every date to {per.index[-1]:%B %Y}.")
    reached = half[half].index[0]
    return Prose(text + f"; fewer than half did until {reached:%B %Y}.")


def region_sizes_text(by_region: pd.DataFrame) -> Prose:
    """How small regions are: fewest and most authorities, and how far one inspection moves a
    region's share. ``by_region``: :func:`~.compare.compare_region`.

    >>> from ofsted_analysis.judgements.compare import compare_region
    >>> print(region_sizes_text(compare_region(j, "2024-03-31")))
    Regions hold 10 (East Midlands) to 33 (London) authorities, so one inspection moves a
    region's share by 3 to 10 points.
    """
    reg = by_region[by_region["region"] != "England"]
    size = (reg["n_judged"] + reg["n_not_judged"]).astype(int)
    small, big = reg.loc[size.idxmin(), "region"], reg.loc[size.idxmax(), "region"]
    judged = reg["n_judged"][reg["n_judged"] > 0].astype(int)
    moves = ""
    if len(judged):
        moves = (
            f", so one inspection moves a region's share by "
            f"{100 / judged.max():.0f} to {100 / judged.min():.0f} points"
        )
    return Prose(f"Regions hold {size.min()} ({small}) to {size.max()} ({big}) authorities{moves}.")


def trajectory_text(
    judgements: pd.DataFrame,
    authority: str,
    area: str | list[str] | None = None,
    include_predecessors: bool = False,
) -> Prose:
    """An authority's graded inspections in words: for each area, its grades in time order
    with the years they were given (runs of the same grade together).

    >>> print(trajectory_text(j, "City of London", "overall"))
    **City of London**: 3 graded inspections, 2016 to 2024. Overall: Good (2016); Outstanding
    (2020, 2024).
    """
    a = resolve_authority(authority)
    areas = [area] if isinstance(area, str) else list(area or AREAS)
    tr = trajectory(judgements, a.la_code, area=areas, include_predecessors=include_predecessors)
    head = f"**{a.la_name}**"
    if tr.empty:
        return Prose(f"{head}: no graded inspection in {and_list([area_word(x) for x in areas])}.")
    years = tr["date"].dt.year
    parts = [
        f"{head}: {plural(tr['inspection_id'].nunique(), 'graded inspection')}, "
        f"{years.min()} to {years.max()}."
    ]
    for x in areas:
        rows = tr[tr["area"] == x]
        if rows.empty:
            parts.append(f"{AREA_COLUMNS[x]}: never judged.")
            continue
        runs: list[list] = []
        for grade, year in zip(rows["grade"].astype(str), rows["date"].dt.year, strict=True):
            if runs and runs[-1][0] == grade:
                runs[-1][1].append(year)
            else:
                runs.append([grade, [year]])
        words = "; ".join(f"{g} ({', '.join(str(y) for y in ys)})" for g, ys in runs)
        parts.append(f"{AREA_COLUMNS[x]}: {words}.")
    return Prose(" ".join(parts))


def overall_gap_text(judgements: pd.DataFrame, date: object = None) -> Prose:
    """How many authorities' latest inspection by ``date`` (default: the data date) gave no
    overall effectiveness grade, so their overall grade in snapshots is older.

    >>> print(overall_gap_text(j))
    At 20 August 2026, 11 authorities' latest inspection (ILACS 2026) gave no overall
    effectiveness grade, so the overall grade snapshots use for them comes from an inspection
    3.3 to 4.1 years older.
    """
    when = data_date(judgements) if date is None else to_timestamp(date)
    stale = overall_staleness(judgements, when)
    if stale.empty:
        return Prose(
            f"At {long_date(when)} every authority's latest inspection gave an overall "
            "effectiveness grade."
        )
    return Prose(
        f"At {long_date(when)}, {plural(len(stale), 'authority', 'authorities')}' "
        f"latest inspection ({framework_list(framework_shorts(stale['latest_framework']))}) "
        "gave no "
        "overall effectiveness grade, so the overall grade snapshots use for them "
        f"comes from an inspection {stale['years_old'].min():.1f} to "
        f"{stale['years_old'].max():.1f} years older."
    )


def caveats_text(
    judgements: pd.DataFrame, events: pd.DataFrame, observations: pd.DataFrame
) -> Prose:
    """The caveats to carry into every analysis, each computed from the data: dates, the end
    of overall effectiveness, early national shares, unofficial newest judgements, visits.

    >>> from ofsted_analysis.storage.store import load_observations
    >>> print(caveats_text(j, ev, load_observations()))
    * **Dates.** Fieldwork dates are known for all ILACS and ILACS 2026 inspections ...
    * **Overall effectiveness.** ...
    * **Early national shares rest on few authorities.** ...
    * **Newest judgements.** ...
    * **Visits.** ...
    """
    items = [
        f"**Dates.** {dates_text(judgements)}",
        f"**Overall effectiveness.** {areas_text(judgements)} {overall_gap_text(judgements)}",
        f"**Early national shares rest on few authorities.** {coverage_text(judgements)}",
        f"**Newest judgements.** {data_date_text(observations, judgements)}",
        f"**Visits.** {visits_text(events)}",
    ]
    return Prose("\n".join(f"* {i}" for i in items))
