"""Judgements of report PDFs as rows of the tidy ``judgements`` table, without a build.

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
    the reason) and the reports that could not be read with certainty."""

    judgements: pd.DataFrame
    reports: int
    skipped: list[SkippedFile] = field(default_factory=list)
    errors: list[Exception] = field(default_factory=list)


def extract_reports(paths: Iterable[str | Path], progress: bool = False) -> Extracted:
    """Read every report; a bad one does not stop the others.

    >>> got = extract_reports(["../shared/data/reports/leeds/2025-08-12.pdf"])
    >>> got.reports, got.errors
    (1, [])
    """
    errors: list[Exception] = []
    skipped: list[SkippedFile] = []
    inspections = read_reports(paths, progress=progress, errors=errors, skipped=skipped)
    return Extracted(tables(to_frame(inspections))["judgements"], len(inspections), skipped, errors)
