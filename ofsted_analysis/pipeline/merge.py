"""Merge: the same inspection seen in several sources becomes one inspection.

Matching (per authority, inspections with inspections and visits with visits of the same kind):

* two records match when a date they both have (fieldwork start, end or publication) agrees
  within :data:`TOLERANCE` days and no date they both have differs by more than
  :data:`MISMATCH` days; frameworks must agree where both state one; matches chain, so two
  records joined through a third may differ by more (every such difference, like every other
  date disagreement, is a row of the conflicts table);
* a record with only a fieldwork date (an as-at table) and one with only a publication date
  match when publication follows fieldwork within :data:`PUBLICATION_LAG` days; matches chain,
  so an as-at row joins its publication date through a third table that has both.

Precedence when matched records disagree (defined once, :data:`records.SOURCE_RANK`): official
release over report PDF over scrape over curated; among official releases the later release
(the one whose latest date is later) wins, because Ofsted corrects earlier releases in later
ones. Every disagreement, on a grade or on a date (fieldwork start, end, publication), is kept
in the conflicts table (inspection, field, area, both values, both sources, the rule); nothing
is dropped silently. An inspection no source names the framework of gets it from its dates
(:func:`frameworks.infer_framework`), so no row has an unknown framework.
Two records of one inspection in the same sheet are a duplicate-row error, and two different
grades for one judgement within one file are an error (a file must agree with itself).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from ..core.authorities import Register
from ..core.errors import InputError, InputErrors
from ..core.frameworks import CARE_LEAVERS_JUDGEMENT_START, UNGRADED_EVENTS, infer_framework
from ..storage.schema import INSPECTION_DATES
from .records import SOURCE_RANK, SourceInspection, SourceJudgement

T = TypeVar("T")
TOLERANCE = 7
MISMATCH = 60
PUBLICATION_LAG = 150


@dataclass
class Merged:
    judgements: list[dict]
    events: list[dict]
    conflicts: list[dict]


def _kind(i: SourceInspection) -> str:
    return i.event if i.event in UNGRADED_EVENTS else "inspection"


def _days(a: date | None, b: date | None) -> int | None:
    return None if a is None or b is None else abs((a - b).days)


def _match(a: SourceInspection, b: SourceInspection) -> bool:
    if (
        a.framework
        and b.framework
        and a.framework != b.framework
        and {a.framework, b.framework} != {"ilacs", "ilacs_2026"}
    ):
        return False
    pairs = [
        _days(a.start_date, b.start_date),
        _days(a.end_date, b.end_date),
        _days(a.published, b.published),
    ]
    known = [d for d in pairs if d is not None]
    if known:
        return min(known) <= TOLERANCE and max(known) <= MISMATCH
    for x, y in ((a, b), (b, a)):
        if x.start_date and y.published and x.published is None and y.start_date is None:
            return 0 <= (y.published - x.start_date).days <= PUBLICATION_LAG
    return False


def _order(inspections: list[SourceInspection]) -> dict[str, tuple]:
    """Sort key per file: source rank, then later release first, then file name."""
    latest: dict[str, date] = {}
    for i in inspections:
        d = i.published or i.start_date
        if d and (i.where.file not in latest or d > latest[i.where.file]):
            latest[i.where.file] = d
    files = {i.where.file: i.source_kind for i in inspections}
    return {
        f: (SOURCE_RANK[kind], -(latest.get(f, date.min).toordinal()), f)
        for f, kind in files.items()
    }


def merge(inspections: list[SourceInspection], reg: Register) -> Merged:
    """Match, reconcile and flatten source inspections into tidy rows."""
    file_order = _order(inspections)

    def rank(i: SourceInspection) -> tuple:
        return (*file_order[i.where.file], i.where.sheet or "", i.where.row or 0)

    groups: dict[tuple[str, str], list[SourceInspection]] = defaultdict(list)
    for i in inspections:
        groups[(i.la_code, _kind(i))].append(i)

    clusters: list[list[SourceInspection]] = []
    for members in groups.values():
        clusters.extend(sorted(c, key=rank) for c in match_clusters(members, _match))

    errors: list[Exception] = []
    out = Merged([], [], [])
    used_ids: set[str] = set()
    for cluster in sorted(clusters, key=lambda c: (c[0].la_code, _sort_date(c), rank(c[0]))):
        seen: dict[tuple, SourceInspection] = {}
        for m in cluster:
            key = (m.where.file, m.where.sheet)
            if key in seen:
                errors.append(
                    InputError(
                        "row",
                        f"{m.la_name_source} {m.start_date or m.published}",
                        "one row per inspection: this inspection is also in row "
                        f"{seen[key].where.row} (duplicate row)",
                        m.where,
                    )
                )
            seen[key] = m
        _emit(cluster, reg, out, used_ids, errors)
    if errors:
        raise InputErrors(errors)
    return out


def unique_id(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... when taken (two inspections of one authority
    keyed by the same date); the id returned is added to ``used``."""
    inspection_id, n = base, 1
    while inspection_id in used:
        n += 1
        inspection_id = f"{base}-{n}"
    used.add(inspection_id)
    return inspection_id


def match_clusters(members: list[T], match: Callable[[T, T], bool]) -> list[list[T]]:
    """Connected groups of records that ``match`` (union-find; matches chain); the area SEND
    merge groups its records by the same rule."""
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x in range(len(members)):
        for y in range(x + 1, len(members)):
            if match(members[x], members[y]):
                parent[find(x)] = find(y)
    by_root: dict[int, list[T]] = defaultdict(list)
    for x, m in enumerate(members):
        by_root[find(x)].append(m)
    return list(by_root.values())


def _sort_date(cluster: list[SourceInspection]) -> date:
    return min((m.start_date or m.published or date.max) for m in cluster)


def _first(cluster: list[SourceInspection], attr: str):
    return next((getattr(m, attr) for m in cluster if getattr(m, attr) is not None), None)


def _rule(kept: SourceInspection, other: SourceInspection) -> str:
    """Why ``kept``'s value won (the precedence of :func:`_order`)."""
    if kept.source_kind != other.source_kind:
        return f"{kept.source_kind} over {other.source_kind}"
    if kept.where.file != other.where.file:
        return "later release over earlier"
    return "first table of the file over a later one"


def _not_judged_then(
    framework: str, start: date | None, published: date | None, by_area: dict
) -> list[str]:
    """Areas recorded for an inspection whose framework had no such judgement at its date."""
    # Fieldwork starts before publication: a report published before January 2023 is of
    # fieldwork before it too.
    first_day = start or published
    if (
        framework == "ilacs"
        and "care_leavers" in by_area
        and first_day is not None
        and first_day < CARE_LEAVERS_JUDGEMENT_START
    ):
        return ["care_leavers"]
    return []


def _emit(cluster, reg, out: Merged, used_ids: set[str], errors: list[Exception]) -> None:
    authority = reg.by_code[cluster[0].la_code]
    event = _first(cluster, "event")
    start, end = _first(cluster, "start_date"), _first(cluster, "end_date")
    published, theme = _first(cluster, "published"), _first(cluster, "theme")
    # No source named the framework (a scrape row of an unreadable report): the dates decide.
    framework = _first(cluster, "framework") or infer_framework(start, published, event)
    if event in UNGRADED_EVENTS:
        key_date = start or published
        base = f"{authority.la_code}-{event}-{key_date.isoformat()}"
    else:
        key_date = published or start
        base = f"{authority.la_code}-{framework}-{key_date.isoformat()}"
    inspection_id = unique_id(base, used_ids)
    common = {
        "la_code": authority.la_code,
        "la_name": authority.la_name,
        "la_number": authority.la_number,
        "region": authority.region,
        "inspection_id": inspection_id,
        "framework": framework,
        "event": event,
        "start_date": start,
        "end_date": end,
        "published": published,
    }
    for name in INSPECTION_DATES:
        holders = [m for m in cluster if getattr(m, name) is not None]
        if not holders:
            continue
        kept_m = holders[0]
        for m in holders[1:]:
            if getattr(m, name) != getattr(kept_m, name):
                out.conflicts.append(
                    {
                        "inspection_id": inspection_id,
                        "la_name": authority.la_name,
                        "field": name,
                        "area": None,
                        "kept_value": getattr(kept_m, name).isoformat(),
                        "kept_source": kept_m.where.ref(),
                        "other_value": getattr(m, name).isoformat(),
                        "other_source": m.where.ref(),
                        "rule": _rule(kept_m, m),
                        "kept_grade": None,
                        "other_grade": None,
                    }
                )
    by_area: dict[str, list[tuple[SourceInspection, SourceJudgement]]] = defaultdict(list)
    for m in cluster:
        for j in m.judgements:
            by_area[j.area].append((m, j))
    for area in _not_judged_then(framework, start, published, by_area):
        # A judgement the framework did not make then (the scrape gives two 2022 ILACS a
        # care-leavers grade): kept out of the tables, listed as a conflict, never dropped
        # silently.
        for _m, j in by_area.pop(area):
            out.conflicts.append(
                {
                    "inspection_id": inspection_id,
                    "la_name": authority.la_name,
                    "field": "grade",
                    "area": area,
                    "kept_value": None,
                    "kept_source": None,
                    "other_value": j.grade,
                    "other_source": j.where.ref(),
                    "rule": "not a judgement of ILACS for fieldwork before "
                    f"{CARE_LEAVERS_JUDGEMENT_START:%B %Y}",
                    "kept_grade": None,
                    "other_grade": j.grade,
                }
            )
    for area, found in by_area.items():
        kept_m, kept = found[0]
        agreeing = [j for _m, j in found if j.grade == kept.grade]
        for m, j in found[1:]:
            if j.grade == kept.grade:
                continue
            if m.where.file == kept_m.where.file:
                errors.append(
                    InputError(
                        "grade",
                        j.grade_label,
                        f"the same grade for {area} as {kept.where} "
                        f"({kept.grade_label}): one inspection with two different grades in one "
                        "file",
                        j.where,
                    )
                )
                continue
            out.conflicts.append(
                {
                    "inspection_id": inspection_id,
                    "la_name": authority.la_name,
                    "field": "grade",
                    "area": area,
                    "kept_value": kept.grade,
                    "kept_source": kept.where.ref(),
                    "other_value": j.grade,
                    "other_source": j.where.ref(),
                    "rule": _rule(kept_m, m),
                    "kept_grade": kept.grade,
                    "other_grade": j.grade,
                }
            )
        refs = [j.where.ref() for j in agreeing]
        out.judgements.append(
            {
                **common,
                "area": area,
                "area_label": kept.area_label,
                "grade": kept.grade,
                "grade_label": kept.grade_label,
                "source": refs[0],
                "sources": "; ".join(refs),
                "n_sources": len(refs),
            }
        )
    refs = [m.where.ref() for m in cluster]
    # The dates are known to the day unless every record of the event knew only the month.
    precision = "month" if all(m.date_precision == "month" for m in cluster) else "day"
    out.events.append(
        {
            **common,
            "date_precision": precision,
            "theme": theme,
            "graded": bool(by_area),
            "n_judgements": len(by_area),
            "source": refs[0],
            "sources": "; ".join(refs),
            "n_sources": len(refs),
        }
    )
