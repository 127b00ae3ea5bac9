"""``build`` and ``update``: read sources, merge, and write the tidy tables.

Both go the same way: source files -> source inspections -> the ``observations`` table (every
source record, canonically ordered) -> merge -> ``judgements``, ``events``, ``conflicts``.
``update`` replaces the stored observations of the files it is given (a file is known by its
name) and re-merges, so applying a file twice changes nothing and the order in which files are
applied does not matter.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .store import PROJECT, write_tables

DEFAULT_RAW = (PROJECT / "data" / "raw",)
DEFAULT_CURATED = PROJECT / "data" / "curated"
DEFAULT_REJECTS = PROJECT / "data" / "rejects" / "rejects.csv"


@dataclass
class BuildResult:
    out: Path | None
    files: list[str]
    inspections: int
    judgements: int
    events: int
    conflicts: int
    seconds: float
    conflicts_resolved: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = f" -> {self.out}" if self.out else " (dry run, nothing written)"
        return (f"read {len(self.files)} file(s): {self.events} inspections and visits, "
                f"{self.judgements} judgements, {self.conflicts} conflict(s) resolved"
                f"{where} in {self.seconds:.2f} s")


@dataclass
class Rejected:
    """Rows refused by ``--skip-bad-rows``, with the reason for each."""

    errors: list[Exception] = field(default_factory=list)

    def rows(self) -> set[tuple[str, str | None, int | None]]:
        return {_row_key(e) for e in self.errors}

    def write(self, path: Path) -> Path:
        import csv

        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["file", "sheet", "row", "column", "value", "problem"])
            for e in self.errors:
                where = getattr(e, "where", None)
                w.writerow([
                    getattr(where, "file", ""), getattr(where, "sheet", "") or "",
                    getattr(where, "row", "") or "", getattr(where, "column", "") or "",
                    getattr(e, "value", ""), str(e)])
        return path


def _row_key(e: Exception) -> tuple[str, str | None, int | None]:
    where = getattr(e, "where", None)
    if where is None:
        return ("", None, None)
    return (Path(where.file).name, where.sheet, where.row)


def read_sources(paths, skip_bad_rows: bool = False) -> tuple[list, list[str], Rejected]:
    """Read every source under ``paths``.

    By default any bad row refuses everything, and all bad rows of all files are reported
    together. With ``skip_bad_rows`` the rows with a problem are left out and returned in
    :class:`Rejected`; problems with a whole file (empty, unreadable, no table) still refuse.
    """
    from tqdm import tqdm

    from .errors import FileError, InputError, InputErrors, OfstedAnalysisError
    from .records import check_dates
    from .sources import discover, read_any

    files = discover(paths)
    inspections, errors = [], []
    # The bar appears only when reading takes over a second (many PDFs) and on a terminal.
    for f in tqdm(files, desc="reading", unit="file", delay=1.0, disable=None):
        try:
            found = read_any(f, errors)
        except InputErrors as e:
            errors.extend(e.errors)
            continue
        except OfstedAnalysisError as e:
            errors.append(e)
            continue
        for i in found:
            errors.extend(check_dates(i))
        inspections.extend(found)
    rejected = Rejected()
    if errors:
        row_level = all(isinstance(e, InputError) and e.where and e.where.row for e in errors)
        if not skip_bad_rows or not row_level:
            fatal = [e for e in errors if isinstance(e, FileError)] if skip_bad_rows else errors
            raise InputErrors(fatal or errors)
        rejected.errors = errors
        bad = rejected.rows()
        inspections = [i for i in inspections
                       if (Path(i.where.file).name, i.where.sheet, i.where.row) not in bad]
    return inspections, [str(f) for f in files], rejected


def tables(observations) -> dict:
    """Merge the observations into the ``judgements``, ``events`` and ``conflicts`` frames."""
    import pandas as pd

    from .authorities import register
    from .grades import grade_dtype
    from .merge import CONFLICT_COLUMNS, EVENT_COLUMNS, JUDGEMENT_COLUMNS, merge
    from .records import from_frame

    merged = merge(from_frame(observations), register())
    frames = {
        "judgements": pd.DataFrame(merged.judgements, columns=JUDGEMENT_COLUMNS),
        "events": pd.DataFrame(merged.events, columns=EVENT_COLUMNS),
        "conflicts": pd.DataFrame(merged.conflicts, columns=CONFLICT_COLUMNS),
    }
    for frame in frames.values():
        for col in ("start_date", "end_date", "published"):
            if col in frame:
                frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
        for col in ("grade", "kept_grade", "other_grade"):
            if col in frame:
                frame[col] = frame[col].astype(grade_dtype())
        for col in ("n_sources", "n_judgements"):
            if col in frame:
                frame[col] = frame[col].astype("int64")
    frames["judgements"] = frames["judgements"].sort_values(
        ["la_name", "published", "start_date", "inspection_id", "area"], na_position="last"
    ).reset_index(drop=True)
    frames["events"] = frames["events"].sort_values(
        ["la_name", "start_date", "published", "inspection_id"], na_position="last"
    ).reset_index(drop=True)
    frames["conflicts"] = frames["conflicts"].sort_values(
        ["inspection_id", "area", "other_source"]).reset_index(drop=True)
    frames["observations"] = observations
    return frames


def manifest_of(frames: dict) -> dict:
    events = frames["events"]
    return {
        "files": sorted(frames["observations"]["file"].unique().tolist()),
        "tables": {name: len(frame) for name, frame in frames.items()},
        "data_date": max(d for f in ("published", "start_date") for d in events[f].dropna()
                         ).date().isoformat(),
    }


def build(raw=None, out=None, curated=None, dry_run: bool = False) -> BuildResult:
    """Read every source found, normalise, merge and write the tidy tables.

    ``raw``: files or folders to read (default ``data/raw``); ``curated``: the curated
    folder (default ``data/curated``, always read); ``out``: where to write (default
    ``data/processed``). Nothing is written if any input is bad.

    >>> import ofsted_analysis as oa
    >>> oa.build(raw=["../shared/data/raw"], out="/tmp/processed")  # doctest: +SKIP
    """
    from .errors import OfstedAnalysisError
    from .records import to_frame

    started = time.perf_counter()
    raw_paths = [Path(p) for p in (raw or DEFAULT_RAW)]
    curated_dir = Path(curated) if curated else DEFAULT_CURATED
    paths = raw_paths + ([curated_dir] if curated_dir.exists() else [])
    inspections, files, _ = read_sources(paths)
    if not any(i.source_kind != "curated" for i in inspections):
        raise OfstedAnalysisError(
            f"no release, scrape or report found under {', '.join(map(str, raw_paths))}: "
            "nothing to build from (the stored tables were left as they were). Put Ofsted's "
            "release files or report PDFs in data/raw/ or give --raw DIR.")
    frames = tables(to_frame(inspections))
    written = None if dry_run else write_tables(frames, manifest_of(frames), out)
    from .changes import describe_conflict

    return BuildResult(
        written, files, len(inspections), len(frames["judgements"]), len(frames["events"]),
        len(frames["conflicts"]), time.perf_counter() - started,
        [describe_conflict(r) for r in frames["conflicts"].itertuples()])


@dataclass
class UpdateResult:
    report: object  # changes.ChangeReport
    written: bool
    rejects_file: Path | None = None


def update(files, out=None, dry_run: bool = False, skip_bad_rows: bool = False,
           rejects: str | Path | None = None) -> UpdateResult:
    """Merge new files into the stored tables and report what changed.

    A file replaces the stored records of the file with the same name, so updating twice with
    one file changes nothing, and files applied in any order give the same tables. Nothing is
    written on ``dry_run``, when nothing changed, or when any input is bad (unless
    ``skip_bad_rows``: then the good rows are stored and the refused ones written, with
    reasons, to ``rejects`` (default ``data/rejects/rejects.csv``)).

    >>> import ofsted_analysis as oa
    >>> print(oa.update(["data/raw/new_release.ods"], dry_run=True).report.text())  # doctest: +SKIP
    """
    import pandas as pd

    from .changes import compare
    from .errors import FileError
    from .records import canonical, to_frame
    from .store import TABLES, _read

    paths = [Path(f) for f in files]
    for p in paths:
        if not p.is_file():
            raise FileError(str(p), "does not exist or is not a file")
    old = {name: _read(name, out) for name in TABLES}
    inspections, _files, rejected = read_sources(paths, skip_bad_rows=skip_bad_rows)
    names = {p.name for p in paths}
    kept = old["observations"][~old["observations"]["file"].isin(names)]
    incoming = to_frame(inspections)
    incoming["record"] += int(kept["record"].max()) + 1 if len(kept) else 0
    parts = [f for f in (kept, incoming) if len(f)]
    observations = canonical(pd.concat(parts, ignore_index=True))
    new = tables(observations)
    report = compare(old, new, sorted(names))
    report.rejected = [str(e) for e in rejected.errors]
    rejects_file = None
    if rejected.errors:
        rejects_file = rejected.write(Path(rejects) if rejects else DEFAULT_REJECTS)
    written = False
    if report.changed and not dry_run:
        write_tables(new, manifest_of(new), out)
        written = True
    return UpdateResult(report, written, rejects_file)
