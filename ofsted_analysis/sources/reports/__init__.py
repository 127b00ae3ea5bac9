"""Judgements read straight from Ofsted inspection report PDFs.

An Ofsted report on a local authority's children's services states its judgements on its first
pages, so a report can be read before any official release or scrape lists it. Each layout is
recognised by its title's wording (never by file name or position) and read by its own module:

* :mod:`.ilacs` — ILACS (2018-), a ``Judgement | Grade`` table on page 1;
* :mod:`.sif` — SIF (2013-17), the summary sentences and numbered judgement list;
* :mod:`.tlac` — TLAC (2013), the record of main findings; older SLAC and child protection
  reports are recognised and skipped;
* :mod:`.common` — opening the PDF (PDFium), grades, dates and authority names.

A file that is not a report (an HTML page saved as .pdf, a focused-visit letter, a stand-alone
LSCB review) raises :class:`~ofsted_analysis.core.errors.SkippedFile` with the reason: ``build``
lists it and goes on. A report that cannot be read with certainty raises
:class:`~ofsted_analysis.core.errors.FileError` (empty, truncated, corrupt, encrypted) or
:class:`~ofsted_analysis.core.errors.InputError` (title, dates, authority or judgement set
incomplete or not as its framework words it). Nothing is guessed and no partial set of
judgements is returned.

Publication date: SIF and TLAC reports state it; ILACS reports do not. Then the date in a file
name of the form ``<YYYY-MM-DD>.pdf`` (as the reports site and ``reports/<slug>/`` folders
name files) is used, unless it falls before the fieldwork ended; otherwise ``published`` is
``None``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from ...core.errors import FileError, InputError, InputErrors, SkippedFile
from ...pipeline.records import SourceInspection
from . import ilacs, sif, tlac
from .common import DATES_LINE, Report, flat
from .findings import read_findings

__all__ = ["read_report", "read_reports", "find_reports"]

_Report = Report  # the name tests patch to alter a page's text

# Documents that carry no judgements: listed as skipped, with the reason.
_NOT_A_REPORT = (
    (
        re.compile(r"\bfocused visit\b", re.I),
        "is a focused visit letter, which carries no judgements, not an inspection report",
    ),
    (
        re.compile(r"\bmonitoring visit\b", re.I),
        "is a monitoring visit letter, which carries no judgements, not an inspection report",
    ),
    (
        re.compile(r"\bjoint targeted area inspection\b", re.I),
        "is a joint targeted area inspection letter, which carries no judgements",
    ),
    (
        sif.LSCB_ONLY,
        "is a stand-alone review of a Local Safeguarding Children Board, not an inspection of "
        "the authority's services (the release files its judgement with the SIF inspection)",
    ),
)


def read_report(path: str | Path) -> SourceInspection:
    """Read one Ofsted report PDF on a local authority's children's services.

    >>> ins = read_report("../shared/data/reports/leeds/2025-08-12.pdf")
    >>> ins.framework, ins.start_date, [(j.area, j.grade) for j in ins.judgements][:1]
    ('ilacs', datetime.date(2025, 6, 30), [('leadership', 'Outstanding')])

    The points the report asks to improve are in ``findings`` (see :mod:`.findings`), or
    the reason they could not be read in ``findings_problem``.

    Raises :class:`SkippedFile` for a file that is not a report this reader reads, and
    :class:`FileError` or :class:`InputError` (naming the file and what is missing) when a
    report cannot be read with certainty; never returns a partial set of judgements.
    """
    report = _Report(Path(path))
    inspection = _read(report)
    found = read_findings(report, inspection.framework)
    inspection.findings, inspection.findings_problem = found.points, found.problem
    return inspection


def _read(report: Report) -> SourceInspection:
    page1 = report.text(0)
    flat1 = flat(page1)
    # The title sits above the dates; body text below may quote other inspections' titles.
    dates = DATES_LINE.search(flat1)
    top = flat1[: dates.start()] if dates else flat1[:400]
    if (m := sif.TITLE.search(top)) is not None:
        return sif.read(report, page1, flat1, m)
    if (m := ilacs.title(top)) is not None:
        return ilacs.read(report, page1, flat1, m)
    if tlac.TITLE.search(top):
        return tlac.read(report, page1, flat1)
    if tlac.OLDER.search(top):
        tlac.skip_older(report)
    for pattern, problem in _NOT_A_REPORT:
        if pattern.search(flat1[:600]):
            raise SkippedFile(report.name, problem)
    shown = flat1[:80] + ("..." if len(flat1) > 80 else "")
    raise FileError(
        report.name,
        "is not an Ofsted inspection report on local authority "
        "children's services: page 1 has no such title (it begins "
        f"{shown!r})"
        if shown
        else "has no text on page 1 (a scanned image?)",
    )


def read_reports(
    paths: Iterable[str | Path],
    progress: bool = True,
    errors: list[Exception] | None = None,
    skipped: list[SkippedFile] | None = None,
) -> list[SourceInspection]:
    """Read many report PDFs, with a progress bar on stderr (``progress=False`` hides it).

    >>> inspections = read_reports(find_reports("../shared/data/reports/leeds"), progress=False)
    >>> [(i.published.isoformat(), i.framework) for i in inspections]
    [('2015-03-27', 'sif'), ('2018-12-18', 'ilacs'), ('2022-05-09', 'ilacs'),
     ('2025-08-12', 'ilacs')]

    Every file is tried. Files that are not reports are appended to ``skipped`` when a list is
    given (else ignored, with their reason lost only to a caller that asked not to know).
    Problems are appended to ``errors`` when a list is given; otherwise they are raised
    together as one :class:`InputErrors` at the end.
    """
    paths = list(paths)
    out: list[SourceInspection] = []
    problems: list[Exception] = []
    # delay: the bar appears only if reading takes more than a second
    for path in tqdm(
        paths, desc="reports", unit="file", file=sys.stderr, delay=1.0, disable=not progress
    ):
        try:
            out.append(read_report(path))
        except SkippedFile as e:
            if skipped is not None:
                skipped.append(e)
        except (FileError, InputError) as e:
            problems.append(e)
    if problems:
        if errors is None:
            raise InputErrors(problems)
        errors.extend(problems)
    return out


def find_reports(directory: str | Path) -> list[Path]:
    """Every ``*.pdf`` under a directory (any depth), sorted.

    >>> [p.as_posix() for p in find_reports("../shared/data/reports")[:1]]
    ['../shared/data/reports/barking-and-dagenham/2014-07-07.pdf']
    """
    root = Path(directory)
    if not root.is_dir():
        raise FileError(str(root), "is not a directory")
    return sorted(p for p in root.glob("**/*.pdf") if p.is_file())
