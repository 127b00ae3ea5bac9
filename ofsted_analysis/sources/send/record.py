"""What the area SEND readers produce: one :class:`SendRecord` per inspection, revisit or
monitoring inspection a source states, with where it was read, and the points a report asks
to improve (:class:`~ofsted_analysis.sources.points.Finding`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...core.authorities import Authority, register
from ...core.errors import InputError, Location
from ..points import Finding

#: Precedence when sources disagree (lower wins): Ofsted's official statistics, then the
#: report itself, then the summaries (Ofsted's management information, Data to Insight's
#: scrape, ADCS's summary).
SOURCE_RANK = {"official": 0, "report": 1, "management_information": 2, "scrape": 3, "adcs": 4}


@dataclass
class SendRecord:
    la_code: str
    la_name_source: str
    framework: str
    event: str
    source_kind: str
    file: str
    sheet: str | None = None
    row: int | None = None
    page: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    published: date | None = None
    wsoa: bool | None = None
    significant_weaknesses: int | None = None
    weaknesses_sufficient_progress: int | None = None
    revisit_outcome: str | None = None
    outcome: str | None = None
    outcome_wording: str | None = None
    priority_action_plan: bool | None = None
    areas_for_priority_action: int | None = None
    previous_inspection: date | None = None
    next_inspection: str | None = None
    date_precision: str = "day"  # "month" where the source gives only the month
    findings: list[Finding] = field(default_factory=list)


def area_of(name: str, when: date | None, where: Location, code: str | None = None) -> Authority:
    """The register's authority for a source's area: by its GSS code or DfE number when the
    source gives one, else by name on the inspection's date (an area reorganised since is the
    authority that existed then). An unknown code or name is an :class:`InputError` there."""
    reg = register()
    if code:
        found = reg.by_gss(code)
        if found is None:
            raise InputError("authority code", code, "a GSS code or DfE LA number", where)
        if when is None or found.exists_on(when):
            return found
        # A code of an authority reorganised before the inspection (Data to Insight gives
        # Dorset the county's number): the successor of that name existing then.
        successors = [reg.by_code[c] for c in found.successors]
        named = [a for a in reg.matches(name, when) if a in successors]
        if len(named) != 1:
            raise InputError(
                "authority code",
                code,
                f"an authority that existed on {when.isoformat()} ({found.ended})",
                where,
            )
        return named[0]
    try:
        return reg.resolve(name, when)
    except InputError as e:
        from ...core.checks import regions

        if name.strip().casefold() in {"england", *(r.casefold() for r in regions())}:
            raise InputError(
                "area",
                name,
                "a local area (an authority): England and its regions are totals, never an "
                "inspected area; remove the total rows",
                where,
            ) from None
        raise e.at(where) from None
