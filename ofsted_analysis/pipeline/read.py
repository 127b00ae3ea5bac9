"""Reading the source files of a build or update: each with the reader of its format, across
processes when there are many, from the cache when read before; every problem of every file
gathered, the rows refused by ``--skip-bad-rows`` kept with their reasons, and the statement on
each release's cover (:mod:`ofsted_analysis.sources.covers`) kept as ``release_covers``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..core.errors import SkippedFile
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
    passed_over: list[str] = field(default_factory=list)  # "file: sheet ...: reason"
    covers: dict[str, Cover] = field(default_factory=dict)  # source key -> release cover


def _read_file(job: tuple[Path, str]) -> tuple[str, object, list[Exception], int, list[str]]:
    """Read one file (in this or a worker process) with the reader of its format (named by
    :mod:`ofsted_analysis.sources.formats`): ("read", inspections, row errors, placeholder
    cells, tables passed over), ("skipped", reason, [], 0, []) or ("failed", None, errors, 0,
    [])."""
    from ..core.errors import InputErrors, OfstedAnalysisError, SkippedFile
    from ..sources.formats import BY_NAME, Found
    from .records import check_dates

    path, format_name = job
    found = Found()
    try:
        read = BY_NAME[format_name].read(path, found)
    except SkippedFile as e:
        return "skipped", e.problem, [], 0, []
    except InputErrors as e:
        return "failed", None, found.errors + list(e.errors), 0, []
    except OfstedAnalysisError as e:
        return "failed", None, found.errors + [e], 0, []
    errors = list(found.errors)
    for i in read:
        errors.extend(check_dates(i))
    # a date cell may serve two groups: placeholders are counted once each
    return "read", read, errors, len(set(found.placeholders)), found.passed_over


def _read_all(paths: list[tuple[Path, str]], progress: bool | None) -> list:
    """Read files (each with its format's name), on every core when there are many (report
    PDFs take ~50 ms each: :func:`~ofsted_analysis.core.parallel.map_on_cores`)."""
    from tqdm import tqdm

    from ..core.parallel import map_on_cores

    bar = tqdm(
        total=len(paths),
        desc="reading",
        unit="file",
        delay=1.0,
        disable=None if progress is None else not progress,
    )
    try:
        return map_on_cores(_read_file, paths, bar.update)
    finally:
        bar.close()


def read_sources(
    paths, skip_bad_rows: bool = False, progress: bool | None = None, formats=None
) -> SourcesRead:
    """Read every source under ``paths``; a file read before (same content, same reader
    version) comes from the cache (:mod:`ofsted_analysis.storage.cache`).

    By default any bad row refuses everything, and all bad rows of all files are reported
    together. With ``skip_bad_rows`` the rows with a problem are left out and returned in
    :class:`Rejected`; problems with a whole file (empty, unreadable, no table) still refuse.
    Files that are not sources at all (an HTML page saved as .pdf, a visit letter) are listed
    in ``skipped`` with the reason and never stop a build. ``formats``: each file's format,
    when the caller has identified them (:func:`split_outcome_files`); otherwise identified
    here.
    """
    from ..core.errors import FileError, InputError, InputErrors, SkippedFile
    from ..sources import discover, source_key
    from ..sources.formats import identify_all
    from ..storage import cache

    files = discover(paths)
    hasher = cache.FileHashes()
    keys = [source_key(f) for f in files]
    digests = {f: hasher(f) for f in files}
    hashes = {k: digests[f] for k, f in zip(keys, files, strict=True)}
    hasher.save()
    if formats is None or any(f not in formats for f in files):
        formats = identify_all(files, digests)
    results: dict[str, tuple] = {}
    for k in keys:
        if (hit := cache.get("reads", cache.key(hashes[k]))) is not None:
            results[k] = hit
    from_cache = len(results)
    todo = [(k, f) for k, f in zip(keys, files, strict=True) if k not in results]
    jobs = [(f, formats[f].name) for _k, f in todo]
    for (k, _f), result in zip(todo, _read_all(jobs, progress), strict=True):
        results[k] = result
        status, _value, read_errors, _notes, _passed = result
        if status != "failed" and not read_errors:
            cache.put("reads", cache.key(hashes[k]), result)

    out = SourcesRead([], list(keys), hashes, from_cache=from_cache)
    errors: list[Exception] = []
    seen_errors: set[str] = set()
    bad_rows: set[tuple] = set()
    for k in keys:
        status, value, file_errors, placeholders, passed_over = results[k]
        out.placeholders += placeholders
        out.passed_over.extend(f"{k}: {why}" for why in passed_over)
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


def covers_table(found: SourcesRead) -> pd.DataFrame:
    """The ``release_covers`` table: one row per release read whose cover states its "as at"
    date and publication cut-off (:mod:`ofsted_analysis.sources.covers`)."""
    import pandas as pd

    from ..core.errors import Location
    from ..storage.conform import conform
    from ..storage.schema import columns

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
