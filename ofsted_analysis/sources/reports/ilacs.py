"""ILACS reports (2018-): a ``Judgement | Grade`` table on page 1.

"The impact of leaders on social work practice with children and families  Good", ...,
"Overall effectiveness  Good". Children in care and care leavers are one judgement until
December 2022 and two from January 2023; the April 2026 framework (``ilacs_2026``) has no
overall effectiveness. ILACS reports do not say whether the inspection was standard or short,
so ``event`` stays empty (the releases and the scrape give it).
"""

from __future__ import annotations

import re

from ...core.errors import InputError
from ...core.frameworks import CARE_LEAVERS_JUDGEMENT_START, ILACS_2026_START
from ...pipeline.records import SourceInspection, SourceJudgement
from .common import (
    APOS,
    GRADE,
    Report,
    check_set,
    fieldwork,
    header_name,
    inspection,
    judgement,
    published,
)

# "Inspection of Leeds City local authority children's services" (2021-) names the authority
# inside the title; "Inspection of children's social care services" (2018-20) and
# "Inspection of local authority children's services" (early 2018) put it on the line above.
TITLE_NAMED = re.compile(
    rf"\binspection of (?P<name>(?!local authority\b|children{APOS}s\b)[^.:]{{2,80}}?) "
    rf"(?:local authority )?children{APOS}s services\b",
    re.I,
)
TITLE_BARE = re.compile(
    rf"\binspection of (?:local authority )?children{APOS}s (?:social care )?services\b", re.I
)

_TABLE_HEAD = re.compile(r"\bJudgement Grade\b")
# One row of the table: the framework's judgement wording, then the grade.
_ROW = re.compile(
    rf"\s*(?P<label>(?:The impact of leaders|The experiences and progress of|Overall "
    rf"effectiveness)(?:(?!{GRADE}).){{0,120}}?)\s+(?P<grade>{GRADE})"
)
# Each label must be one of the framework's wordings in full, so that a grade lost in
# extraction cannot shift the next one onto the wrong judgement.
_LABEL = re.compile(
    r"The impact of leaders on (?:social work )?practice with children and families|"
    r"The experiences and progress of (?:children who need help and protection|"
    r"children in care(?: and care leavers)?|(?:children )?care leavers)|"
    r"Overall effectiveness",
    re.I,
)

AREAS = ("overall", "leadership", "help_and_protection", "children_in_care")
AREAS_2026 = ("leadership", "help_and_protection", "children_in_care", "care_leavers")


def title(top: str) -> re.Match | None:
    """The ILACS title in the text above the dates, if there is one."""
    found = [t for t in (TITLE_NAMED.search(top), TITLE_BARE.search(top)) if t]
    return min(found, key=lambda t: t.start()) if found else None


def read(report: Report, page1: str, flat1: str, heading: re.Match) -> SourceInspection:
    where = report.where(0)
    name = heading.groupdict().get("name") or header_name(report, flat1[: heading.start()])
    start, end = fieldwork(report, page1)
    framework = "ilacs_2026" if start >= ILACS_2026_START else "ilacs"

    head = _TABLE_HEAD.search(flat1)
    if head is None:
        raise InputError(
            "judgement table", "(none found)", "a 'Judgement | Grade' table on page 1", where
        )
    judgements: list[SourceJudgement] = []
    pos = head.end()
    # The table ends at the first row that is not a judgement in the framework's wording (the
    # summary below may open "The experiences and progress of children ... are good"); the
    # set check then refuses a table cut short.
    while (m := _ROW.match(flat1, pos)) is not None:
        if judgements and not _LABEL.fullmatch(m.group("label").rstrip(". ")):
            break
        judgements.append(
            judgement(report, 0, m.group("label"), m.group("grade"), framework, _LABEL)
        )
        pos = m.end()
        if judgements[-1].area == "overall":
            break  # always the table's last row

    expected = set(AREAS_2026 if framework == "ilacs_2026" else AREAS)
    if framework == "ilacs" and start >= CARE_LEAVERS_JUDGEMENT_START:
        expected.add("care_leavers")
    check_set(judgements, expected, framework, start, where)
    if framework == "ilacs":
        in_care = next(j for j in judgements if j.area == "children_in_care")
        combined = "care leavers" in in_care.area_label.lower()
        if combined == ("care_leavers" in expected):
            raise InputError(
                "judgement",
                in_care.area_label,
                "'children in care and care leavers' for fieldwork before January 2023 and "
                "'children in care' (with a separate care-leavers judgement) from then on",
                where,
            )
    return inspection(
        report, name, framework, None, start, end, published(report, None, end), judgements
    )
