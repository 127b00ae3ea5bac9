"""What every report layout shares: opening the PDF, its text, grades, dates and names.

Text comes from PDFium (pypdfium2, shipped in its wheel): a report's full text takes about
46 ms there against about 1.1 s with pypdf, for the same words. Only the pages a layout asks
for are read.
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium

from ...core.authorities import Authority, register
from ...core.dates import DateOrder, parse_date
from ...core.errors import FileError, InputError, Location, SkippedFile
from ...core.frameworks import classify_heading, harmonised_area
from ...core.grades import parse_grade
from ...core.names import STYLE_WORDS, name_key, styled_forms
from ...pipeline.records import SourceInspection, SourceJudgement

# A grade as a report writes it; wraps are collapsed to single spaces before matching.
# "require improvement" is the verb form of SIF sentences ("Children's services in X require
# improvement to be good").
GRADE = r"\b(?i:outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)\b"
# "Not judged": a judgement the framework has but the inspection did not make (the Isles of
# Scilly had no children in care to judge in 2016).
NOT_JUDGED = r"\b(?i:not judged)\b"
APOS = "['\u2019]"
MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
DATES_LINE = re.compile(r"Inspection dates?\s*:\s*(?P<rest>.*)", re.I)
_DATE_PIECE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+({MONTH})\b\.?)?(?:\s+(\d{{4}}))?\b", re.I
)
_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})$")
# The contents page's heading, searched for in a page's whole text.
CONTENTS = re.compile(r"^\s*Contents\s*$", re.M)


def whole_line(pattern: str) -> re.Pattern[str]:
    """A line that is ``pattern`` and nothing else but spaces around it, in any case: how a
    heading stands in a report's text.

    >>> whole_line(r"Areas for improvement").match("  AREAS FOR IMPROVEMENT ") is not None
    True
    """
    return re.compile(rf"^\s*{pattern}\s*$", re.I)


MAX_FIELDWORK = timedelta(days=120)  # SIF fieldwork could come in two parts across ~10 weeks


def flat(text: str) -> str:
    """Text with line wraps and runs of spaces collapsed, as labels are compared and stored."""
    return re.sub(r"\s+", " ", text).strip()


# --- opening the file -----------------------------------------------------------------------


class Report:
    """An opened report: text of a page is extracted only when asked for, once."""

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)
        self.document = open_pdf(path)
        self.n_pages = len(self.document)
        self._text: dict[int, str] = {}

    def text(self, index: int) -> str:
        if index not in self._text:
            try:
                page = self.document[index]
                self._text[index] = page.get_textpage().get_text_range().replace("\r\n", "\n")
            except Exception as e:  # PDFium reports a damaged stream in several ways
                raise FileError(
                    self.name,
                    f"is a damaged PDF: page {index + 1} cannot be read ({type(e).__name__}: {e})",
                ) from None
        return self._text[index]

    def where(self, index: int) -> Location:
        return Location(file=self.name, page=index + 1)


def open_pdf(path: Path) -> pdfium.PdfDocument:
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
            shown = f" titled {flat(title.group(1))!r}" if title else ""
            raise SkippedFile(name, f"is an HTML page{shown}, not a PDF (a failed download?)")
        raise FileError(
            name, f"is not a PDF: it does not start with %PDF- (it starts {data[:16]!r})"
        )
    # A PDF ends with %%EOF. Checking the very end (not just "somewhere near it") also catches
    # a cut inside a final incremental update, which a lenient reader would silently skip.
    if not data.rstrip(b"\r\n\t \x00").endswith(b"%%EOF"):
        raise FileError(
            name,
            "is a truncated PDF: it does not end with the %%EOF marker (an interrupted download?)",
        )
    try:
        # Owner-password-only PDFs (printing or copying restricted) open in any viewer, so
        # they are read; a PDF that needs a password to open is not.
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise FileError(name, "is an encrypted PDF that needs a password to open") from None
        raise FileError(name, f"is a damaged PDF that cannot be read ({e})") from None
    if len(document) == 0:
        raise FileError(name, "is a PDF with no pages")
    return document


# --- judgements -------------------------------------------------------------------------------


def judgement(
    report: Report,
    page: int,
    label: str,
    grade_label: str,
    framework: str,
    wording: re.Pattern | None = None,
) -> SourceJudgement:
    """One judgement, its label checked against the framework's wording in full."""
    where = report.where(page)
    label, grade_label = flat(label).rstrip(".").rstrip(), flat(grade_label)
    h = classify_heading(label)
    if (
        h.kind != "judgement"
        or h.name is None
        or (wording is not None and not wording.fullmatch(label))
    ):
        raise InputError(
            "judgement",
            label,
            f"a {framework} judgement in its framework's "
            "wording (is a grade missing from the table?)",
            where,
        )
    return SourceJudgement(
        harmonised_area(h.name, framework, None),
        label,
        grade(grade_label, where),
        grade_label,
        where,
    )


def grade(label: str, where: Location) -> str:
    # SIF sentences conjugate the grade ("services ... require improvement"): the grade word
    # is "requires improvement"; grades.parse_grade reads it from there.
    word = re.sub(r"^require\b", "requires", flat(label), flags=re.I)
    try:
        parsed = parse_grade(word)
    except InputError as e:
        raise e.at(where) from None
    if parsed is None:
        raise InputError("grade", label, "a grade, not a placeholder", where)
    return parsed


def check_set(
    judgements: list[SourceJudgement],
    expected: set[str],
    framework: str,
    start: date,
    where: Location,
    not_judged: Set[str] = frozenset(),
) -> None:
    """The judgements read are exactly the framework's set (less those stated not judged)."""
    areas = [j.area for j in judgements]
    duplicated = sorted({a for a in areas if areas.count(a) > 1})
    missing = sorted(expected - set(areas) - not_judged)
    extra = sorted((set(areas) | not_judged) - expected)
    if duplicated or missing or extra:
        found = ", ".join(f"{j.area}={j.grade}" for j in judgements) or "none"
        problems = "; ".join(
            p
            for p in (
                f"missing {', '.join(missing)}" if missing else "",
                f"unexpected {', '.join(extra)}" if extra else "",
                f"repeated {', '.join(duplicated)}" if duplicated else "",
            )
            if p
        )
        raise InputError(
            "judgement set",
            found,
            f"the {framework} set for fieldwork starting {start.isoformat()}: "
            f"{', '.join(sorted(expected))} ({problems})",
            where,
        )


# --- dates --------------------------------------------------------------------------------


def fieldwork(report: Report, page: str, index: int = 0) -> tuple[date, date]:
    """Fieldwork dates: 'Inspection dates: 15 to 26 November 2021' and every variant seen:
    two-part fieldwork ('19 November-11 December 2013 and 28 - 30 January 2014'), short
    months ('18 Feb 2014 – 12 March 2014'), numbers ('12/09/2016 to 06/10/2016') and one day
    ('28 July 2016')."""
    where = report.where(index)
    lines = page.splitlines()
    for k, line in enumerate(lines):
        if (m := DATES_LINE.search(line)) is not None:
            text = m.group("rest")
            for extra in lines[k + 1 : k + 3]:  # a date range can wrap onto the next line
                if re.search(r"\d{4}\s*$", text):
                    break
                text += " " + extra
            break
    else:
        raise InputError(
            "inspection dates",
            "(none found)",
            f"a line 'Inspection dates: <start> to <end>' on page {index + 1}",
            where,
        )
    text = flat(text)
    try:
        if numeric := _NUMERIC_DATE.findall(text):
            # The line's numbers are judged together, so '06/30/2016 to 07/10/2016' refuses
            # both dates rather than misreading the second (see ofsted_analysis.core.dates).
            order = DateOrder.of((d, where) for d in numeric)
            days = [order.parse(d) for d in numeric]
        else:
            pieces = [list(p.groups()) for p in _DATE_PIECE.finditer(text)]
            month = year = None
            for p in reversed(pieces):  # '15 to 26 November 2021': the first borrows the last's
                month = p[1] = p[1] or month
                year = p[2] = p[2] or year
            if not pieces or any(None in p for p in pieces):
                raise InputError("inspection dates", text, "a start and an end date")
            days = [parse_date(f"{d} {mo} {y}") for d, mo, y in pieces]
    except InputError as e:
        raise e.at(where) from None
    known = [d for d in days if d is not None]  # parse_date gives None only for a blank
    start, end = known[0], known[-1]
    if (
        len(known) < len(days)
        or not (start <= end <= start + MAX_FIELDWORK)
        or known != sorted(known)
    ):
        raise InputError(
            "inspection dates", text, "a start before the end, at most 120 days apart", where
        )
    return start, end


def published(report: Report, stated: str | None, end: date) -> date | None:
    """The stated publication date; failing that, the date the file is named by, if any."""
    if stated is not None:
        try:
            day = parse_date(stated)
        except InputError as e:
            raise e.at(report.where(0)) from None
        if day is not None and day < end:
            raise InputError(
                "publication date",
                stated,
                f"a date after the fieldwork ended ({end.isoformat()})",
                report.where(0),
            )
        return day
    if (m := _FILE_DATE.match(report.path.stem)) is not None:
        try:
            named = date.fromisoformat(m.group(1))
        except ValueError:
            return None
        # A file name is only a hint: one dated before the fieldwork ended is not a
        # publication date, so it is not used.
        return named if named >= end else None
    return None


# --- the authority ------------------------------------------------------------------------


def resolve(report: Report, name: str, when: date) -> Authority:
    """The authority a title names, on the date of the fieldwork.

    The register reads the name by rule: council style around a known name ("The Royal
    Borough of ...", "... Metropolitan District Council", "... Children's Services"), or a
    trust that ran the authority's children's services on that date (see
    :class:`~ofsted_analysis.core.authorities.Register`). A name that means several
    authorities (a trust that ran two) resolves only if exactly one of them is named in the
    title or on page 1; a shortened name ("East Riding", "Newcastle") is taken for the one
    authority in existence on that date whose name starts with it. Otherwise the report is
    refused, naming the closest or the several authorities; nothing is guessed.
    """
    reg = register()
    try:
        return reg.resolve(name, when)
    except InputError as e:
        problem = e.at(report.where(0))
    options = reg.matches(name, when) or _run_by_trust_named_in(name, when)
    if options:
        words = f" {name_key(name + ' ' + report.text(0))} "
        named = [
            a for a in options if any(f" {name_key(n)} " in words for n in (a.la_name, *a.aliases))
        ]
        if len(named) == 1:
            return named[0]
        raise problem
    shortest = list(styled_forms(name))[-1]
    starting = {
        a.la_code: a
        for short in shortest
        if set(short.split()) - STYLE_WORDS
        for a in reg.authorities
        if a.exists_on(when)
        and any(name_key(n).startswith(short + " ") for n in (a.la_name, *a.aliases))
    }
    if len(starting) == 1:
        return next(iter(starting.values()))
    raise problem


def _run_by_trust_named_in(text: str, when: date) -> list[Authority]:
    """The authorities whose services a trust named inside ``text`` ran on ``when``
    ("Achieving for Children (Richmond upon Thames)")."""
    reg = register()
    words = f" {name_key(text)} "
    return list(
        dict.fromkeys(
            reg.by_code[t.la_code]
            for t in reg.trusts
            if t.runs_on(when) and f" {name_key(t.name)} " in words
        )
    )


def header_name(report: Report, header: str) -> str:
    """The authority's name above the title, after the page number."""
    name = re.sub(r"^\d+\s+", "", header.strip()).strip()
    if not (2 <= len(name) <= 80) or re.search(r"\d", name):
        raise InputError(
            "authority name",
            name or "(none)",
            "the authority's name above the report title on page 1",
            report.where(0),
        )
    return name


def inspection(
    report: Report,
    name: str,
    framework: str,
    event: str | None,
    start: date,
    end: date,
    published_on: date | None,
    judgements: list[SourceJudgement],
) -> SourceInspection:
    name = flat(name)
    authority = resolve(report, name, start)
    return SourceInspection(
        la_code=authority.la_code,
        framework=framework,
        event=event,
        start_date=start,
        end_date=end,
        published=published_on,
        source_kind="report",
        where=report.where(0),
        judgements=judgements,
        la_name_source=name,
    )
