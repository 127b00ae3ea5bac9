"""The points an area SEND report asks the local area partnership to act on, verbatim.

* "Areas for priority action" (after widespread and/or systemic failings): a table of two
  columns, "Responsible body" and "Areas for priority action"; each row is one point, its
  responsible body kept as the point's ``group``.
* "Areas for improvement": one paragraph per point (some with bullets inside), up to "Local
  area partnership details".

The reports print paragraphs without numbers or bullets, so where one point ends is read from
the PDF's tags (Ofsted's reports are tagged PDFs: each paragraph is a ``P`` element of the
structure tree, a bullet inside a point an ``LBody``): a point is a paragraph with the bullets
that follow it. Word tags a line break inside a paragraph as a paragraph of its own, so a
paragraph that starts mid-sentence (the line above ends without a full stop, or it starts in
lower case) goes on the point above. Across a page break the same holds, and a paragraph
after a sentence's end is a new point only when the page's last line stops short by more than
the next page's first word (ragged-right text wraps a word only when it does not fit).
Anything else (an untagged PDF, a page that ends a sentence at a full line) is not certain: the
report is refused naming file and page, and nothing is guessed.

>>> from pathlib import Path
>>> from ofsted_analysis.sources.reports.common import Report
>>> points = read_send_findings(Report(Path("../shared/data/send/reports/bedford/2025-02-04.pdf")),
...     False)
>>> [(p.kind, p.page, p.text[:40]) for p in points]
[('send_improve', 5, 'The partnership should establish more ef'), \
('send_improve', 5, 'Some children and young people with SEND')]
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any

from ...core.errors import InputError
from ..points import Finding
from ..reports.common import Report, flat
from ..reports.findings import BULLET

IMPROVE = "send_improve"
PRIORITY = "send_priority_action"

_IMPROVE_HEADING = re.compile(r"^\s*Areas for improvement\s*$", re.I)
_PRIORITY_HEADING = re.compile(r"^\s*Areas for priority action\s*$", re.I)
_TABLE_HEADER = re.compile(r"^\s*Responsible body\s+(Areas for priority action)\s*$", re.I)
_END = re.compile(r"^\s*(?:Local area partnership details|Information about this inspection)", re.I)
_RUNNING = re.compile(r"^\s*(?:Area SEND )?inspection report\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][’'\")]*\s*$")
_NUMBER = re.compile(r"^\s*(\d{1,2})\.\s+")
_FOOTER = 50.0  # points above the page's foot: the running title and page number sit below


@dataclass
class _Line:
    text: str
    page: int  # 1-based
    base: float  # baseline, points from the foot of the page
    left: float
    right: float
    first_word: float  # width of the line's first word
    block: tuple[int, ...] | None  # the structure element (paragraph) the line starts in
    item: bool  # the line starts a list item's body (a bullet)
    row: tuple[int, ...] | None  # the table row (structure element) the line starts in
    textpage: Any  # PDFium's text page, for the characters' positions when asked
    start: int  # the line's first character's index on it

    def split(self, column: float) -> tuple[str, str]:
        """The line's text left of ``column`` and from it (a table's two cells)."""
        box = self.textpage.get_charbox
        cut = next(
            (k for k in range(len(self.text)) if box(self.start + k)[0] >= column), len(self.text)
        )
        return self.text[:cut].strip(), self.text[cut:].strip()


_BLOCKS = ("P", "LBody", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TD", "TH")


def _tag_type(element) -> str:
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDF_StructElement_GetType(element, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_StructElement_GetType(element, buffer, size)
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


@dataclass(frozen=True)
class _Tag:
    """The innermost paragraph-like structure element holding some text (its path in the
    page's structure tree and type), and the table row holding it, if any."""

    path: tuple[int, ...]
    kind: str
    row: tuple[int, ...] | None


def _paragraphs(page) -> dict[int, _Tag]:
    """Marked-content id -> the :class:`_Tag` holding it, from the page's structure tree
    (empty for an untagged page)."""
    import pypdfium2.raw as pdfium_c

    owner: dict[int, _Tag] = {}

    def walk(element, path: tuple[int, ...], block: _Tag | None, row: tuple[int, ...] | None):
        kind = _tag_type(element)
        if kind in _BLOCKS:
            block = _Tag(path, kind, row)
        if kind == "TR":
            row = path
            block = _Tag(block.path, block.kind, row) if block else None
        for k in range(pdfium_c.FPDF_StructElement_GetMarkedContentIdCount(element)):
            if block is not None:
                owner[pdfium_c.FPDF_StructElement_GetMarkedContentIdAtIndex(element, k)] = block
        for k in range(pdfium_c.FPDF_StructElement_CountChildren(element)):
            child = pdfium_c.FPDF_StructElement_GetChildAtIndex(element, k)
            if child:
                walk(child, (*path, k), block, row)

    tree = pdfium_c.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return owner
    try:
        for k in range(pdfium_c.FPDF_StructTree_CountChildren(tree)):
            child = pdfium_c.FPDF_StructTree_GetChildAtIndex(tree, k)
            if child:
                walk(child, (k,), None, None)
    finally:
        pdfium_c.FPDF_StructTree_Close(tree)
    return owner


class _Pages:
    """A report's pages, each loaded once (PDFium's page and text page), with their text."""

    def __init__(self, report: Report):
        self.report = report
        self._open: dict[int, tuple[Any, Any, str]] = {}
        self._lines: dict[int, list[_Line]] = {}

    def lines(self, index: int) -> list[_Line]:
        if index not in self._lines:
            self._lines[index] = _lines(self, index)
        return self._lines[index]

    def get(self, index: int) -> tuple[Any, Any, str]:
        if index not in self._open:
            try:
                page = self.report.document[index]
                textpage = page.get_textpage()
                self._open[index] = (page, textpage, textpage.get_text_range())
            except Exception as e:  # PDFium reports a damaged page in several ways
                from ...core.errors import FileError

                raise FileError(
                    self.report.name, f"page {index + 1} cannot be read ({e})"
                ) from None
        return self._open[index]

    def text(self, index: int) -> str:
        return self.get(index)[2]


def _lines(pages: _Pages, index: int) -> list[_Line]:
    """The text lines of page ``index`` with their geometry and paragraph, running title and
    footer gone."""
    import pypdfium2.raw as pdfium_c

    report = pages.report
    try:
        page, textpage, text = pages.get(index)
        owner = _paragraphs(page)
        out = []
        for m in re.finditer(r"[^\r\n]+", text):
            chars = [k for k in range(m.start(), m.end()) if not text[k].isspace()]
            if not chars:
                continue
            box = textpage.get_charbox
            word = len(m.group(0).lstrip().split()[0])
            # the baseline: the median bottom of a few characters (descenders and raised
            # apostrophes aside)
            sample = chars[:: max(1, len(chars) // 7)]
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, chars[0])
            tag = owner.get(pdfium_c.FPDFPageObj_GetMarkedContentID(obj)) if obj else None
            left = box(chars[0])[0]
            out.append(
                _Line(
                    m.group(0).replace("\ufffe", "-").replace("\x02", "-"),
                    index + 1,
                    statistics.median(box(k)[1] for k in sample),
                    left,
                    box(chars[-1])[2],
                    box(chars[min(word, len(chars)) - 1])[2] - left,
                    tag.path if tag else None,
                    bool(tag and tag.kind in ("LBody", "LI")),
                    tag.row if tag else None,
                    textpage,
                    m.start(),
                )
            )
    except Exception as e:  # PDFium reports a damaged page in several ways
        from ...core.errors import FileError

        raise FileError(report.name, f"page {index + 1} cannot be read ({e})") from None
    return [ln for ln in out if ln.base > _FOOTER and not _RUNNING.match(ln.text)]


def _section(pages: _Pages, heading: re.Pattern, first: int) -> list[_Line] | None:
    """The body lines under the first line matching ``heading`` (page ``first`` onwards), up
    to the next section; ``None`` when there is no such heading."""
    body: list[_Line] | None = None
    for index in range(first, pages.report.n_pages):
        if body is None and not any(map(heading.match, pages.text(index).splitlines())):
            continue  # the heading is not on this page: its lines are not needed
        for line in pages.lines(index):
            if body is None:
                if heading.match(line.text):
                    body = []
                continue
            if _END.match(line.text) or (
                heading is _PRIORITY_HEADING and _IMPROVE_HEADING.match(line.text)
            ):
                return body
            if not body and heading.match(line.text):  # the heading again, as a table header
                continue
            body.append(line)
    return body


def read_send_findings(report: Report, priority_plan: bool) -> list[Finding]:
    """The areas for priority action (when a priority action plan is required) and the areas
    for improvement of an area SEND report, in the report's order. A list that cannot be
    delimited with certainty raises :class:`InputError` naming file and page."""
    out: list[Finding] = []
    pages = _Pages(report)
    if priority_plan:
        body = _section(pages, _PRIORITY_HEADING, 1)
        if not body:
            raise InputError(
                "areas for priority action",
                "(no list found)",
                "a table 'Responsible body | Areas for priority action' (a priority action "
                "plan is required)",
                report.where(1),
            )
        out += _priority(report, body)
    body = _section(pages, _IMPROVE_HEADING, 1)
    if not body:
        raise InputError(
            "areas for improvement",
            "(no list found)",
            "a section 'Areas for improvement'",
            report.where(1),
        )
    out += _improve(report, body)
    return out


def _priority(report: Report, body: list[_Line]) -> list[Finding]:
    header = body[0]
    heading = _TABLE_HEADER.match(header.text)
    if heading is None:
        raise InputError(
            "areas for priority action",
            flat(header.text),
            "the table header 'Responsible body Areas for priority action'",
            report.where(header.page - 1),
        )
    # The second column starts where the header's second heading does; a line may hold both
    # cells (PDFium joins text at the same height), so each is split there.
    column = header.textpage.get_charbox(header.start + heading.start(1))[0] - 2
    # Each table row's tag on each page, in order: (page, responsible body, text).
    segments: list[tuple[int, list[str], list[str]]] = []
    where: tuple[int, tuple[int, ...] | None] | None = None
    for line in body[1:]:
        if line.row is None:
            raise _untagged(report, line, "areas for priority action", "row of the table", "row")
        if (line.page, line.row) != where:
            segments.append((line.page, [], []))
            where = (line.page, line.row)
        left, right = line.split(column)
        if left:
            segments[-1][1].append(left)
        if right:
            segments[-1][2].append(right)
    rows: list[tuple[list[str], list[str], int]] = []  # responsible body, text, first page
    for k, (page, who, text) in enumerate(segments):
        first_on_page = k > 0 and segments[k - 1][0] != page
        if rows and first_on_page and _goes_on(rows[-1][1], text):
            rows[-1][0].extend(who)
            rows[-1][1].extend(text)
        else:
            rows.append((who, text, page))
    if not rows or any(not who or not text for who, text, _page in rows):
        raise InputError(
            "areas for priority action",
            flat(" ".join(ln.text for ln in body[:3])),
            "rows of a responsible body and its area for priority action",
            report.where(header.page - 1),
        )
    return [
        Finding(PRIORITY, n, _join(text), page, group=_join(who))
        for n, (who, text, page) in enumerate(rows, 1)
    ]


def _goes_on(before: list[str], text: list[str]) -> bool:
    """Whether the first row of a new page goes on with the row above it (a row broken across
    the page): it holds only the rest of the responsible body, the text above ends
    mid-sentence, or its own text starts in lower case."""
    return not text or not _SENTENCE_END.search(before[-1]) or text[0][:1].islower()


def _join(lines: list[_Line] | list[str]) -> str:
    text = ""
    for line in lines:
        part = (line if isinstance(line, str) else line.text).strip()
        text = text[:-1] + part if text.endswith("-") and part[:1].islower() else f"{text} {part}"
    text = re.sub(rf"\s*[{BULLET}]\s*", " \u2022 ", text)
    return flat(re.sub(r"(?:\s*\u2022)+\s*$", "", text))  # an empty last bullet is not text


def _untagged(report: Report, line: _Line, section: str, element: str, unit: str) -> InputError:
    """The error for a line of ``section`` outside any structure element: without the tag that
    holds each ``element``, where a ``unit`` ends is not certain, so nothing is guessed."""
    return InputError(
        section,
        flat(line.text),
        f"a tagged PDF (each {element} a structure element), so that where a {unit} ends is "
        "certain",
        report.where(line.page - 1),
    )


def _improve(report: Report, body: list[_Line]) -> list[Finding]:
    # A list whose first line is a bullet is a list of bullets; otherwise bullets sit
    # inside the paragraph above them.
    bullets_are_points = body[0].item or body[0].text.lstrip()[:1] in BULLET
    points: list[list[_Line]] = [[body[0]]]
    for prev, line in zip(body, body[1:], strict=False):
        if line.block is None:
            raise _untagged(report, line, "areas for improvement", "paragraph", "point")
        if line.block == prev.block and line.page == prev.page:
            new = False
        elif bullets_are_points or not line.item:
            new = _new_point(report, prev, line, body)
        else:
            new = False  # a bullet inside the point above it
        if new:
            points.append([line])
        else:
            points[-1].append(line)
    out = []
    for n, lines in enumerate(points, 1):
        text = _join(lines)
        number = _NUMBER.match(text)
        out.append(
            Finding(
                IMPROVE,
                n,
                text[number.end() :] if number else text,
                lines[0].page,
                int(number.group(1)) if number else None,
            )
        )
    return out


def _new_point(report: Report, prev: _Line, line: _Line, body: list[_Line]) -> bool:
    """Whether ``line``, the first of a paragraph, starts a new point, by the rule in the
    module's docstring."""
    if not _SENTENCE_END.search(prev.text) or line.text.lstrip()[:1].islower():
        return False  # Word tags a line break inside a paragraph as a paragraph of its own
    if line.page == prev.page:
        return True
    right = max(ln.right for ln in body if ln.page == prev.page)
    if right - prev.right > line.first_word + 3:
        return True
    raise InputError(
        "areas for improvement",
        flat(f"{prev.text} / {line.text}"),
        "a page break whose layout makes certain whether the point goes on (here a "
        "sentence ends at a full line at the foot of the page)",
        report.where(prev.page - 1),
    )
