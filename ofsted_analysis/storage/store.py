"""The stored tidy tables: where they live, how they are written and read.

A store (``data/processed/`` by default) holds whole *versions* of the tables, switched at once::

    data/processed/current.json            {"version": "tables-<hash>"}: the one pointer
    data/processed/tables-<hash>/          judgements, events, conflicts, observations
                                           (.parquet) and manifest.json, written together
    data/processed/.previous/tables-<h>/   the version before the last write (rollback)

A write puts every table into a staging folder of its own (``.staging-<pid>-<n>``), renames it
to ``tables-<hash of its content>``, then replaces ``current.json`` with :func:`os.replace`
(atomic on one file system): readers see the old version or the new one, never a mix, and a
write killed at any point leaves the stored tables as they were. Writers take a lock, and a
write removes only staging folders whose process is gone, never another live writer's. The
version name is its content hash, so rebuilding identical tables changes no file.

The manifest keeps each table's *digest* (:func:`table_digest`, a hash of its content). A
write whose tables and manifest equal the version in force does nothing at all (no check,
no file written: an unchanged rebuild costs only the digests); a write that changes some
tables links the unchanged tables' files from the version in force instead of writing and
re-checking them.

A folder without ``current.json`` holding ``judgements.parquet`` etc. directly (an older store,
or tables copied by hand) is read as it is and becomes a version at its first write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path

from ..core.paths import processed
from . import conform

DEFAULT_DIR = processed()  # for messages; data_dir() reads the environment each call
TABLES = ("judgements", "events", "conflicts", "observations")


def data_dir(path: str | Path | None = None) -> Path:
    """The folder of stored tables: ``path``, else ``$OFSTED_ANALYSIS_DATA``, else the
    project's ``data/processed``."""
    return processed(path)


POINTER = "current.json"


def _version_dir(folder: Path) -> Path:
    """The folder holding the current version's files (``folder`` itself for a flat store)."""
    pointer = folder / POINTER
    if pointer.exists():
        return folder / json.loads(pointer.read_text())["version"]
    return folder


def table_file(name: str, path: str | Path | None = None) -> Path:
    """The file of table ``name`` in the current version of the store at ``path``
    (or ``path`` itself when it is a ``.parquet`` file)."""
    folder = data_dir(path)
    if folder.suffix == ".parquet":
        return folder
    return _version_dir(folder) / f"{name}.parquet"


def read_table(name: str, path: str | Path | None, missing_ok: bool = False):
    """A stored table by name, from the version in force, checked against its schema
    (:mod:`ofsted_analysis.storage.schema`): a file that does not fit (written by another version of
    the package, or edited) is refused with a :class:`FileError` naming the column.
    With ``missing_ok``, a table the store lacks (outcomes in a store built without DfE
    files) comes back empty; otherwise that is a :class:`FileError` too.

    >>> read_table("judgements", None)["grade"].cat.categories.tolist()
    ['Inadequate', 'Requires improvement', 'Good', 'Outstanding']
    """
    import pandas as pd

    from ..core.errors import FileError

    switching = (data_dir(path) / POINTER).exists()
    for attempt in range(3):  # a write may switch versions between the pointer and the read
        file = table_file(name, path)
        try:
            frame = pd.read_parquet(file)
            break
        except FileNotFoundError:
            if missing_ok and (file.parent / "manifest.json").exists():
                return conform.empty(name)
            if attempt == 2 or not switching:
                raise FileError(
                    str(file), "does not exist; run `ofsted-analysis build` first"
                ) from None
        except (OSError, ValueError) as e:
            raise FileError(str(file), f"is not a readable table ({e})") from None
    frame = conform.restore(name, frame, str(file))
    conform.check(name, frame, str(file))
    manifest = file.parent / "manifest.json"
    if manifest.exists():  # the date the data runs to, for analyses that need "now"
        frame.attrs["data_date"] = json.loads(manifest.read_text()).get("data_date")
    return frame


def load(path: str | Path | None = None):
    """The judgements table: one row per authority x inspection x judgement, loaded with what
    analyses of it need from the same version of the store: ``attrs["data_date"]`` (the
    manifest's) and ``attrs["release_covers"]`` (each release's "as at" date and publication
    cut-off, :func:`load_release_covers`, as ISO dates: what
    :func:`ofsted_analysis.judgements.asat.ofsted_cut_off` reads).

    >>> import ofsted_analysis as oa
    >>> j = oa.load()
    >>> j[(j.la_name == "Leeds") & (j.area == "overall")].grade.tolist()[-1]
    'Outstanding'
    """
    frame = read_table("judgements", path)
    covers = load_release_covers(path)
    # Plain strings, not a frame: pandas compares attrs when it combines frames.
    frame.attrs["release_covers"] = [
        {"as_at": f"{r.as_at:%Y-%m-%d}", "published_by": f"{r.published_by:%Y-%m-%d}"}
        for r in covers.itertuples()
    ]
    return frame


def load_release_covers(path: str | Path | None = None):
    """What each release's cover states: ``as_at``, ``published_by``, the ``statement``
    verbatim and its cell (``source``); empty for a store built before covers were kept."""
    file = table_file("release_covers", path)
    if data_dir(path).suffix == ".parquet" or not file.exists():  # a lone table file, or older
        return conform.empty("release_covers")
    return read_table("release_covers", path)


def load_events(path: str | Path | None = None):
    """The events table: one row per inspection or visit, ungraded visits included.

    >>> ev = load_events()
    >>> sorted(ev.event.dropna().unique())[:2]
    ['focused_visit', 'full']
    """
    return read_table("events", path)


def load_conflicts(path: str | Path | None = None):
    """Disagreements between sources and how each was resolved."""
    return read_table("conflicts", path)


def load_observations(path: str | Path | None = None):
    """Every source record behind the tables (one row per source judgement)."""
    return read_table("observations", path)


def load_manifest(path: str | Path | None = None) -> dict:
    return json.loads((_version_dir(data_dir(path)) / "manifest.json").read_text())


@contextlib.contextmanager
def _lock(folder: Path):
    """One writer at a time per store (advisory lock; none where fcntl is missing)."""
    try:
        import fcntl
    except ImportError:  # Windows: writers are not serialised
        yield
        return
    with open(folder / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _clear_dead_staging(folder: Path) -> None:
    """Remove what killed writes left: their staging folders (never a live writer's) and a
    version published but never switched to."""
    current = _current(folder)
    for orphan in folder.glob("tables-*"):
        if orphan.name != current:
            shutil.rmtree(orphan, ignore_errors=True)
    for stale in folder.glob(".staging-*"):
        try:
            pid = int(stale.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or not _alive(pid):
            shutil.rmtree(stale, ignore_errors=True)


def _adopt_flat(folder: Path) -> None:
    """Make the tables of a flat (older) store a version, so a write can keep it as previous."""
    if (folder / POINTER).exists() or not (folder / "judgements.parquet").exists():
        return
    files = [
        f
        for f in folder.iterdir()
        if f.is_file() and (f.suffix == ".parquet" or f.name == "manifest.json")
    ]
    staging = folder / f".staging-{os.getpid()}-adopt"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for f in files:
        shutil.copy2(f, staging / f.name)
    version = _publish(folder, staging)
    _point(folder, version)
    for f in files:
        f.unlink()


def _content_hash(staging: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(staging.iterdir()):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def _publish(folder: Path, staging: Path) -> str:
    """Rename a complete staging folder to its version name (its content hash)."""
    version = f"tables-{_content_hash(staging)}"
    target = folder / version
    if target.exists() and _content_hash(target) == version.removeprefix("tables-"):
        shutil.rmtree(staging)  # identical tables are already stored, whole
        return version
    if target.exists():  # a stored version damaged by hand: replaced by the one just written
        shutil.rmtree(target)
    os.rename(staging, target)
    return version


def _point(folder: Path, version: str) -> None:
    tmp = folder / f".{POINTER}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps({"version": version}) + "\n")
    os.replace(tmp, folder / POINTER)


def _current(folder: Path) -> str | None:
    pointer = folder / POINTER
    return json.loads(pointer.read_text())["version"] if pointer.exists() else None


def table_digest(frame) -> str:
    """A hash of a table's content: its columns' names, Arrow types (categories included)
    and values in order, taken over each column as Arrow's IPC format writes it, streamed
    into the hash (about 0.06 s for the 630,000 outcome rows; pandas' own row hashing takes
    0.55 s on their text columns, and collecting the stream in memory first 0.4 s). A column
    with missing values is hashed as which values are missing and the others in order: what
    lies under a missing value in Arrow's buffers is arbitrary, not content. A frame read
    from its stored file has the digest of the frame that was written.

    >>> import pandas as pd
    >>> table_digest(pd.DataFrame({"a": [1, 2]})) == table_digest(pd.DataFrame({"a": [1, 2]}))
    True
    >>> table_digest(pd.DataFrame({"a": [1, 2]})) == table_digest(pd.DataFrame({"a": [2, 1]}))
    False
    """
    import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    digest = hashlib.sha256()
    sink = pa.PythonFile(_HashSink(digest), mode="w")
    # Without pandas' metadata: a frame's attrs (a loaded table's data date) are not content.
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    for name, column in zip(table.column_names, table.columns, strict=True):
        if column.num_chunks > 1:  # how a table is cut into chunks is not content either
            column = column.combine_chunks()
        parts = {name: column}
        if column.null_count:
            parts = {f"{name} present": column.is_valid(), name: pc.drop_null(column)}
        for label, values in parts.items():
            piece = pa.table({label: values})
            with pa.ipc.new_stream(sink, piece.schema) as writer:
                writer.write_table(piece)
    return digest.hexdigest()[:32]


class _HashSink:
    """A write-only file that feeds what is written to a hash."""

    closed = False

    def __init__(self, digest) -> None:
        self.digest = digest

    def write(self, data) -> int:
        self.digest.update(data)
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def _stored_manifest(folder: Path) -> dict:
    """The manifest of the version in force (empty for a store without one)."""
    try:
        return json.loads((_version_dir(folder) / "manifest.json").read_text())
    except (OSError, ValueError):
        return {}


def _intact(version: Path, manifest: dict) -> set[str]:
    """The tables of a stored version whose file is there at the size its manifest records
    (a file deleted or cut short by hand is not: the next write writes it afresh)."""
    sizes = manifest.get("sizes", {})
    out = set()
    for name, size in sizes.items():
        with contextlib.suppress(OSError):
            if (version / f"{name}.parquet").stat().st_size == size:
                out.add(name)
    return out


def write_tables(frames: dict, manifest: dict, out: str | Path | None = None) -> Path:
    """Write a whole new version of the tables and switch to it at once; the version it
    replaces is kept in ``.previous/`` for :func:`rollback`. Every changed table is checked
    against its schema (columns, types, unique keys) first: if one does not fit, nothing is
    written. Tables equal to the version in force (by :func:`table_digest`, kept in the
    manifest's ``digests``, and their file whole: the size in ``sizes``) are neither checked
    nor written again; when all are, and the manifest is the same, nothing changes at all."""
    folder = data_dir(out)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {**manifest, "digests": {name: table_digest(f) for name, f in frames.items()}}
    with _lock(folder):
        _clear_dead_staging(folder)
        _adopt_flat(folder)
        stored = _stored_manifest(folder)
        whole = _intact(_version_dir(folder), stored) if _current(folder) else set()
        kept = {n: d for n, d in stored.get("digests", {}).items() if n in whole}
        unchanged = {n for n, d in manifest["digests"].items() if kept.get(n) == d}
        same = {k: v for k, v in stored.items() if k != "sizes"} == json.loads(json.dumps(manifest))
        if same and unchanged == set(frames) == whole:
            return folder  # the tables in force are these tables
        for name, frame in frames.items():  # nothing is written unless every table fits
            if name not in unchanged:
                conform.check(name, frame, keys=True)
        staging = folder / f".staging-{os.getpid()}-{os.urandom(4).hex()}"
        staging.mkdir()
        try:
            for name, frame in frames.items():
                file = f"{name}.parquet"
                if name not in unchanged or not _link(_version_dir(folder) / file, staging / file):
                    frame.to_parquet(staging / file, index=False)
            sizes = {name: (staging / f"{name}.parquet").stat().st_size for name in frames}
            (staging / "manifest.json").write_text(
                json.dumps({**manifest, "sizes": sizes}, indent=1, sort_keys=True) + "\n"
            )
            _pause("swap")
            old = _current(folder)
            version = _publish(folder, staging)
            if version == old:
                return folder
            _pause("between")
            _point(folder, version)  # the switch: one atomic replace
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            _keep_as_previous(folder, old)
    return folder


def _link(stored: Path, staged: Path) -> bool:
    """Put a stored table's file into a staging folder without copying it (a hard link: the
    stored files are never written in place); False where links are not possible."""
    try:
        os.link(stored, staged)
    except OSError:
        return False
    return True


def _keep_as_previous(folder: Path, version: str) -> None:
    previous = folder / ".previous"
    previous.mkdir(exist_ok=True)
    for stale in previous.iterdir():
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink()
    if (folder / version).exists():
        os.rename(folder / version, previous / version)


def _pause(point: str) -> None:
    # Lets the kill-mid-write test stop a real process at a known point of the write.
    wanted = os.environ.get("OFSTED_ANALYSIS_WRITE_PAUSE", "")
    if wanted.startswith(point + ":"):
        import time

        time.sleep(float(wanted.split(":", 1)[1]))


def rollback(out: str | Path | None = None) -> Path:
    """Switch back to the version kept in ``.previous/`` (the current one takes its place,
    so a rollback can itself be undone).

    >>> rollback("/tmp/no-such-store")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    OfstedAnalysisError: no previous version to roll back to in /tmp/no-such-store/.previous
    """
    from ..core.errors import OfstedAnalysisError

    folder = data_dir(out)
    previous = folder / ".previous"
    kept = sorted(p for p in previous.glob("tables-*") if p.is_dir()) if previous.is_dir() else []
    if not kept:
        raise OfstedAnalysisError(f"no previous version to roll back to in {previous}")
    with _lock(folder):
        current = _current(folder)
        back = kept[0].name
        os.rename(kept[0], folder / back)
        _point(folder, back)
        if current is not None:
            _keep_as_previous(folder, current)
    return folder
