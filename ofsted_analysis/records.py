"""What a source reader produces: inspections as one source saw them.

Every reader (official release, D2I scrape, curated CSV, report PDF) turns its file into a list
of :class:`SourceInspection`; :mod:`ofsted_analysis.merge` then matches the same inspection
across sources and writes the tidy tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .errors import Location

# Precedence when sources disagree: lower wins (official release over scrape over curated).
SOURCE_RANK: dict[str, int] = {"official": 0, "report": 1, "scrape": 2, "curated": 3}


@dataclass
class SourceJudgement:
    area: str          # harmonised area (frameworks.AREAS)
    area_label: str    # the source's own wording of the judgement
    grade: str         # canonical grade (grades.GRADES)
    grade_label: str   # the source's own wording of the grade
    where: Location


@dataclass
class SourceInspection:
    la_code: str                 # resolved GSS code
    framework: str               # frameworks.FRAMEWORKS key
    event: str | None            # frameworks.EVENTS, None when the source does not say
    start_date: date | None
    end_date: date | None
    published: date | None
    source_kind: str             # SOURCE_RANK key
    where: Location              # the row (or page) the inspection was read from
    judgements: list[SourceJudgement] = field(default_factory=list)
    theme: str | None = None     # focused / monitoring visit theme
    la_name_source: str = ""     # the name as the source spelt it

    @property
    def key_date(self) -> date | None:
        return self.start_date or self.published


def check_dates(inspection: SourceInspection, today: date | None = None) -> list[Exception]:
    """Dates an inspection cannot have: before 2009, in the future, published before fieldwork."""
    from .dates import EARLIEST
    from .errors import InputError

    today = today or date.today()
    problems: list[Exception] = []
    for name in ("start_date", "end_date", "published"):
        value = getattr(inspection, name)
        if value is not None and not (EARLIEST <= value <= today):
            problems.append(InputError(
                name.replace("_", " "), value.isoformat(),
                f"a date between {EARLIEST.isoformat()} and today ({today.isoformat()})",
                inspection.where))
    s, e, p = inspection.start_date, inspection.end_date, inspection.published
    if s and p and p < s:
        problems.append(InputError(
            "publication date", p.isoformat(),
            f"a date on or after the fieldwork start {s.isoformat()}", inspection.where))
    if s and e and e < s:
        problems.append(InputError(
            "end date", e.isoformat(), f"a date on or after the start {s.isoformat()}",
            inspection.where))
    return problems
