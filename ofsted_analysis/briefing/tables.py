"""What a pack is made from and how it shows a table: the stored tables, loaded once and shared
by every pack (:class:`Tables`), and a table as the pack lays it out (:class:`Table`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass
class Table:
    """A table as the pack shows it: a caption, header cells and rows of text."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Tables:
    """The stored tables a pack is computed from, loaded once and shared by every pack."""

    judgements: pd.DataFrame
    events: pd.DataFrame
    outcomes: pd.DataFrame
    findings: pd.DataFrame
    data: str | Path | None = None
    #: DfE's stored statistical-neighbour models (core.neighbours reads them from here).
    neighbour_models: pd.DataFrame | None = None
    #: The counts behind figures (outcomes.small_numbers: which are too small to compare).
    outcome_measures: pd.DataFrame | None = None
    #: Area SEND inspections (empty for a store built without the area SEND files).
    area_send: pd.DataFrame | None = None

    @classmethod
    def load(cls, data: str | Path | None = None) -> Tables:
        from ..core.neighbours import stored_models
        from ..findings.table import load_findings
        from ..outcomes.table import load_outcome_table, load_outcomes
        from ..send.table import load_area_send
        from ..storage.store import load, load_events

        # Themes are tagged for one authority's points when its pack is made (tagging every
        # point takes about 1.5 s), so the findings are loaded without them.
        findings = load_findings(data, themes=False)
        return cls(
            load(data),
            load_events(data),
            load_outcomes(data),
            findings,
            data,
            stored_models(data),
            load_outcome_table("outcome_measures", data, missing_ok=True),
            load_area_send(data),  # missing_ok: empty without the area SEND files
        )
