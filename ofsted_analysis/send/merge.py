"""One area SEND inspection across its sources: matching, one precedence, conflicts kept.

Records of one authority, framework and event (full inspection, revisit, monitoring) match
when a date they both have (fieldwork start, end or publication) agrees within the judgements'
:data:`~ofsted_analysis.pipeline.merge.TOLERANCE` days and none they both have differs by more
than :data:`~ofsted_analysis.pipeline.merge.MISMATCH` (the same rule as the children's services
merge); matches chain. Each field is taken from the first source that states it in the order
of :data:`~ofsted_analysis.sources.send.record.SOURCE_RANK` (Ofsted's official statistics, then
the report, then the summaries); every other source stating a different value is a row of the
conflicts table, and every source agreeing on all it states is listed in ``sources``.

The 2016 framework inspected each area once and then revisited it, so two domain rules come
first: a record a source calls a 2016-framework inspection whose dates match one of the area's
revisits is that revisit (ADCS's summary lists eight revisits of 2022 as inspections), and an
area's 2016-framework inspection records are one inspection whatever their dates (ADCS gives
some a different visit or publication date than Ofsted's own table: kept as conflicts).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..core.send import FRAMEWORK_2016
from ..pipeline.merge import MISMATCH, TOLERANCE, match_clusters, unique_id
from ..sources.send.record import SOURCE_RANK

if TYPE_CHECKING:
    import pandas as pd

#: The fields merged across sources, in the table's order.
FIELDS = (
    "start_date",
    "end_date",
    "published",
    "wsoa",
    "significant_weaknesses",
    "weaknesses_sufficient_progress",
    "revisit_outcome",
    "outcome",
    "outcome_wording",
    "priority_action_plan",
    "areas_for_priority_action",
    "previous_inspection",
    "next_inspection",
)
# Wording differs between sources by design (a summary's label, a report's sentence): the
# outcome itself is compared, its wording is kept from the first source that has it.
_NOT_COMPARED = {"outcome_wording", "next_inspection"}
_DATES = ("start_date", "end_date", "published")


def _known(value) -> bool:
    import pandas as pd

    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def _by_month(a: dict, b: dict) -> bool:
    return "month" in (a["date_precision"], b["date_precision"])


def _same(field: str, a: dict, b: dict) -> bool:
    """Whether two records state the same value (a date known to the month agrees with any
    day of that month)."""
    if field in _DATES and _by_month(a, b):
        return (a[field].year, a[field].month) == (b[field].year, b[field].month)
    return bool(a[field] == b[field])


def _match(a: dict, b: dict) -> bool:
    if _by_month(a, b):  # a note that gives only the month: the same month's inspection
        return _known(a["start_date"]) and _known(b["start_date"]) and _same("start_date", a, b)
    gaps = [abs((a[f] - b[f]).days) for f in _DATES if _known(a[f]) and _known(b[f])]
    return bool(gaps) and min(gaps) <= TOLERANCE and max(gaps) <= MISMATCH


def _settle_2016_events(records: list[dict]) -> list[dict]:
    """``records`` with a 2016-framework "inspection" that matches one of its area's revisits
    called a revisit, and ``event_as_stated`` keeping what the source called it."""
    revisits = defaultdict(list)
    for r in records:
        if r["framework"] == FRAMEWORK_2016 and r["event"] == "revisit":
            revisits[r["la_code"]].append(r)
    out = []
    for r in records:
        r = {**r, "event_as_stated": r["event"]}
        if r["framework"] == FRAMEWORK_2016 and r["event"] == "full":
            if any(_match(r, v) for v in revisits[r["la_code"]]):
                # its WSoA cell answered "was one required at the inspection", which a
                # revisit does not state
                r.update(event="revisit", wsoa=None, significant_weaknesses=None)
        out.append(r)
    return out


def _clusters(framework: str, event: str, members: list[dict]) -> list[list[dict]]:
    if framework == FRAMEWORK_2016 and event == "full":  # one inspection per area
        return [members]
    return match_clusters(members, _match)


def ref(record: dict) -> str:
    """A record's place: file, then sheet and row, or page (as the judgements' sources)."""
    out = record["file"]
    if _known(record["sheet"]):
        out += f":{record['sheet']}"
    if _known(record["page"]):
        out += f":p{record['page']}"
    if _known(record["row"]):
        out += f":r{record['row']}"
    return out


def _text(value) -> str:
    return value.date().isoformat() if hasattr(value, "date") else str(value)


def merge_send(records: pd.DataFrame) -> tuple[list[dict], list[dict], dict[str, str]]:
    """The merged rows of ``area_send`` (without the register's columns but ``la_code``), the
    rows of ``area_send_conflicts``, and which inspection each record (:func:`ref`) was
    merged into, from the ``area_send_records`` table."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in _settle_2016_events(records.to_dict("records")):
        groups[(r["la_code"], r["framework"], r["event"])].append(r)
    rows: list[dict] = []
    conflicts: list[dict] = []
    used: set[str] = set()
    owners: dict[str, str] = {}
    for (la_code, framework, event), members in sorted(groups.items()):
        for cluster in _clusters(framework, event, members):
            cluster.sort(key=lambda r: (SOURCE_RANK[r["source_kind"]], r["file"], r["row"] or 0))
            # a date known to the day is kept before one known to the month, whatever the source
            by_day = sorted(cluster, key=lambda r: r["date_precision"] == "month")
            from_ = {
                f: next((r for r in (by_day if f in _DATES else cluster) if _known(r[f])), None)
                for f in FIELDS
            }
            kept = {f: (r[f] if r is not None else None) for f, r in from_.items()}
            key_date = kept["start_date"] if _known(kept["start_date"]) else kept["published"]
            base = f"{la_code}-{framework}-{event}-{_text(key_date)}"
            inspection_id = unique_id(base, used)
            agreeing = []
            for r in cluster:
                owners[ref(r)] = inspection_id
                differs = [
                    f
                    for f in FIELDS
                    if f not in _NOT_COMPARED and _known(r[f]) and not _same(f, r, from_[f])  # type: ignore[arg-type]
                ]
                if r["event_as_stated"] != event:
                    conflicts.append(
                        {
                            "inspection_id": inspection_id,
                            "field": "event",
                            "kept_value": event,
                            "kept_source": ref(cluster[0]),
                            "other_value": r["event_as_stated"],
                            "other_source": ref(r),
                            # the revisit's own source is kept (the module's rules)
                            "rule": f"{cluster[0]['source_kind']} before {r['source_kind']}",
                            "la_code": la_code,
                        }
                    )
                elif not differs:
                    agreeing.append(ref(r))
                for f in differs:
                    first = from_[f]
                    assert first is not None  # r states f, so a record before it does
                    conflicts.append(
                        {
                            "inspection_id": inspection_id,
                            "field": f,
                            "kept_value": _text(kept[f]),
                            "kept_source": ref(first),
                            "other_value": _text(r[f]),
                            "other_source": ref(r),
                            "rule": f"{first['source_kind']} before {r['source_kind']}",
                            "la_code": la_code,
                        }
                    )
            rows.append(
                {
                    "la_code": la_code,
                    "inspection_id": inspection_id,
                    "framework": framework,
                    "event": event,
                    **kept,
                    "date_precision": (from_["start_date"] or cluster[0])["date_precision"],
                    "source": ref(cluster[0]),
                    "sources": "; ".join(agreeing),
                    "n_sources": len(agreeing),
                }
            )
    return rows, conflicts, owners
