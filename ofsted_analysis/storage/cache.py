"""The one cache of the package: what was read or computed from source files, kept so a rebuild
re-does only what changed. Every entry, of every kind, follows the same two rules.

Keying. An entry is found by its *kind* (``formats``: which format a file is; ``reads``: an
inspection source as read; ``outcome-reads``, ``outcome-tables``: DfE files read, and the
outcome tables made from them; ``send-reads``, ``send-tables``: area SEND files read, and
the area SEND tables made from them; ``themes``: the findings' themes, keyed by their texts
and the taxonomy), a *key* made by :func:`key` from the content (SHA-256) of the
files it was made from (and their names, where the result names them), and the *reader version*:
a hash of the code and reference tables the results depend on (``sources/``, ``core/``, the
pipeline's reading, the outcome tables' code, the area SEND code, the authority register) and
of the libraries
that parse files. Change a file, any of that code or a parsing library and the entry no longer
matches, so a cached result can never be stale. Failed reads are not cached: they are read
(and reported) again every time.

Pruning. When a kind gets its first entry of a new reader version, the entries of older
versions are deleted (they can never match again); a kind whose entries are whole results
rather than one file's read (``outcome-tables``, ``send-tables``, ``themes``) also keeps
only its ``keep`` most recently used entries.

The cache lives in ``data/cache/`` of the project (git-ignored), or where
``$OFSTED_ANALYSIS_CACHE`` points; deleting it only makes the next build slower. A small stat
index (path, size, modification time -> hash) spares hashing unchanged files again. A
read-only or full cache only costs speed: a failed write is ignored.

>>> from ofsted_analysis.storage import cache
>>> len(cache.reader_version())
16
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent.parent  # ofsted_analysis/, above storage/
_READER_CODE = (
    "sources",
    "core",
    "pipeline/read.py",
    "pipeline/records.py",
    "outcomes/table.py",
    "outcomes/indicators.py",
    "send",
    "outcomes/lait.py",
    "storage/schema.py",  # cached tables are conformed to it
    "storage/conform.py",
    "storage/categories.py",
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


def key(*parts: str) -> str:
    """The key of an entry: a hash of the parts it depends on, in order (files' content
    hashes, and their names where the result names them).

    >>> key("a", "b") == key("a", "b") != key("ab")
    True
    """
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _entry(kind: str, entry_key: str) -> Path:
    return cache_dir() / kind / reader_version() / f"{entry_key}.pickle"


def get(kind: str, entry_key: str) -> Any:
    """The cached value of ``kind`` under ``entry_key`` (:func:`key`), or ``None``."""
    entry = _entry(kind, entry_key)
    try:
        value = pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # most recently used, for the ``keep`` rule
    return value


def put(kind: str, entry_key: str, value: Any, keep: int | None = None) -> None:
    """Remember ``value`` (written atomically), pruning by the module's rule: entries of
    older reader versions go, and with ``keep`` only the ``keep`` most recently used of
    this kind stay."""
    entry = _entry(kind, entry_key)
    try:
        if not entry.parent.is_dir():
            for old in entry.parent.parent.glob("*"):
                shutil.rmtree(old, ignore_errors=True)
        write_atomic(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        if keep is not None:
            entries = sorted(entry.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
            for old in entries[:-keep]:
                old.unlink(missing_ok=True)
    except OSError:
        pass
