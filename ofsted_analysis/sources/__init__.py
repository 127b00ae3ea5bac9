"""Source readers: one per format, chosen by content through one registry
(:mod:`.formats`: each format's detect and read side by side).

* :mod:`.official` — Ofsted's official releases (ODS/XLSX/CSV), tables found by headings;
* :mod:`.d2i` — the Data to Insight scrape (CSV/XLSX);
* :mod:`.curated` — hand-entered CSVs in ``data/curated``;
* :mod:`.reports` — Ofsted report PDFs;
* :mod:`.dfe` — DfE children's social care statistics, MHCLG's revenue outturn and DfE's
  neighbour model (outcomes, not inspections: read into the outcomes table, never by
  :func:`read_any`).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.errors import FileError
from ..pipeline.records import SourceInspection
from .formats import SUFFIXES, Found, identify


def read_any(
    path: str | Path, errors: list[Exception] | None = None, notes: list | None = None
) -> list[SourceInspection]:
    """Read one file with the reader its content calls for (:func:`.formats.identify`).

    Bad cells are appended to ``errors`` (when given) so that every bad row of a file can be
    reported at once; file-level problems raise :class:`FileError`. Cells of a release that
    hold a placeholder ('Not yet inspected', '-') are read as no value and their locations
    appended to ``notes``.
    """
    found = Found(errors=[] if errors is None else errors)
    out = identify(path).read(path, found)
    if notes is not None:
        notes.extend(found.placeholders)
    if errors is None and found.errors:
        from ..core.errors import InputErrors

        raise InputErrors(found.errors)
    return out


def discover(paths: list[str | Path]) -> list[Path]:
    """Every readable source file under the given files and directories, in a stable order.

    Hidden files, README files and ``*.md`` notes are not sources.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(
                f
                for f in _files_under(p)
                if not f.name.startswith((".", "README")) and f.suffix.lower() in SUFFIXES
            )
        elif p.exists():
            found.append(p)
        else:
            raise FileError(str(p), "does not exist")
    return found


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder``, through linked folders too (a shared drive linked into
    data/raw is read), named by the path as reached (links are not resolved in the names);
    a link back to a folder already walked is not walked again."""
    import os

    seen: set[str] = set()
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        files += [Path(root) / n for n in names if os.path.isfile(os.path.join(root, n))]
    return files


def source_key(path: str | Path) -> str:
    """How the stored tables name a source file: its path as given, relative to the project
    folder, with forward slashes (``../shared/data/reports/torbay/2026-02-24.pdf``,
    ``data/raw/release.ods``). The same file has the same key whatever the working
    directory, and two files that share a base name (report PDFs are named by publication
    date) never share a key. Symbolic links are not followed: a data folder reached through
    a link (a shared drive mounted by a link) is named by the link's path, so the stored
    provenance does not depend on where the link points.

    >>> from ofsted_analysis.core.paths import PROJECT
    >>> source_key(PROJECT / "data" / "raw" / "a.ods")
    'data/raw/a.ods'
    """
    from ..core.paths import PROJECT

    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(PROJECT))).as_posix()


def outcome_kind(path: str | Path) -> str | None:
    """``"dfe"``, ``"rsx"`` or ``"neighbours"`` for an outcome source, ``None`` for anything
    else (an inspection source, a PDF), from the file's content.

    >>> outcome_kind("../shared/data/outcomes/dfe/sn_model_2025_wide.csv")
    'neighbours'
    """
    found = identify(path)
    return found.name if found.domain == "outcomes" else None
