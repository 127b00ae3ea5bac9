"""Figures too small to compare: DfE's own codes and the counts behind a figure.

A figure can be exactly what DfE published and still say nothing: Isles of Scilly's re-referral
rate for 2025 is 0.0%, of 32 referrals. The rule, one place for every table, chart and sentence:

* a cell DfE publishes as a code (``c`` suppressed, ``x`` not available, ``z`` not applicable,
  ``u`` low reliability, ``low``/``k`` rounds to zero) is *not published*, and the note says
  which code and what it means;
* a published figure is *not comparable* when the count of children behind it (the children a
  percentage is of, or those a rate per 10,000 counts: :attr:`Indicator.count`) is one DfE
  suppresses (``c``: a small number) or is below :data:`SMALL_COUNT`: below 50 one child moves
  a percentage by two points or more, more than most gaps between an authority and its
  neighbours' median. Indicators whose count the files read do not hold (the workforce, care
  leavers) are judged by DfE's codes alone.

>>> o = oa.load_outcomes()
>>> scilly = o[(o.la_name == "Isles of Scilly") & (o.indicator == "rereferral_rate")]
>>> notes = figure_notes(scilly, "rereferral_rate").set_index("year")
>>> print(notes.loc[2025, "value"], notes.loc[2025, "comparable"], notes.loc[2025, "note"])
0.0 False from 32 referrals: too few to compare
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..sources.dfe.vocabulary import STATUS_CODES
from .indicators import get as get_indicator

#: A figure on fewer children than this is not comparable (see the module's note).
SMALL_COUNT = 50
#: The counts behind figures, as a sentence names them.
COUNT_WORDS: dict[str, str] = {
    "referrals": "referrals",
    "cin_at31": "children in need on 31 March",
    "cpp_at31": "child protection plans on 31 March",
    "cpp_starts": "child protection plans started",
    "cla_on31_count": "children looked after on 31 March",
}
TOO_FEW = "too few to compare"


def _counts(measure: str, path: str | Path | None, measures: pd.DataFrame | None) -> pd.DataFrame:
    if measures is None:
        from .table import load_outcome_table

        measures = load_outcome_table("outcome_measures", path, missing_ok=True)
    m = measures
    m = m[(m["measure"] == measure) & (m["level"] == "la")]
    return (
        m[["la_number", "year", "value", "status"]]
        .rename(columns={"value": "count", "status": "count_status"})
        .drop_duplicates(["la_number", "year"])
    )


def status_note(status: str) -> str:
    """What a DfE code in place of a value means, as a note.

    >>> status_note("c")
    'not published (c: confidential (suppressed to protect individuals))'
    """
    return f"not published ({status}: {STATUS_CODES.get(status, 'no value')})"


def figure_notes(
    rows: pd.DataFrame,
    indicator: str,
    path: str | Path | None = None,
    measures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``rows`` (authority rows of one indicator: la_number, year, value, status) with the
    count behind each figure (``count``, ``count_status``, from the stored
    ``outcome_measures`` at ``path``), ``comparable`` and a ``note`` saying why not ("" when
    comparable). The index of ``rows`` is kept. ``measures``: the stored ``outcome_measures``
    table if already loaded (else read from ``path``).
    """
    ind = get_indicator(indicator)
    out = rows.copy()
    if ind.count:
        found = out[["la_number", "year"]].merge(
            _counts(ind.count, path, measures), on=["la_number", "year"], how="left"
        )
        out["count"] = found["count"].to_numpy()
        out["count_status"] = found["count_status"].fillna("").to_numpy()
    else:
        out["count"] = float("nan")
        out["count_status"] = ""
    words = COUNT_WORDS.get(ind.count, "children")

    def note(r) -> str:
        if r.status:
            return status_note(r.status)
        if pd.isna(r.value):
            return "not published"
        if r.count_status == "c":
            return f"on a number of {words} DfE suppresses as small (c): {TOO_FEW}"
        if pd.notna(r.count) and r.count < SMALL_COUNT:
            return f"from {r.count:,.0f} {words}: {TOO_FEW}"
        return ""

    out["note"] = [note(r) for r in out[["value", "status", "count", "count_status"]].itertuples()]
    out["comparable"] = out["note"] == ""
    return out
