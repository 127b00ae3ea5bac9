"""Judgements read straight from Ofsted inspection report PDFs.

An Ofsted report on a local authority's children's services states its judgements on its first
page, so a report can be read before any official release or scrape lists it. Two layouts are
understood, each by the wording its framework uses (never by file name or position):

* **ILACS** (2018-): a ``Judgement | Grade`` table on page 1 ("The impact of leaders on social
  work practice with children and families  Good", ..., "Overall effectiveness  Good"). Children
  in care and care leavers are one judgement until December 2022 and two from January 2023; the
  April 2026 framework (``ilacs_2026``) has no overall effectiveness.
* **SIF** (2013-2017): the summary on page 1 ("The overall judgement is good" or "Children's
  services in Leeds are good", then "1. Children who need help and protection  Good",
  "2.1 Adoption performance ...", ...). When the report also reviews the Local Safeguarding
  Children Board, the LSCB judgement is on page 1 or on the first page of the LSCB section,
  found through the contents page.

Only the pages that carry a judgement (and the contents page, for the LSCB) are read.

A file that cannot be read with certainty raises :class:`~ofsted_analysis.errors.FileError`
(not a PDF, empty, truncated, corrupt, encrypted, not an inspection report, a layout this
reader does not know) or :class:`~ofsted_analysis.errors.InputError` (a report whose title,
dates, authority or judgement set is incomplete or not as its framework words it). Nothing is
guessed and no partial set of judgements is returned.

Reports under the older frameworks (SLAC 2009-12, child protection inspections 2012-13, TLAC
2013) are recognised by their titles but not read: no sample of them was available to check a
reader against, so they raise a :class:`FileError` that says so.

Publication date: SIF reports state it ("Report published: 8 August 2014"); ILACS reports do
not. When the report does not state it, the date in a file name of the form
``<YYYY-MM-DD>.pdf`` (as the reports site and this project's ``reports/<slug>/`` folders name
files) is used as a fallback, unless it falls before the fieldwork ended; otherwise
``published`` is ``None``.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pypdf
from pypdf.errors import DependencyError
from tqdm import tqdm

from ..authorities import register
from ..dates import parse_date
from ..errors import FileError, InputError, InputErrors, Location
from ..frameworks import (
    CARE_LEAVERS_JUDGEMENT_START,
    ILACS_2026_START,
    classify_heading,
    harmonised_area,
)
from ..grades import parse_grade
from ..records import SourceInspection, SourceJudgement

__all__ = ["read_report", "read_reports", "find_reports", "extract_report"]

# --- the frameworks' wording --------------------------------------------------------------

# A grade as a report writes it; wraps are collapsed to single spaces before matching.
# "require improvement" is the verb form of SIF sentences ("Children's services in X require
# improvement to be good").
_GRADE = r"\b(?i:outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)\b"
_APOS = "['\u2019]"

_SIF_TITLE = re.compile(
    r"(?P<re>re-?)?inspection of services for children in need of help and protection", re.I)
_LSCB_REVIEW = re.compile(
    r"review of the effectiveness of the local safeguarding children board", re.I)
# "Inspection of Leeds City local authority children's services" (2021-) names the authority
# inside the title; "Inspection of children's social care services" (2018-20) and
# "Inspection of local authority children's services" (early 2018) put it on the line above.
_ILACS_TITLE_NAMED = re.compile(
    rf"\binspection of (?P<name>(?!local authority\b|children{_APOS}s\b)[^.:]{{2,80}}?) "
    rf"(?:local authority )?children{_APOS}s services\b", re.I)
_ILACS_TITLE_BARE = re.compile(
    rf"\binspection of (?:local authority )?children{_APOS}s (?:social care )?services\b", re.I)

# Documents that are not graded inspection reports, or older layouts not read here.
_NOT_A_REPORT = (
    (re.compile(r"\bfocused visit\b", re.I),
     "is a focused visit letter, which carries no judgements, not an inspection report"),
    (re.compile(r"\bmonitoring visit\b", re.I),
     "is a monitoring visit letter, which carries no judgements, not an inspection report"),
    (re.compile(r"\bjoint targeted area inspection\b", re.I),
     "is a joint targeted area inspection letter, which carries no judgements"),
    (re.compile(r"inspection of safeguarding and looked after children|"
                r"arrangements for the protection of children|"
                r"inspection of (?:services for )?looked after children", re.I),
     "looks like an older (SLAC / child protection / TLAC, 2009-13) report; that layout is "
     "not read from PDFs (no sample was available to check it): take its judgements from the "
     "official release"),
)

_ILACS_TABLE_HEAD = re.compile(r"\bJudgement Grade\b")
# One row of the ILACS table: the framework's judgement wording, then the grade.
_ILACS_ROW = re.compile(
    rf"\s*(?P<label>(?:The impact of leaders|The experiences and progress of|Overall "
    rf"effectiveness)(?:(?!{_GRADE}).){{0,120}}?)\s+(?P<grade>{_GRADE})")

# Each judgement's label must be one of its framework's wordings in full, so that a grade
# lost in extraction cannot shift the next one onto the wrong judgement.
_ILACS_LABEL = re.compile(
    r"The impact of leaders on (?:social work )?practice with children and families|"
    r"The experiences and progress of (?:children who need help and protection|"
    r"children in care(?: and care leavers)?|(?:children )?care leavers)|"
    r"Overall effectiveness", re.I)
_SIF_LABEL = re.compile(
    r"Children who need help and protection|Children looked after and achieving permanence|"
    r"Adoption performance|Experiences and progress of care leavers|"
    r"Leadership, management and governance", re.I)
# "The overall judgement is good", "The overall judgement is that children's services are
# good / require improvement", "Children's services in Leeds are good / require improvement
# to be good": the verb must be there, so a lost grade word cannot leave a stray one.
_SIF_OVERALL = re.compile(
    rf"(?:(?P<label>The overall judgement is that children{_APOS}s services|"
    rf"Children{_APOS}s services in (?:(?!\b(?:are|is|requires?)\b)[^.]){{1,80}}?) "
    rf"(?:(?:are|is) (?P<grade>{_GRADE})|(?P<verb_grade>requires? improvement"
    rf"(?: to be good)?\b))|(?P<label_is>The overall judgement is) (?P<grade_is>{_GRADE}))")
_SIF_ITEM = re.compile(
    rf"(?<![\w.])(?P<num>[123](?:\.[12])?)\.?\s+(?P<label>[A-Z][A-Za-z ,{_APOS[1:-1]}]{{4,80}}?)"
    rf"\s+(?P<grade>{_GRADE})")
# The LSCB judgement is a sentence of its own, followed by a new sentence or heading.
_LSCB_JUDGEMENT = re.compile(
    rf"(?P<label>The (?:effectiveness of the )?Local Safeguarding Children Board(?: \(LSCB\))?)"
    rf" (?:is |are )?(?P<grade>{_GRADE})\.?(?= [A-Z]|\s*$)")
_CONTENTS = re.compile(r"^\s*Contents\s*$", re.M)
_CONTENTS_LSCB = re.compile(
    r"^\s*(?:Section 2: )?(?:The )?(?:effectiveness of the )?Local Safeguarding Children "
    r"Board(?: \(LSCB\))?\s+(?P<page>\d+)\s*$", re.I | re.M)
_CONTENTS_PAGES = range(1, 6)  # 0-based: the contents page follows a 1-4 page summary

_DATES_LINE = re.compile(r"Inspection dates?\s*:\s*(?P<rest>.*)", re.I)
_MONTH = (r"January|February|March|April|May|June|July|August|September|October|November|"
          r"December")
_DATE_PIECE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?\b")
_PUBLISHED = re.compile(rf"Report published\s*:\s*(\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})", re.I)
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})$")
_EVENT = re.compile(r"\b(short|standard) inspection\b", re.I)

# An authority's name in a title carries the council's style; the register knows bare names.
_NAME_PREFIX = re.compile(
    r"^(?:the )?(?:(?:royal|london|metropolitan) borough of|city and county of|city of|"
    r"county of|borough of) ", re.I)
_NAME_SUFFIX = re.compile(
    r" (?:metropolitan borough council|metropolitan district council|metropolitan council|"
    r"city council|county council|borough council|district council|council|"
    r"metropolitan borough|city|borough)$", re.I)

SIF_AREAS = ("overall", "help_and_protection", "children_in_care", "adoption", "care_leavers",
             "leadership")
ILACS_AREAS = ("overall", "leadership", "help_and_protection", "children_in_care")
ILACS_2026_AREAS = ("leadership", "help_and_protection", "children_in_care", "care_leavers")
MAX_FIELDWORK = timedelta(days=120)  # SIF fieldwork could come in two parts across ~10 weeks


def _flat(text: str) -> str:
    """Text with line wraps and runs of spaces collapsed, as labels are compared and stored."""
    return re.sub(r"\s+", " ", text).strip()


# --- opening the file -----------------------------------------------------------------------


class _Report:
    """An opened report: text of a page is extracted only when asked for, once."""

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)
        self.reader = _open_pdf(path)
        self.n_pages = len(self.reader.pages)
        self._text: dict[int, str] = {}

    def text(self, index: int) -> str:
        if index not in self._text:
            try:
                self._text[index] = self.reader.pages[index].extract_text() or ""
            except Exception as e:  # pypdf raises many kinds of error on a damaged stream
                raise FileError(self.name, f"is a damaged PDF: page {index + 1} cannot be "
                                f"read ({type(e).__name__}: {e})") from None
        return self._text[index]

    def where(self, index: int) -> Location:
        return Location(file=self.name, page=index + 1)


def _open_pdf(path: Path) -> pypdf.PdfReader:
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileError(name, "does not exist") from None
    except OSError as e:
        raise FileError(name, f"cannot be opened ({e.strerror or e})") from None
    if not data:
        raise FileError(name, "is empty (0 bytes), not a PDF")
    if b"%PDF-" not in data[:1024]:  # readers accept the header anywhere in the first 1 KB
        head = data[:2048].decode("utf-8", "replace")
        if re.search(r"<\s*(!doctype html|html)\b", head, re.I):
            title = re.search(r"<title>\s*(.*?)\s*</title>", head, re.I | re.S)
            shown = f" titled {_flat(title.group(1))!r}" if title else ""
            raise FileError(name, f"is an HTML page{shown}, not a PDF (a failed download?)")
        raise FileError(name, f"is not a PDF: it does not start with %PDF- "
                              f"(it starts {data[:16]!r})")
    # A PDF ends with %%EOF. Checking the very end (not just "somewhere near it") also catches
    # a cut inside a final incremental update, which pypdf would silently skip.
    if not data.rstrip(b"\r\n\t \x00").endswith(b"%%EOF"):
        raise FileError(name, "is a truncated PDF: it does not end with the %%EOF marker "
                              "(an interrupted download?)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _decrypt_without_password(reader, name)
        if len(reader.pages) == 0:
            raise FileError(name, "is a PDF with no pages")
    except FileError:
        raise
    except Exception as e:  # pypdf raises many kinds of error on a damaged file
        raise FileError(name, f"is a damaged PDF that cannot be read "
                              f"({type(e).__name__}: {e})") from None
    return reader


def _decrypt_without_password(reader: pypdf.PdfReader, name: str) -> None:
    # Owner-password-only PDFs (printing or copying restricted) open in any viewer, so they
    # are read; a PDF that needs a password to open is not.
    try:
        opened = reader.decrypt("")
    except DependencyError:
        raise FileError(name, "is an encrypted PDF (AES) that needs the 'cryptography' "
                              "package to open") from None
    if not opened:
        raise FileError(name, "is an encrypted PDF that needs a password to open")


# --- public API -------------------------------------------------------------------------------


def read_report(path: str | Path) -> SourceInspection:
    """Read one Ofsted report PDF on a local authority's children's services.

    >>> ins = read_report("../shared/data/reports/leeds/2025-08-12.pdf")  # doctest: +SKIP
    >>> ins.framework, ins.start_date, [(j.area, j.grade) for j in ins.judgements][:1]
    ... # doctest: +SKIP
    ('ilacs', datetime.date(2025, 6, 30), [('leadership', 'Outstanding')])

    Raises :class:`FileError` or :class:`InputError` (naming the file and what is missing)
    when the file cannot be read with certainty; never returns a partial set of judgements.
    """
    path = Path(path)
    report = _Report(path)
    page1 = report.text(0)
    flat1 = _flat(page1)
    # The title sits above the dates; body text below may quote other inspections' titles.
    dates = re.search(r"Inspection dates?\s*:", flat1, re.I)
    top = flat1[:dates.start()] if dates else flat1[:400]
    if (m := _SIF_TITLE.search(top)) is not None:
        return _read_sif(report, page1, flat1, m)
    titles = [t for t in (_ILACS_TITLE_NAMED.search(top), _ILACS_TITLE_BARE.search(top)) if t]
    if titles:
        return _read_ilacs(report, page1, flat1, min(titles, key=lambda t: t.start()))
    for pattern, problem in _NOT_A_REPORT:
        if pattern.search(flat1[:600]):
            raise FileError(report.name, problem)
    shown = flat1[:80] + ("..." if len(flat1) > 80 else "")
    raise FileError(report.name, "is not an Ofsted inspection report on local authority "
                    "children's services: page 1 has no such title (it begins "
                    f"{shown!r})" if shown else "has no text on page 1 (a scanned image?)")


def extract_report(path: str | Path):
    """The judgements of one report PDF as rows of the tidy ``judgements`` table (the columns
    :func:`ofsted_analysis.load` returns; ``source`` names the file and page).

    >>> import ofsted_analysis as oa
    >>> oa.extract_report("../shared/data/reports/leeds/2025-08-12.pdf")[["area", "grade"]]
    ... # doctest: +SKIP
    """
    from ..pipeline import tables
    from ..records import to_frame

    return tables(to_frame([read_report(path)]))["judgements"]


def read_reports(paths: Iterable[str | Path], progress: bool = True,
                 errors: list[Exception] | None = None) -> list[SourceInspection]:
    """Read many report PDFs, with a progress bar on stderr (``progress=False`` hides it).

    >>> inspections = read_reports(find_reports("reports"), progress=False)  # doctest: +SKIP

    Every file is tried. Problems are appended to ``errors`` when a list is given (those files
    are skipped); otherwise they are raised together as one :class:`InputErrors` at the end.
    """
    paths = list(paths)
    out: list[SourceInspection] = []
    problems: list[Exception] = []
    # delay: the bar appears only if reading takes more than a second
    for path in tqdm(paths, desc="reports", unit="file", file=sys.stderr, delay=1.0,
                     disable=not progress):
        try:
            out.append(read_report(path))
        except (FileError, InputError) as e:
            problems.append(e)
    if problems:
        if errors is None:
            raise InputErrors(problems)
        errors.extend(problems)
    return out


def find_reports(directory: str | Path) -> list[Path]:
    """Every ``*.pdf`` under a directory (any depth), sorted.

    >>> find_reports("../shared/data/reports")[:1]  # doctest: +SKIP
    [PosixPath('../shared/data/reports/barnsley/2014-08-08.pdf')]
    """
    root = Path(directory)
    if not root.is_dir():
        raise FileError(str(root), "is not a directory")
    return sorted(p for p in root.glob("**/*.pdf") if p.is_file())


# --- ILACS ----------------------------------------------------------------------------------


def _read_ilacs(report: _Report, page1: str, flat1: str, title: re.Match) -> SourceInspection:
    where = report.where(0)
    name = title.groupdict().get("name") or _header_name(report, flat1[:title.start()])
    start, end = _fieldwork(report, page1)
    framework = "ilacs_2026" if start >= ILACS_2026_START else "ilacs"

    head = _ILACS_TABLE_HEAD.search(flat1)
    if head is None:
        raise InputError("judgement table", "(none found)",
                         "a 'Judgement | Grade' table on page 1", where)
    judgements = []
    pos = head.end()
    while (m := _ILACS_ROW.match(flat1, pos)) is not None:
        judgements.append(_judgement(report, 0, m.group("label"), m.group("grade"), framework,
                                     _ILACS_LABEL))
        pos = m.end()

    expected = set(ILACS_2026_AREAS if framework == "ilacs_2026" else ILACS_AREAS)
    if framework == "ilacs" and start >= CARE_LEAVERS_JUDGEMENT_START:
        expected.add("care_leavers")
    _check_set(report, judgements, expected, framework, start, where)
    if framework == "ilacs":
        in_care = next(j for j in judgements if j.area == "children_in_care")
        combined = "care leavers" in in_care.area_label.lower()
        if combined == ("care_leavers" in expected):
            raise InputError(
                "judgement", in_care.area_label,
                "'children in care and care leavers' for fieldwork before January 2023 and "
                "'children in care' (with a separate care-leavers judgement) from then on",
                where)

    event = _EVENT.search(flat1[:head.start()])  # the heading, not the narrative below
    return _inspection(report, name, framework, event.group(1).lower() if event else None,
                       start, end, _published(report, flat1, end), judgements)


# --- SIF ------------------------------------------------------------------------------------


def _read_sif(report: _Report, page1: str, flat1: str, title: re.Match) -> SourceInspection:
    where = report.where(0)
    name = _header_name(report, flat1[:title.start()])
    start, end = _fieldwork(report, page1)
    framework = "sif"
    event = "reinspection" if title.group("re") else "full"

    overall = _SIF_OVERALL.search(flat1, title.end())
    if overall is None:
        raise InputError("overall judgement", "(none found)",
                         "a sentence such as 'The overall judgement is good' or "
                         "'Children's services in <authority> are good' on page 1", where)
    label = overall.group("label") or overall.group("label_is")[:-len(" is")]
    grade = overall.group("grade") or overall.group("verb_grade") or overall.group("grade_is")
    judgements = [SourceJudgement(harmonised_area("overall", framework, None), label,
                                  _grade(grade, where), grade, where)]
    for m in _SIF_ITEM.finditer(flat1, overall.end()):
        h = classify_heading(m.group("label"))
        if h.kind == "judgement" and h.name in SIF_AREAS:
            judgements.append(_judgement(report, 0, m.group("label"), m.group("grade"),
                                         framework, _SIF_LABEL))

    expected = set(SIF_AREAS)
    if _LSCB_REVIEW.search(flat1[:title.end() + 200]):
        expected.add("lscb")
        judgements.append(_lscb(report, flat1))
    _check_set(report, judgements, expected, framework, start, where)
    return _inspection(report, name, framework, event, start, end,
                       _published(report, flat1, end), judgements)


def _lscb(report: _Report, flat1: str) -> SourceJudgement:
    """The LSCB judgement: on page 1 in 2014 reports, else where the contents page points."""
    if (m := _LSCB_JUDGEMENT.search(flat1)) is not None:
        return _judgement(report, 0, m.group("label"), m.group("grade"), "sif")
    for i in _CONTENTS_PAGES:
        if i >= report.n_pages:
            break
        text = report.text(i)
        if not _CONTENTS.search(text):
            continue
        entry = _CONTENTS_LSCB.search(text)
        if entry is None:
            break
        first = int(entry.group("page")) - 1  # printed page numbers are the PDF's pages
        for j in (first, first + 1):  # the section may open at the foot of a page
            if 0 < j < report.n_pages:
                if (m := _LSCB_JUDGEMENT.search(_flat(report.text(j)))) is not None:
                    return _judgement(report, j, m.group("label"), m.group("grade"), "sif")
        break
    raise InputError(
        "LSCB judgement", "(none found)",
        "the report reviews the Local Safeguarding Children Board, so a sentence such as "
        "'The Local Safeguarding Children Board is good' on page 1 or on the page the "
        "contents list for the LSCB section", report.where(0))


# --- shared pieces --------------------------------------------------------------------------


def _judgement(report: _Report, page: int, label: str, grade_label: str, framework: str,
               wording: re.Pattern | None = None) -> SourceJudgement:
    where = report.where(page)
    label, grade_label = _flat(label), _flat(grade_label)
    h = classify_heading(label)
    if (h.kind != "judgement" or h.name is None
            or (wording is not None and not wording.fullmatch(label))):
        raise InputError("judgement", label, f"a {framework} judgement in its framework's "
                         "wording (is a grade missing from the table?)", where)
    return SourceJudgement(harmonised_area(h.name, framework, None), label,
                           _grade(grade_label, where), grade_label, where)


def _grade(label: str, where: Location) -> str:
    # SIF sentences conjugate the grade ("services ... require improvement"): the grade word
    # is "requires improvement"; grades.parse_grade reads it from there.
    word = re.sub(r"^require\b", "requires", _flat(label), flags=re.I)
    try:
        grade = parse_grade(word)
    except InputError as e:
        raise e.at(where) from None
    if grade is None:
        raise InputError("grade", label, "a grade, not a placeholder", where)
    return grade


def _check_set(report: _Report, judgements: list[SourceJudgement], expected: set[str],
               framework: str, start: date, where: Location) -> None:
    areas = [j.area for j in judgements]
    duplicated = sorted({a for a in areas if areas.count(a) > 1})
    missing = sorted(expected - set(areas))
    extra = sorted(set(areas) - expected)
    if duplicated or missing or extra:
        found = ", ".join(f"{j.area}={j.grade}" for j in judgements) or "none"
        problems = "; ".join(p for p in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unexpected {', '.join(extra)}" if extra else "",
            f"repeated {', '.join(duplicated)}" if duplicated else "") if p)
        raise InputError(
            "judgement set", found,
            f"the {framework} set for fieldwork starting {start.isoformat()}: "
            f"{', '.join(sorted(expected))} ({problems})", where)


def _header_name(report: _Report, header: str) -> str:
    # The authority's name sits above the title, after the page number.
    name = re.sub(r"^\d+\s+", "", header.strip()).strip()
    if not (2 <= len(name) <= 80) or re.search(r"\d", name):
        raise InputError("authority name", name or "(none)",
                         "the authority's name above the report title on page 1",
                         report.where(0))
    return name


def _fieldwork(report: _Report, page1: str) -> tuple[date, date]:
    """Fieldwork dates: 'Inspection dates: 15 to 26 November 2021' and every variant seen,
    including two-part fieldwork ('19 November-11 December 2013 and 28 - 30 January 2014')."""
    where = report.where(0)
    lines = page1.splitlines()
    for k, line in enumerate(lines):
        if (m := _DATES_LINE.search(line)) is not None:
            text = m.group("rest")
            for extra in lines[k + 1:k + 3]:  # a date range can wrap onto the next line
                if re.search(r"\d{4}\s*$", text):
                    break
                text += " " + extra
            break
    else:
        raise InputError("inspection dates", "(none found)",
                         "a line 'Inspection dates: <start> to <end>' on page 1", where)
    text = _flat(text)
    pieces = [list(p.groups()) for p in _DATE_PIECE.finditer(text)]
    month = year = None
    for p in reversed(pieces):  # '15 to 26 November 2021': the first date borrows from the last
        month = p[1] = p[1] or month
        year = p[2] = p[2] or year
    try:
        if len(pieces) < 2 or any(None in p for p in pieces):
            raise InputError("inspection dates", text, "a start and an end date")
        days = [parse_date(f"{d} {mo} {y}") for d, mo, y in pieces]
    except InputError as e:
        raise e.at(where) from None
    start, end = days[0], days[-1]
    if not (start <= end <= start + MAX_FIELDWORK) or days != sorted(days):
        raise InputError("inspection dates", text,
                         "a start before the end, at most 120 days apart", where)
    return start, end


def _published(report: _Report, flat1: str, end: date) -> date | None:
    """The stated publication date; failing that, the date the file is named by, if any."""
    if (m := _PUBLISHED.search(flat1)) is not None:
        try:
            published = parse_date(m.group(1))
        except InputError as e:
            raise e.at(report.where(0)) from None
        if published is not None and published < end:
            raise InputError("publication date", m.group(1),
                             f"a date after the fieldwork ended ({end.isoformat()})",
                             report.where(0))
        return published
    if (m := _FILE_DATE.match(report.path.stem)) is not None:
        try:
            named = date.fromisoformat(m.group(1))
        except ValueError:
            return None
        # A file name is only a hint: one dated before the fieldwork ended is not a
        # publication date, so it is not used.
        return named if named >= end else None
    return None


def _resolve(report: _Report, name: str, when: date):
    """The authority a title names, trying the name as written, then without council style."""
    reg = register()
    tried: list[str] = []
    candidate = name
    first_error: InputError | None = None
    while candidate and candidate not in tried:
        tried.append(candidate)
        try:
            return reg.resolve(candidate, when)
        except InputError as e:
            first_error = first_error or e
        candidate = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", candidate)).strip()
    assert first_error is not None
    raise first_error.at(report.where(0))


def _inspection(report: _Report, name: str, framework: str, event: str | None, start: date,
                end: date, published: date | None,
                judgements: list[SourceJudgement]) -> SourceInspection:
    name = _flat(name)
    authority = _resolve(report, name, start)
    return SourceInspection(
        la_code=authority.la_code, framework=framework, event=event, start_date=start,
        end_date=end, published=published, source_kind="report", where=report.where(0),
        judgements=judgements, la_name_source=name)
