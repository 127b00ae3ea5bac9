"""Which inspections' points to improve the findings table holds, and how to add the rest.

Points come only from report PDFs that were read, so an authority's list of points can be
silently short: a report not downloaded, a list that could not be delimited, or a framework
whose report layout is not read. :func:`coverage` checks every graded inspection in the
judgements table against the findings and says which are held and, for the rest, why not and
how to add them.

>>> import ofsted_analysis as oa
>>> cover = coverage(oa.load_findings(themes=False), oa.load(), "Bradford")
>>> cover.table[["published", "framework", "status", "points"]]
   published framework    status  points
0 2012-06-27      slac  not read       0
1 2014-05-23       sif      held       7
2 2018-10-29     ilacs      held      10
3 2023-01-31     ilacs      held      14
4 2026-05-21     ilacs  not held       0
>>> print(cover.text)
Bradford: points to improve are held for 3 of 5 graded inspections (the reports published 23
May 2014, 29 October 2018 and 31 January 2023). Missing:
* the report of the ILACS inspection published 21 May 2026 is not held: put the report PDF
  under data/raw/reports (as data/raw/reports/bradford/2026-05-21.pdf: ...) and run
  `ofsted-analysis update data/raw/reports/bradford/2026-05-21.pdf`.
* the SLAC inspection published 27 June 2012: points are not read from SLAC reports (...).
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from ..core.authorities import Authority, register
from ..core.checks import resolve_authority
from ..core.dates import long_date
from ..core.frameworks import FRAMEWORK_SHORT
from ..core.words import Prose, and_list, file_of, plural

# Where the README tells users to drop report PDFs (see "When Ofsted publishes something new").
REPORTS_FOLDER = "data/raw/reports"

# Values of the ``status`` column, in the order the sentence lists them.
HELD, NO_LIST, NOT_HELD, NOT_READ = "held", "no list read", "not held", "not read"

COLUMNS = [
    "la_name",
    "inspection_id",
    "framework",
    "event",
    "start_date",
    "published",
    "status",
    "points",
    "report",
    "note",
]


class Coverage(NamedTuple):
    """What :func:`coverage` returns: one row per graded inspection, and the sentence."""

    table: pd.DataFrame
    text: Prose


def coverage(
    findings: pd.DataFrame,
    judgements: pd.DataFrame,
    authority: object = None,
    problems: pd.DataFrame | None = None,
) -> Coverage:
    """Whether each graded inspection's points to improve are held, and how to add the rest.

    One row per graded inspection in ``judgements`` (of ``authority``, or of every authority
    when ``None``), oldest first: ``status`` is ``held`` (``points`` > 0), ``no list read`` (the
    report was read but its list could not be delimited; the reason from ``problems``, the
    ``finding_problems`` table, when given), ``not held`` (no report PDF was read: ``note``
    says where to put it and the command that adds it) or ``not read`` (a framework whose
    report layout has no reader). ``report`` is the report PDF read, if any.

    The sentence names the inspections whose points are missing and how to add them; for an
    authority that no longer exists, what replaced it, and for one created by a
    reorganisation, which authority's inspections came before. Without ``authority`` it
    counts, by status.
    """
    from ..sources.reports.findings import FRAMEWORKS_READ

    who = resolve_authority(authority) if authority is not None else None
    table = _table(findings, judgements, who, problems, FRAMEWORKS_READ)
    text = _authority_text(table, who) if who is not None else _all_text(table)
    return Coverage(table, Prose(text))


def _table(findings, judgements, who: Authority | None, problems, frameworks_read) -> pd.DataFrame:
    from ..judgements.prepare import canonical_codes

    rows = judgements
    if who is not None:
        rows = rows[canonical_codes(rows["la_code"]) == who.la_code]
    reports = _reports(rows)
    inspections = rows.drop_duplicates("inspection_id").sort_values(
        ["published", "start_date", "inspection_id"], kind="mergesort"
    )
    points = findings["inspection_id"].value_counts()
    problem_of: dict[str, str] = {}
    if problems is not None:
        problem_of = dict(zip(problems["file"], problems["problem"], strict=True))
    out = []
    for r in inspections.itertuples():
        n = int(points.get(r.inspection_id, 0))
        report = reports.get(r.inspection_id, "")
        if n:
            status, note = HELD, f"{plural(n, 'point')} from {report or 'its report'}"
        elif r.framework not in frameworks_read:
            status, note = NOT_READ, _not_read(r)
        elif report:
            why = problem_of.get(report)
            status = NO_LIST
            note = (
                f"the report of {_which(r)} ({report}) was read but its list of points could "
                "not be delimited" + (f": {why}" if why else "")
            )
        else:
            status, note = NOT_HELD, _not_held(r)
        out.append(
            {
                "la_name": r.la_name,
                "inspection_id": r.inspection_id,
                "framework": r.framework,
                "event": r.event,
                "start_date": r.start_date,
                "published": r.published,
                "status": status,
                "points": n,
                "report": report,
                "note": note,
            }
        )
    return pd.DataFrame(out, columns=COLUMNS)


def _reports(rows: pd.DataFrame) -> dict[str, str]:
    """Each inspection's report PDF among the sources of its judgements."""
    found: dict[str, str] = {}
    refs = rows["source"].fillna("") + "; " + rows["sources"].fillna("")
    for inspection_id, cell in zip(rows["inspection_id"], refs, strict=True):
        for ref in cell.split("; "):
            file = file_of(ref.strip())
            if file.lower().endswith(".pdf"):
                found.setdefault(inspection_id, file)
    return found


def _which(r) -> str:
    """'the ILACS inspection published 21 May 2026' (fieldwork dates when it has no date)."""
    name = FRAMEWORK_SHORT.get(r.framework, r.framework)
    if pd.notna(r.published):
        return f"the {name} inspection published {long_date(r.published)}"
    if pd.notna(r.start_date):
        return f"the {name} inspection with fieldwork from {long_date(r.start_date)}"
    return f"the {name} inspection {r.inspection_id}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _not_held(r) -> str:
    day = f"{r.published:%Y-%m-%d}" if pd.notna(r.published) else "PUBLICATION-DATE"
    pdf = f"{REPORTS_FOLDER}/{_slug(r.la_name)}/{day}.pdf"
    # ILACS reports do not print their publication date: the reader takes it from a file
    # named <YYYY-MM-DD>.pdf.
    why = (
        ": ILACS reports do not print their publication date, so it is read from the file name"
        if r.framework in ("ilacs", "ilacs_2026")
        else ""
    )
    return (
        f"the report of {_which(r)} is not held: put the report PDF under {REPORTS_FOLDER} "
        f"(as {pdf}{why}) and run `ofsted-analysis update {pdf}`"
    )


def _not_read(r) -> str:
    name = FRAMEWORK_SHORT.get(r.framework, r.framework)
    return (
        f"{_which(r)}: points are not read from {name} reports (no reader for their layout: "
        "no sample report was available to check one)"
    )


def _authority_text(table: pd.DataFrame, who: Authority) -> str:
    head = _history_note(who)
    if table.empty:
        return head + f"{who.la_name}: no graded inspection in the judgements table."
    held = table[table["status"] == HELD]
    missing = table[table["status"] != HELD]
    named = and_list([long_date(d) for d in held["published"].dropna()])
    n = len(table)
    text = (
        f"{who.la_name}: points to improve are held for {len(held) or 'none'} of "
        f"{plural(n, 'graded inspection')}"
        + (
            f" ({'the report' if len(held) == 1 else 'the reports'} published {named})"
            if named
            else ""
        )
        + "."
    )
    if missing.empty:
        return head + text
    lines = [f"* {note}." for note in _order(missing)["note"]]
    return head + text + " Missing:\n" + "\n".join(lines)


def _order(missing: pd.DataFrame) -> pd.DataFrame:
    """Missing points in the order a reader can act on: reports to add first (newest first),
    then lists that could not be read, then frameworks not read."""
    rank = {NOT_HELD: 0, NO_LIST: 1, NOT_READ: 2}
    return missing.assign(_r=missing["status"].map(rank)).sort_values(
        ["_r", "published"], ascending=[True, False], kind="mergesort"
    )


def _history_note(who: Authority) -> str:
    """What replaced an abolished authority, or which authority a new one replaced."""
    if who.ended:
        after = [register().by_gss(c) for c in who.successors]
        names = [a.la_name for a in after if a is not None]
        see = and_list([f"`ofsted-analysis findings {_quoted(n)}`" for n in names])
        return who.ended + (f" Inspections since then: {see}.\n" if see else "\n")
    if who.predecessors and who.exists_from:
        before = [register().by_gss(c) for c in who.predecessors]
        names = [a.la_name for a in before if a is not None]
        see = and_list([f"`ofsted-analysis findings {_quoted(n)}`" for n in names])
        return (
            f"{who.la_name} exists from {long_date(who.exists_from)}, replacing "
            f"{and_list(names)}: inspections before then are theirs ({see}).\n"
        )
    return ""


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


def _all_text(table: pd.DataFrame) -> str:
    counts = table["status"].value_counts()
    held = int(counts.get(HELD, 0))
    text = (
        f"Points to improve are held for {held} of "
        f"{plural(len(table), 'graded inspection')} of "
        f"{plural(table['la_name'].nunique(), 'authority', 'authorities')}."
    )
    parts = []
    for status, words in (
        (NOT_HELD, "whose report PDF is not held"),
        (NO_LIST, "whose report was read but its list could not be delimited"),
        (NOT_READ, "under frameworks whose report layout is not read"),
    ):
        rows = table[table["status"] == status]
        if len(rows):
            by = rows["framework"].map(lambda f: FRAMEWORK_SHORT.get(f, f)).value_counts()
            parts.append(
                f"{len(rows)} {words} (" + ", ".join(f"{name} {k}" for name, k in by.items()) + ")"
            )
    if parts:
        text += (
            " Missing: "
            + and_list(parts)
            + ". `ofsted-analysis findings AUTHORITY` names each and how to add it."
        )
    return text
