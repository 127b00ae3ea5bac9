"""The pack's outcome section: the key DfE indicators for one authority against its statistical
neighbours, its region and England, in the latest year each is published.

Kept to one function, :func:`outcome_section`, over today's outcomes API
(:func:`~ofsted_analysis.outcomes.analysis.compare_outcome_neighbours`), so the section can be
swapped whole when the outcomes API ranks by polarity and adds LAIT's measures. A value DfE
suppressed is shown with DfE's code (never as 0); a value on too few children to compare is
shown but not ranked (:mod:`~ofsted_analysis.outcomes.small_numbers`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.authorities import Authority
from ..core.dates import long_date
from ..core.errors import OfstedAnalysisError
from ..core.neighbours import model_label
from ..core.words import plural
from ..outcomes.indicators import get as get_indicator
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


def _model_for(tables: Tables, a: Authority, model: object) -> tuple[int, str]:
    """The model asked for, or for a former authority the model asked for lacks (Cumbria is
    not in DfE's 2025 model), the newest held that has it, with a note saying so."""
    from ..core.neighbours import held_models, resolve_model, statistical_neighbours

    asked = resolve_model(model, tables.data)
    try:
        statistical_neighbours(a, asked, tables.data)
        return asked, ""
    except OfstedAnalysisError:
        if not a.ended:
            raise
    for held in reversed(held_models(tables.data)):
        try:
            statistical_neighbours(a, held, tables.data)
        except OfstedAnalysisError:
            continue
        return held, (
            f"{a.la_name} is not in {model_label(asked)} ({a.ended[:-1]}); its figures are "
            f"compared with {model_label(held)}, which has it."
        )
    return asked, ""


def outcome_section(
    tables: Tables, a: Authority, as_at: pd.Timestamp, model: object = "latest"
) -> OutcomeSection:
    """The key indicators' latest published year for ``a`` beside its neighbours' median, its
    rank among them (1 = highest, today's rule), its region and England. Only years that
    ended (31 March) by ``as_at`` are shown; DfE publishes each some months after it ends,
    so at a date soon after 31 March the newest year shown may not yet have been out."""
    from ..outcomes.analysis import compare_outcome_neighbours

    rows, notes, codes, label = [], [], {}, ""
    model, why = _model_for(tables, a, model)
    if why:
        notes.append(why)
    # DfE's year Y runs to 31 March Y: the last one ended by as_at
    last_year = as_at.year if (as_at.month, as_at.day) >= (3, 31) else as_at.year - 1
    if a.exists_to is not None:  # a former authority: DfE's years to its last 31 March
        last_year = min(last_year, a.exists_to.year)
    o = tables.outcomes
    own = o[(o["level"] == "la") & (o["la_number"] == a.la_number) & (o["year"] <= last_year)]
    latest = own.groupby("indicator")["year"].max()  # a row: a value or DfE's code
    for ind_id in KEY_INDICATORS:
        ind = get_indicator(ind_id)
        # Only the year shown is compared: every year costs time (a pack a second for --all).
        year = latest.get(ind_id)
        rows_of = o[(o["indicator"] == ind_id) & (o["year"] == year)] if year else o.iloc[:0]
        try:
            cmp = compare_outcome_neighbours(rows_of, a.la_code, ind_id, model, tables.data)
        except OfstedAnalysisError as e:
            notes.append(f"{ind.label}: {e}")
            continue
        label = model_label(int(cmp.attrs["model"]))
        published = cmp[cmp["status"] != "not published"]
        if published.empty:
            notes.append(
                f"{ind.label}: DfE publishes no value for {a.la_name} for a year ended by "
                f"{long_date(as_at)}."
            )
            continue
        r = published.iloc[-1]
        status = str(r["status"])
        if status in STATUS_CODES:
            codes[status] = STATUS_CODES[status]
        rank = f"{r['rank']} of {r['of']}" if r["comparable"] else "not ranked"
        if r["note"] and not r["comparable"]:
            notes.append(f"{ind.label}, {int(r['year'])}: {r['note']}.")
        rows.append(
            [
                ind.label,
                str(int(r["year"])),
                _cell(r["value"], status, ind.label, ind.unit),
                rank,
                *(
                    _cell(r[c], "", ind.label, ind.unit)
                    for c in ("neighbours_median", "region", "england")
                ),
            ]
        )
    if not rows:
        return OutcomeSection(
            f"DfE publishes none of the key indicators for {a.la_name}.", None, notes, codes, label
        )
    table = Table(
        f"Key indicators, latest published year: {a.la_name} against its statistical "
        f"neighbours ({label}), its region and England",
        [
            "Indicator",
            "Year",
            a.la_name,
            "Rank among it and its neighbours (1 = highest)",
            "Neighbours' median",
            "Region",
            "England",
        ],
        rows,
    )
    coded = sum(1 for r in rows if r[2].endswith("(not published)"))
    ranked = sum(1 for r in rows if r[3] != "not ranked")
    text = (
        f"Of {len(KEY_INDICATORS)} key indicators, {len(rows)} have a figure for {a.la_name} "
        f"(each in the latest year DfE published it): {plural(len(rows) - coded, 'value')}"
        + (f" and {plural(coded, 'code')} in place of a value DfE did not publish" if coded else "")
        + f"; {ranked} ranked among its statistical neighbours. Ranks put the highest value "
        f"first, whichever direction is better; a value on fewer than {SMALL_COUNT} children "
        "is shown but not ranked (see the notes)."
    )
    return OutcomeSection(text, table, notes, codes, label)
