"""Grade words: where every spelling of an Ofsted grade is parsed.

Ofsted's four-point scale is stored as an ordered categorical,
``Inadequate < Requires improvement < Good < Outstanding``. The SLAC-era ``Adequate`` is stored as
Requires improvement (the verbatim word stays in ``grade_label``). Placeholders that mean
"not judged" are recognised and yield no grade; any other word is an :class:`InputError`.
"""

from __future__ import annotations

import re

from .errors import InputError

GRADES: tuple[str, ...] = ("Inadequate", "Requires improvement", "Good", "Outstanding")
"""The grades in ascending order."""

# Every spelling seen in a source, normalised by _key(). Numeric codes are Ofsted's 1-4 scale.
_WORDS: dict[str, str] = {
    "outstanding": "Outstanding",
    "1": "Outstanding",
    "good": "Good",
    "2": "Good",
    "requires improvement": "Requires improvement",
    "requires improvement to be good": "Requires improvement",
    "require improvement": "Requires improvement",  # SIF sentences: "services ... require ..."
    "require improvement to be good": "Requires improvement",
    "ri": "Requires improvement",
    "adequate": "Requires improvement",
    "3": "Requires improvement",
    # The D2I scraper's reading of a wrapped "Requires improvement to be good" on two reports.
    "to requires improvement": "Requires improvement",
    "inadequate": "Inadequate",
    "4": "Inadequate",
}

# Cells that mean "no judgement here"; they never become grades or rows.
PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "",
        "-",
        "--",
        "n/a",
        "na",
        "not applicable",
        "not judged",
        "not graded",
        "none",
        "nan",
        ".",
        "x",
        "z",
        "data_unreadable",
        "inspection_pre_dates_judgement",
        "not_reported_post_reform",
        "not reported (2026 framework change)",
        "not yet inspected",
        "not inspected",
        "not yet judged",
        "no inspection",
    }
)


# A placeholder worded in a way not met before is recognised by what it says: a negation ("no",
# "not", "none", "n/a", "never", "nil") with what was not done or does not apply ("inspected",
# "inspection", "applicable", "exist", "created", "yet", "judged", "reported", ...): "Not
# inspected since the LA was created", "LA did not exist", "No inspection under this
# framework". A cell that also holds a grade word is never one (a misspelt grade has no
# negation, so it is still refused).
_NEGATION = re.compile(r"(?<![a-z])(?:no|not|none|never|nil|n/a)(?![a-z])")
_NOT_DONE = re.compile(
    r"(?<![a-z])(?:inspect(?:ed|ion|ions)?|applicable|apply|appl(?:ies|icable)|exist(?:s|ed|ence|ing)?|"
    r"created|yet|judged|judgement|reported|graded|rated|available)(?![a-z])"
)
_GRADE_WORD = re.compile(r"outstanding|good|improvement|inadequate|adequate")


def _says_not_judged(key: str) -> bool:
    return bool(_NEGATION.search(key) and _NOT_DONE.search(key) and not _GRADE_WORD.search(key))


def _key(word: str) -> str:
    word = word.strip().lower()
    # Government statistics write their shorthand in brackets: '[x]' not available, '[z]'
    # not applicable (the GSS guidance for spreadsheets).
    if (shorthand := re.fullmatch(r"\[(\w+)\]", word)) and shorthand[1] in PLACEHOLDERS:
        word = shorthand[1]
    word = re.sub(r"\.0$", "", word)  # numeric grades read from spreadsheets as floats
    return re.sub(r"\s+", " ", word)


def parse_grade(value: object) -> str | None:
    """Return the canonical grade for a cell, ``None`` for a "not judged" placeholder.

    >>> parse_grade("Requires improvement to be good"), parse_grade("adequate"), parse_grade(" - ")
    ('Requires improvement', 'Requires improvement', None)

    Raises :class:`InputError` for anything else.
    """
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    key = _key(str(value))
    if key in PLACEHOLDERS or _says_not_judged(key):
        return None
    try:
        return _WORDS[key]
    except KeyError:
        raise InputError(
            "grade",
            value,
            "Outstanding, Good, Requires improvement (to be good), "
            "Adequate, Inadequate, or a 'not judged' placeholder such as '-'",
        ) from None


def is_placeholder(value: object) -> bool:
    """True for a written "no value here" cell ('-', 'N/A', 'Not yet inspected', ...), in any
    column, dates included: one of :data:`PLACEHOLDERS`, or words that say no inspection or
    judgement was made or applies ("LA did not exist"); False for blanks and for real values.

    >>> is_placeholder("Not yet inspected"), is_placeholder(" N/A "), is_placeholder("")
    (True, True, False)
    >>> is_placeholder("Not inspected since the LA was created"), is_placeholder("Goood")
    (True, False)
    """
    if not isinstance(value, str) or not value.strip():
        return False
    key = _key(value)
    return key in PLACEHOLDERS or _says_not_judged(key)


def is_grade_like(value: object) -> bool:
    """True when a cell holds a grade word (not a placeholder). Used to spot unmapped columns."""
    if value is None or not isinstance(value, str):
        return False
    return _key(value) in _WORDS and not _key(value).isdigit()


def grade_dtype():
    """The pandas ordered categorical dtype of ``grade`` (imports pandas lazily)."""
    import pandas as pd

    return pd.CategoricalDtype(list(GRADES), ordered=True)
