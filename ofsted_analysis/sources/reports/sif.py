"""SIF reports (Nov 2013-2017): the summary on page 1.

"The overall judgement is good" (or "Children's services in Leeds are good", "Children's
services require improvement to be good"), then "1. Children who need help and protection
Good", "2.1 Adoption performance ...", ... A judgement the inspection did not make is written
"Not judged". The list may run onto page 2. When the report also reviews the Local
Safeguarding Children Board, the LSCB judgement is on page 1 or at the start of the LSCB
section, found through the contents page.

The title says "Re-inspection" for a re-inspection; a first inspection's title looks like a
re-inspection's without that word in some reports, so ``event`` is ``reinspection`` only when
the title says so, and otherwise left empty (the release gives it).
"""

from __future__ import annotations

import re

from ...core.errors import InputError
from ...core.frameworks import classify_heading, harmonised_area
from ...pipeline.records import SourceInspection, SourceJudgement
from .common import (
    APOS,
    CONTENTS,
    GRADE,
    NOT_JUDGED,
    Report,
    check_set,
    fieldwork,
    flat,
    grade,
    header_name,
    inspection,
    judgement,
    published,
)

TITLE = re.compile(
    r"(?P<re>re-?)?inspection of services for children in need of help and protection", re.I
)
REVIEWS_LSCB = re.compile(
    r"review of the effectiveness of the local safeguarding children board", re.I
)
# A stand-alone review of an LSCB (published apart from its authority's inspection).
LSCB_ONLY = re.compile(
    r"^(?:\d+ )?(?:[A-Z][\w']*(?: |$)){1,6}(?:Local )?Safeguarding Children Board "
    r"Review of the effectiveness of the Local Safeguarding Children Board",
    re.I,
)

_LABEL = re.compile(
    r"Children who need help and protection|Children looked after and achieving permanence|"
    r"Adoption performance|Experiences and progress of care leavers|"
    r"Leadership, management and governance",
    re.I,
)
# "The overall judgement is good", "The overall judgement is that children's service(s)
# are good / requires improvement", "Children's services (in Leeds) are good / require
# improvement to be good": the verb must be there, so a lost grade word cannot leave a stray
# one.
_OVERALL = re.compile(
    rf"(?:(?P<label>The overall judgement is that children{APOS}s services?|"
    rf"Children{APOS}s services(?: in (?:(?!\b(?:are|is|requires?)\b)[^.]){{1,80}}?)?) "
    rf"(?:(?:are|is) (?P<grade>{GRADE})|(?P<verb_grade>requires? improvement"
    rf"(?: to be good)?\b))|(?P<label_is>The overall judgement is) (?P<grade_is>{GRADE}))"
)
_ITEM = re.compile(
    rf"(?<![\w.])(?P<num>[123](?:\.[12])?)\.?\s+(?P<label>[A-Z][A-Za-z ,{APOS[1:-1]}]{{4,80}}?)"
    rf"\s+(?P<grade>{GRADE}|{NOT_JUDGED})"
)
# The LSCB judgement is a sentence of its own, followed by a new sentence or heading: "The
# Local Safeguarding Children Board is good", "The judgement for the effectiveness of the
# Local Safeguarding Children Board (LSCB) is requires improvement", "The effectiveness of
# the LSCB requires improvement" (and, once, "The Local Safeguarding Children is inadequate").
_LSCB_JUDGEMENT = re.compile(
    rf"(?P<label>The (?:judgement for the )?(?:effectiveness of the )?(?:Local Safeguarding "
    rf"Children(?: Board)?(?: \(LSCB\))?|LSCB)) (?:is |are )?(?P<grade>{GRADE})\.?"
    rf"(?= [A-Z0-9]|\s*$)"
)
_PAGE_NUMBER = re.compile(r"\s*(?:\d+\s+)?")  # a continuation page opens with it
_SPACE = re.compile(r"\s*")
_CONTENTS_LSCB = re.compile(
    r"^\s*(?:Section 2: )?(?:The )?(?:effectiveness of the )?Local Safeguarding Children "
    r"Board(?: \(LSCB\))?\s+(?P<page>\d+)\s*$",
    re.I | re.M,
)
_CONTENTS_PAGES = range(1, 6)  # 0-based: the contents page follows a 1-4 page summary
_PUBLISHED = re.compile(r"Report published\s*:\s*(\d{1,2}\s+[A-Za-z]+\s+\d{4})", re.I)

AREAS = (
    "overall",
    "help_and_protection",
    "children_in_care",
    "adoption",
    "care_leavers",
    "leadership",
)


def read(report: Report, page1: str, flat1: str, heading: re.Match) -> SourceInspection:
    where = report.where(0)
    name = header_name(report, flat1[: heading.start()])
    start, end = fieldwork(report, page1)
    framework = "sif"
    event = "reinspection" if heading.group("re") else None

    overall = _OVERALL.search(flat1, heading.end())
    if overall is None:
        raise InputError(
            "overall judgement",
            "(none found)",
            "a sentence such as 'The overall judgement is good' or "
            "'Children's services in <authority> are good' on page 1",
            where,
        )
    label = overall.group("label") or overall.group("label_is")[: -len(" is")]
    word = overall.group("grade") or overall.group("verb_grade") or overall.group("grade_is")
    judgements = [
        SourceJudgement(
            harmonised_area("overall", framework, None), label, grade(word, where), word, where
        )
    ]
    not_judged: set[str] = set()
    _items(report, 0, flat1[overall.end() :], judgements, not_judged)
    if len(judgements) + len(not_judged) < len(AREAS) and report.n_pages > 1:
        # The list ran onto page 2: it goes on at the top of that page.
        _items(report, 1, flat(report.text(1)), judgements, not_judged, at_top=True)

    expected = set(AREAS)
    if REVIEWS_LSCB.search(flat1[: heading.end() + 200]):
        expected.add("lscb")
        judgements.append(_lscb(report, flat1))
    check_set(judgements, expected, framework, start, where, not_judged)
    stated = _PUBLISHED.search(flat1)
    return inspection(
        report,
        name,
        framework,
        event,
        start,
        end,
        published(report, stated.group(1) if stated else None, end),
        judgements,
    )


def _items(
    report: Report,
    page: int,
    text: str,
    judgements: list[SourceJudgement],
    not_judged: set[str],
    at_top: bool = False,
) -> None:
    """The numbered judgement lines in ``text``; on a continuation page only those that
    follow each other from the top of the page (after its page number)."""
    if at_top:
        found = []
        # Both patterns match the empty string, so match() never gives None here.
        pos = _PAGE_NUMBER.match(text).end()  # type: ignore[union-attr]
        while (m := _ITEM.match(text, pos)) is not None:
            found.append(m)
            pos = _SPACE.match(text, m.end()).end()  # type: ignore[union-attr]
    else:
        found = list(_ITEM.finditer(text))
    for m in found:
        h = classify_heading(m.group("label"))
        if h.kind != "judgement" or h.name not in AREAS:
            if at_top:
                break
            continue
        if re.fullmatch(NOT_JUDGED, m.group("grade")):
            if not _LABEL.fullmatch(flat(m.group("label"))):
                raise InputError(
                    "judgement",
                    flat(m.group("label")),
                    "a sif judgement in its framework's wording",
                    report.where(page),
                )
            not_judged.add(harmonised_area(h.name, "sif", None))
        else:
            judgements.append(
                judgement(report, page, m.group("label"), m.group("grade"), "sif", _LABEL)
            )


def _lscb(report: Report, flat1: str) -> SourceJudgement:
    """The LSCB judgement: on page 1 in 2014 reports, else where the contents page points."""
    if (m := _LSCB_JUDGEMENT.search(flat1)) is not None:
        return _lscb_judgement(report, 0, m)
    for i in _CONTENTS_PAGES:
        if i >= report.n_pages:
            break
        text = report.text(i)
        if not CONTENTS.search(text):
            continue
        entry = _CONTENTS_LSCB.search(text)
        if entry is None:
            break
        first = int(entry.group("page")) - 1  # printed page numbers are the PDF's pages
        for j in (first, first + 1):  # the section may open at the foot of a page
            if 0 < j < report.n_pages:
                if (m := _LSCB_JUDGEMENT.search(flat(report.text(j)))) is not None:
                    return _lscb_judgement(report, j, m)
        break
    raise InputError(
        "LSCB judgement",
        "(none found)",
        "the report reviews the Local Safeguarding Children Board, so a sentence such as "
        "'The Local Safeguarding Children Board is good' on page 1 or on the page the "
        "contents list for the LSCB section",
        report.where(0),
    )


def _lscb_judgement(report: Report, page: int, m: re.Match) -> SourceJudgement:
    # The sentence's wording is the LSCB's own (checked by the pattern), typo included.
    where = report.where(page)
    return SourceJudgement(
        harmonised_area("lscb", "sif", None),
        flat(m.group("label")),
        grade(m.group("grade"), where),
        flat(m.group("grade")),
        where,
    )
