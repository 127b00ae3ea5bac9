"""The stored tidy tables: where they live, how they are written and read.

``data/processed/`` holds ``judgements.parquet``, ``events.parquet``, ``conflicts.parquet`` and
``manifest.json``. Writes are atomic: every table is first written to a staging folder beside
the tables, the current tables are kept in ``data/processed/.previous/``, then each staged file
replaces its table with :func:`os.replace` (atomic on one file system). A failure before the
swap leaves the stored tables exactly as they were.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = PROJECT / "data" / "processed"
TABLES = ("judgements", "events", "conflicts", "observations")
DATE_COLUMNS = ("start_date", "end_date", "published")


def data_dir(path: str | Path | None = None) -> Path:
    """The folder of stored tables: ``path``, else ``$OFSTED_ANALYSIS_DATA``, else the
    project's ``data/processed``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get("OFSTED_ANALYSIS_DATA", DEFAULT_DIR))


def _read(name: str, path: str | Path | None):
    import pandas as pd

    from .errors import FileError
    from .grades import grade_dtype

    folder = data_dir(path)
    file = folder / f"{name}.parquet" if folder.is_dir() or not folder.suffix else folder
    if not file.exists():
        raise FileError(str(file), "does not exist; run `ofsted-analysis build` first")
    frame = pd.read_parquet(file)
    for col in ("grade", "kept_grade", "other_grade"):
        if col in frame:
            frame[col] = frame[col].astype(grade_dtype())
    return frame


def load(path: str | Path | None = None):
    """The judgements table: one row per authority x inspection x judgement.

    >>> import ofsted_analysis as oa
    >>> j = oa.load()
    >>> j[(j.la_name == "Leeds") & (j.area == "overall")].grade.tolist()[-1]
    'Outstanding'
    """
    return _read("judgements", path)


def load_events(path: str | Path | None = None):
    """The events table: one row per inspection or visit, ungraded visits included.

    >>> ev = load_events()
    >>> sorted(ev.event.dropna().unique())[:2]
    ['focused_visit', 'full']
    """
    return _read("events", path)


def load_conflicts(path: str | Path | None = None):
    """Disagreements between sources and how each was resolved."""
    return _read("conflicts", path)


def load_observations(path: str | Path | None = None):
    """Every source record behind the tables (one row per source judgement)."""
    return _read("observations", path)


def load_manifest(path: str | Path | None = None) -> dict:
    return json.loads((data_dir(path) / "manifest.json").read_text())


def write_tables(frames: dict, manifest: dict, out: str | Path | None = None) -> Path:
    """Write the tables atomically, keeping the previous version in ``.previous/``."""
    folder = data_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".staging-*"):  # left by a process killed mid-write
        shutil.rmtree(stale, ignore_errors=True)
    staging = folder / f".staging-{os.getpid()}"
    staging.mkdir()
    try:
        for name, frame in frames.items():
            frame.to_parquet(staging / f"{name}.parquet", index=False)
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True)
                                               + "\n")
        files = [f"{name}.parquet" for name in frames] + ["manifest.json"]
        previous = folder / ".previous"
        if any((folder / f).exists() for f in files):
            shutil.rmtree(previous, ignore_errors=True)
            previous.mkdir()
            for f in files:
                if (folder / f).exists():
                    shutil.copy2(folder / f, previous / f)
        _pause("swap")
        for f in files:
            os.replace(staging / f, folder / f)
            _pause("between")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _pause(point: str) -> None:
    # Lets the kill-mid-write test stop a real process at a known point of the write.
    wanted = os.environ.get("OFSTED_ANALYSIS_WRITE_PAUSE", "")
    if wanted.startswith(point + ":"):
        import time

        time.sleep(float(wanted.split(":", 1)[1]))


def rollback(out: str | Path | None = None) -> Path:
    """Restore the tables kept in ``.previous/`` (the current ones become ``.previous/``,
    so a rollback can itself be undone)."""
    from .errors import OfstedAnalysisError

    folder = data_dir(out)
    previous = folder / ".previous"
    if not previous.is_dir() or not any(previous.iterdir()):
        raise OfstedAnalysisError(f"no previous version to roll back to in {previous}")
    swap = folder / f".rollback-{os.getpid()}"
    shutil.rmtree(swap, ignore_errors=True)
    swap.mkdir()
    names = sorted(p.name for p in previous.iterdir())
    for name in names:
        if (folder / name).exists():
            shutil.copy2(folder / name, swap / name)
    for name in names:
        os.replace(previous / name, folder / name)
    shutil.rmtree(previous)
    swap.rename(previous)
    return folder
