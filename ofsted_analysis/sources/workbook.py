"""Open any spreadsheet-like file (ODS, XLSX, XLS, CSV) as sheets of cell rows.

ODS and Excel files are read with python-calamine (Rust), about 100 times faster than pandas'
default odf engine on Ofsted's 2 MB release. CSV files are read with the csv module: UTF-8
(with or without BOM) or, failing that, Windows-1252; the delimiter is sniffed.
"""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from ..core.errors import FileError

SPREADSHEET_SUFFIXES = (".ods", ".xlsx", ".xlsm", ".xls", ".xlsb")
TABLE_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".tsv", ".txt")
T = TypeVar("T")


@dataclass
class Sheet:
    file: str
    name: str | None  # None for a CSV file, which has a single unnamed sheet
    rows: list[list[object]]


def is_heading_row(
    cells: set[str], identifying: str, known: set[str] | tuple[str, ...], at_least: int = 3
) -> bool:
    """Whether ``cells`` are the heading row of a known layout: its ``identifying`` heading
    (one no other source has) among at least ``at_least`` of its ``known`` headings. A copy
    missing one heading is thus still recognised, then refused naming the heading it lacks,
    rather than taken for another kind of file.

    >>> is_heading_row({"Short Desc", "Year", "Values", "LA Number"}, "Short Desc",
    ...                ("Short Desc", "Years", "Values", "LA Number"))
    True
    """
    return identifying in cells and len(cells & set(known)) >= at_least


def read_sheets(path: str | Path) -> list[Sheet]:
    """All sheets of a file, each as a list of rows of cell values (str, float, datetime...).

    Raises :class:`FileError` for an empty, unreadable, truncated or non-spreadsheet file.
    """
    return head_rows(path, None)


def head_rows(path: str | Path, nrows: int | None) -> list[Sheet]:
    """The first ``nrows`` rows of every sheet of a file (all rows for ``None``), as
    :func:`read_sheets` reads them."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise FileError(str(path), f"cannot be opened ({e.strerror})") from None
    if size == 0:
        raise FileError(str(path), "is empty (0 bytes); expected a spreadsheet or CSV file")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES or _workbook_bytes(path):
        return _read_spreadsheet(path, nrows)
    if suffix in (".csv", ".tsv", ".txt"):
        return [Sheet(str(path), None, _read_csv(path)[:nrows])]
    raise FileError(
        str(path),
        f"has an unsupported type {suffix!r}; expected one of " + ", ".join(TABLE_SUFFIXES),
    )


def _workbook_bytes(path: Path) -> bool:
    """True for a file that begins as a workbook does (a zip container, or an old binary
    Excel file) whatever its name: read by its content, as the build's cache (keyed by
    content) would."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    return head in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _read_spreadsheet(path: Path, nrows: int | None = None) -> list[Sheet]:
    import python_calamine

    kind = path.suffix.lower().lstrip(".").upper()
    try:
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as by_name:  # a workbook saved under another suffix: read by content
            try:
                with open(path, "rb") as fh:
                    book = python_calamine.CalamineWorkbook.from_filelike(fh)
            except Exception:
                raise by_name from None
        # Calamine's typed cells are a subset of object; the rows are not copied to say so.
        return [
            Sheet(
                str(path),
                name,
                cast(
                    "list[list[object]]",
                    book.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=nrows),
                ),
            )
            for name in book.sheet_names
        ]
    except Exception as e:  # calamine raises several exception types for damaged files
        head = path.read_bytes()[:4]
        if head[:2] != b"PK" and kind != "XLS":
            why = (
                "it is not a zip container as ODS/XLSX files are (text or another format renamed?)"
            )
        elif zipfile.is_zipfile(path):
            why = "it is a zip archive but not a readable ODS or XLSX workbook"
        else:
            why = "it is damaged or truncated"
        raise FileError(
            str(path), f"cannot be read as {kind}: {why} [{type(e).__name__}: {e}]"
        ) from None


def _csv_text(path: Path, name: str | None = None) -> str:
    """A CSV file's text: UTF-8 (with or without BOM), else Windows-1252 as Excel saves it."""
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise FileError(name or str(path), "is a binary file, not a CSV text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    # pragma: no cover - cp1252 decodes nearly anything
    raise FileError(name or str(path), "is not UTF-8 or Windows-1252 text")


def csv_table(path: str | Path, name: str | None = None):
    """A comma-separated file with its headings on the first line (DfE's tidy files, LAIT's
    bulk file and dictionary) as a DataFrame of text, empty cells ''. ``name`` names the file
    in messages (default: the path).

    A line with fewer cells than the heading line is refused, every one named (file, row,
    column, the line's cells): a file cut short (a download interrupted) would otherwise be
    read with its last line's missing cells blank, and the rows after the cut silently gone.
    """
    import pandas as pd

    from ..core.errors import InputError, InputErrors, Location

    path = Path(path)
    name = name or str(path)
    text = _csv_text(path, name)
    lines = csv.reader(io.StringIO(text))
    header = next(lines, [])
    short = []
    for row in lines:
        if row and len(row) < len(header):
            short.append(
                InputError(
                    "row",
                    ",".join(row),
                    f"as many cells as the heading line ({len(header)}), found {len(row)}: the "
                    "file may be truncated or damaged",
                    Location(name, row=lines.line_num, column=header[len(row)]),
                )
            )
    if not short and text.strip() and not text.endswith(("\n", "\r")):
        # machine-written files (DfE's, LAIT's) end each line, the last too: a cut inside the
        # last line's last cell (a number 1234 cut to 12) keeps its cell count
        short.append(
            InputError(
                "last line",
                text.rstrip().rsplit("\n", 1)[-1][-60:],
                "a line break at its end, as the publisher writes it: the file may be cut "
                "short inside this line (download it again)",
                Location(name, row=max(lines.line_num, 1)),
            )
        )
    if short:
        raise InputErrors(short)
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, csv.Error) as e:
        raise FileError(name, f"cannot be read as a CSV file ({e})") from None


def _read_csv(path: Path) -> list[list[object]]:
    text = _csv_text(path)
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if rows and not text.endswith(("\n", "\r")) and len(rows[-1]) < max(map(len, rows)):
        raise FileError(
            str(path),
            f"is cut off: its last line (row {len(rows)}) stops after {len(rows[-1])} of the "
            f"{max(map(len, rows))} columns, with no line break after it, as a file cut off "
            "while downloading or saving does; expected whole rows",
        )
    return rows


class SheetsReader(Protocol[T]):
    """A sheets reader made by :func:`collects_errors`: ``errors`` optional."""

    def __call__(
        self,
        sheets: list[Sheet],
        authorities: Any = None,
        errors: list[Exception] | None = None,
        **options: Any,
    ) -> list[T]: ...


def collects_errors(read: Callable[..., list[T]]) -> SheetsReader[T]:
    """A sheets reader ``read(sheets, reg, errors, **options)`` that puts each bad row in
    ``errors`` and reads on, made callable without ``errors`` or ``authorities``: ``reg`` is the
    register given as ``authorities``, else the package's
    (:func:`~ofsted_analysis.core.authorities.register`); called without ``errors`` (on its own,
    or by :func:`read_collecting`), it raises every bad row it found at once as
    :class:`~ofsted_analysis.core.errors.InputErrors` once the reading ends."""

    @functools.wraps(read)
    def reader(
        sheets: list[Sheet],
        authorities: Any = None,
        errors: list[Exception] | None = None,
        **options: Any,
    ) -> list[T]:
        from ..core.authorities import register

        reg = authorities or register()
        if errors is not None:
            return read(sheets, reg, errors, **options)
        from ..core.errors import InputErrors

        found: list[Exception] = []
        out = read(sheets, reg, found, **options)
        if found:
            raise InputErrors(found)
        return out

    return reader


def read_collecting(read: SheetsReader[T], path: str | Path, authorities: Any = None) -> list[T]:
    """Run a sheets reader on a file and raise every bad row it found at once."""
    return read(read_sheets(path), authorities)


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def is_blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and value != value)
    )
