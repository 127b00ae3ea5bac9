"""Reports under the frameworks before SIF (2009-13).

Of these, only the targeted inspection of looked after children services (TLAC, 2013) is read:
its "Record of main findings" on the last page states "Services for looked after children ...
Overall effectiveness Adequate" (the framework's word; Ofsted's releases later write such a
grade as "Requires improvement to be good"), which is the TLAC's one judgement, filed under
children in care. Safeguarding and looked after children (SLAC) and child protection reports
are recognised but skipped: no sample of them was available to check a reader against.
"""

from __future__ import annotations

import re

from ...core.errors import InputError, SkippedFile
from ...pipeline.records import SourceInspection
from .common import (
    GRADE,
    Report,
    check_set,
    fieldwork,
    flat,
    inspection,
    judgement,
    published,
)

TITLE = re.compile(r"^\s*(?:\d+\s+)?Inspection of looked after children services\b", re.I)
OLDER = re.compile(
    r"inspection of safeguarding and looked after children|"
    r"arrangements for the protection of children",
    re.I,
)
_FINDINGS = re.compile(
    r"Record of main findings\s+Services for looked after children\s+"
    rf"(?P<label>Overall effectiveness)\s+(?P<grade>{GRADE})",
    re.I,
)
_NAME = re.compile(r"looked after children services\s+(?P<name>.{2,80}?)\s+Inspection dates?", re.I)
_PUBLISHED = re.compile(r"\bPublished\s*:\s*(\d{1,2}\s+[A-Za-z]+\s+\d{4})", re.I)


def skip_older(report: Report) -> None:
    raise SkippedFile(
        report.name,
        "is a report under an older framework (safeguarding and "
        "looked after children or child protection, 2009-13) whose layout is "
        "not read: no sample was available to check it; its judgements come "
        "from the official release",
    )


def read(report: Report, page1: str, flat1: str) -> SourceInspection:
    where = report.where(0)
    start, end = fieldwork(report, page1)
    name = _NAME.search(flat1)
    if name is None:
        raise InputError(
            "authority name",
            "(none found)",
            "the authority's name between the title and the inspection dates on page 1",
            where,
        )
    for index in range(report.n_pages - 1, 0, -1):  # the record closes the report
        if (m := _FINDINGS.search(flat(report.text(index)))) is not None:
            break
    else:
        raise InputError(
            "TLAC judgement",
            "(none found)",
            "a 'Record of main findings' page "
            "with 'Services for looked after children ... Overall effectiveness "
            "<grade>'",
            where,
        )
    judgements = [judgement(report, index, m.group("label"), m.group("grade"), "tlac")]
    check_set(judgements, {"children_in_care"}, "tlac", start, where)
    stated = _PUBLISHED.search(flat1)
    return inspection(
        report,
        name.group("name"),
        "tlac",
        None,
        start,
        end,
        published(report, stated.group(1) if stated else None, end),
        judgements,
    )
