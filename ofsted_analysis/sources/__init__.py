"""Source readers: one per format. :func:`read_any` picks the reader from the file's content.

* :mod:`.official` — Ofsted's official releases (ODS/XLSX/CSV), tables found by headings;
* :mod:`.d2i` — the Data to Insight scrape (CSV/XLSX);
* :mod:`.curated` — hand-entered CSVs in ``data/curated``;
* :mod:`.reports` — Ofsted report PDFs;
* :mod:`.dfe` — DfE children's social care statistics (outcomes, not inspections: read by
  :mod:`ofsted_analysis.outcomes.table`, never by :func:`read_any`; :func:`outcome_kind` tells them
  apart by content).
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import FileError
from ..pipeline.records import SourceInspection
from .workbook import TABLE_SUFFIXES, read_sheets


def read_any(
    path: str | Path, errors: list[Exception] | None = None, notes: list | None = None
) -> list[SourceInspection]:
    """Read one file with the reader its content calls for.

    Bad cells are appended to ``errors`` (when given) so that every bad row of a file can be
    reported at once; file-level problems raise :class:`FileError`. Cells of a release that
    hold a placeholder ('Not yet inspected', '-') are read as no value and their locations
    appended to ``notes``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .reports import read_report

        return [read_report(path)]
    if suffix not in TABLE_SUFFIXES:
        raise FileError(
            str(path),
            f"has an unsupported type {suffix!r}; expected a PDF report "
            f"or one of {', '.join(TABLE_SUFFIXES)}",
        )
    sheets = read_sheets(path)
    own_errors: list[Exception] = [] if errors is None else errors
    from .curated import is_curated_header, read_curated_sheets
    from .d2i import is_d2i_header, read_d2i_sheets
    from .official import read_release_sheets

    first_rows = [row for s in sheets for row in s.rows[:20]]
    from .dfe import is_dfe_header, is_neighbour_model_header

    if any(is_dfe_header(r) or is_neighbour_model_header(r) for r in first_rows[:1]):
        raise FileError(
            str(path),
            "holds DfE children's social care statistics, not "
            "inspections: give it to `ofsted-analysis build` or `update`, which "
            "read it into the outcomes table",
        )
    if any(is_curated_header(r) for r in first_rows):
        out = read_curated_sheets(sheets, errors=own_errors)
    elif any(is_d2i_header(r) for r in first_rows):
        out = read_d2i_sheets(sheets, errors=own_errors)
    else:
        out = read_release_sheets(sheets, errors=own_errors, notes=notes)
    if errors is None and own_errors:
        from ..core.errors import InputErrors

        raise InputErrors(own_errors)
    return out


def discover(paths: list[str | Path]) -> list[Path]:
    """Every readable source file under the given files and directories, in a stable order.

    Hidden files, README files and ``*.md`` notes are not sources.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and not f.name.startswith((".", "README"))
                    and f.suffix.lower() in (*TABLE_SUFFIXES, ".pdf")
                ):
                    found.append(f)
        elif p.exists():
            found.append(p)
        else:
            raise FileError(str(p), "does not exist")
    return found


def source_key(path: str | Path) -> str:
    """How the stored tables name a source file: its path relative to the project folder,
    with forward slashes (``../shared/data/reports/torbay/2026-02-24.pdf``,
    ``data/raw/release.ods``). The same file has the same key whatever folder it was given
    from and whatever the working directory, and two files that share a base name (report
    PDFs are named by publication date) never share a key.

    >>> from ofsted_analysis.core.paths import PROJECT
    >>> source_key(PROJECT / "data" / "raw" / "a.ods")
    'data/raw/a.ods'
    """
    import os

    from ..core.paths import PROJECT

    return Path(os.path.relpath(Path(path).resolve(), PROJECT)).as_posix()


def outcome_kind(path: str | Path) -> str | None:
    """``"dfe"``, ``"rsx"`` or ``"neighbours"`` for an outcome source, ``None`` for anything
    else (an inspection source, a PDF), from the file's content.

    >>> outcome_kind("../shared/data/outcomes/dfe/sn_model_2025_wide.csv")
    'neighbours'
    """
    from .dfe import kind_of

    return None if Path(path).suffix.lower() == ".pdf" else kind_of(path)
