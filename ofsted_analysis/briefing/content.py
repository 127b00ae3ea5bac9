"""What one authority's briefing pack says, computed from the tables: its latest judgement in
each area and the change since the inspection before, its history, the points inspectors asked
it to improve (verbatim) and the themes that recur, the visits since, the sources and the
caveats. Every sentence is made here from the rows it describes; the templates only lay it out.

>>> import ofsted_analysis as oa
>>> from ofsted_analysis.briefing.content import judgement_lines
>>> from ofsted_analysis.briefing.tables import Tables
>>> tables = Tables.load()
>>> [(x.area, x.grade) for x in judgement_lines(tables, "Leeds", "2025-09-30")][:1]
[('Overall effectiveness', 'Outstanding')]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.authorities import Authority, register
from ..core.checks import data_date, resolve_authority
from ..core.dates import long_date
from ..core.frameworks import AREA_COLUMNS, AREAS, FRAMEWORK_SHORT, area_word
from ..core.grades import GRADES
from ..core.words import and_list, plural
from ..judgements.asat import known_at
from ..judgements.coverage import visit_coverage
from ..judgements.history import trajectory
from .tables import Table, Tables


@dataclass
class JudgementLine:
    """The latest judgement in one area and how it compares with the one before."""

    area: str
    grade: str
    words: str  # the area inside a sentence ("overall effectiveness", "LSCB")
    inspected: str
    published: str
    framework: str
    change: str
    published_on: pd.Timestamp = pd.NaT


@dataclass
class Findings:
    """What inspectors asked the authority to improve at its latest inspection with points."""

    heading_date: str
    points: list[str]
    text: str
    recurring: str
    source: str


def _day(when) -> str:
    return "date not known" if pd.isna(when) else long_date(pd.Timestamp(when))


def _known(rows: pd.DataFrame, as_at: pd.Timestamp) -> pd.DataFrame:
    return rows[known_at(rows, as_at)] if len(rows) else rows


def history_rows(tables: Tables, a: Authority, as_at: pd.Timestamp) -> pd.DataFrame:
    """The authority's graded judgements known at ``as_at``, its predecessors' included."""
    rows = trajectory(tables.judgements, a.la_code, include_predecessors=True)
    return _known(rows, as_at)


def judgement_lines(tables: Tables, authority: str, as_at: object) -> list[JudgementLine]:
    """The latest judgement of the authority itself in each area, known at ``as_at``, with
    the change since its previous judgement in that area (better, worse or the same)."""
    a = resolve_authority(authority)
    when = pd.Timestamp(as_at)
    rows = history_rows(tables, a, when)
    rows = rows[rows["la_code"] == a.la_code]
    lines = []
    for area in AREAS:
        own = rows[rows["area"] == area]
        if own.empty:
            continue
        last = own.iloc[-1]
        framework = FRAMEWORK_SHORT.get(last["framework"], last["framework"])
        if len(own) == 1:
            change = f"first {area_word(area)} judgement"
        else:
            before = own.iloc[-2]
            then, now = GRADES.index(str(before["grade"])), GRADES.index(str(last["grade"]))
            year = pd.Timestamp(before["date"]).year
            if now == then:
                change = f"the same as at the inspection before ({before['grade']}, {year})"
            else:
                word = "up" if now > then else "down"
                change = f"{word} from {before['grade']} ({year})"
        lines.append(
            JudgementLine(
                area=AREAS[area],
                grade=str(last["grade"]),
                words=area_word(area),
                inspected=_day(last["start_date"]),
                published=_day(last["published"]),
                framework=framework,
                change=change,
                published_on=pd.Timestamp(last["published"]),
            )
        )
    return lines


def status_lines(a: Authority, as_at: pd.Timestamp) -> list[str]:
    """What the reader must know about the authority itself: reorganised, new, trust-run."""
    reg = register()
    out = []
    if a.ended:
        out.append(a.ended)
    if a.exists_from is not None and a.predecessors:
        before = [p.la_name for c in a.predecessors if (p := reg.by_gss(c)) is not None]
        out.append(
            f"{a.la_name} was created on {long_date(a.exists_from)} from "
            f"{and_list(before)}; its history below includes the inspections of "
            f"{and_list(before)} before that date."
        )
    for t in reg.trusts:
        if t.la_code != a.la_code or t.start > as_at.date():
            continue
        ended = f" to {long_date(t.end)}" if t.end else ""
        out.append(
            f"{a.la_name}'s children's services were run by {t.name} from "
            f"{long_date(t.start)}{ended} (source: {t.source})."
        )
    return out


def summary_text(a: Authority, lines: list[JudgementLine], as_at: pd.Timestamp) -> str:
    """The pack's first sentence: the latest grades, or that there is none in the period."""
    if not lines:
        return (
            f"{a.la_name} had no graded inspection of its own in the data up to {long_date(as_at)}."
        )
    latest = max(
        lines, key=lambda x: x.published_on if pd.notna(x.published_on) else pd.Timestamp.min
    )
    head = f"At {long_date(as_at)}, {a.la_name}'s latest judgement"
    grades = and_list([f"{x.words}: {x.grade}" for x in lines])
    return (
        f"{head}s were {grades}. The most recent was published on {latest.published} "
        f"({latest.framework})."
        if len(lines) > 1
        else f"{head} was {grades}, published on {latest.published} ({latest.framework})."
    )


def history_table(rows: pd.DataFrame) -> Table:
    """Every graded judgement in the history, oldest first: the chart's data table."""
    body = [
        [
            _day(r["date"]),
            str(r["la_name"]),
            FRAMEWORK_SHORT.get(r["framework"], r["framework"]),
            AREA_COLUMNS[r["area"]],
            str(r["grade"]),
            "" if str(r["grade_label"]) == str(r["grade"]) else str(r["grade_label"]),
        ]
        for _, r in rows.iterrows()
    ]
    return Table(
        "Every graded judgement in the chart, oldest first",
        ["Inspected", "Authority", "Framework", "Area", "Grade", "Framework's word"],
        body,
    )


def visits(tables: Tables, a: Authority, as_at: pd.Timestamp) -> tuple[str, Table | None]:
    """Ungraded focused and monitoring visits since the latest graded inspection, and the
    periods the visit records cover (so an empty list is not read as no visit)."""
    ev = tables.events
    own = _known(ev[ev["la_code"] == a.la_code], as_at)
    graded = own[own["graded"].fillna(False).astype(bool)]
    date = pd.to_datetime(own["start_date"]).fillna(pd.to_datetime(own["published"]))
    own = own.assign(date=date)
    since = pd.Timestamp(graded.pipe(lambda g: own.loc[g.index, "date"]).max())
    visits = own[~own["graded"].fillna(False).astype(bool)]
    if pd.notna(since):
        visits = visits[visits["date"] > since]
    after = f"since its latest graded inspection ({_day(since)})" if pd.notna(since) else ""
    covered = visit_coverage(tables.events).text
    if visits.empty:
        recorded = f"is recorded {after}" if after else "is recorded"
        return f"No ungraded visit to {a.la_name} {recorded}. {covered}", None
    table = Table(
        "Ungraded visits",
        ["Visit began", "Kind", "Theme", "Letter published"],
        [
            [
                _day(r["date"]),
                str(r["event"]).replace("_", " "),
                "" if pd.isna(r["theme"]) else str(r["theme"]),
                _day(r["published"]),
            ]
            for _, r in visits.sort_values("date").iterrows()
        ],
    )
    text = (
        f"{plural(len(visits), 'ungraded visit')} to {a.la_name} {after or 'recorded'}. {covered}"
    )
    return text, table


def _latest_inspection(tables: Tables, a: Authority, as_at: pd.Timestamp) -> pd.Series | None:
    """The authority's latest graded inspection known at ``as_at`` (its events row)."""
    ev = tables.events
    own = _known(ev[(ev["la_code"] == a.la_code) & ev["graded"].fillna(False).astype(bool)], as_at)
    if own.empty:
        return None
    return own.sort_values(["published", "start_date"], na_position="first").iloc[-1]


def _report_file(path: object) -> str:
    """A report's file as the shared data names it (``reports/leeds/2025-08-12.pdf``)."""
    parts = Path(str(path)).parts
    return "/".join(parts[-3:]) if "reports" in parts[-3:] else parts[-1]


def latest_findings(
    tables: Tables, a: Authority, as_at: pd.Timestamp
) -> tuple[Findings | None, str]:
    """The points of the latest report with points known at ``as_at``, verbatim, with the
    themes also named in the report before; or why none is shown. When the latest graded
    inspection is not that report's, the text says so (its points are not held)."""
    from ..findings.table import authority_findings

    # A new authority's report before may be its predecessor's (Cumberland's: Cumbria's).
    lineage = tables.findings[tables.findings["la_code"].isin([a.la_code, *a.predecessors])]
    lineage = lineage[pd.to_datetime(lineage["published"]) <= as_at]
    own = lineage[lineage["la_code"] == a.la_code]
    if own.empty:
        return None, (
            f"No report of {a.la_name} published by {long_date(as_at)} with points to "
            "improve has been read into the findings table."
        )
    points = authority_findings(lineage.assign(la_code=a.la_code), a.la_code)
    last_id = own.sort_values("published")["inspection_id"].iloc[-1]
    latest = points[points["inspection_id"] == last_id]
    reports = list(dict.fromkeys(points["inspection_id"]))
    before = points[points["inspection_id"] == reports[reports.index(last_id) - 1]]
    before_words = (
        f"the previous report whose points are held ({before['la_name'].iloc[0]}, published "
        f"{_day(before['published'].iloc[0])})"
        if len(reports) > 1 and reports.index(last_id) > 0
        else ""
    )
    published = pd.Timestamp(latest["published"].iloc[0])
    themes = [t for ts in latest["recurring"] for t in ts.split("; ") if t]
    counts = pd.Series(themes, dtype=object).value_counts()
    if not before_words:
        recurring = "No earlier report with points is in the findings table."
    elif counts.empty:
        recurring = f"None of their themes was also named in {before_words}."
    else:
        named = and_list(
            [f"{t.replace('_', ' ')} ({plural(int(n), 'point')})" for t, n in counts.items()]
        )
        recurring = f"Themes also named in {before_words}: {named}."
    framework = FRAMEWORK_SHORT.get(latest["framework"].iloc[0], latest["framework"].iloc[0])
    priority = int((latest["kind"] == "priority_action").sum())
    text = (
        f"The {framework} report published on {long_date(published)} asked {a.la_name} to "
        f"improve {plural(len(latest), 'point')}"
        + (f" ({plural(priority, 'priority action')})" if priority else "")
        + ", quoted as written:"
    )
    newest = _latest_inspection(tables, a, as_at)
    if newest is not None and newest["inspection_id"] != last_id:
        text = (
            f"The points of {a.la_name}'s latest graded inspection (report published "
            f"{_day(newest['published'])}) are not in the findings table (`ofsted-analysis "
            f"findings` says why); the latest report whose points are held is shown. " + text
        )
    pages = latest[["file", "page"]].dropna().drop_duplicates()
    where = and_list(
        [f"{_report_file(f)}, page {int(p)}" for f, p in pages.itertuples(index=False)]
    )
    return (
        Findings(long_date(published), latest["text"].tolist(), text, recurring, where),
        "",
    )


def sources(tables: Tables, when: pd.Timestamp) -> list[str]:
    """Where each part of the pack comes from, with the data date."""
    years = tables.outcomes["year"]
    return [
        f"Judgements and visits: Ofsted's official statistics, inspection reports and the Data "
        f"to Insight scrape, as merged by ofsted-analysis; reports published to "
        f"{long_date(data_date(tables.events))} (the data date).",
        f"Outcome indicators: DfE's children's social care statistics, {int(years.min())} to "
        f"{int(years.max())}.",
        "Points to improve: the text of Ofsted's inspection reports, quoted as written.",
        f"This pack shows what was known at {long_date(when)}.",
    ]
