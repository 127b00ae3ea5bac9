"""Judgements of report PDFs as rows of the tidy ``judgements`` table, without a build (and
area SEND reports as rows of the ``area_send`` table).

For a report just published, before any release or scrape lists it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.errors import SkippedFile
from ..sources.reports import read_report, read_reports
from .records import to_frame
from .run import tables


def extract_report(path: str | Path) -> pd.DataFrame:
    """The judgements of one report PDF as rows of the tidy ``judgements`` table (the columns
    :func:`ofsted_analysis.load` returns; ``source`` names the file and page).

    Leeds, 2025 (Ofsted's report: help and protection Good, every other judgement
    Outstanding):

    >>> import ofsted_analysis as oa
    >>> oa.extract_report("../shared/data/reports/leeds/2025-08-12.pdf")[["area", "grade"]]
                      area        grade
    0         care_leavers  Outstanding
    1     children_in_care  Outstanding
    2  help_and_protection         Good
    3           leadership  Outstanding
    4              overall  Outstanding
    """
    return tables(to_frame([read_report(path)]))["judgements"]


@dataclass
class Extracted:
    """What :func:`extract_reports` read: the judgements, the files skipped (not reports, with
    the reason) and the reports that could not be read with certainty; area SEND reports'
    rows of the ``area_send`` table in ``area_send`` (and their number in ``send_reports``)."""

    judgements: pd.DataFrame
    reports: int
    skipped: list[SkippedFile] = field(default_factory=list)
    errors: list[Exception] = field(default_factory=list)
    area_send: pd.DataFrame | None = None
    send_reports: int = 0


def extract_reports(paths: Iterable[str | Path], progress: bool = False) -> Extracted:
    """Read every report; a bad one does not stop the others.

    >>> got = extract_reports(["../shared/data/reports/leeds/2025-08-12.pdf"])
    >>> got.reports, got.errors
    (1, [])
    """
    from ..send.table import extract_send_reports
    from ..sources.send.report import first_page_text, is_send_report

    errors: list[Exception] = []
    skipped: list[SkippedFile] = []
    paths = list(paths)
    send = [p for p in paths if is_send_report(first_page_text(Path(p)))]
    others = [p for p in paths if p not in send]
    inspections = read_reports(others, progress=progress, errors=errors, skipped=skipped)
    area_send, n_send = extract_send_reports(send, errors)
    return Extracted(
        tables(to_frame(inspections))["judgements"],
        len(inspections),
        skipped,
        errors,
        area_send,
        n_send,
    )
