"""The pack's outcome section: the key DfE indicators for one authority against its statistical
neighbours, its region and England, in the latest period each is published, ranked and banded
the way :mod:`~ofsted_analysis.outcomes.ranking` defines.

One function, :func:`outcome_section`, over the profile of the key indicators
(:func:`~ofsted_analysis.outcomes.profile.measures_profile`): rank 1 is the best where a
measure has a better direction and the highest value where it has none (the caption and the
sentence say which measures are which); LAIT's quartile bands (A best to D worst among all
authorities) where a measure has them; the change since the previous period, better or worse. A
value DfE suppressed is shown with DfE's code (never as 0); a value on too few children to
compare is shown but not ranked (:mod:`~ofsted_analysis.outcomes.small_numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.authorities import Authority
from ..core.dates import long_date
from ..core.errors import OfstedAnalysisError
from ..core.neighbours import held_models, model_label, resolve_model, statistical_neighbours
from ..core.words import and_list, plural
from ..outcomes import ranking as rk
from ..outcomes.small_numbers import SMALL_COUNT
from ..outcomes.text import format_value
from ..sources.dfe.vocabulary import STATUS_CODES
from .tables import Table, Tables

#: The indicators a pack shows, in the order DfE's releases take a child through the system.
KEY_INDICATORS = (
    "referral_rate",
    "rereferral_rate",
    "cin_rate",
    "cpp_rate",
    "repeat_cpp_rate",
    "cla_rate",
    "sw_turnover_rate",
    "sw_agency_rate",
)
NOT_RANKED = "not ranked"


@dataclass
class OutcomeSection:
    """What the outcome section shows: a sentence, the table, its notes and the codes used."""

    text: str
    table: Table | None
    notes: list[str]
    codes: dict[str, str]  # DfE's codes that appear in the table -> their meaning
    model: str


def _cell(value: float, status: str, label: str, unit: str) -> str:
    """A value as the table shows it: DfE's code where it published one (never 0), and the
    unit left out where the indicator's name already says it (the header names it)."""
    if status and status in STATUS_CODES:
        return f"{status} (not published)"
    if pd.isna(value):
        return "not published"
    return f"{value:,.1f}" if unit in label else format_value(value, unit)


def _neighbours(tables: Tables, a: Authority, model: object) -> tuple[pd.DataFrame | None, str]:
    """``a``'s neighbours in the model asked for, or for a former authority the model lacks
    (Cumbria is not in DfE's 2025 model) in the newest held that has it, with a note saying
    so; ``None`` with a note where no model held has it (an authority abolished before 2021)."""
    stored, data = tables.neighbour_models, tables.data
    asked = resolve_model(model, data, stored)
    try:
        return statistical_neighbours(a, asked, data, stored), ""
    except OfstedAnalysisError:
        if not a.ended:
            raise
    for held in reversed(held_models(data, stored)):
        try:
            group = statistical_neighbours(a, held, data, stored)
        except OfstedAnalysisError:
            continue
        return group, (
            f"{a.la_name} is not in {model_label(asked)} ({a.ended[:-1]}); its figures are "
            f"compared with {model_label(held)}, which has it."
        )
    held_years = and_list([str(m) for m in held_models(data, stored)])
    return (
        None,
        f"{a.la_name} is in none of DfE's statistical-neighbour models held ({held_years}).",
    )


def _shown(tables: Tables, a: Authority, as_at: pd.Timestamp, types: pd.Series) -> pd.DataFrame:
    """The key indicators' rows for periods that ended by ``as_at`` (and, for a former
    authority, by its last day), each period's end by its year type
    (:func:`~ofsted_analysis.outcomes.periods.period_end`: 31 March for DfE's children's
    social care years, 30 September for the workforce census)."""
    from ..outcomes.periods import period_end

    cutoff = as_at if a.exists_to is None else min(as_at, pd.Timestamp(a.exists_to))
    o = tables.outcomes
    o = o[o["indicator"].isin(KEY_INDICATORS)]
    pairs = o[["indicator", "year"]].drop_duplicates()
    ends = [period_end(y, types[i]) for i, y in zip(pairs["indicator"], pairs["year"], strict=True)]
    ended = pairs[[e <= cutoff for e in ends]]
    return o.merge(ended, on=["indicator", "year"])


def _change(r) -> str:
    """The change since the authority's previous published figure, better or worse."""
    if not r.comparable:
        return "not compared"
    if pd.isna(r.previous_value):
        return "no earlier figure"
    return f"{_cell(r.previous_value, '', r.label, r.unit)} in {r.previous_year}: {r.trend}"


def _rank(r) -> str:
    if not r.comparable or pd.isna(r.rank):
        return NOT_RANKED
    return f"{r.rank} of {r.of}" + ("" if r.polarity else " (1 = highest)")


def _band(r) -> str:
    if isinstance(r.band, str):
        return r.band
    return "no bands" if not r.bands else "not banded"


def _range(r) -> str:
    if not r.n_neighbours:
        return "none published"
    median, low, high = (
        _cell(getattr(r, c), "", r.label, r.unit)
        for c in ("neighbours_median", "neighbours_min", "neighbours_max")
    )
    return f"{median} ({low} to {high})"


def _rank_words(shown: pd.DataFrame) -> str:
    """What rank 1 means for the measures shown, from their polarities."""
    parts = [
        f"{rk.rank_note(p)} where {word} is better"
        for p, word in ((rk.LOW, "lower"), (rk.HIGH, "higher"))
        if (shown["polarity"] == p).any()
    ]
    flat = shown.loc[shown["polarity"].isna(), "label"].tolist()
    if flat:
        parts.append(
            f"for {and_list(flat)}, {'which have' if len(flat) > 1 else 'which has'} no better "
            "or worse direction, 1 = the highest value (marked so in the table) and no "
            "quartile band"
        )
    return "; ".join(parts)


def _caption_rule(shown: pd.DataFrame) -> str:
    """The rank rule in a few words for the table's caption."""
    directed = shown["polarity"].notna()
    if not directed.any():
        return "rank 1 = the highest value"
    return "rank 1 = best" + ("" if directed.all() else " (the highest value where marked)")


def outcome_section(
    tables: Tables, a: Authority, as_at: pd.Timestamp, model: object = "latest"
) -> OutcomeSection:
    """The key indicators' latest period ended by ``as_at`` for ``a``: its value, the change
    since its previous figure (better or worse), its rank among its statistical neighbours
    (rank 1 = best; the highest where a measure has no direction), LAIT's quartile band among
    all authorities, the neighbours' median and range, its region and England. DfE publishes
    each period some months after it ends, so at a date soon after a period's end the newest
    period shown may not yet have been out."""
    from ..outcomes.profile import indicator_measures, measures_profile

    group, why = _neighbours(tables, a, model)
    notes = [why] if why else []
    if group is None:
        return OutcomeSection(why + " Its indicators are not compared.", None, [], {}, "")
    measures = indicator_measures(list(KEY_INDICATORS), tables.data)
    rows_by = _shown(tables, a, as_at, measures.set_index("id")["year_type"])
    p = measures_profile(
        a,
        measures,
        group,
        rows_by,
        tables.judgements,
        data=tables.data,
        counts=tables.outcome_measures,
    )
    p["bands"] = p["indicator"].map(measures.set_index("id")["bands"])  # whether it has any
    label = p.attrs["model_label"]
    if p.attrs["closeness_note"]:
        notes.append(p.attrs["closeness_note"])
    own = rows_by[(rows_by["level"] == "la") & (rows_by["la_number"] == a.la_number)]
    held = set(own["indicator"].astype(str))  # a row: a value or DfE's code
    rows, codes = [], {}
    for r in p.itertuples():
        if r.indicator not in held:
            notes.append(
                f"{r.label}: DfE publishes no value for {a.la_name} for a period ended by "
                f"{long_date(as_at)}."
            )
            continue
        status = str(r.status)
        if status in STATUS_CODES:
            codes[status] = STATUS_CODES[status]
        if r.note and not r.comparable:
            notes.append(f"{r.label}, {int(r.year)}: {r.note}.")
        rows.append(
            [
                r.label,
                str(int(r.year)),
                _cell(r.value, status, r.label, r.unit),
                _change(r),
                _rank(r),
                _band(r),
                _range(r),
                *(_cell(getattr(r, c), "", r.label, r.unit) for c in ("region", "england")),
            ]
        )
    if not rows:
        return OutcomeSection(
            f"DfE publishes none of the key indicators for {a.la_name}.", None, notes, codes, label
        )
    shown = p[p["indicator"].isin(held)]
    table = Table(
        f"Key indicators, latest published period: {a.la_name} against its statistical "
        f"neighbours ({label}), its region and England; {_caption_rule(shown)}",
        [
            "Indicator",
            "Year",
            a.la_name,
            "Change since its previous figure",
            "Rank among it and its neighbours",
            "Quartile band among all authorities (A best, D worst)",
            "Neighbours' median (range)",
            "Region",
            "England",
        ],
        rows,
    )
    coded = sum(1 for r in rows if r[2].endswith("(not published)"))
    ranked = sum(1 for r in rows if r[4] != NOT_RANKED)
    text = (
        f"Of {len(KEY_INDICATORS)} key indicators, {len(rows)} have a figure for {a.la_name} "
        f"(each in the latest period DfE published it): {plural(len(rows) - coded, 'value')}"
        + (f" and {plural(coded, 'code')} in place of a value DfE did not publish" if coded else "")
        + f"; {ranked} ranked among {plural(len(group), 'statistical neighbour')} in {label}. "
        f"Ranks: {_rank_words(shown)}. Quartile bands place a value among every "
        "authority's for the same period (LAIT's rule: A the best quarter, D the worst); the "
        "change is from the authority's previous published figure. A value on fewer than "
        f"{SMALL_COUNT} children is shown but not ranked (see the notes)."
    )
    return OutcomeSection(text, table, notes, codes, label)
