"""One authority's pack assembled from the tables: the content (:mod:`.content`), the outcome
section (:mod:`.outcome_section`), the area SEND section (:mod:`.send_section`), the chart
(:mod:`.chart`) and the caveats, as at a date.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core.authorities import Authority
from ..core.checks import data_date, resolve_authority
from ..core.frameworks import AREAS
from ..figures import file_slug
from ..judgements.asat import known_at
from ..outcomes.small_numbers import SMALL_COUNT
from . import content
from .chart import Chart, trajectory_chart
from .content import Findings, JudgementLine
from .outcome_section import OutcomeSection, outcome_section
from .send_section import CAVEAT as SEND_CAVEAT
from .send_section import SendSection, send_section
from .tables import Table, Tables


@dataclass
class Pack:
    """Everything one briefing pack shows, in reading order."""

    authority: Authority
    slug: str
    as_at: pd.Timestamp
    data_date: pd.Timestamp
    status: list[str]
    summary: str
    judgements: list[JudgementLine]
    history: Table
    visits_text: str
    visits: Table | None
    findings: Findings | None
    findings_missing: str
    sources: list[str]
    caveats: list[str]
    chart: Chart | None = None  # drawn last (drawing is the slow part)
    outcomes: OutcomeSection | None = None
    send: SendSection | None = None


#: The areas the chart draws where the authority has them (the standard figures' two, then
#: children in care): more series than three crowd an A4 chart.
CHART_AREAS = ("overall", "help_and_protection", "children_in_care")


def caveats(pack: Pack) -> list[str]:
    """The caveats every pack carries, each computed from what this pack shows."""
    out = [
        "Indicators beside grades show association, not cause: an authority's figures and its "
        "grade may move together or not, and neither shows what caused the other.",
        f"Small numbers: a figure on fewer than {SMALL_COUNT} children (or on a number DfE "
        "suppresses as small) is shown but not ranked, since one child moves it by two "
        "points or more.",
    ]
    codes = pack.outcomes.codes if pack.outcomes is not None else {}
    if codes:
        words = "; ".join(f"{c}: {m}" for c, m in sorted(codes.items()))
        out.append(f"Suppressed values are shown with DfE's code, never as 0 ({words}).")
    else:
        out.append(
            "Suppressed values would be shown with DfE's code, never as 0; none of this "
            "pack's latest values is suppressed."
        )
    if pack.send is not None:
        out.append(SEND_CAVEAT)
    return out


def _chart(tables: Tables, pack: Pack, history: pd.DataFrame, when: pd.Timestamp) -> Chart | None:
    areas = [a for a in CHART_AREAS if a in set(history["area"])]
    if not areas:
        areas = [a for a in AREAS if a in set(history["area"])][:3]
    if not areas:
        return None
    j, ev = tables.judgements, tables.events
    shown = history[history["area"].isin(areas)]
    return trajectory_chart(
        j[known_at(j, when)],
        ev[known_at(ev, when)],
        pack.authority.la_name,
        areas,
        when,
        content.history_table(shown),
    )


def make_pack(
    tables: Tables, authority: str, as_at: object = None, model: object = "latest"
) -> Pack:
    """Everything the pack for ``authority`` shows, known at ``as_at`` (default: the data
    date), compared with DfE's statistical-neighbour ``model`` (default: the newest held)."""
    a = resolve_authority(authority)
    end = data_date(tables.events)
    when = end if as_at is None else pd.Timestamp(as_at)
    lines = content.judgement_lines(tables, a.la_code, when)
    history = content.history_rows(tables, a, when)
    visits_text, visits = content.visits(tables, a, when)
    findings, missing = content.latest_findings(tables, a, when)
    pack = Pack(
        authority=a,
        slug=file_slug(a.la_name),
        as_at=when,
        data_date=end,
        status=content.status_lines(a, when),
        summary=content.summary_text(a, lines, when),
        judgements=lines,
        history=content.history_table(history),
        visits_text=visits_text,
        visits=visits,
        findings=findings,
        findings_missing=missing,
        sources=content.sources(tables, when),
        caveats=[],
    )
    pack.outcomes = outcome_section(tables, a, when, model)
    pack.send = send_section(tables, a, when)
    pack.sources.insert(-1, pack.send.source)  # before "This pack shows what was known at"
    pack.caveats = caveats(pack)
    pack.chart = _chart(tables, pack, history, when)
    return pack
