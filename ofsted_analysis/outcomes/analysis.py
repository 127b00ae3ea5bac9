"""Outcomes beside grades: DfE indicators for one authority over time, against its
statistical neighbours, region and England, and next to the grade Ofsted gave.

Every function takes the ``outcomes`` table (:func:`ofsted_analysis.load_outcomes`) and,
where grades are involved, the ``judgements`` table (:func:`ofsted_analysis.load`), and
returns a DataFrame. A row's ``year`` is the year its period ends, and the day it ends follows
the indicator's year type (:mod:`~ofsted_analysis.outcomes.periods`: DfE's ``2025`` is the
year to 31 March 2025, the workforce census's ``2025`` is 30 September 2025); the grade "in
force" for a row is the one :func:`ofsted_analysis.as_at` gives on that day.

These tables show *association*: an authority's indicators and its grade move together or
they do not; neither shows what caused the other.

Leeds' re-referral rate was 24.2% in 2024 and in 2025 (DfE's c1 file, rows of Leeds):

>>> import ofsted_analysis as oa
>>> o, j = oa.load_outcomes(), oa.load()
>>> oa.outcome_trajectory(o, "Leeds", "rereferral_rate")[["year", "value"]].tail(2)
    year  value
11  2024   24.2
12  2025   24.2
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.checks import check_area, resolve_authority
from ..core.neighbours import LATEST, closeness_note, statistical_neighbours
from ..judgements.asat import as_at, as_at_each
from .indicators import get as get_indicator
from .periods import period_ends, period_year
from .ranking import best_first, polarity, rank_among, rank_note, ranks
from .small_numbers import figure_notes

# The sentences about these tables live in .text; named here too, where notebooks look.
from .text import describe_comparison, describe_outcomes

__all__ = [
    "around_inspections",
    "by_grade",
    "graded_values",
    "compare_outcome_neighbours",
    "compare_outcome_region",
    "describe_comparison",
    "describe_outcomes",
    "dfe_year",
    "latest_year",
    "outcome_trajectory",
    "with_grades",
]


def _indicator_rows(outcomes: pd.DataFrame, indicator: str) -> pd.DataFrame:
    get_indicator(indicator)
    return outcomes[outcomes["indicator"] == indicator]


def outcome_trajectory(
    outcomes: pd.DataFrame, authority: str, indicator: str, path: str | Path | None = None
) -> pd.DataFrame:
    """An authority's values of one indicator, year by year, with England's beside them.

    Rows are the authority's own (by DfE number: GSS code changes do not break the series);
    a row published for two authorities together is not one of them. Columns: year, la_name,
    la_code, la_number, indicator, value, status, unit, source, england, and count,
    count_status, comparable, note (:func:`~.small_numbers.figure_notes`; counts from the
    store at ``path``).

    >>> bool(oa.outcome_trajectory(o, "Leeds", "cla_rate").value.notna().all())
    True

    Raises :class:`InputError` for an unknown authority or indicator.
    """
    a = resolve_authority(authority)
    rows = _indicator_rows(outcomes, indicator)
    own = rows[(rows["level"] == "la") & (rows["la_number"] == a.la_number)]
    england = rows[rows["level"] == "england"].set_index("year")["value"]
    out = own.sort_values("year")[
        [
            "year",
            "la_name",
            "la_code",
            "la_number",
            "indicator",
            "value",
            "status",
            "unit",
            "source",
        ]
    ].copy()
    out["england"] = out["year"].map(england)
    return figure_notes(out.reset_index(drop=True), indicator, path)


def with_grades(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame,
    area: str = "overall",
    published_by: str | None = None,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """Each authority row of ``outcomes`` with the grade in force at the end of its period.

    The period's end follows the row's indicator (:mod:`~ofsted_analysis.outcomes.periods`,
    year types from the indicator table of the store at ``path``): 31 March of the year for
    DfE's children's social care years, 30 September for the workforce census, 31 August for
    an academic year. Adds ``period_end``, then ``grade``, ``framework``, ``inspection_id``,
    ``inspection_date`` (fieldwork start, else publication) and ``published`` of the
    inspection the grade came from, via :func:`ofsted_analysis.as_at` at ``period_end``:
    inspections done by then and published by then (``published_by=None``, the grade
    actually in force), or by the cut-off of Ofsted's own "as at" statistics for that day
    (``published_by="ofsted"``: :func:`ofsted_analysis.judgements.asat.ofsted_cut_off`, the
    cut-off its release's cover states for 31 March, which counts inspections done by then
    whose reports came out after it). Rows for England, regions and combined authorities get
    no grade; an authority not yet inspected in ``area`` by then has a missing grade.

    >>> wg = oa.with_grades(o, j, area="overall")
    >>> wg.loc[(wg.la_name == "Leeds") & (wg.year == 2025), "grade"].iloc[0]
    'Outstanding'
    """
    area = check_area(area)
    out = outcomes.copy()
    la = (out["level"] == "la") & (out["n_authorities"] == 1)
    out["period_end"] = period_ends(out, path)
    cols = ["grade", "framework", "inspection_id", "inspection_date", "published"]
    dates = sorted(out.loc[la, "period_end"].dropna().unique())
    if not dates:
        for c in cols:
            out[c] = pd.NA
        return out
    if published_by is None:  # one pass for every date
        grades = as_at_each(judgements, dates, area=area)
    else:  # the cut-off depends on the date: a snapshot per period end, each once
        grades = pd.concat(
            [
                as_at(judgements, when, area=area, published_by=published_by).assign(as_at=when)
                for when in dates
            ],
            ignore_index=True,
        )
    grades = grades[["la_number", "as_at", *cols[:-2], "date", "published"]].rename(
        columns={"date": "inspection_date", "as_at": "period_end"}
    )
    merged = out.merge(grades, on=["la_number", "period_end"], how="left")
    merged.loc[~la.to_numpy(), cols] = pd.NA
    merged["grade"] = merged["grade"].astype(judgements["grade"].dtype)
    merged["area"] = area
    return merged


def compare_outcome_neighbours(
    outcomes: pd.DataFrame,
    authority: str,
    indicator: str,
    model: object = LATEST,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """An authority's indicator beside its ten statistical neighbours, its region and England,
    year by year.

    Columns: year, la_name, value, status, count (the count of children behind the value),
    comparable, note (why not: :mod:`~ofsted_analysis.outcomes.small_numbers`), n_neighbours
    (neighbours with a comparable value that year), n_not_comparable (neighbours whose value
    is left out as too small to compare), neighbours_median, neighbours_q1, neighbours_q3,
    neighbours_min, neighbours_max, rank (among the authority and its neighbours with a
    comparable value: 1 = the best by the indicator's polarity, the highest when it has none,
    :mod:`~ofsted_analysis.outcomes.ranking`; none when the authority's own is not
    comparable), of, region, england, model, polarity, rank_note (what rank 1 means).
    ``model``: :func:`~ofsted_analysis.core.neighbours.resolve_model` (default the newest DfE
    model held, from the store at ``path``); ``attrs`` hold ``model`` and ``closeness_note``
    (a warning when DfE rates every neighbour "not close").

    Leeds' re-referral rate (lower is better) was the second highest of its group in 2025,
    so it ranks 10th of 11:

    >>> cmp = compare_outcome_neighbours(o, "Leeds", "rereferral_rate")
    >>> cmp[["year", "value", "rank", "of", "england", "model"]].tail(1)  # England: DfE's 22.6%
        year  value  rank  of  england  model
    12  2025   24.2    10  11     22.6   2025
    """
    a = resolve_authority(authority)
    rows = _indicator_rows(outcomes, indicator)
    group = statistical_neighbours(a, model, path)
    la = rows[(rows["level"] == "la") & (rows["n_authorities"] == 1)]
    own = figure_notes(la[la["la_number"] == a.la_number], indicator, path).set_index("year")
    nb = figure_notes(la[la["la_number"].isin(group["la_number"])], indicator, path)
    usable = nb[nb["comparable"]]
    stats = usable.groupby("year")["value"].agg(
        n_neighbours="count",
        neighbours_median="median",
        neighbours_q1=lambda v: v.quantile(0.25),
        neighbours_q3=lambda v: v.quantile(0.75),
        neighbours_min="min",
        neighbours_max="max",
    )
    left_out = nb[~nb["comparable"] & nb["value"].notna()].groupby("year").size()
    years = sorted(set(own.index) | set(stats.index))
    out = pd.DataFrame({"year": years})
    out["la_name"] = a.la_name
    for col in ("value", "status", "count", "comparable", "note"):
        out[col] = out["year"].map(own[col])
    # object first: with no row at all for the authority these columns are all-missing floats
    out["status"] = out["status"].astype(object).fillna("not published")
    out["comparable"] = out["comparable"].astype("boolean").fillna(False).astype(bool)
    out["note"] = out["note"].astype(object).fillna("not published")
    out = out.merge(stats.reset_index(), on="year", how="left")
    out["n_neighbours"] = out["n_neighbours"].fillna(0).astype("int64")
    out["n_not_comparable"] = out["year"].map(left_out).fillna(0).astype("int64")
    pools = usable.groupby("year")["value"]
    pol = polarity(indicator)
    placed, ofs = [], []
    for r in out.itertuples():
        pool = pools.get_group(r.year) if r.year in pools.groups else pd.Series(dtype=float)
        placed.append(rank_among(r.value, pool, pol) if r.comparable else pd.NA)
        ofs.append(len(pool) + int(r.comparable))
    out["rank"] = pd.array(placed, dtype="Int64")
    out["of"] = ofs
    region = rows[(rows["level"] == "region") & (rows["la_name"] == a.region)]
    out["region"] = out["year"].map(region.set_index("year")["value"])
    england = rows[rows["level"] == "england"]
    out["england"] = out["year"].map(england.set_index("year")["value"])
    out["model"] = group.attrs["model"]
    out["polarity"] = pol
    out["rank_note"] = rank_note(pol)
    out.attrs.update(model=group.attrs["model"], closeness_note=closeness_note(group, a.la_name))
    return out


def compare_outcome_region(
    outcomes: pd.DataFrame, authority: str, indicator: str, year: int
) -> pd.DataFrame:
    """Every authority of ``authority``'s region in one year, best first (by the indicator's
    polarity; the highest first when it has none), with its rank in the region (1 = best, or
    the highest: the ``rank_note`` column says which), the region's published value and
    England's.

    Columns: rank, la_name, la_number, value, status, region_value, england, is_authority,
    polarity, rank_note. Authorities whose value is suppressed come last with no rank; equal
    values share the better rank.

    Leeds looked after 85 children per 10,000 at 31 March 2025 (DfE's published rate):

    >>> table = compare_outcome_region(o, "Leeds", "cla_rate", 2025)
    >>> table.loc[table.is_authority, ["rank", "la_name", "value"]]
       rank la_name  value
    4     5   Leeds   85.0
    """
    a = resolve_authority(authority)
    rows = _indicator_rows(outcomes, indicator)
    rows = rows[rows["year"] == int(year)]
    members = rows[
        (rows["level"] == "la") & (rows["n_authorities"] == 1) & (rows["region"] == a.region)
    ]
    pol = polarity(indicator)
    out = members.sort_values(
        ["value", "la_name"], ascending=[best_first(pol), True], na_position="last"
    )[["la_name", "la_number", "value", "status"]].reset_index(drop=True)
    out.insert(0, "rank", ranks(out["value"], pol))
    region = rows[(rows["level"] == "region") & (rows["la_name"] == a.region)]["value"]
    england = rows[rows["level"] == "england"]["value"]
    out["region_value"] = region.iloc[0] if len(region) else float("nan")
    out["england"] = england.iloc[0] if len(england) else float("nan")
    out["is_authority"] = out["la_number"] == a.la_number
    out["polarity"] = pol
    out["rank_note"] = rank_note(pol)
    return out


def dfe_year(when: object) -> int:
    """The DfE reporting year (to 31 March) a date falls in: :func:`~.periods.period_year` of
    a financial year.

    >>> dfe_year("2024-03-31"), dfe_year("2024-04-01")
    (2024, 2025)
    """
    return period_year(when, "Financial Year")


def around_inspections(
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame,
    indicator: str,
    area: str = "overall",
    before: int = 2,
    after: int = 2,
    authority: str | None = None,
) -> pd.DataFrame:
    """Each graded inspection with the indicator in the years before and after it.

    One row per inspection x offset (``-before`` .. ``after``): offset 0 is the indicator's
    period the inspection's fieldwork fell in (:func:`~.periods.period_year`: for DfE's
    children's social care years the year to 31 March, for the workforce census the year to
    30 September), -1 the period before it, and so on.
    Columns: la_name, la_number, inspection_id, framework, inspection_date, grade, offset,
    year, value, status.

    >>> around = around_inspections(o, j, "rereferral_rate", authority="Leeds")
    >>> around[["inspection_date", "grade", "offset", "year", "value"]].head(3)
      inspection_date grade  offset  year  value
    0      2015-01-20  Good      -2  2013   30.3
    1      2015-01-20  Good      -1  2014   23.6
    2      2015-01-20  Good       0  2015   24.9
    """
    area = check_area(area)
    rows = _indicator_rows(outcomes, indicator)
    year_type = get_indicator(indicator).year_type
    la = rows[(rows["level"] == "la") & (rows["n_authorities"] == 1)]
    values = la.set_index(["la_number", "year"])[["value", "status"]]
    j = judgements[(judgements["area"] == area) & judgements["grade"].notna()].copy()
    j["inspection_date"] = j["start_date"].fillna(j["published"])
    if authority is not None:
        j = j[j["la_number"] == resolve_authority(authority).la_number]
    j = j.dropna(subset=["inspection_date"]).drop_duplicates("inspection_id")
    out = []
    for r in j.itertuples():
        base = period_year(r.inspection_date, year_type)
        for off in range(-before, after + 1):
            year = base + off
            v = values.loc[(r.la_number, year)] if (r.la_number, year) in values.index else None
            out.append(
                {
                    "la_name": r.la_name,
                    "la_number": r.la_number,
                    "inspection_id": r.inspection_id,
                    "framework": r.framework,
                    "inspection_date": r.inspection_date,
                    "grade": r.grade,
                    "offset": off,
                    "year": year,
                    "value": float("nan") if v is None else v["value"],
                    "status": "not published" if v is None else v["status"],
                }
            )
    frame = pd.DataFrame(
        out,
        columns=[
            "la_name",
            "la_number",
            "inspection_id",
            "framework",
            "inspection_date",
            "grade",
            "offset",
            "year",
            "value",
            "status",
        ],
    )
    frame["grade"] = frame["grade"].astype(judgements["grade"].dtype)
    return frame


def graded_values(
    graded: pd.DataFrame, indicator: str, year: int, path: str | Path | None = None
) -> pd.DataFrame:
    """The authorities of ``graded`` (:func:`with_grades`) with a grade and a published value
    of ``indicator`` in ``year``, each with ``comparable`` and ``note``
    (:func:`~.small_numbers.figure_notes`: a value on too few children is not comparable)."""
    get_indicator(indicator)
    sub = graded[
        (graded["indicator"] == indicator)
        & (graded["year"] == int(year))
        & graded["grade"].notna()
        & graded["value"].notna()
    ]
    return figure_notes(sub, indicator, path)


def by_grade(
    graded: pd.DataFrame,
    indicator: str,
    year: int,
    small: int = 5,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """Summary of one indicator in one year by the grade in force (from :func:`with_grades`):
    n, median, quartiles over the comparable values; ``n_not_comparable`` counts the values
    left out as on too few children; ``small_group`` flags groups of fewer than ``small``
    authorities.

    Association, not cause: authorities with a grade differ in many ways besides it.
    """
    rows = graded_values(graded, indicator, year, path)
    out = (
        rows[rows["comparable"]]
        .groupby("grade", observed=False)["value"]
        .agg(
            n="count", median="median", q1=lambda v: v.quantile(0.25), q3=lambda v: v.quantile(0.75)
        )
        .reset_index()
    )
    left_out = rows[~rows["comparable"]].groupby("grade", observed=False).size()
    out["n_not_comparable"] = out["grade"].map(left_out).fillna(0).astype("int64")
    out["small_group"] = out["n"] < small
    return out


def latest_year(outcomes: pd.DataFrame, indicators: list[str] | tuple[str, ...]) -> int:
    """The latest year for which every one of ``indicators`` has a published England value."""
    years = [
        int(
            outcomes.loc[
                (outcomes["indicator"] == i)
                & (outcomes["level"] == "england")
                & outcomes["value"].notna(),
                "year",
            ].max()
        )
        for i in map(lambda x: get_indicator(x).id, indicators)
    ]
    return min(years)
