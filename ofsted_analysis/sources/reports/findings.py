"""What a report asks the local authority to improve: its list of points, verbatim.

* ILACS (2018-): the section "What needs to improve?" on page 2 or 3, one bullet per point,
  ended by the first judgement section ("The experiences and progress of children who need
  help and protection: good"). From 2025 each point ends with a cross-reference to the
  national framework ("(outcome 1, national framework)"), kept as written.
* SIF (2013-17): "What does the local authority need to improve?" with "Priority and
  immediate action" and "Areas for improvement" (2013-15), or "Recommendations" (2015-17):
  numbered points, sometimes under sub-headings ("Leadership, management and governance"),
  ended by the next heading. Points of the LSCB review are not read (they are the board's,
  not the authority's).
* TLAC (2013): "Areas for improvement", bullets under "Immediately:", "Within three months:",
  "Within six months:", ended by the next section ("Outcomes for looked after children ...").

A list is read only when it can be delimited with certainty: its heading is found, every
point starts with the list's marker (bullet or the next number), and the list ends at a
heading. Otherwise :attr:`Findings.problem` says why and no point is returned: nothing is
guessed.

Text is kept as written: line wraps joined with a space, the hyphen PDFium marks at a line
break (U+FFFE) written as "-", a bullet inside a point written as "•".

>>> from pathlib import Path
>>> from ofsted_analysis.sources.reports.common import Report
>>> f = read_findings(Report(Path("../shared/data/reports/leeds/2018-12-18.pdf")), "ilacs")
>>> f.points[0].text
'The consistent involvement of health agencies in strategy discussions.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..points import Finding
from .common import APOS, CONTENTS, MONTH, Report, flat, whole_line

__all__ = ["FRAMEWORKS_READ", "Finding", "Findings", "read_findings"]

# The frameworks whose reports' lists are read (older SLAC and child protection layouts are not:
# no sample to check a reader against).
FRAMEWORKS_READ = ("tlac", "sif", "ilacs", "ilacs_2026")

# Bullet glyphs seen in the reports: PDFium gives Wingdings/Symbol bullets as private-use
# characters (U+F06E, U+F0B7); later reports use a black square.
BULLET = "\uf06e\uf0b7\uf02d\uf0a7\uf0d8\u25fc\u25aa\u25a0\u2022\u25cf\u25fe"
_BULLET_LINE = re.compile(rf"^\s*[{BULLET}]\s*(?P<text>.*)$")
_NUMBERED = re.compile(rf"^\s*(?P<num>\d{{1,3}})\.(?:\s+|(?=[A-Z{APOS[1:-1]}(]))(?P<text>\S.*)$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# ILACS running header (2021-): the title, then "<fieldwork dates> <page>".
_RUNNING_TITLE = whole_line(rf"Inspection of .*children{APOS}s (?:social care )?services")
_RUNNING_DATES = re.compile(rf"^\s*\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTH})\b.*$", re.I)
# TLAC (2013) running header, at the top of a page's text: "Kent County Council Inspection of
# looked after children services 7".
_RUNNING_TLAC = re.compile(
    r"\bInspection of (?:safeguarding and )?looked after children"
    r"(?: services)?\s+\d{1,3}\s*$",
    re.I,
)
# A footnote at the foot of the page ("1 The areas for improvement have been cross-referenced
# with ... national framework"): from there to the end of the page is not the list.
_FOOTNOTE = re.compile(r"^\s*\d{1,2} [A-Z]")

ILACS_HEADING = whole_line(r"What needs to improve(?: in this local authority)?\s*[?:]?\s*\d?")
ILACS_END = re.compile(r"^\s*(?:The )?(?:experiences and progress of|impact of leaders)\b", re.I)

SIF_HEADING = whole_line(r"What does the local authority need to improve\??")
SIF_PRIORITY = whole_line(r"Priority and immediate actions?")
# SIF's heading of its areas for improvement, and the heading of TLAC's whole list.
AREAS_FOR_IMPROVEMENT = whole_line(r"Areas for improvement")
SIF_RECOMMENDATIONS = whole_line(r"Recommendations:?")
# "There are no priority or immediate actions.", "The inspection did not find any areas for
# priority and immediate action.": a statement that the list is empty, not a point.
_NONE = re.compile(
    r"^(?:There (?:are|were) no|The inspection did not find any)\b.*\bpriority", re.I
)
# Section headings that follow the list in SIF reports (when the contents page does not list
# the next one): never a sub-heading of the list. Matched on the flattened line (flat).
_SIF_SECTIONS = whole_line(
    rf"(?:The local authority{APOS}s strengths|The local authority has the following "
    r"strengths:?|Progress since the last inspection|"
    r"Summary for children and young people|Information about this (?:inspection|local "
    r"authority area)|Inspection judgements? about the local authority|Summary of findings|"
    r"Executive summary|The local authority|What the inspection judgements mean.*|"
    r"Section \d.*)"
)
_CONTENTS_ENTRY = re.compile(r"^\s*(?P<title>\S.*?)\s+(?P<page>\d{1,3})\s*$")
# The heading of the LSCB part (not a sentence that opens with the board's name).
_SECTION_2 = whole_line(r"(?:Section 2\b.*|The Local Safeguarding Children Board(?: \(LSCB\))?)")
# A sentence some reports set between the heading and the first recommendation.
_PREAMBLE = re.compile(r"^The following recommendations\b", re.I)
_HEADING_MAX = 70  # a heading line is short; a wrapped line of body text is not


@dataclass
class Findings:
    """The points read from one report, or why its list could not be delimited."""

    points: list[Finding] = field(default_factory=list)
    problem: str | None = None


@dataclass
class _Line:
    text: str
    page: int  # 1-based


TLAC_INTRO = re.compile(r"^\s*\d{1,3}\.\s+In order to improve\b", re.I)
TLAC_WHEN = whole_line(
    r"(?P<when>Immediately|Within (?:one|two|three|four|five|six|nine|twelve|\d+) months?)\s*:?"
)
# The sections that follow the list in TLAC reports.
TLAC_END = re.compile(
    r"^\s*(?:Outcomes for looked after children|Quality of provision|"
    r"Leadership and management|Grade \d|Record of main findings|"
    r"\d{1,3}\.\s)",
    re.I,
)


def read_findings(report: Report, framework: str | None) -> Findings:
    """The points a report asks to improve, by its framework's layout.

    Returns an empty :class:`Findings` with ``problem`` set when the list cannot be delimited
    with certainty (or the framework's reports have no such list read here).
    """
    if framework not in FRAMEWORKS_READ:
        return Findings(
            problem=f"{framework} reports: no list of points to improve is read from this layout"
        )
    if framework in ("ilacs", "ilacs_2026"):
        return _ilacs(report)
    if framework == "sif":
        return _sif(report)
    return _tlac(report)


def _clean(text: str) -> str:
    text = text.replace("\ufffe", "-").replace("\u00ad", "-")
    text = re.sub(rf"\s*[{BULLET}]\s*", " \u2022 ", text)
    return flat(text)


class _Lines:
    """Body lines of pages ``first``..``last`` (0-based), without running headers, page
    numbers and (when ``footnotes``) the footnotes at the foot of each page. A page's text is
    extracted only when a line of it is asked for, so reading stops where the list ends.
    With ``contents``, a contents page among the first six is not body text: the headings it
    lists are collected in ``titles`` (lower case) instead."""

    def __init__(
        self, report: Report, first: int, last: int, footnotes: bool, contents: bool = False
    ):
        self.report, self.next, self.last = report, first, min(last, report.n_pages - 1)
        self.footnotes, self.contents = footnotes, contents
        self.lines: list[_Line] = []
        self.titles: set[str] = set()

    def get(self, k: int) -> _Line | None:
        while k >= len(self.lines) and self.next <= self.last:
            self._load(self.next)
            self.next += 1
        return self.lines[k] if k < len(self.lines) else None

    def _load(self, index: int) -> None:
        text = self.report.text(index)
        if self.contents and index < 6 and (m := CONTENTS.search(text)) is not None:
            self.titles |= _contents_titles(text[m.end() :])
            return
        lines = text.split("\n")
        k = 0
        while k < len(lines) and (
            not lines[k].strip()
            or _PAGE_NUMBER.match(lines[k])
            or _RUNNING_TITLE.match(lines[k])
            or _RUNNING_TLAC.search(lines[k])
            or (k <= 2 and _RUNNING_DATES.match(lines[k]))
        ):
            k += 1
        for line in lines[k:]:
            if self.footnotes and _FOOTNOTE.match(line):
                break
            if _RUNNING_TLAC.search(line):  # PDFium may set the header at the page's foot
                continue
            if line.strip():
                self.lines.append(_Line(line.rstrip(), index + 1))


def _is_heading(line: str) -> bool:
    s = line.strip()
    return (
        len(s) <= _HEADING_MAX
        and not re.search(r"[.;:,]$", s)
        and s[:1].isupper()
        and not _BULLET_LINE.match(s)
    )


# --- ILACS --------------------------------------------------------------------------------


def _ilacs(report: Report) -> Findings:
    lines = _Lines(report, 0, 4, footnotes=True)
    start = 0
    while (heading := lines.get(start)) is not None and not ILACS_HEADING.match(heading.text):
        start += 1
    if heading is None:
        return Findings(problem="no heading 'What needs to improve' on pages 1-5")
    points: list[list[_Line]] = []
    k = start
    while (ln := lines.get(k := k + 1)) is not None:
        if ILACS_END.match(ln.text):
            break
        if not points and _PAGE_NUMBER.match(ln.text):
            continue  # the heading's footnote mark, set on a line of its own
        if (m := _BULLET_LINE.match(ln.text)) is not None:
            points.append([_Line(m.group("text"), ln.page)])
        elif not points:
            return Findings(
                problem=f"the list under 'What needs to improve' (page "
                f"{heading.page}) does not start with a bullet: "
                f"{flat(ln.text)[:60]!r}"
            )
        elif _is_heading(ln.text) and re.search(r"[.)]\s*$", points[-1][-1].text):
            return Findings(
                problem=f"the list under 'What needs to improve' (page "
                f"{heading.page}) is followed by {flat(ln.text)!r}, "
                "not a judgement section"
            )
        else:
            points[-1].append(ln)
    else:
        return Findings(
            problem="the list under 'What needs to improve' runs past page 5 "
            "without reaching a judgement section"
        )
    if not points:
        return Findings(problem=f"no bullet under 'What needs to improve' (page {heading.page})")
    return Findings(
        [
            Finding("improve", n, _clean(" ".join(x.text for x in p)), p[0].page)
            for n, p in enumerate(points, 1)
        ]
    )


# --- SIF ----------------------------------------------------------------------------------


def _contents_titles(text: str) -> set[str]:
    """Headings a contents page lists (lower case, wraps joined)."""
    titles: set[str] = set()
    pending = ""
    for line in text.split("\n"):
        if not line.strip():
            continue
        if (m := _CONTENTS_ENTRY.match(line)) is not None:
            titles.add(flat(f"{pending} {m.group('title')}").lower())
            pending = ""
        else:
            pending = flat(f"{pending} {line}")
    return titles


def _sif(report: Report) -> Findings:
    lines = _Lines(report, 1, 12, footnotes=False, contents=True)
    own = re.compile(
        r"what does the local authority need to improve\??|areas for improvement|"
        r"priority and immediate actions?|recommendations"
    )
    start = kind = None
    k = -1
    while (ln := lines.get(k := k + 1)) is not None:
        if _SECTION_2.match(ln.text):
            break
        if (
            SIF_HEADING.match(ln.text)
            or SIF_PRIORITY.match(ln.text)
            or AREAS_FOR_IMPROVEMENT.match(ln.text)
        ):
            start, kind = k, "improve"
            break
        if SIF_RECOMMENDATIONS.match(ln.text):
            start, kind = k, "recommendation"
            break
    if start is None:
        return Findings(
            problem="no heading 'What does the local authority need to improve?', "
            "'Priority and immediate action', 'Areas for improvement' or "
            "'Recommendations' on pages 2-13 before the LSCB section"
        )
    heading = lines.lines[start]  # loaded by the search above
    where = f"the list under {flat(heading.text)!r} (page {heading.page})"
    if SIF_PRIORITY.match(heading.text):
        kind = "priority_action"
    points: list[dict] = []
    number: int | None = None
    group: str | None = None
    marker: str | None = None  # "number" or "bullet", set by the first point
    preamble = False
    k = start + 1
    while (ln := lines.get(k)) is not None:
        text = ln.text.strip()
        nxt = following.text if (following := lines.get(k + 1)) is not None else ""
        ended = not points or re.search(r"[.)]\s*$", points[-1]["lines"][-1])
        num = _NUMBERED.match(text)
        bullet = _BULLET_LINE.match(text)
        if SIF_HEADING.match(text):
            pass
        elif not points and number is None and (preamble or _PREAMBLE.match(text)) and not num:
            preamble = True  # "The following recommendations are those that ...": not a point
        elif SIF_PRIORITY.match(text):
            kind = "priority_action"
        elif AREAS_FOR_IMPROVEMENT.match(text):
            kind, group = "improve", None
        elif _NONE.match(text) and not num:
            pass
        elif (
            num
            and (marker in (None, "number"))
            and (number is None or int(num.group("num")) == number + 1)
        ):
            number, marker = int(num.group("num")), "number"
            if not _NONE.match(num.group("text")):
                points.append(
                    {
                        "kind": kind,
                        "number": number,
                        "group": group,
                        "page": ln.page,
                        "lines": [num.group("text")],
                    }
                )
        elif num and marker == "number" and ended:
            return Findings(
                problem=f"{where}: point {num.group('num')} follows point "
                f"{number} (numbering broken)"
            )
        elif bullet and (marker == "bullet" or (marker is None and not points)):
            marker = "bullet"
            points.append(
                {
                    "kind": kind,
                    "number": None,
                    "group": group,
                    "page": ln.page,
                    "lines": [bullet.group("text")],
                }
            )
        elif bullet and points:
            points[-1]["lines"].append(text)  # a bullet inside a numbered point
        elif _SIF_SECTIONS.match(flat(text)) or (
            flat(text).lower() in lines.titles and not own.fullmatch(flat(text).lower())
        ):
            break  # the next section: the list is over
        elif ended and _is_heading(text):
            follows = _NUMBERED.match(nxt) if marker != "bullet" else _BULLET_LINE.match(nxt)
            if (
                follows
                and marker != "bullet"
                and (number is None or int(follows.group("num")) == number + 1)
            ):
                group = flat(text)
            elif follows and marker == "bullet":
                group = flat(text)
            elif marker is None and (SIF_PRIORITY.match(nxt) or AREAS_FOR_IMPROVEMENT.match(nxt)):
                pass
            else:
                break  # the next heading: the list is over
        elif points:
            points[-1]["lines"].append(text)
        else:
            return Findings(
                problem=f"{where} does not start with a numbered point: {flat(text)[:60]!r}"
            )
        k += 1
    else:
        return Findings(problem=f"{where} runs to page 13 without reaching another heading")
    if not points:
        if number is not None:  # only "There are no priority actions" and the like
            return Findings(problem=f"{where} states that there are no points")
        return Findings(problem=f"{where} has no numbered point")
    return Findings(
        [
            Finding(p["kind"], n, _clean(" ".join(p["lines"])), p["page"], p["number"], p["group"])
            for n, p in enumerate(points, 1)
        ]
    )


# --- TLAC ---------------------------------------------------------------------------------


def _tlac(report: Report) -> Findings:
    """TLAC (2013): "Areas for improvement", a numbered sentence ("In order to improve ...
    the local authority should take the following action."), then bullets under
    "Immediately:", "Within three months:" and "Within six months:" (kept as ``group``)."""
    lines = _Lines(report, 1, report.n_pages - 1, footnotes=False)
    k = 0
    while (heading := lines.get(k)) is not None and not AREAS_FOR_IMPROVEMENT.match(heading.text):
        k += 1
    if heading is None:
        return Findings(problem="no heading 'Areas for improvement' on a line of its own")
    where = f"the list under 'Areas for improvement' (page {heading.page})"
    intro = lines.get(k := k + 1)
    if intro is None or not TLAC_INTRO.match(intro.text):
        return Findings(problem=f"{where} does not open with 'In order to improve ...'")
    while (ln := lines.get(k := k + 1)) is not None and not TLAC_WHEN.match(ln.text):
        if _BULLET_LINE.match(ln.text) or TLAC_END.match(ln.text):
            return Findings(
                problem=f"{where}: no timescale ('Immediately:', 'Within three "
                "months:') before the first bullet"
            )
    points: list[list[_Line]] = []
    groups: list[str | None] = []
    group = None
    while ln is not None:
        if (m := TLAC_WHEN.match(ln.text)) is not None:
            group = m.group("when")
        elif TLAC_END.match(ln.text):
            break
        elif (m := _BULLET_LINE.match(ln.text)) is not None:
            points.append([_Line(m.group("text"), ln.page)])
            groups.append(group)
        elif points:
            points[-1].append(ln)
        else:
            return Findings(
                problem=f"{where}: text before the first bullet: {flat(ln.text)[:60]!r}"
            )
        ln = lines.get(k := k + 1)
    else:
        return Findings(problem=f"{where} runs to the end of the report")
    if not points:
        return Findings(problem=f"{where} has no bullet")
    return Findings(
        [
            Finding("improve", n, _clean(" ".join(x.text for x in p)), p[0].page, None, g)
            for n, (p, g) in enumerate(zip(points, groups, strict=True), 1)
        ]
    )
