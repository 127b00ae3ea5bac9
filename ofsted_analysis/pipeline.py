"""``build``: read every source, normalise, merge, and write the tidy tables."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .store import PROJECT, write_tables

DEFAULT_RAW = (PROJECT / "data" / "raw",)
DEFAULT_CURATED = PROJECT / "data" / "curated"


@dataclass
class BuildResult:
    out: Path | None
    files: list[str]
    inspections: int
    judgements: int
    events: int
    conflicts: int
    seconds: float
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = f" -> {self.out}" if self.out else " (dry run, nothing written)"
        return (f"read {len(self.files)} file(s): {self.events} inspections and visits, "
                f"{self.judgements} judgements, {self.conflicts} conflict(s) resolved"
                f"{where} in {self.seconds:.2f} s")


def read_sources(paths) -> tuple[list, list[str]]:
    """Read every source under ``paths``; all bad rows of all files are reported together."""
    from .errors import InputErrors, OfstedAnalysisError
    from .records import check_dates
    from .sources import discover, read_any

    files = discover(paths)
    inspections, errors = [], []
    for f in files:
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
    if errors:
        raise InputErrors(errors)
    return inspections, [str(f) for f in files]


def tables(inspections) -> dict:
    """Merge source inspections into the ``judgements``, ``events`` and ``conflicts`` frames."""
    import pandas as pd

    from .authorities import register
    from .grades import grade_dtype
    from .merge import CONFLICT_COLUMNS, EVENT_COLUMNS, JUDGEMENT_COLUMNS, merge

    merged = merge(inspections, register())
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
    j = frames["judgements"]
    frames["judgements"] = j.sort_values(
        ["la_name", "published", "start_date", "inspection_id", "area"], na_position="last"
    ).reset_index(drop=True)
    frames["events"] = frames["events"].sort_values(
        ["la_name", "start_date", "published", "inspection_id"], na_position="last"
    ).reset_index(drop=True)
    return frames


def build(raw=None, out=None, curated=None, dry_run: bool = False) -> BuildResult:
    """Read every source found, normalise, merge and write the tidy tables.

    ``raw``: files or folders to read (default ``data/raw``); ``curated``: the curated
    folder (default ``data/curated``, always read); ``out``: where to write (default
    ``data/processed``). Nothing is written if any input is bad.

    >>> import ofsted_analysis as oa
    >>> oa.build(raw=["../shared/data/raw"], out="/tmp/processed")  # doctest: +SKIP
    """
    from .errors import OfstedAnalysisError

    started = time.perf_counter()
    raw_paths = [Path(p) for p in (raw or DEFAULT_RAW)]
    curated_dir = Path(curated) if curated else DEFAULT_CURATED
    paths = raw_paths + ([curated_dir] if curated_dir.exists() else [])
    inspections, files = read_sources(paths)
    if not any(i.source_kind != "curated" for i in inspections):
        raise OfstedAnalysisError(
            f"no release, scrape or report found under {', '.join(map(str, raw_paths))}: "
            "nothing to build from (the stored tables were left as they were). Put Ofsted's "
            "release files or report PDFs in data/raw/ or give --raw DIR.")
    frames = tables(inspections)
    manifest = {
        "files": sorted(Path(f).name for f in files),
        "tables": {name: len(frame) for name, frame in frames.items()},
        "data_date": max(
            d for f in ("published", "start_date") for d in frames["events"][f].dropna()
        ).date().isoformat(),
    }
    written = None if dry_run else write_tables(frames, manifest, out)
    return BuildResult(
        written, files, len(inspections), len(frames["judgements"]), len(frames["events"]),
        len(frames["conflicts"]), time.perf_counter() - started)
