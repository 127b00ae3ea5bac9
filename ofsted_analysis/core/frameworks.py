"""Inspection frameworks, event types and harmonised judgement areas.

This is where a release's wording is understood: :func:`classify_heading` turns a column heading
("First SIF children who need help and protection", "The impact of leaders on social work
practice with children and families", "SLAC re-inspection Safeguarding OE") into what it means,
and :func:`parse_event_type` reads an "Inspection type" cell ("ILACS Short Inspection",
"LA Monitoring visit"). Readers never rely on sheet names or column positions, only on this
vocabulary, so a release with new sheet names or reordered columns reads without code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .errors import InputError

FRAMEWORKS: dict[str, str] = {
    "slac": "Safeguarding and looked after children (SLAC)",
    "child_protection": "Child protection inspection (CPI / CPRI)",
    "tlac": "Targeted looked after children (TLAC)",
    "sif": "Single inspection framework (SIF)",
    "ilacs": "Inspection of local authority children's services (ILACS)",
    "ilacs_2026": "ILACS from April 2026 (no overall effectiveness)",
}

EVENTS: tuple[str, ...] = (
    "full",
    "reinspection",
    "standard",
    "short",
    "focused_visit",
    "monitoring_visit",
)
UNGRADED_EVENTS: frozenset[str] = frozenset({"focused_visit", "monitoring_visit"})

AREAS: dict[str, str] = {
    "overall": "Overall effectiveness",
    "leadership": "Leadership / impact of leaders",
    "help_and_protection": "Children who need help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption performance",
    "lscb": "LSCB review",
}

# Frameworks whose scale had "Adequate" (grade 3) where SIF and ILACS say "Requires
# improvement": their reports read "Adequate (Grade 3)" (e.g. the 2013 child protection
# inspections of Kent and Norfolk); the releases and this project store it as Requires improvement.
ADEQUATE_SCALE: frozenset[str] = frozenset({"slac", "child_protection", "tlac"})

ILACS_START = date(2018, 1, 1)
ILACS_2026_START = date(2026, 4, 1)
CARE_LEAVERS_JUDGEMENT_START = date(2023, 1, 1)

# Framework eras as charts shade them: (label, first day, day after the last).
ERAS: tuple[tuple[str, date, date | None], ...] = (
    ("SLAC", date(2009, 6, 1), date(2012, 6, 1)),
    ("CPI", date(2012, 6, 1), date(2013, 11, 1)),
    ("SIF", date(2013, 11, 1), ILACS_START),
    ("ILACS", ILACS_START, ILACS_2026_START),
    ("ILACS 2026", ILACS_2026_START, None),
)


def _norm(text: str) -> str:
    # "Local_authority_name", as R and pandas exports write headings, reads as the words.
    text = text.replace("\u2019", "'").replace("_", " ").lower()
    return re.sub(r"\s+", " ", text).strip()


# --- column headings -------------------------------------------------------------------------

_IDENTITY = (
    ("la_code", re.compile(r"area code|\bla code\b|\bons code\b|\bgss code\b|^la_code_new$")),
    ("la_status", re.compile(r"authority status")),
    ("la_name", re.compile(r"^(local authority|la)( name)?$|^local authority name$|^la name$")),
    ("region", re.compile(r"region")),
)
_IGNORED = re.compile(r"web ?link|authority type|^la authority type$")
_PROVIDER = re.compile(r"^urn$|provision type|provider")

_FIELDS = (
    ("published", re.compile(r"publication date|date published|published")),
    ("end_date", re.compile(r"end date")),
    ("start_date", re.compile(r"(inspection|visit)( ?/ ?visit)? (start )?date|^start date$")),
    ("event_type", re.compile(r"(inspection|visit)( ?/ ?visit)? type")),
    ("theme", re.compile(r"theme")),
)

_FRAMEWORK_TOKENS = (
    ("tlac", None, re.compile(r"\btlac\b|targeted looked after")),
    ("child_protection", "reinspection", re.compile(r"\bcpri\b|child protection re-?inspection")),
    ("child_protection", "full", re.compile(r"\bcpi\b|child protection inspection")),
    ("slac", None, re.compile(r"\bslac\b|safeguarding (&|and) looked after")),
    ("sif", None, re.compile(r"\bsif\b|single inspection")),
    ("ilacs_2026", None, re.compile(r"\bilacs 2026\b")),
    ("ilacs", None, re.compile(r"\bilacs\b|inspection of local authority children")),
)
_REINSPECTION = re.compile(r"re-?inspection")
# "Previous inspection date", "Overall effectiveness at previous inspection": an inspection
# before the row's own, read as one of its own (its ordinal PREVIOUS) with its own dates.
_PREVIOUS = re.compile(r"\b(previous|prior|preceding)\b")
PREVIOUS = -1
# "Number of children looked after", "% of children in care": a measure, not a judgement.
_MEASURE = re.compile(r"^(number|no\.|count|percentage|proportion|rate)\b|%|\bper \d")
_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b")
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
}

# Judgement phrases, most specific first.
_AREA_PHRASES = (
    ("children_in_care", re.compile(r"children in care and care leavers")),
    ("care_leavers", re.compile(r"care leavers")),
    ("adoption", re.compile(r"adoption")),
    ("help_and_protection", re.compile(r"help and protection")),
    (
        "children_in_care",
        re.compile(r"children in care|looked after and achieving permanence|children looked after"),
    ),
    ("leadership", re.compile(r"impact of leaders|leadership")),
    ("lscb", re.compile(r"\blscb\b|safeguarding children board")),
    ("overall", re.compile(r"overall effectiveness|overall judgement|\(oe\)|\boe\b")),
)


@dataclass(frozen=True)
class Heading:
    """What one column heading means.

    ``kind`` is ``identity`` (la_name, la_code, region, la_status), ``field`` (published,
    start_date, end_date, event_type, theme), ``judgement`` (``name`` is the harmonised area
    before framework adjustment), ``ignored``, ``provider`` or ``unknown``. ``framework``,
    ``event``, ``ordinal`` and ``subgroup`` describe the column group a wide table puts it in.
    """

    text: str
    kind: str
    name: str | None = None
    framework: str | None = None
    event: str | None = None
    ordinal: int | None = None
    subgroup: str | None = None

    @property
    def group(self) -> tuple:
        return (self.framework, self.event, self.ordinal, self.subgroup)


@lru_cache(maxsize=4096)
def classify_heading(text: object) -> Heading:
    """Read one column heading.

    >>> classify_heading("First SIF children who need help and protection").group
    ('sif', 'full', 1, None)
    >>> classify_heading("The impact of leaders on social work practice with children").name
    'leadership'
    """
    raw = "" if text is None else str(text)
    h = _norm(raw)
    if not h:
        return Heading(raw, "unknown")
    if _PROVIDER.search(h):
        return Heading(raw, "provider")
    if _IGNORED.search(h):
        return Heading(raw, "ignored")
    for name, pattern in _IDENTITY:
        if pattern.search(h):
            return Heading(raw, "identity", name)

    framework = event = None
    for fw, ev, pattern in _FRAMEWORK_TOKENS:
        if pattern.search(h):
            framework, event = fw, ev
            break
    if framework is not None and event is None:
        event = "reinspection" if _REINSPECTION.search(h) else "full"
    m = _ORDINAL.search(h)
    ordinal = PREVIOUS if _PREVIOUS.search(h) else _ORDINALS[m.group(1)] if m else None
    subgroup = None
    if framework == "slac":
        safeguarding = "safeguarding" in h.replace("safeguarding & looked after", "").replace(
            "safeguarding and looked after", ""
        )
        looked_after = "looked after" in h.replace("safeguarding & looked after", "").replace(
            "safeguarding and looked after", ""
        )
        if safeguarding != looked_after:
            subgroup = "safeguarding" if safeguarding else "looked_after"

    def make(kind: str, name: str) -> Heading:
        return Heading(raw, kind, name, framework, event, ordinal, subgroup)

    for name, pattern in _FIELDS:
        if pattern.search(h):
            return make("field", name)
    for area, pattern in _AREA_PHRASES:
        if pattern.search(h) and not _MEASURE.search(h):
            return make("judgement", area)
    return Heading(raw, "unknown")


def harmonised_area(phrase_area: str, framework: str | None, subgroup: str | None) -> str:
    """Map a judgement phrase's area to the design's harmonised area for a framework.

    An "overall effectiveness" means different things in different frameworks: SLAC judged
    safeguarding and looked-after children separately, a child protection inspection judged
    help and protection, a TLAC judged children in care.
    """
    if phrase_area != "overall":
        return phrase_area
    if framework == "slac":
        return "children_in_care" if subgroup == "looked_after" else "help_and_protection"
    if framework == "child_protection":
        return "help_and_protection"
    if framework == "tlac":
        return "children_in_care"
    return "overall"


# --- inspection type cells -------------------------------------------------------------------

_EVENT_WORDS = (
    ("focused_visit", re.compile(r"focused visit")),
    ("monitoring_visit", re.compile(r"monitoring visit")),
    ("short", re.compile(r"\bshort\b")),
    ("standard", re.compile(r"\bstandard\b|longer than standard")),
    ("reinspection", re.compile(r"re-?inspection")),
    ("full", re.compile(r"\bfull\b|^inspection$")),
)


def parse_event_type(value: object) -> tuple[str | None, str]:
    """Read an "Inspection type" cell into (framework or None, event).

    >>> parse_event_type("ILACS Short Inspection"), parse_event_type("LA Monitoring visit")
    (('ilacs', 'short'), (None, 'monitoring_visit'))
    """
    h = _norm(str(value))
    framework = None
    for fw, _ev, pattern in _FRAMEWORK_TOKENS:
        if pattern.search(h):
            framework = fw
            break
    for event, pattern in _EVENT_WORDS:
        if pattern.search(h):
            return framework, event
    raise InputError(
        "inspection type",
        value,
        "a type naming a standard, short or full inspection, a re-inspection, "
        "a focused visit or a monitoring visit",
    )


def infer_framework(start: date | None, published: date | None, event: str | None) -> str:
    """Framework of an inspection whose source does not name it, from its dates.

    Only used for rows whose source covers ILACS-era work (scrape, curated, type cells
    without a framework word): ILACS from 2018, ILACS 2026 for fieldwork from April 2026.
    """
    when = start or published
    if when is None:
        return "ilacs"
    if start is not None and start >= ILACS_2026_START:
        return "ilacs_2026"
    if when >= ILACS_START:
        return "ilacs"
    if when >= date(2013, 11, 1):
        return "sif"
    return "slac"


# Short column headings for areas in wide tables.
AREA_COLUMNS = {
    "overall": "Overall",
    "leadership": "Leadership",
    "help_and_protection": "Help & protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "LSCB",
}


FRAMEWORK_SHORT = {
    "slac": "SLAC",
    "child_protection": "CPI",
    "tlac": "TLAC",
    "sif": "SIF",
    "ilacs": "ILACS",
    "ilacs_2026": "ILACS 2026",
}


def area_word(area: str) -> str:
    word = AREA_COLUMNS[area]
    return (
        "overall effectiveness" if area == "overall" else (word if word.isupper() else word.lower())
    )


def framework_name(f: str) -> str:
    """The framework's long name without the abbreviation in brackets."""
    import re

    return re.sub(r"\s*\([^()]*\)\s*$", "", FRAMEWORKS[f])
