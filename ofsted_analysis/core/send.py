"""Area SEND inspections' vocabulary: the two frameworks, their events and the 2023
framework's three outcomes, each with the words the sources use for it (defined once here).

Ofsted and the CQC inspect each local area's services for children and young people with
special educational needs and/or disabilities (SEND). The 2016 framework (May 2016 to December
2022) gave no grade: a written statement of action (WSoA) was required or not, and an area
with one was revisited. The 2023 framework (from January 2023) has three outcomes, ordered
here from worst to best.

>>> send_outcome("There are widespread and/or systemic failings leading to significant concerns")
'systemic_failings'
>>> send_outcome("Typically positive experiences and outcomes")
'positive'
>>> framework_of(date(2022, 12, 5)), framework_of(date(2023, 1, 30))
('area_send_2016', 'area_send_2023')
"""

from __future__ import annotations

import re
from datetime import date

FRAMEWORK_2016 = "area_send_2016"
FRAMEWORK_2023 = "area_send_2023"
FRAMEWORKS = (FRAMEWORK_2016, FRAMEWORK_2023)
#: The first day of the 2023 framework's inspections.
START_2023 = date(2023, 1, 1)
#: The first month of the 2016 framework's (the first area SEND inspections).
START_2016 = date(2016, 5, 1)
#: Each framework's years, as a sentence names them.
FRAMEWORK_YEARS = {
    FRAMEWORK_2016: "2016 framework (May 2016 to December 2022)",
    FRAMEWORK_2023: "2023 framework (from January 2023)",
}
#: full inspection, revisit (2016 framework, of an area with a WSoA), monitoring inspection
#: (2023 framework, of an area with systemic failings)
EVENTS = ("full", "revisit", "monitoring")

#: The 2023 framework's outcomes, worst first (the order of the stored categorical).
SEND_OUTCOMES = ("systemic_failings", "inconsistent", "positive")
OUTCOME_LABELS = {
    "systemic_failings": "Widespread and/or systemic failings",
    "inconsistent": "Inconsistent experiences and outcomes",
    "positive": "Typically positive experiences and outcomes",
}
# The words that name each outcome in a report's sentence, Ofsted's management information and
# Data to Insight's text (one pattern per outcome; a wording matching none or two is refused).
_OUTCOME_WORDS = {
    "systemic_failings": re.compile(r"widespread\s+and/or\s+systemic\s+failings", re.I),
    "inconsistent": re.compile(r"\binconsistent\s+experiences\s+and\s+outcomes", re.I),
    "positive": re.compile(r"\btypically\s+(?:lead\s+to\s+)?positive\s+experiences", re.I),
}
#: Revisit outcomes of the 2016 framework: sufficient progress in addressing all significant
#: weaknesses (``all``), some of them (``some``) or none (``none``); Yes and No may be
#: shortened to their initials.
REVISIT_OUTCOMES = {"yes": "all", "some": "some", "no": "none", "y": "all", "n": "none"}


def send_outcome(wording: object) -> str | None:
    """The outcome a wording states, or ``None`` when it states none or more than one."""
    text = re.sub(r"\s+", " ", str(wording or ""))
    found = [name for name, pattern in _OUTCOME_WORDS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def framework_of(start: date) -> str:
    """The framework an area SEND inspection that started on ``start`` was made under."""
    return FRAMEWORK_2023 if start >= START_2023 else FRAMEWORK_2016


def send_outcome_dtype():
    """The pandas ordered categorical dtype of ``outcome`` (imports pandas lazily)."""
    import pandas as pd

    return pd.CategoricalDtype(list(SEND_OUTCOMES), ordered=True)
