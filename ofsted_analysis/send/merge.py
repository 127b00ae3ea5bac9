"""One area SEND inspection across its sources: matching, one precedence, conflicts kept.

Records of one authority, framework and event (full inspection, revisit, monitoring) match
when a date they both have (fieldwork start, end or publication) agrees within the judgements'
:data:`~ofsted_analysis.pipeline.merge.TOLERANCE` days and none they both have differs by more
than :data:`~ofsted_analysis.pipeline.merge.MISMATCH` (the same rule as the children's services
merge); matches chain. Each field is taken from the first source that states it in the order
of :data:`~ofsted_analysis.sources.send.record.SOURCE_RANK` (Ofsted's official statistics, then
the report, then the summaries); every other source stating a different value is a row of the
conflicts table, and every source agreeing on all it states is listed in ``sources``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..pipeline.merge import MISMATCH, TOLERANCE
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


def _match(a: dict, b: dict) -> bool:
    gaps = [abs((a[f] - b[f]).days) for f in _DATES if _known(a[f]) and _known(b[f])]
    return bool(gaps) and min(gaps) <= TOLERANCE and max(gaps) <= MISMATCH


def _clusters(members: list[dict]) -> list[list[dict]]:
    parent = list(range(len(members)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if _match(members[i], members[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, m in enumerate(members):
        groups[find(i)].append(m)
    return list(groups.values())


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


def merge_send(records: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The merged rows of ``area_send`` (without the register's columns but ``la_code``) and
    the rows of ``area_send_conflicts``, from the ``area_send_records`` table."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records.to_dict("records"):
        groups[(r["la_code"], r["framework"], r["event"])].append(r)
    rows: list[dict] = []
    conflicts: list[dict] = []
    used: set[str] = set()
    for (la_code, framework, event), members in sorted(groups.items()):
        for cluster in _clusters(members):
            cluster.sort(key=lambda r: (SOURCE_RANK[r["source_kind"]], r["file"], r["row"] or 0))
            kept = {f: next((r[f] for r in cluster if _known(r[f])), None) for f in FIELDS}
            from_ = {f: next((r for r in cluster if _known(r[f])), None) for f in FIELDS}
            key_date = kept["start_date"] if _known(kept["start_date"]) else kept["published"]
            base = f"{la_code}-{framework}-{event}-{_text(key_date)}"
            inspection_id, n = base, 1
            while inspection_id in used:
                n += 1
                inspection_id = f"{base}-{n}"
            used.add(inspection_id)
            agreeing = []
            for r in cluster:
                differs = [
                    f for f in FIELDS if f not in _NOT_COMPARED and _known(r[f]) and r[f] != kept[f]
                ]
                if not differs:
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
                    "source": ref(cluster[0]),
                    "sources": "; ".join(agreeing),
                    "n_sources": len(agreeing),
                }
            )
    return rows, conflicts
