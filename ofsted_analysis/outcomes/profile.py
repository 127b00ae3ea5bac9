"""An authority's profile: LAIT's local-authority page, with the Ofsted grades that page never
had. One row per measure of a topic, for one period each: the authority's value, England's,
its region's, its statistical neighbours' median and range, its rank among them (1 = best),
LAIT's quartile band among all authorities, the change since the previous period (better or
worse), the measure's polarity, and the Ofsted grade in force at the period's end.

What a profile is for: to read, on one page, where an authority stands on everything a topic
measures, and beside what grade, before looking closer at any one measure
(:func:`~.analysis.compare_outcome_neighbours`, the ``outcomes`` command).

**The period's end** (when the grade "in force" is read) follows the measure's year type, for
the year the period ends (``2024-25`` and ``2024/25`` end in 2025): 31 March for a financial
year, 31 August for an academic year, 30 September for the workforce census, ... (the one rule,
:mod:`~ofsted_analysis.outcomes.periods`).

The grade is the one :func:`~ofsted_analysis.judgements.asat.as_at` gives at that date
(inspections done and published by it). A period that ended after an authority ceased
(Cumbria after March 2023) has no grade in force.

Ranks, bands and trends follow :mod:`~ofsted_analysis.outcomes.ranking`. A value DfE
suppressed is shown with its code (``status``), never as 0, and is not ranked or banded; a
figure on too few children (:mod:`~.small_numbers`) is shown but not ranked.

>>> p = oa.profile("Leeds", "workforce", outcomes=o, judgements=j)
>>> p.loc[p.indicator == "sw_turnover_rate", ["year", "value", "rank", "of", "trend"]]
   year  value  rank  of   trend
0  2025    7.0     1  11  better
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.authorities import Authority
from ..core.checks import resolve_authority
from ..core.neighbours import LATEST, closeness_note, model_label, statistical_neighbours
from . import ranking as rk
from .periods import period_end

COLUMNS = [
    "la_name",
    "topic",
    "indicator",
    "label",
    "unit",
    "polarity",
    "year",
    "period",
    "year_type",
    "value",
    "status",
    "comparable",
    "note",
    "england",
    "region",
    "neighbours_median",
    "neighbours_min",
    "neighbours_max",
    "n_neighbours",
    "rank",
    "of",
    "rank_note",
    "band",
    "previous_year",
    "previous_value",
    "change",
    "trend",
    "period_end",
    "grade",
    "grade_published",
    "model",
]


def _spellings(path: str | Path | None = None) -> dict[str, str]:
    """Each topic (ours and LAIT's, :func:`~.catalogue.topics`) by its lower-cased name: one
    spelling each, LAIT's where both use a name ("Children Looked After")."""
    from .catalogue import topics

    return {t.lower(): t for t in topics(path)}  # LAIT's come last, so their spelling wins


def profile_topics(path: str | Path | None = None) -> list[str]:
    """Every topic a profile takes, ours and LAIT's, one spelling each.

    >>> "Children Looked After" in profile_topics(), "workforce" in profile_topics()
    (True, True)
    """
    return sorted(_spellings(path).values(), key=str.lower)


def check_profile_topic(topic: object, what: str = "topic", path: str | Path | None = None) -> str:
    """``topic`` as :func:`profile_topics` spells it (case does not matter), else
    :class:`InputError` naming the topics and the closest.

    >>> check_profile_topic("children looked after")
    'Children Looked After'
    """
    by_lower = _spellings(path)
    if isinstance(topic, str) and topic.strip().lower() in by_lower:
        return by_lower[topic.strip().lower()]
    from ..core.checks import expected_one_of
    from ..core.errors import InputError

    raise InputError(what, topic, expected_one_of(topic, sorted(by_lower.values(), key=str.lower)))


def topic_measures(topic: object, path: str | Path | None = None) -> pd.DataFrame:
    """The measures of ``topic`` (ours, then LAIT's listed under it: the indicator table,
    :func:`~.catalogue.indicator_table`) as the profile needs them: id, label, unit, topic,
    polarity (``None`` for no direction), year_type, bands (whether LAIT's quartile bands
    apply). Raises :class:`InputError` for an unknown topic, naming the closest."""
    from .catalogue import indicator_table

    wanted = check_profile_topic(topic, path=path)
    return _measures(indicator_table(wanted, path), wanted)


def indicator_measures(ids: list[str], path: str | Path | None = None) -> pd.DataFrame:
    """Any measures, ours or LAIT's, by id (in the order given), as :func:`topic_measures`
    gives a topic's: for a profile of measures from several topics (a briefing's key
    indicators). ``topic`` is each measure's own. Raises :class:`InputError` for an unknown
    id, naming the closest.

    >>> indicator_measures(["sw_turnover_rate", "cla_rate"])[["id", "topic", "bands"]]
                     id                  topic  bands
    0  sw_turnover_rate              workforce   True
    1          cla_rate  children looked after  False
    """
    from .catalogue import indicator_table
    from .indicators import get as get_indicator

    for i in ids:
        get_indicator(i)  # an unknown id: InputError naming the closest
    table = indicator_table(None, path).set_index("id").loc[list(ids)].reset_index()
    return _measures(table, table["topic"])


def _measures(table: pd.DataFrame, topic: object) -> pd.DataFrame:
    """Rows of the indicator table as the profile needs them."""
    return pd.DataFrame(
        {
            "id": table["id"],
            "label": table["label"],
            "unit": table["unit"],
            "topic": topic,
            "polarity": [rk.check_polarity(p) for p in table["polarity"]],
            "year_type": table["year_type"],
            "bands": table["quartiles"].astype(bool),
        }
    )


def _comparable(
    rows: pd.DataFrame, path: str | Path | None, counts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``rows`` of authorities with ``comparable`` and ``note`` (:mod:`~.small_numbers` for
    the indicators whose counts we hold; elsewhere a value is comparable when published)."""
    from .indicators import INDICATORS
    from .small_numbers import figure_notes, status_note

    counted = {i.id for i in INDICATORS if i.count}
    is_counted = rows["indicator"].astype(str).isin(counted)
    rest = rows[~is_counted].copy()
    status = rest["status"].astype(object).fillna("")
    rest["note"] = [
        status_note(s) if s else ("" if pd.notna(v) else "not published")
        for v, s in zip(rest["value"], status, strict=True)
    ]
    rest["comparable"] = rest["note"] == ""
    parts = [rest]
    for indicator, part in rows[is_counted].groupby("indicator", observed=True, sort=False):
        parts.append(figure_notes(part, str(indicator), path, counts))
    return pd.concat(parts)


def profile(
    authority: str,
    topic: str,
    year: int | None = None,
    neighbours: object = LATEST,
    *,
    outcomes: pd.DataFrame | None = None,
    judgements: pd.DataFrame | None = None,
    area: str = "overall",
    data: str | Path | None = None,
) -> pd.DataFrame:
    """One row per measure of ``topic`` for ``authority`` (columns :data:`COLUMNS`).

    ``year``: the year each measure's period ends (None: each measure's latest period the
    authority has a row for, else the measure's latest). ``neighbours``: DfE's statistical-
    neighbour model (2021, 2025 or ``"latest"``, the newest held), named in ``model`` and
    ``attrs["model"]``. ``outcomes`` and ``judgements`` default to the tables at ``data``
    (``data/processed``); ``area`` is the judgement area of the grade shown.

    Raises :class:`InputError` for an unknown authority, topic, area or model (naming the
    closest), or a ``year`` no measure of the topic holds.
    """
    from ..core.checks import check_area

    a = resolve_authority(authority)
    measures = topic_measures(topic, data)
    area = check_area(area)
    group = statistical_neighbours(a, neighbours, data)
    if outcomes is None:
        from .table import load_outcomes

        outcomes = load_outcomes(data)
    if judgements is None:
        from ..storage.store import load

        judgements = load(data)
    return measures_profile(
        a, measures, group, outcomes, judgements, year=year, area=area, data=data
    )


def measures_profile(
    a: Authority,
    measures: pd.DataFrame,
    group: pd.DataFrame,
    outcomes: pd.DataFrame,
    judgements: pd.DataFrame,
    *,
    year: int | None = None,
    area: str = "overall",
    data: str | Path | None = None,
    counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`profile` of any ``measures`` (:func:`topic_measures`, :func:`indicator_measures`)
    for ``a`` against ``group`` (its neighbours,
    :func:`~ofsted_analysis.core.neighbours.statistical_neighbours`), from tables already
    loaded: ``counts`` is the stored ``outcome_measures`` table (else read from ``data``) that
    says which figures are too small to compare; ``area`` as
    :func:`~ofsted_analysis.core.checks.check_area` gives it."""
    needed = ["level", "la_number", "la_name", "indicator", "year", "value", "status"]
    needed += [c for c in ("n_authorities", "period") if c in outcomes]
    rows = outcomes.loc[outcomes["indicator"].isin(measures["id"]), needed]
    if year is not None and not (rows["year"] == int(year)).any():
        from ..core.errors import InputError

        held = sorted(int(y) for y in rows["year"].unique())
        raise InputError(
            "year",
            year,
            f"a year the measures of {measures['topic'].iloc[0]!r} hold"
            + (f", {held[0]} to {held[-1]}" if held else " (they hold none)"),
        )
    own_all = rows[
        (rows["la_number"] == a.la_number) & (rows["level"] == "la") & (rows["n_authorities"] == 1)
    ]
    chosen = _chosen_years(rows, own_all, measures["id"], year)
    # Every level's rows of the periods shown, once: the authorities for ranks and bands,
    # England and the region for context.
    picked = rows.merge(chosen, on=["indicator", "year"])
    at = picked[(picked["level"] == "la") & (picked["n_authorities"] == 1)]
    members = at[at["la_number"].isin([a.la_number, *group["la_number"]])]
    members = _comparable(members, data, counts)
    own = members[members["la_number"] == a.la_number].set_index("indicator")
    nb = members[(members["la_number"] != a.la_number) & members["comparable"]]
    stats = nb.groupby("indicator", observed=True)["value"].agg(
        neighbours_median="median", neighbours_min="min", neighbours_max="max", n_neighbours="count"
    )
    measures["polarity"] = (
        measures["polarity"].astype(object).where(measures["polarity"].notna(), None)
    )
    out = measures.rename(columns={"id": "indicator"}).merge(chosen, on="indicator", how="left")
    out.insert(0, "la_name", a.la_name)
    for col in ("value", "status", "comparable", "note"):
        out[col] = out["indicator"].map(own[col]) if len(own) else pd.NA
    out["period"] = out["indicator"].map(own["period"]) if "period" in own else pd.NA
    out["status"] = out["status"].astype(object).fillna("not published")
    out["note"] = out["note"].astype(object).fillna("not published")
    out["comparable"] = out["comparable"].astype("boolean").fillna(False).astype(bool)
    out = out.join(stats, on="indicator")
    out["n_neighbours"] = out["n_neighbours"].fillna(0).astype("int64")
    out = _place(out, nb, at)
    out = _previous(out, own_all)
    out = _context(out, picked, a.region)
    out["period_end"] = [
        period_end(y, t) if pd.notna(y) else pd.NaT
        for y, t in zip(out["year"], out["year_type"], strict=True)
    ]
    out = _grades(out, judgements, a.la_number, area)
    out["model"] = group.attrs["model"]
    out = out[COLUMNS]
    out.attrs.update(
        model=group.attrs["model"],
        model_label=model_label(group.attrs["model"]),
        closeness_note=closeness_note(group, a.la_name),
        area=area,
        authority=a.la_name,
    )
    return out


def _grades(out: pd.DataFrame, judgements: pd.DataFrame, la_number: str, area: str):
    """The grade in force at each period's end, by the one as-at rule, and when its report
    was published."""
    from ..judgements.history import grades_at

    found = grades_at(judgements, la_number, out["period_end"].dropna(), area)
    out["grade"] = out["period_end"].map(found["grade"].astype(object).to_dict())
    out["grade"] = out["grade"].astype(judgements["grade"].dtype)
    out["grade_published"] = out["period_end"].map(found["published"].to_dict())
    return out


def _chosen_years(
    rows: pd.DataFrame, own: pd.DataFrame, ids: pd.Series, year: int | None
) -> pd.DataFrame:
    """indicator -> the year shown: ``year``, else the authority's latest row, else the
    measure's latest year."""
    if year is not None:
        return pd.DataFrame({"indicator": list(ids), "year": int(year)})
    latest_own = own.groupby("indicator", observed=True)["year"].max()
    latest_any = rows.groupby("indicator", observed=True)["year"].max()
    years = [latest_own.get(i, latest_any.get(i)) for i in ids]
    found = pd.DataFrame({"indicator": list(ids), "year": years}).dropna()
    return found.astype({"year": "int64"})


def _place(out: pd.DataFrame, nb: pd.DataFrame, at: pd.DataFrame) -> pd.DataFrame:
    """Rank among the neighbours (1 = best) and the quartile band among all authorities."""
    pools = {i: g.to_numpy() for i, g in nb.groupby("indicator", observed=True)["value"]}
    cuts = at.groupby("indicator", observed=True)["value"].quantile([0.25, 0.5, 0.75]).unstack()
    placed, ofs, bands = [], [], []
    for r in out.itertuples():
        pool = pools.get(r.indicator, [])
        placed.append(rk.rank_among(r.value, pool, r.polarity) if r.comparable else pd.NA)
        ofs.append(len(pool) + int(r.comparable))
        # Excel's QUARTILE.INC (ranking.quartile_cuts) is pandas' default quantile.
        q = tuple(cuts.loc[r.indicator]) if r.indicator in cuts.index else (float("nan"),) * 3
        bands.append(rk.band(r.value, q, r.polarity) if r.bands and r.comparable else None)
    out["rank"] = pd.array(placed, dtype="Int64")
    out["of"] = ofs
    out["rank_note"] = [rk.rank_note(p) for p in out["polarity"]]
    out["band"] = bands
    return out


def _previous(out: pd.DataFrame, own_all: pd.DataFrame) -> pd.DataFrame:
    """The authority's value in the latest earlier year it has one, the change and trend."""
    held = own_all.loc[own_all["value"].notna(), ["indicator", "year", "value"]]
    held = held.assign(indicator=held["indicator"].astype(str))
    shown = out[["indicator", "year"]].rename(columns={"year": "shown"})
    earlier = held.merge(shown, on="indicator")
    earlier = earlier[earlier["year"] < earlier["shown"]].sort_values("year")
    last = earlier.drop_duplicates("indicator", keep="last").set_index("indicator")
    out["previous_year"] = pd.array(out["indicator"].map(last["year"]), dtype="Int64")
    out["previous_value"] = out["indicator"].map(last["value"]).astype(float)
    out["change"] = out["value"] - out["previous_value"]
    # A figure too small to compare is not compared with its own past either.
    out["trend"] = [
        rk.trend(p, v, pol) if fine else None
        for p, v, pol, fine in zip(
            out["previous_value"], out["value"], out["polarity"], out["comparable"], strict=True
        )
    ]
    return out


def _context(out: pd.DataFrame, rows: pd.DataFrame, region: str) -> pd.DataFrame:
    """England's and the region's published value for each measure's year."""
    for level, col, name in (("england", "england", None), ("region", "region", region)):
        sub = rows[rows["level"] == level]
        if name is not None:
            sub = sub[sub["la_name"] == name]
        values = sub.drop_duplicates(["indicator", "year"]).set_index(["indicator", "year"])
        keys = list(zip(out["indicator"], out["year"], strict=True))
        out[col] = [
            values["value"].get(k, float("nan")) if pd.notna(k[1]) else float("nan") for k in keys
        ]
    return out
