"""What each source file read as, cached, so a rebuild re-reads only the files that changed.

An entry is keyed by the file's content (SHA-256) and the *reader version*: a hash of the code
and reference tables a reader's output depends on (``sources/``, the pipeline, grades, dates,
frameworks, authorities and their register). Change a file or any of that code and the entry
no longer matches, so a cached read can never be stale. Files that could not be read are not
cached: they are read (and reported) again every time.

The cache lives in ``data/cache/`` of the project (git-ignored), or where
``$OFSTED_ANALYSIS_CACHE`` points; deleting it only makes the next build slower. A small stat
index (path, size, modification time -> hash) spares hashing unchanged files again.

>>> from ofsted_analysis.storage import cache
>>> len(cache.reader_version())
16
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # ofsted_analysis/, above storage/
_READER_CODE = (
    "sources",
    "core",
    "pipeline/run.py",
    "pipeline/read.py",
    "pipeline/records.py",
)
_FORMAT = 2  # bump when the layout of an entry changes (2: tables passed over)


_READER_LIBRARIES = ("python-calamine", "pypdfium2", "pandas", "pyarrow")


def cache_dir() -> Path:
    """``$OFSTED_ANALYSIS_CACHE``, else ``data/cache`` (see :mod:`.paths`)."""
    from ..core.paths import cache

    return cache()


@lru_cache(maxsize=1)
def reader_version() -> str:
    """Hash of everything a reader's output depends on: the code, the authority register and
    the libraries that parse files (python-calamine 0.2 numbered some ODS rows differently
    from 0.3, so a cache filled by one must not serve another)."""
    from importlib.metadata import PackageNotFoundError, version

    from ..core.authorities import REFERENCE, TRUSTS

    digest = hashlib.sha256(f"format {_FORMAT}".encode())
    for library in _READER_LIBRARIES:
        try:
            digest.update(f"{library} {version(library)}".encode())
        except PackageNotFoundError:  # pragma: no cover - a declared dependency
            digest.update(f"{library} missing".encode())
    files: list[Path] = []
    for part in _READER_CODE:
        p = PACKAGE / part
        files.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    files.extend((REFERENCE, TRUSTS))
    for f in files:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (a temporary file renamed over it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class FileHashes:
    """Content hashes of files, remembered by (path, size, mtime) between runs."""

    def __init__(self) -> None:
        self.index_file = cache_dir() / "hashes.json"
        try:
            self.index: dict[str, list] = json.loads(self.index_file.read_text())
        except (OSError, ValueError):
            self.index = {}
        self.changed = False

    def __call__(self, path: Path) -> str:
        stat = path.stat()
        key = str(path.resolve())
        seen = self.index.get(key)
        if seen and seen[0] == stat.st_size and seen[1] == stat.st_mtime_ns:
            return seen[2]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        self.index[key] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        if self.changed:
            try:
                write_atomic(self.index_file, json.dumps(self.index).encode())
            except OSError:
                pass  # a read-only cache only costs speed


def _entry(digest: str) -> Path:
    return cache_dir() / "reads" / reader_version() / f"{digest}.pickle"


def get(digest: str):
    """The cached read of a file with this content, or ``None``."""
    try:
        return pickle.loads(_entry(digest).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def put(digest: str, value) -> None:
    """Remember what a file with this content read as (written atomically)."""
    entry = _entry(digest)
    try:
        if not entry.parent.is_dir():  # a new reader version: entries of older ones are dead
            import shutil

            for old in entry.parent.parent.glob("*"):
                shutil.rmtree(old, ignore_errors=True)
        write_atomic(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
