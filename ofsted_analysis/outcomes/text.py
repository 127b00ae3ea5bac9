"""Sentences about the outcomes tables, for notebooks, chart titles and briefings: computed
from the tables, never typed, so new data cannot make them false. Each names the
statistical-neighbour model it compares with and says when a figure is too small to compare
(:mod:`~ofsted_analysis.outcomes.small_numbers`).
"""

from __future__ import annotations

import pandas as pd

from ..core.dates import long_date
from ..core.neighbours import model_label
from .indicators import Indicator
from .indicators import get as get_indicator
from .periods import period_end
from .ranking import polarity, rank_note


def format_value(value: float, unit: str) -> str:
    """A value as sentences and charts show it.

    >>> format_value(24.2, "%"), format_value(85, "per 10,000 children")
    ('24.2%', '85.0 per 10,000 children')
    """
    if pd.isna(value):
        return "not published"
    return f"{value:.1f}%" if unit == "%" else f"{value:,.1f} {unit}"


def describe_outcomes(outcomes: pd.DataFrame) -> str:
    """What the outcomes table holds: the package's DfE indicators in one sentence, and LAIT's
    measures in another where the table has them.

    >>> print(describe_outcomes(o))
    26,941 values of 20 DfE indicators, 2013 to 2025, for England, 11 regions and 158
    authorities; 1,187 cells suppressed or not available as published (c, low, u, x, z).
    Beside them, 602,820 cells of 427 LAIT measures, 2016 to 2026, for England, 11 regions and
    158 authorities; 88,583 of them with no value (-, ..).
    """
    ids = outcomes["indicator"].astype("str")
    lait = ids.str.startswith("lait:")
    own = outcomes[~lait]
    la = own[own["level"] == "la"]
    regions = own.loc[own["level"] == "region", "la_code"].nunique()
    coded = own[own["status"] != ""]
    codes = ", ".join(sorted(map(str, coded["status"].unique())))
    out = (
        f"{len(own):,} values of {ids[~lait].nunique()} DfE indicators, "
        f"{int(own['year'].min())} to {int(own['year'].max())}, for England, "
        f"{regions} regions and {la.loc[la['n_authorities'] == 1, 'la_number'].nunique()} "
        f"authorities; {len(coded):,} cells suppressed or not available as published "
        f"({codes})."
    )
    if lait.any():
        cells = outcomes[lait]
        empty = cells[cells["status"] != ""]
        out += (
            f" Beside them, {len(cells):,} cells of {ids[lait].nunique()} LAIT measures, "
            f"{int(cells['year'].min())} to {int(cells['year'].max())}, for England, "
            f"{cells.loc[cells['level'] == 'region', 'la_code'].nunique()} regions and "
            f"{cells.loc[cells['level'] == 'la', 'la_number'].nunique()} authorities; "
            f"{len(empty):,} of them with no value "
            f"({', '.join(sorted(map(str, empty['status'].unique())))})."
        )
    return out


def _latest(comparison: pd.DataFrame, year: int | None) -> pd.Series | None:
    """The row a sentence is about: ``year``'s, else the latest with a published value."""
    rows = comparison if year is not None else comparison.dropna(subset=["value"])
    if year is not None:
        rows = rows[rows["year"] == int(year)]
    return rows.iloc[-1] if len(rows) else None


def _neighbour_words(r: pd.Series, ind: Indicator) -> str:
    left = int(r.get("n_not_comparable", 0) or 0)
    median = f"their median {format_value(r['neighbours_median'], ind.unit)}"
    if left:
        median += f", leaving out {left} with too few children to compare"
    return median


def headline(comparison: pd.DataFrame, indicator: str) -> str:
    """A chart title for :func:`~.analysis.compare_outcome_neighbours`: the latest published
    value against England's, or, when it is too small to compare, that instead of the value.

    >>> print(headline(oa.compare_outcome_neighbours(o, "Isles of Scilly", "rereferral_rate"),
    ...                "rereferral_rate"))
    Isles of Scilly: re-referrals within 12 months in 2025 not comparable (0.0% from 32
    referrals: too few to compare)
    """
    ind = get_indicator(indicator)
    name = comparison["la_name"].iloc[0] if len(comparison) else ""
    r = _latest(comparison, None)
    if r is None:
        return f"{name}: {ind.phrase} (no published value)"
    value = format_value(r["value"], ind.unit)
    if not r["comparable"]:
        return f"{name}: {ind.phrase} in {int(r['year'])} not comparable ({value} {r['note']})"
    return (
        f"{name}: {ind.phrase}, {value} in {int(r['year'])} "
        f"(England {format_value(r['england'], ind.unit)})"
    )


def describe_comparison(
    comparison: pd.DataFrame, indicator: str, year: int | None = None, grade: object = None
) -> str:
    """A sentence on one year of :func:`~.analysis.compare_outcome_neighbours` (``year``, else
    the latest with a published value): the value, its rank among the neighbours (or why it
    cannot be ranked), the neighbours' median, region and England, the model compared with,
    the grade when given (the one in force at the period's end, :func:`~.analysis.with_grades`;
    the sentence names that day, :mod:`~.periods`), and a warning when DfE rates every
    neighbour "not close".

    >>> cmp = oa.compare_outcome_neighbours(o, "Leeds", "rereferral_rate")
    >>> print(describe_comparison(cmp, "rereferral_rate", 2025))
    Leeds, re-referrals within 12 months, 2025: 24.2%; rank 10 of 11 among it and its
    statistical neighbours (DfE's 2025 statistical-neighbour model; 1 = best, the lowest value;
    their median 21.5%), region 21.7%, England 22.6%.
    """
    ind = get_indicator(indicator)
    r = _latest(comparison, year)
    if r is None:
        return f"{ind.label}: no published value" + (f" for {year}." if year else ".")
    name, when = r["la_name"], int(r["year"])
    model = model_label(int(comparison.attrs.get("model", r["model"])))
    if pd.isna(r["value"]):
        standing = f"{r['note']}; its statistical neighbours ({model}"
    elif not r["comparable"]:
        standing = (
            f"{format_value(r['value'], ind.unit)}, {r['note']}, so not ranked among its "
            f"statistical neighbours ({model}"
        )
    else:
        standing = (
            f"{format_value(r['value'], ind.unit)}; rank {r['rank']} of {r['of']} among it and "
            f"its statistical neighbours ({model}; {rank_note(polarity(ind.id))}"
        )
    text = (
        f"{name}, {ind.phrase}, {when}: {standing}; {_neighbour_words(r, ind)}), region "
        f"{format_value(r['region'], ind.unit)}, England {format_value(r['england'], ind.unit)}"
    )
    if grade is not None and not pd.isna(grade):
        end = long_date(period_end(when, ind.year_type))
        text += f"; Ofsted grade in force at {end}: {grade}"
    note = comparison.attrs.get("closeness_note", "")
    return text + "." + (f" {note[:1].upper()}{note[1:]}." if note else "")


def _measure_list(rows: pd.DataFrame, limit: int = 4) -> str:
    """The measures of ``rows`` by label, a few named and the rest counted."""
    from ..core.words import and_list

    names = [str(x)[:1].lower() + str(x)[1:] for x in rows["label"]]
    if len(names) > limit:
        return and_list([*names[:limit], f"{len(names) - limit} more"])
    return and_list(names)


def describe_profile(profile: pd.DataFrame) -> str:
    """Sentences summing up :func:`~.profile.profile`: how many measures and periods it
    covers, where the authority is best and worst among its neighbours (rank 1 = best), how
    many measures are in LAIT's top and bottom quartile bands, which got better or worse
    since the previous period, the model compared with, and the grade in force.

    >>> print(describe_profile(oa.profile("Leeds", "workforce", outcomes=o, judgements=j)))
    Leeds, workforce: 5 measures, 2025. Among it and its statistical neighbours (DfE's 2025
    statistical-neighbour model; rank 1 = best), it ranks first on children's social worker
    turnover (FTE) and children's social worker vacancies (FTE). ...
    """
    from ..core.words import plural

    if profile.empty:
        return "No measures."
    name = profile.attrs.get("authority", profile["la_name"].iloc[0])
    topic = profile["topic"].iloc[0]
    shown = profile.dropna(subset=["value"])
    years = sorted({int(y) for y in profile["year"].dropna()})
    span = (
        "no period"
        if not years
        else str(years[0])
        if len(years) == 1
        else f"{years[0]} to {years[-1]}"
    )
    parts = [f"{name}, {topic}: {plural(len(profile), 'measure')}, {span}."]
    if len(shown) < len(profile):
        parts.append(
            f"No published value for {_measure_list(profile[profile['value'].isna()])} "
            "(suppressed or not collected)."
        )
    small = profile[profile["value"].notna() & ~profile["comparable"]]
    if len(small):
        parts.append(
            f"Not ranked, banded or compared with the previous period: "
            f"{_measure_list(small)} (too few children to compare)."
        )
    ranked = profile[profile["rank"].notna() & profile["polarity"].notna()]
    model = model_label(int(profile.attrs.get("model", profile["model"].iloc[0])))
    if len(ranked):
        first = ranked[ranked["rank"] == 1]
        last = ranked[ranked["rank"] == ranked["of"]]
        said = []
        if len(first):
            said.append(f"it ranks first on {_measure_list(first)}")
        if len(last):
            said.append(f"last on {_measure_list(last)}")
        if said:
            parts.append(
                f"Among it and its statistical neighbours ({model}; rank 1 = best), "
                + " and ".join(said)
                + "."
            )
        else:
            parts.append(
                f"Among it and its statistical neighbours ({model}; rank 1 = best), it is "
                "neither first nor last on any measure with a better direction."
            )
    else:
        parts.append(f"Compared with its statistical neighbours in {model}.")
    banded = profile[profile["band"].notna()]
    if len(banded):
        top, bottom = (banded[banded["band"] == b] for b in ("A", "D"))
        parts.append(
            f"Of {plural(len(banded), 'measure')} with quartile bands among all authorities, "
            f"{len(top)} in the best quarter (A) and {len(bottom)} in the worst (D)."
        )
    better, worse = (profile[profile["trend"] == t] for t in ("better", "worse"))
    if len(better) or len(worse):
        parts.append(
            f"Since the previous period, better on {len(better)} and worse on {len(worse)}."
        )
    graded = profile.dropna(subset=["grade"]).drop_duplicates("grade")
    area = profile.attrs.get("area", "overall")
    if len(graded) == 1:
        parts.append(
            f"Ofsted grade ({area}) in force at the periods' end: {graded['grade'].iloc[0]}."
        )
    elif len(graded) > 1:
        parts.append(
            f"Ofsted grades ({area}) in force at the periods' ends: "
            + ", ".join(map(str, graded["grade"]))
            + "."
        )
    else:
        parts.append(f"No Ofsted grade ({area}) in force at the periods' end.")
    note = profile.attrs.get("closeness_note", "")
    return " ".join(parts) + (f" {note[:1].upper()}{note[1:]}." if note else "")
