"""The pack's area SEND section: the latest area SEND inspection of the authority's area known
at the pack's date, its history as a table and in a sentence, and the inspections of the areas
it replaced (Cumbria's for Cumberland, Northamptonshire's for North and West Northamptonshire,
Dorset County Council's for Dorset and for Bournemouth, Christchurch and Poole) named as theirs.

"Known at" is the pack's one rule for judgements (:func:`~ofsted_analysis.judgements.asat.
known_at`: fieldwork started by the date and report published by then), applied through
:func:`~ofsted_analysis.send.analysis.area_send_history`. What is not held is said: an area
not inspected under a framework by the date, an authority created after a framework ended, a
store built without the area SEND files.

A different inspection from the children's services one, kept apart from the grades: Ofsted
and the Care Quality Commission inspect the local area partnership's SEND arrangements, and
the result is not a grade on the children's services scale.

>>> from ofsted_analysis.briefing.tables import Tables
>>> from ofsted_analysis.core.checks import resolve_authority
>>> s = send_section(Tables.load(), resolve_authority("Bury"), pd.Timestamp("2025-03-31"))
>>> [row[3] for row in s.table.rows]
['Full inspection', 'Revisit', 'Full inspection']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from ..core.authorities import Authority, register
from ..core.dates import long_date
from ..core.send import FRAMEWORK_2016, FRAMEWORK_2023, FRAMEWORK_YEARS, START_2016, START_2023
from ..core.words import and_list
from ..judgements.asat import known_at
from ..send.analysis import area_send_history, predecessor_inspections
from ..send.text import ASSOCIATION, EVENT_WORDS, area_text, event_result
from .tables import Table, Tables

#: What the section says first: which inspection this is, and that it is not a grade.
DIFFERENT = (
    "This is a different inspection from the children's services inspections above: Ofsted "
    "and the Care Quality Commission (CQC) inspect how the local area partnership (the "
    "council, health services and education settings together) meets the needs of children "
    "and young people with special educational needs and/or disabilities (SEND). Its result "
    "is not a grade on the children's services scale."
)
#: The caveat the pack's caveats carry.
CAVEAT = (
    "An area SEND result set beside a children's services grade is not a second grade: they "
    "come from different inspections, and the SEND result is not on the grade scale. " + ASSOCIATION
)
SOURCE = "Ofsted and CQC area SEND inspections, as held in the area_send table"


@dataclass
class SendSection:
    """What the area SEND section shows, in reading order."""

    latest: str  # the latest inspection known: framework, dates, result
    wording: str  # Ofsted's own words of the latest 2023-framework outcome ('' where none)
    frameworks: list[str]  # each framework the area was not inspected under, said plainly
    history_text: str  # the history in sentences (send.text.area_text)
    table: Table | None  # the history, each inspection and revisit a row
    source: str  # one line: the sources of the rows shown
    note: str = DIFFERENT  # a different inspection, not a grade


def _fieldwork(row) -> str:
    """'7 to 11 July 2025', or the first day alone where the last is not held."""
    start, end = row.start_date, row.end_date
    if pd.isna(start):
        return "fieldwork dates not held"
    if pd.isna(end) or end == start:
        return long_date(start)
    first = f"{start.day}" if (start.year, start.month) == (end.year, end.month) else None
    return f"{first or long_date(start)} to {long_date(end)}"


def _published(row) -> str:
    return "not held" if pd.isna(row.published) else long_date(row.published)


def _result(row) -> str:
    """What one event found, as the table's cell: the sentence's clause (send.text), with a
    revisit's count of weaknesses where the source gives it."""
    said = event_result(row, next_inspection=False) or "no result held"
    done, of = row.weaknesses_sufficient_progress, row.significant_weaknesses
    if row.event == "revisit" and pd.notna(done) and pd.notna(of):
        said += f" ({int(done)} of {int(of)} significant weaknesses)"
    return said[0].upper() + said[1:]


def _place(source: object) -> str:
    """A row's ``source`` as a reader finds it: 'send/reports/bury/2024-05-07.pdf, page 1',
    'send/ofsted/...ods, sheet Area_SEND_up_to_31_Aug_2022, row 74'."""
    path, *where = str(source).split(":")
    parts = PurePosixPath(path).parts
    shown = "/".join(parts[parts.index("send") :]) if "send" in parts else parts[-1]
    for w in where:
        if w[:1] in "rp" and w[1:].isdigit():
            shown += f", {'row' if w[0] == 'r' else 'page'} {w[1:]}"
        elif w:
            shown += f", sheet {w}"
    return shown


def _framework_missing(
    a: Authority, framework: str, when: pd.Timestamp, known: pd.DataFrame
) -> str:
    """Why the area has no full inspection of ``framework`` known at ``when``, plainly."""
    name, words = a.la_name, FRAMEWORK_YEARS[framework]
    start = START_2016 if framework == FRAMEWORK_2016 else START_2023
    if when.date() < start:
        return f"The {words} had not started by {long_date(when)}."
    if framework == FRAMEWORK_2016 and a.exists_from and a.exists_from >= START_2023:
        return (
            f"{name} was created on {long_date(a.exists_from)}, after the {words} ended: it "
            "was not inspected under it."
        )
    if a.exists_to and a.exists_to < when.date():
        return (
            f"{name} was not inspected under the {words} before it ceased to exist (after "
            f"{long_date(a.exists_to)})."
        )
    held = known[known["framework"] == framework]["published"].max()
    covers = (
        f"the table holds that framework's reports published up to {long_date(held)}"
        if pd.notna(held)
        else "the table holds none of that framework's reports published by then"
    )
    return (
        f"{name} had not been inspected under the {words} by {long_date(when)}: no such "
        f"inspection done and published by then is in the table ({covers})."
    )


def _latest(a: Authority, own: pd.DataFrame, when: pd.Timestamp) -> tuple[str, str]:
    """The latest full inspection known and the events after it, as sentences; and Ofsted's
    own words of its outcome (2023 framework)."""
    full = own[own["event"] == "full"]
    if full.empty:
        return (
            f"No area SEND inspection of {a.la_name} itself had been done and published by "
            f"{long_date(when)}.",
            "",
        )
    last = full.iloc[-1]
    text = (
        f"At {long_date(when)}, the latest area SEND inspection of {a.la_name} done and "
        f"published by then was under the {FRAMEWORK_YEARS[last['framework']]}: fieldwork "
        f"{_fieldwork(last)}, report published {_published(last)}. Result: "
        f"{event_result(last)}."
    )
    for row in own[own.index > full.index[-1]].itertuples():
        event = EVENT_WORDS.get(str(row.event), str(row.event))
        text += (
            f" Then a {event} (fieldwork {_fieldwork(row)}, report published "
            f"{_published(row)}): {_result(row)[0].lower() + _result(row)[1:]}."
        )
    wording = last.get("outcome_wording")
    in_words = last["framework"] == FRAMEWORK_2023 and pd.notna(wording) and str(wording)
    return text, str(wording).strip() if in_words else ""


def _table(a: Authority, rows: pd.DataFrame, when: pd.Timestamp) -> Table | None:
    if rows.empty:
        return None
    before = list(dict.fromkeys(rows.loc[rows["la_code"] != a.la_code, "la_name"]))
    caption = f"{a.la_name}'s area SEND inspections and revisits known at {long_date(when)}"
    if before:
        caption += f", with those of {and_list(before)}, the area it replaced"
    body = [
        [
            _fieldwork(r),
            r.la_name if r.la_code == a.la_code else f"{r.la_name} (predecessor area)",
            FRAMEWORK_YEARS.get(r.framework, r.framework).split(" (")[0],
            EVENT_WORDS.get(str(r.event), str(r.event)).capitalize(),
            _result(r),
            _published(r),
        ]
        for r in rows.itertuples()
    ]
    return Table(
        caption + ", oldest first",
        ["Fieldwork", "Area", "Framework", "Event", "Result", "Report published"],
        body,
    )


def send_section(tables: Tables, a: Authority, when: pd.Timestamp) -> SendSection:
    """The area SEND section of ``a``'s pack, known at ``when``."""
    send = tables.area_send
    if send is None or send.empty:
        return SendSection(
            latest=(
                "The stored tables hold no area SEND inspections (they were built without "
                f"the area SEND files), so this pack cannot say whether or how {a.la_name}'s "
                "area was inspected. Rebuild them with the files in ../shared/data/send (see "
                "docs/building.md)."
            ),
            wording="",
            frameworks=[],
            history_text="",
            table=None,
            source=f"{SOURCE}: none held.",
        )
    known = send[known_at(send, when)]
    own = area_send_history(send, a, as_at_date=when)
    before = predecessor_inspections(known, a)
    rows = area_send_history(send, a, include_predecessors=True, as_at_date=when)
    latest, wording = _latest(a, own, when)
    missing = [
        _framework_missing(a, fw, when, known)
        for fw in (FRAMEWORK_2016, FRAMEWORK_2023)
        if not ((own["framework"] == fw) & (own["event"] == "full")).any()
    ]
    whose = "its name" if before["la_name"].nunique() < 2 else "their names"
    shown = f"listed in the table below under {whose}"
    if a.successors and a.exists_to and a.exists_to < when.date():
        after = [s.la_name for c in a.successors if (s := register().by_gss(c)) is not None]
        missing.append(f"The SEND inspections of {and_list(after)} are in their own packs.")
    places = list(dict.fromkeys(_place(s) for s in rows["source"]))
    source = (
        f"{SOURCE}: {and_list(places)}."
        if places
        else f"{SOURCE}: no row for {a.la_name} or an area it replaced."
    )
    return SendSection(
        latest=latest,
        wording=wording,
        frameworks=missing,
        history_text=str(area_text(own, a.la_name, before, shown=shown)),
        table=_table(a, rows, when),
        source=source,
    )
