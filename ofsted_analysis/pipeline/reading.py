"""Reading sources for ``build`` and ``update``: every file found, each with the reader its
content calls for (across processes when there are many), through the cache
(:mod:`ofsted_analysis.storage.cache`), with an account of every file: read, skipped (not a
source), refused (bad rows), and the statement on each release's cover.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used at run time, to keep `import ofsted_analysis` fast
    import pandas as pd

    from ..core.errors import SkippedFile
    from ..outcomes.table import OutcomeSources
    from ..sources.covers import Cover


@dataclass
class Rejected:
    """Rows refused by ``--skip-bad-rows``, with the reason for each."""

    errors: list[Exception] = field(default_factory=list)

    def write(self, path: Path) -> Path:
        import csv

        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "sheet", "row", "column", "value", "problem"])
            for e in self.errors:
                where = getattr(e, "where", None)
                w.writerow(
                    [
                        getattr(where, "file", ""),
                        getattr(where, "sheet", "") or "",
                        getattr(where, "row", "") or "",
                        getattr(where, "column", "") or "",
                        getattr(e, "value", ""),
                        str(e),
                    ]
                )
        return path


@dataclass
class SourcesRead:
    """What :func:`read_sources` found: the records, and an account of every file."""

    inspections: list
    files: list[str]  # source keys (see sources.source_key), in order
    hashes: dict[str, str]  # source key -> SHA-256 of its content
    rejected: Rejected = field(default_factory=Rejected)
    skipped: list[SkippedFile] = field(default_factory=list)  # with reasons
    from_cache: int = 0  # files whose read came from the cache
    placeholders: int = 0  # cells read as no value ('Not yet inspected', '-')
    covers: dict[str, Cover] = field(default_factory=dict)  # source key -> release cover


def _read_file(path: Path) -> tuple[str, object, list[Exception], int]:
    """Read one file (in this or a worker process): ("read", inspections, row errors,
    placeholder cells), ("skipped", reason, [], 0) or ("failed", None, errors, 0)."""
    from ..core.errors import InputErrors, OfstedAnalysisError, SkippedFile
    from ..sources import read_any
    from .records import check_dates

    errors: list[Exception] = []
    notes: list = []
    try:
        found = read_any(path, errors, notes)
    except SkippedFile as e:
        return "skipped", e.problem, [], 0
    except InputErrors as e:
        return "failed", None, errors + list(e.errors), 0
    except OfstedAnalysisError as e:
        return "failed", None, errors + [e], 0
    for i in found:
        errors.extend(check_dates(i))
    return "read", found, errors, len(set(notes))  # a date cell may serve two groups


# Below this many files to read, starting worker processes costs more than it saves.
_PARALLEL_FROM = 8


def _read_all(paths: list[Path], progress: bool | None) -> list:
    """Read files, across processes when there are many (report PDFs take ~50 ms each)."""
    from tqdm import tqdm

    workers = min(os.cpu_count() or 1, len(paths) // _PARALLEL_FROM)
    bar = tqdm(
        total=len(paths),
        desc="reading",
        unit="file",
        delay=1.0,
        disable=None if progress is None else not progress,
    )
    try:
        if workers < 2:
            out = []
            for p in paths:
                out.append(_read_file(p))
                bar.update()
            return out
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            out = []
            for result in pool.map(_read_file, paths, chunksize=4):
                out.append(result)
                bar.update()
            return out
    finally:
        bar.close()


def read_sources(paths, skip_bad_rows: bool = False, progress: bool | None = None) -> SourcesRead:
    """Read every source under ``paths``; a file read before (same content, same reader
    version) comes from the cache (:mod:`ofsted_analysis.storage.cache`).

    By default any bad row refuses everything, and all bad rows of all files are reported
    together. With ``skip_bad_rows`` the rows with a problem are left out and returned in
    :class:`Rejected`; problems with a whole file (empty, unreadable, no table) still refuse.
    Files that are not sources at all (an HTML page saved as .pdf, a visit letter) are listed
    in ``skipped`` with the reason and never stop a build.
    """
    from ..core.errors import FileError, InputError, InputErrors, SkippedFile
    from ..sources import discover, source_key
    from ..storage import cache

    files = discover(paths)
    hasher = cache.FileHashes()
    keys = [source_key(f) for f in files]
    hashes = {k: hasher(f) for k, f in zip(keys, files, strict=True)}
    hasher.save()
    results: dict[str, tuple] = {}
    for k in keys:
        if (hit := cache.get("reads", cache.key(hashes[k]))) is not None:
            results[k] = hit
    from_cache = len(results)
    todo = [(k, f) for k, f in zip(keys, files, strict=True) if k not in results]
    for (k, _f), result in zip(todo, _read_all([f for _k, f in todo], progress), strict=True):
        results[k] = result
        status, _value, read_errors, _notes = result
        if status != "failed" and not read_errors:
            cache.put("reads", cache.key(hashes[k]), result)

    out = SourcesRead([], list(keys), hashes, from_cache=from_cache)
    errors: list[Exception] = []
    seen_errors: set[str] = set()
    bad_rows: set[tuple] = set()
    for k in keys:
        status, value, file_errors, placeholders = results[k]
        out.placeholders += placeholders
        for e in file_errors:  # a reader may meet one bad cell twice (two tables share it)
            if str(e) not in seen_errors:
                seen_errors.add(str(e))
                errors.append(e)
                where = getattr(e, "where", None)
                if where is not None and where.row:
                    bad_rows.add((k, where.sheet, where.row))
        if status == "skipped":
            out.skipped.append(SkippedFile(k, value))
        elif status == "read":
            out.inspections.extend(_relocated(i, k) for i in value)
            if (cover := getattr(value, "cover", None)) is not None:  # sources.covers.Release
                out.covers[k] = cover
    if errors:
        row_level = all(isinstance(e, InputError) and e.where and e.where.row for e in errors)
        if not skip_bad_rows or not row_level:
            fatal = [e for e in errors if isinstance(e, FileError)] if skip_bad_rows else errors
            raise InputErrors(fatal or errors)
        out.rejected.errors = errors
        out.inspections = [
            i for i in out.inspections if (i.where.file, i.where.sheet, i.where.row) not in bad_rows
        ]
    return out


def _relocated(inspection, key: str):
    """The inspection with every location naming the file by its source key (in place: the
    records are this read's own, fresh from a reader or the cache)."""
    from ..core.errors import Location

    def moved(w: Location) -> Location:
        return Location(key, w.sheet, w.row, w.column, w.page)

    inspection.where = moved(inspection.where)
    for j in inspection.judgements:
        j.where = moved(j.where)
    return inspection


def split_outcome_files(paths) -> tuple[list[Path], OutcomeSources | None]:
    """The inspection sources under ``paths`` and the DfE outcome files there
    (:class:`outcomes.OutcomeSources`, not yet read; None when there are none). Outcome files
    are told apart by content (:func:`outcomes.outcome_kinds`) and never go through the
    inspection readers or their cache."""
    from ..outcomes.table import OutcomeSources, outcome_kinds
    from ..sources import discover, source_key
    from ..storage import cache

    files = discover(paths)
    hasher = cache.FileHashes()
    hashes = {f: hasher(f) for f in files}
    hasher.save()
    kinds = outcome_kinds(files, hashes)
    outcome_kind = {f: kind for f in files if (kind := kinds[f])}
    outcome = list(outcome_kind)
    if not outcome:
        return files, None
    found = OutcomeSources(
        outcome,
        outcome_kind,
        {f: source_key(f) for f in outcome},
        {f: hashes[f] for f in outcome},
    )
    return [f for f in files if not kinds[f]], found


def covers_table(found: SourcesRead) -> pd.DataFrame:
    """The ``release_covers`` table: one row per release read whose cover states its "as at"
    date and publication cut-off (:mod:`ofsted_analysis.sources.covers`)."""
    import pandas as pd

    from ..core.errors import Location
    from ..storage.schema import columns, conform

    rows = [
        {
            "as_at": c.as_at,
            "published_by": c.published_by,
            "statement": c.statement,
            "source": Location(k, c.where.sheet, c.where.row, c.where.column).ref(),
            "file": k,
            "file_hash": found.hashes[k],
        }
        for k, c in sorted(found.covers.items())
    ]
    return conform("release_covers", pd.DataFrame(rows, columns=list(columns("release_covers"))))
