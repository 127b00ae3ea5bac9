"""``update`` with area SEND files: the stored area SEND records, those of the files given
replaced (same path or same content: :func:`ofsted_analysis.pipeline.replace.kept_rows`),
re-merged, and what changed in words.

Not run here (it reads the stored tables):

>>> from ofsted_analysis.send.changes import describe_send_changes  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .merge import FIELDS

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline.changes import ChangeReport
    from ..sources.formats import Format

# What a reader of the change report needs to see of an inspection's row: the merged fields
# (the outcome's wording aside: the outcome is shown).
_SHOWN = tuple(f for f in FIELDS if f != "outcome_wording")


def updated_send_tables(
    files: list[Path], formats: dict[Path, Format], out, report: ChangeReport, stored_findings
) -> dict[str, pd.DataFrame]:
    """The area SEND tables after ``update`` with ``files``, and the area SEND points under
    ``send_findings`` (the stored ones unchanged when none is a SEND file; nothing when the
    store has none and none is given)."""
    import pandas as pd

    from ..pipeline.replace import kept_rows
    from ..storage import cache
    from ..storage.conform import conform
    from ..storage.store import read_table, table_file
    from .findings import SEND_KINDS, points_of
    from .table import SEND_TABLES, SendRead, read_send, records_table, send_tables

    stored = (
        {name: read_table(name, out, missing_ok=True) for name in SEND_TABLES}
        if table_file("area_send", out).exists()
        else None
    )
    if not files and stored is None:
        return {}
    hasher = cache.FileHashes()
    found = read_send(files, formats, {f: hasher(f) for f in files}) if files else SendRead()
    incoming = records_table(found)
    old_records = stored["area_send_records"] if stored else incoming.iloc[:0]
    kept = kept_rows(old_records, found.hashes)
    records = pd.concat([f for f in (kept, incoming) if len(f)] or [incoming], ignore_index=True)
    records["record"] = range(len(records))
    old_points = (
        stored_findings[stored_findings["kind"].isin(SEND_KINDS)]
        if stored_findings is not None
        else None
    )
    points = points_of(found.records, found.hashes)
    if old_points is not None and len(old_points):
        old_points = kept_rows(old_points, found.hashes)
        old_points = old_points.drop(columns=["inspection_id", "la_name"]).assign(
            record=old_points["file"] + ":p1"
        )
        points = pd.concat(
            [f for f in (old_points, points) if len(f)] or [points], ignore_index=True
        )
    new = send_tables(conform("area_send_records", records), points)
    old_table = stored["area_send"] if stored else new["area_send"].iloc[:0]
    report.send_changes = describe_send_changes(old_table, new["area_send"])
    return new


def describe_send_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """One line per inspection added, gone or changed (each changed field, old -> new). An
    inspection whose id moved (a new source dated it otherwise) is the same inspection when
    its authority, framework and event agree and its start is within the merge's
    :data:`~ofsted_analysis.pipeline.merge.MISMATCH` days.

    >>> import ofsted_analysis as oa
    >>> send = oa.load_area_send()
    >>> describe_send_changes(send.iloc[1:], send)[0].startswith("new: ")
    True
    """
    from ..pipeline.merge import MISMATCH

    before = {r.inspection_id: r for r in old.itertuples()}
    after = {r.inspection_id: r for r in new.itertuples()}
    pairs = [(before[i], after[i]) for i in after if i in before]
    gone = [r for i, r in before.items() if i not in after]
    added = []
    for r in (r for i, r in after.items() if i not in before):
        same = [
            g
            for g in gone
            if (g.la_code, g.framework, g.event) == (r.la_code, r.framework, r.event)
            and abs((_when(g) - _when(r)).days) <= MISMATCH
        ]
        if len(same) == 1:
            pairs.append((same[0], r))
            gone.remove(same[0])
        else:
            added.append(r)
    lines = [f"new: {_label(r)}" for r in added] + [f"gone: {_label(r)}" for r in gone]
    for was, now in pairs:
        changed = [
            f"{f} {_show(getattr(was, f))} -> {_show(getattr(now, f))}"
            for f in _SHOWN
            if _show(getattr(was, f)) != _show(getattr(now, f))
        ]
        if changed:
            lines.append(f"changed: {_label(now)}: {'; '.join(changed)}")
    return lines


def _when(row):
    import pandas as pd

    return row.start_date if not pd.isna(row.start_date) else row.published


def _label(row) -> str:
    return f"{row.la_name} {row.framework} {row.event} of {_when(row):%Y-%m-%d}"


def _show(value) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(none)"
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    return str(value)
