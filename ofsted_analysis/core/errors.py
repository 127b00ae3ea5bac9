"""Errors raised on bad input.

Every problem with an input file is an :class:`InputError` that says where it is (file, sheet,
row, column), what value was found and what was expected, so an analyst can open the file and
fix it. The command line prints these without a traceback and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a value sits in a source file. Rows are 1-based as a spreadsheet shows them."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    page: int | None = None

    def __str__(self) -> str:
        parts = [f"file {self.file}"]
        if self.sheet:
            parts.append(f"sheet {self.sheet!r}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def ref(self) -> str:
        """Compact reference stored in the tidy table's ``source`` column: the file as the
        tables name it (its source key), then sheet, page, row and column."""
        out = self.file
        if self.sheet:
            out += f":{self.sheet}"
        if self.page is not None:
            out += f":p{self.page}"
        if self.row is not None:
            out += f":r{self.row}"
        if self.column:
            out += f":{self.column}"
        return out


class OfstedAnalysisError(Exception):
    """Base class of the errors this package raises on purpose."""


class InputError(OfstedAnalysisError, ValueError):
    """A value in an input file that cannot be read.

    >>> where = Location("a.csv", row=3)
    >>> str(InputError("grade", "Excelent", "one of Outstanding, Good, ...", where))
    "file a.csv, row 3: grade 'Excelent' is not valid; expected one of Outstanding, Good, ..."
    """

    def __init__(self, what: str, value: object, expected: str, where: Location | None = None):
        self.what = what
        self.value = value
        self.expected = expected
        self.where = where
        prefix = f"{where}: " if where else ""
        super().__init__(f"{prefix}{what} {value!r} is not valid; expected {expected}")

    def __reduce__(self):  # rebuilt from its fields when sent between processes
        return (type(self), (self.what, self.value, self.expected, self.where))

    def at(self, where: Location) -> InputError:
        """The same error, placed at a location (parsers raise without knowing where they are)."""
        return InputError(self.what, self.value, self.expected, where)


class FileError(OfstedAnalysisError, ValueError):
    """A whole file that cannot be read: empty, not a spreadsheet, truncated, no table found."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"file {path}: {problem}")

    def __reduce__(self):
        return (type(self), (self.path, self.problem))


class InputErrors(OfstedAnalysisError, ValueError):
    """Several bad rows in input files, reported together so they can all be fixed at once."""

    def __init__(self, errors: Sequence[Exception]):
        self.errors = list(errors)
        lines = [f"{len(errors)} problem(s) in the input:"] + [f"  - {e}" for e in errors]
        super().__init__("\n".join(lines))

    def __reduce__(self):
        return (type(self), (self.errors,))


class SkippedFile(FileError):
    """A file that is not something a reader reads (an HTML error page saved as .pdf, a
    focused-visit letter, a report layout this reader does not read exactly).

    ``build`` and ``update`` list such files with the reason and go on; they never stop a build.
    A recognised report that cannot be read with certainty is a plain :class:`FileError` or
    :class:`InputError` instead, and does stop it.

    >>> str(SkippedFile("a.pdf", "is an HTML page, not a PDF"))
    'file a.pdf: is an HTML page, not a PDF'
    """
