"""The ``area_send`` table: every area SEND inspection, revisit and monitoring inspection,
merged across Ofsted's official statistics, the reports, Ofsted's management information, Data
to Insight's scrape and ADCS's summary (:mod:`.merge`), each with the register's codes, name
and region.

Each file is read once per content (the package's cache, kind ``send-reads``) and the tables
of one set of files are made once (kind ``send-tables``), so an unchanged build re-reads and
re-merges nothing.

>>> import ofsted_analysis as oa
>>> send = oa.load_area_send()
>>> send.loc[send.la_name.eq("Bedford"), ["event", "start_date"]].astype(str).values.tolist()[:2]
[['full', '2018-02-05'], ['revisit', '2020-02-03']]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputErrors, OfstedAnalysisError

if TYPE_CHECKING:
    import pandas as pd

    from ..sources.formats import Format
    from ..sources.send.record import SendRecord

#: The tables this domain writes.
SEND_TABLES = ("area_send", "area_send_records", "area_send_conflicts")


@dataclass
class SendRead:
    """The area SEND files read: their records, each file's key and content hash."""

    records: list[SendRecord] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # source key -> content hash
    from_cache: int = 0


def _read_one(job: tuple[Path, str]) -> tuple[list | None, list[Exception]]:
    """One file through its format's reader (in this or a worker process): its records, or
    the problems that refused it."""
    from ..sources.formats import BY_NAME

    path, format_name = job
    try:
        return BY_NAME[format_name].reader(path), []
    except InputErrors as e:
        return None, list(e.errors)
    except OfstedAnalysisError as e:
        return None, [e]


def read_send(files: list[Path], formats: dict[Path, Format], hashes: dict[Path, str]) -> SendRead:
    """Every record of the area SEND ``files`` (each through its format's reader, on every
    core when there are many, or from the cache); every bad cell or page of every file raised
    at once (:class:`InputErrors`)."""
    from ..core.parallel import map_on_cores
    from ..sources import source_key
    from ..storage import cache

    out = SendRead()
    errors: list[Exception] = []
    entries = {f: cache.key(formats[f].name, hashes[f], source_key(f)) for f in files}
    cached = {f: cache.get("send-reads", entries[f]) for f in files}
    todo = [(f, formats[f].name) for f in files if cached[f] is None]
    results = dict(zip((f for f, _ in todo), map_on_cores(_read_one, todo), strict=True))
    for f in files:
        key = source_key(f)
        records = cached[f]
        if records is None:
            records, problems = results[f]
            errors += problems
            if records is None:
                continue
            for r in records:
                r.file = key
            cache.put("send-reads", entries[f], records)
        else:
            out.from_cache += 1
        out.records += records
        out.hashes[key] = hashes[f]
    if errors:
        raise InputErrors(errors)
    return out


def built_send_tables(files: list[Path], formats: dict[Path, Format]) -> dict[str, pd.DataFrame]:
    """The area SEND tables of ``files`` (none when there are none), with the reports'
    points under ``send_findings``."""
    if not files:
        return {}
    from ..sources import source_key
    from ..storage import cache
    from .findings import points_of

    hasher = cache.FileHashes()
    hashes = {f: hasher(f) for f in files}
    # the tables of the same files are made once (an unchanged build only loads them)
    entry = cache.key(*sorted(f"{source_key(f)}\0{hashes[f]}" for f in files))
    frames = cache.get("send-tables", entry)
    if frames is None:
        found = read_send(files, formats, hashes)
        frames = send_tables(records_table(found), points_of(found.records, found.hashes))
        cache.put("send-tables", entry, frames, keep=4)
    return frames


def extract_send_reports(paths: list, errors: list[Exception]) -> tuple[pd.DataFrame, int]:
    """Area SEND report PDFs as rows of the ``area_send`` table, without a build, and how
    many were read; a report that cannot be read with certainty goes to ``errors``.

    >>> rows, n = extract_send_reports(["../shared/data/send/reports/bury/2024-05-07.pdf"], [])
    >>> rows[["la_name", "framework", "outcome", "start_date"]].astype(str).values.tolist()
    [['Bury', 'area_send_2023', 'systemic_failings', '2024-02-12']]
    """
    from ..sources import source_key
    from ..sources.send.report import read_send_report
    from ..storage import cache
    from ..storage.conform import empty

    found = SendRead()
    hasher = cache.FileHashes()
    for path in map(Path, paths):
        try:
            record = read_send_report(path)
        except OfstedAnalysisError as e:
            errors.append(e)
            continue
        record.file = source_key(path)
        found.records.append(record)
        found.hashes[record.file] = hasher(path)
    if not found.records:
        return empty("area_send"), 0
    return send_tables(records_table(found))["area_send"], len(found.records)


def records_table(found: SendRead) -> pd.DataFrame:
    """The ``area_send_records`` table of what was read (one row per source record)."""
    import pandas as pd

    from ..storage.conform import conform
    from ..storage.schema import columns

    names = columns("area_send_records")
    rows = [
        {**{k: v for k, v in asdict(r).items() if k in names}, "file_hash": found.hashes[r.file]}
        for r in found.records
    ]
    frame = pd.DataFrame(rows, columns=[c for c in names if c != "record"])
    frame = frame.sort_values(
        ["file", "sheet", "row", "page", "event"], na_position="first", ignore_index=True
    )
    frame.insert(0, "record", range(len(frame)))
    return conform("area_send_records", frame)


def send_tables(
    records: pd.DataFrame, points: pd.DataFrame | None = None
) -> dict[str, pd.DataFrame]:
    """``area_send`` and ``area_send_conflicts`` merged from ``area_send_records``, beside it;
    with ``points`` (:func:`.findings.points_of`), the reports' points as ``findings`` rows
    under ``send_findings`` (not a table of its own: build adds them to ``findings``)."""
    import pandas as pd

    from ..core.authorities import register
    from ..storage.conform import conform
    from ..storage.schema import columns
    from .findings import with_send_ids
    from .merge import merge_send

    rows, conflicts, owners = merge_send(records)
    reg = register()
    for row in (*rows, *conflicts):
        authority = reg.by_code[row["la_code"]]
        row.update(la_name=authority.la_name, la_number=authority.la_number)
        row["region"] = authority.region
    table = conform("area_send", pd.DataFrame(rows, columns=list(columns("area_send"))))
    table = table.sort_values(
        ["la_name", "start_date", "published", "inspection_id"],
        na_position="last",
        ignore_index=True,
    )
    clashes = pd.DataFrame(conflicts, columns=list(columns("area_send_conflicts")))
    clashes = conform("area_send_conflicts", clashes).sort_values(
        ["inspection_id", "field", "other_source"], ignore_index=True
    )
    frames = {"area_send": table, "area_send_records": records, "area_send_conflicts": clashes}
    if points is not None:
        frames["send_findings"] = with_send_ids(points, owners, table)
    return frames


def load_area_send(path: str | Path | None = None) -> pd.DataFrame:
    """The ``area_send`` table (empty for a store built without area SEND files): one row per
    area SEND inspection, revisit or monitoring inspection (see docs/tables.md).

    >>> import ofsted_analysis as oa
    >>> oa.load_area_send().outcome.cat.categories.tolist()
    ['systemic_failings', 'inconsistent', 'positive']
    """
    from ..storage.store import read_table

    return read_table("area_send", path, missing_ok=True)


def load_area_send_conflicts(path: str | Path | None = None) -> pd.DataFrame:
    """Where area SEND sources disagree: the value kept, the other, both sources, the rule."""
    from ..storage.store import read_table

    return read_table("area_send_conflicts", path, missing_ok=True)
