"""Area SEND inspection reports of the 2023 framework (PDF): what page 1 states.

Page 1 of every report carries the title ("Area SEND inspection of Bury Local Area
Partnership"), the fieldwork dates, the dates of the previous inspection (or "Not previously
inspected"), and the inspection outcome: one of the three outcome sentences, when the next
inspection will be (and, after widespread or systemic failings, a monitoring inspection), and
whether HMCI requires a priority action plan. The publication date is not printed: it is taken
from a file named ``<YYYY-MM-DD>.pdf`` as the reports site names it (as for children's
services reports). The points the report asks the area to act on are read by
:mod:`.report_findings`.

Each fact is read only when the report states it with certainty; otherwise the report is
refused with an :class:`~ofsted_analysis.core.errors.InputError` naming file and page. An
outcome sentence that matches none or two outcomes, or a priority action plan that does not go
with the outcome (one is required exactly after widespread or systemic failings), is refused.

>>> r = read_send_report("../shared/data/send/reports/bury/2024-05-07.pdf")
>>> r.outcome, r.start_date.isoformat(), r.previous_inspection.isoformat(), r.priority_action_plan
('systemic_failings', '2024-02-12', '2019-05-13', True)
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ...core.dates import parse_date
from ...core.errors import InputError
from ...core.send import FRAMEWORK_2023, OUTCOME_LABELS, send_outcome
from ..reports.common import MONTH, Report, fieldwork, flat, published, resolve
from .record import SendRecord

#: The title's wording, in the page's text with line wraps joined.
TITLE = re.compile(
    r"Area SEND inspection of (?:the )?(?P<name>.+?)\s+Local\s+Area\s+Partnership", re.I
)
_PREVIOUS = re.compile(r"Dates? of previous inspections?\s*:\s*(?P<rest>.*)", re.I)
_NOT_BEFORE = re.compile(r"Not previously inspected", re.I)
_DAY = re.compile(rf"\b(\d{{1,2}})(?:\s+({MONTH}))?(?:\s+(\d{{4}}))?\b", re.I)
_OUTCOME_START = re.compile(r"^\s*Inspection outcome\s*$", re.M | re.I)
_OUTCOME_END = re.compile(r"^\s*Information about the local area partnership", re.M | re.I)
_NEXT = re.compile(r"[^.]*\bwithin approximately\b[^.]*\.", re.I)
_PRIORITY_PLAN = re.compile(
    r"requires the local area partnership to prepare and submit a priority action plan", re.I
)
_SENTENCE = re.compile(r"[^.]+\.")


def is_send_report(first_page: str) -> bool:
    """Whether a PDF's first page is an area SEND inspection report's."""
    return TITLE.search(flat(_clean(first_page))) is not None


def first_page_text(path: Path) -> str:
    """The text of a PDF's first page, cheaply ('' when it cannot be read: its reader says
    why when it reads it)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return ""
    try:
        return document[0].get_textpage().get_text_range() if len(document) else ""
    except Exception:  # PDFium reports a damaged page in several ways
        return ""
    finally:
        document.close()


def _clean(text: str) -> str:
    # PDFium marks a hyphen at a line break as U+FFFE ("Stoke-on\ufffeTrent")
    return text.replace("\ufffe", "-").replace("\u00ad", "-")


def read_send_report(path: str | Path) -> SendRecord:
    """The facts page 1 of an area SEND report states, and the points it asks the area to
    act on (:attr:`SendRecord.findings`)."""
    from .report_findings import read_send_findings

    report = Report(Path(path))
    page = _clean(report.text(0))
    where = report.where(0)
    title = TITLE.search(flat(page))
    if title is None:
        raise InputError(
            "title",
            flat(page)[:80],
            "'Area SEND inspection of <area> Local Area Partnership'",
            where,
        )
    start, end = fieldwork(report, page, 0)
    authority = resolve(report, title.group("name"), start)
    outcome_text = _section(page, where)
    outcome = send_outcome(outcome_text)
    if outcome is None:
        raise InputError(
            "inspection outcome",
            outcome_text[:120],
            "one of the outcome sentences: " + "; ".join(OUTCOME_LABELS.values()),
            where,
        )
    plan = _PRIORITY_PLAN.search(outcome_text) is not None
    if plan != (outcome == "systemic_failings"):
        raise InputError(
            "priority action plan",
            "required" if plan else "not required",
            "a priority action plan exactly when there are widespread and/or systemic failings",
            where,
        )
    next_inspection = " ".join(flat(m.group(0)) for m in _NEXT.finditer(outcome_text))
    if not next_inspection:
        raise InputError(
            "next inspection", outcome_text[:120], "a sentence 'within approximately ...'", where
        )
    findings = read_send_findings(report, plan)
    return SendRecord(
        la_code=authority.la_code,
        la_name_source=flat(title.group("name")),
        framework=FRAMEWORK_2023,
        event="full",
        source_kind="report",
        file=str(path),
        page=1,
        start_date=start,
        end_date=end,
        published=published(report, None, end),
        outcome=outcome,
        outcome_wording=flat(_SENTENCE.match(outcome_text).group(0)),  # type: ignore[union-attr]
        priority_action_plan=plan,
        areas_for_priority_action=sum(f.kind == "send_priority_action" for f in findings)
        if plan
        else None,
        previous_inspection=_previous(page, where),
        next_inspection=next_inspection,
        findings=findings,
    )


def _section(page: str, where) -> str:
    """The text under "Inspection outcome", up to "Information about the local area
    partnership", line wraps joined."""
    head = _OUTCOME_START.search(page)
    tail = _OUTCOME_END.search(page, head.end()) if head else None
    if head is None or tail is None:
        raise InputError(
            "inspection outcome",
            "(no section found)",
            "a section 'Inspection outcome' followed by 'Information about the local area "
            "partnership' on page 1",
            where,
        )
    return flat(page[head.end() : tail.start()])


def _previous(page: str, where) -> date | None:
    """The first day of the previous inspection, as "Dates of previous inspection:" states
    it (``None`` for "Not previously inspected")."""
    lines = page.splitlines()
    for k, line in enumerate(lines):
        if (m := _PREVIOUS.search(line)) is not None:
            text = flat(" ".join([m.group("rest"), *lines[k + 1 : k + 2]]))
            break
    else:
        raise InputError(
            "dates of previous inspection",
            "(none found)",
            "a line 'Dates of previous inspection: ...' on page 1",
            where,
        )
    if _NOT_BEFORE.match(text):
        return None
    pieces = [list(p.groups()) for p in _DAY.finditer(text)]
    # '5 to 9 December 2016': the first day borrows the month and year of the next that has them
    first = next((p for p in pieces if p[1] or p[2]), None)
    if not pieces or first is None:
        raise InputError(
            "dates of previous inspection", text, "a date such as 13 to 15 May 2019", where
        )
    day, month, year = pieces[0]
    following = next((p for p in pieces if p[1] and p[2]), None)
    if following is None:
        raise InputError("dates of previous inspection", text, "a date with month and year", where)
    try:
        return parse_date(f"{day} {month or following[1]} {year or following[2]}")
    except InputError as e:
        raise e.at(where) from None
