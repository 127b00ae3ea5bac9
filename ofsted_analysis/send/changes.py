"""``update`` with area SEND files: the stored area SEND records, those of the files given
replaced (same path or same content: :func:`ofsted_analysis.pipeline.replace.kept_rows`),
re-merged, and what changed in words.

Not run here (it reads the stored tables):

>>> from ofsted_analysis.send.changes import describe_send_changes  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline.changes import ChangeReport
    from ..sources.formats import Format

# What a reader of the change report needs to see of an inspection's row.
_SHOWN = (
    "start_date",
    "end_date",
    "published",
    "wsoa",
    "significant_weaknesses",
    "weaknesses_sufficient_progress",
    "revisit_outcome",
    "outcome",
    "priority_action_plan",
    "next_inspection",
)


def updated_send_tables(
    files: list[Path], formats: dict[Path, Format], out, report: ChangeReport
) -> dict[str, pd.DataFrame]:
    """The area SEND tables after ``update`` with ``files`` (the stored ones unchanged when
    none is a SEND file; nothing when the store has none and none is given)."""
    import pandas as pd

    from ..pipeline.replace import kept_rows
    from ..storage import cache
    from ..storage.schema import conform
    from ..storage.store import read_table, table_file
    from .table import SEND_TABLES, read_send, records_table, send_tables

    stored = (
        {name: read_table(name, out, missing_ok=True) for name in SEND_TABLES}
        if table_file("area_send", out).exists()
        else None
    )
    if not files:
        return stored or {}
    hasher = cache.FileHashes()
    found = read_send(files, formats, {f: hasher(f) for f in files})
    incoming = records_table(found)
    old_records = stored["area_send_records"] if stored else incoming.iloc[:0]
    kept = kept_rows(old_records, found.hashes)
    records = pd.concat([f for f in (kept, incoming) if len(f)] or [incoming], ignore_index=True)
    records["record"] = range(len(records))
    new = send_tables(conform("area_send_records", records))
    old_table = stored["area_send"] if stored else new["area_send"].iloc[:0]
    report.send_changes = describe_send_changes(old_table, new["area_send"])
    return new


def _label(row) -> str:
    when = row.start_date if row.start_date == row.start_date else row.published
    return f"{row.la_name} {row.framework} {row.event} of {when:%Y-%m-%d}"


def describe_send_changes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """One line per inspection added, gone or changed (each changed field, old -> new).

    >>> import ofsted_analysis as oa
    >>> send = oa.load_area_send()
    >>> describe_send_changes(send.iloc[1:], send)[0].startswith("new: ")
    True
    """
    before = old.set_index("inspection_id")
    after = new.set_index("inspection_id")
    lines = [f"new: {_label(r)}" for r in new[~new.inspection_id.isin(before.index)].itertuples()]
    lines += [f"gone: {_label(r)}" for r in old[~old.inspection_id.isin(after.index)].itertuples()]
    for row in new[new.inspection_id.isin(before.index)].itertuples():
        was = before.loc[row.inspection_id]
        changed = [
            f"{f} {_show(was[f])} -> {_show(getattr(row, f))}"
            for f in _SHOWN
            if _show(was[f]) != _show(getattr(row, f))
        ]
        if changed:
            lines.append(f"changed: {_label(row)}: {'; '.join(changed)}")
    return lines


def _show(value) -> str:
    if value is None or (not isinstance(value, str) and value != value):
        return "(none)"
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d}"
    return str(value)
