"""One registry of the file formats read here: each format's *detect* and *read* side by side
(as tablib keeps its formats), asked once per file.

A file is recognised by its content, never by its name: :func:`identify` looks at what is
cheap to see (the suffix, a CSV's header line, the first rows of each sheet) and gives the
first format in :data:`FORMATS` that claims it. Inspection formats read into
:class:`~ofsted_analysis.pipeline.records.SourceInspection` records (:meth:`Format.read`);
outcome formats (DfE statistics, MHCLG's revenue outturn, DfE's neighbour model) read into
the outcomes table's *measures* (:meth:`Format.read_outcomes`). Adding a format is one entry
here.

>>> identify("../shared/data/outcomes/dfe/sn_model_2025_wide.csv").name
'neighbours'
>>> identify("../shared/data/raw/d2i/ofsted_csc_ilacs_history.csv").name
'd2i'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..core.errors import FileError
from .workbook import TABLE_SUFFIXES, Sheet, head_rows, read_sheets

HEAD_ROWS = 20  # a table's heading row is looked for this far down a sheet
ARCHIVE = ".zip"  # recognised to be refused, saying why: never silently passed by
SUFFIXES = (*TABLE_SUFFIXES, ".pdf", ".parquet", ARCHIVE)  # the types of file read here


class Probe:
    """What is cheap to see of a file, each part read once and only when a format asks."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()

    @cached_property
    def csv_header(self) -> list[str]:
        """A CSV file's first line, as cells ([] for any other file)."""
        from .dfe import csv_header

        return csv_header(self.path) if self.suffix == ".csv" else []

    @cached_property
    def parquet_columns(self) -> list[str]:
        """A parquet file's column names ([] for any other file)."""
        from .lait import parquet_columns

        return parquet_columns(self.path) if self.suffix == ".parquet" else []

    @cached_property
    def head(self) -> list[Sheet]:
        """The first rows of each sheet of a table file ([] for any other file)."""
        return head_rows(self.path, HEAD_ROWS) if self.suffix in TABLE_SUFFIXES else []

    @cached_property
    def first_page(self) -> str:
        """A PDF's first page's text ('' for any other file, or a PDF that cannot be read:
        the report reader says why)."""
        from .send.report import first_page_text

        return first_page_text(self.path) if self.suffix == ".pdf" else ""

    def any_row(self, test: Callable[[list[object]], bool]) -> bool:
        return any(test(row) for sheet in self.head for row in sheet.rows)


@dataclass
class Found:
    """Beside the records read: cells read as no value (placeholders) and tables passed over,
    with the reason."""

    errors: list[Exception] = field(default_factory=list)
    placeholders: list = field(default_factory=list)  # Locations of placeholder cells
    passed_over: list[str] = field(default_factory=list)


_TABLE_OF_DOMAIN = {"outcomes": "outcomes", "send": "area_send"}


@dataclass(frozen=True)
class Format:
    """One format: what it is, how it is recognised and how it is read."""

    name: str
    domain: str  # "inspections", "outcomes" or "send" (area SEND: ofsted_analysis.send)
    describe: str
    detect: Callable[[Probe], bool]
    reader: Callable[..., Any]

    def read(self, path: str | Path, found: Found) -> list:
        """The inspections of a file of an inspection format; bad cells go to ``found``."""
        if self.domain != "inspections":
            raise FileError(
                str(path),
                f"holds {self.describe}, not inspections: give it to `ofsted-analysis build` "
                f"or `update`, which read it into the {_TABLE_OF_DOMAIN[self.domain]} table",
            )
        return self.reader(Path(path), found)

    def read_outcomes(self, path: str | Path, key: str | None = None):
        """The measures of a file of an outcome format (a DataFrame)."""
        if self.domain != "outcomes":
            raise FileError(str(path), f"holds {self.describe}, not DfE outcome statistics")
        return self.reader(path, key)


# --- the readers, each as the registry calls it -------------------------------------------------


def _report(path: Path, found: Found) -> list:
    from .reports import read_report

    return [read_report(path)]


def _curated(path: Path, found: Found) -> list:
    from .curated import read_curated_sheets

    return read_curated_sheets(read_sheets(path), errors=found.errors)


def _d2i(path: Path, found: Found) -> list:
    from .d2i import read_d2i_sheets

    return read_d2i_sheets(read_sheets(path), errors=found.errors)


def _release(path: Path, found: Found) -> list:
    from .official import read_release_sheets

    return read_release_sheets(
        read_sheets(path),
        errors=found.errors,
        notes=found.placeholders,
        skipped=found.passed_over,
    )


def _refused(problem: str) -> Callable[[Path, Found], list]:
    """The reader of a format recognised only to be refused, saying ``problem``."""

    def refuse(path: Path, found: Found) -> list:
        raise FileError(str(path), problem)

    return refuse


_dfe_other = _refused(
    "holds DfE children's social care statistics in a form other than DfE's own CSV "
    "(comma-separated, headings on the first line), the only one read here: save it as "
    "such a CSV and give that to `ofsted-analysis build` or `update`"
)


def _read_dfe(path, key=None):
    from .dfe import read_dfe

    return read_dfe(path, key)


def _read_rsx(path, key=None):
    from .dfe import read_rsx

    return read_rsx(path, key)


def _read_neighbours(path, key=None):
    from .dfe import read_neighbour_model

    return read_neighbour_model(path, key)


def _send_report(path: Path) -> list:
    from .send.report import read_send_report

    return [read_send_report(path)]


def _send_table(path: Path) -> list:
    from .send.tables import read_send_table

    return read_send_table(path)


def _read_lait(path, key=None):
    from .lait import read_lait

    return read_lait(path, key)


def _read_lait_dictionary(path, key=None):
    from .lait import read_dictionary

    return read_dictionary(path, key)


def _lait_companion(path: Path, found: Found) -> list:
    from ..core.errors import SkippedFile

    raise SkippedFile(
        str(path),
        "is one of LAIT's companion tables (its statistical-neighbour groups or its list of "
        "authorities), not data read here: the neighbour models are "
        "data/reference/statistical_neighbours.csv and the authorities "
        "data/reference/authorities.csv",
    )


_archive = _refused(
    "is a zip archive, whose files are not read from inside it: unzip it and give the "
    "files or their folder (DfE's 'download all data' zip holds its CSV files under "
    "data/), or move it out of the folders given"
)


def _parquet_other(path: Path, found: Found) -> list:
    from .lait.bulk import HEADER, parquet_columns

    parquet_columns(path)  # a damaged file is refused as such, naming why

    raise FileError(
        str(path),
        "is a parquet file but not LAIT's bulk data, the only parquet file read here "
        f"(expected the columns {', '.join(HEADER)})",
    )


# --- the detectors ------------------------------------------------------------------------------


def _is_dfe(probe: Probe) -> bool:
    from .dfe import is_dfe_header

    return is_dfe_header(probe.csv_header)


def _is_neighbours(probe: Probe) -> bool:
    from .dfe import is_neighbour_model_header

    return is_neighbour_model_header(probe.csv_header)


def _is_rsx(probe: Probe) -> bool:
    from .dfe import RSX_COLUMN

    if probe.suffix not in (".ods", ".xlsx"):
        return False
    return probe.any_row(
        lambda row: {"ONS Code", RSX_COLUMN} <= {str(c).strip() for c in row if c is not None}
    )


def _is_dfe_other(probe: Probe) -> bool:
    from .dfe import is_dfe_header, is_neighbour_model_header

    if not probe.head or not probe.head[0].rows:
        return False
    first = probe.head[0].rows[0]
    return is_dfe_header(first) or is_neighbour_model_header(first)


def _is_lait(probe: Probe) -> bool:
    from .lait import is_lait_header

    if probe.suffix == ".parquet":
        return is_lait_header(probe.parquet_columns)
    if probe.suffix == ".csv":
        return is_lait_header(probe.csv_header)
    return bool(probe.head and probe.head[0].rows) and is_lait_header(probe.head[0].rows[0])


def _is_lait_dictionary(probe: Probe) -> bool:
    from .lait import is_dictionary_header

    return is_dictionary_header(probe.csv_header)


_LAIT_COMPANIONS = (
    {"LA num", "LA Name", "GOReg", "SN1"},  # sn_may_2025.xlsx, sn_april_2021.xlsx
    {"LA Number", "LA Name", "Region", "Type"},  # la_code_list.xlsx
)


def _is_lait_companion(probe: Probe) -> bool:
    return probe.any_row(
        lambda row: any(
            want <= {str(c).strip() for c in row if c is not None} for want in _LAIT_COMPANIONS
        )
    )


def _is_curated(probe: Probe) -> bool:
    from .curated import is_curated_header

    return probe.any_row(is_curated_header)


def _is_d2i(probe: Probe) -> bool:
    from .d2i import is_d2i_header

    return probe.any_row(is_d2i_header)


def _is_send_report(probe: Probe) -> bool:
    from .send.report import is_send_report

    return probe.suffix == ".pdf" and is_send_report(probe.first_page)


def _is_send_table(probe: Probe) -> bool:
    from .send.tables import layout_of

    return any(layout_of(sheet.rows) is not None for sheet in probe.head)


#: Every format, in the order they are tried (the first that claims a file reads it).
FORMATS: tuple[Format, ...] = (
    Format(
        "send_report",
        "send",
        "an area SEND inspection report (PDF)",
        _is_send_report,
        _send_report,
    ),
    Format(
        "report",
        "inspections",
        "an Ofsted inspection report (PDF)",
        lambda p: p.suffix == ".pdf",
        _report,
    ),
    Format("dfe", "outcomes", "DfE children's social care statistics", _is_dfe, _read_dfe),
    Format(
        "neighbours",
        "outcomes",
        "DfE children's social care statistics (a statistical-neighbour model)",
        _is_neighbours,
        _read_neighbours,
    ),
    Format("rsx", "outcomes", "MHCLG revenue outturn (RSX)", _is_rsx, _read_rsx),
    Format("lait", "outcomes", "LAIT's bulk data (DfE)", _is_lait, _read_lait),
    Format(
        "lait_dictionary",
        "outcomes",
        "LAIT's data dictionary (DfE)",
        _is_lait_dictionary,
        _read_lait_dictionary,
    ),
    Format(
        "lait_companion",
        "inspections",
        "a LAIT companion table (neighbour groups, authority list)",
        _is_lait_companion,
        _lait_companion,
    ),
    Format(
        "parquet_other",
        "inspections",
        "a parquet file of another layout",
        lambda p: p.suffix == ".parquet",
        _parquet_other,
    ),
    Format(
        "dfe_other",
        "inspections",
        "DfE children's social care statistics in another layout",
        _is_dfe_other,
        _dfe_other,
    ),
    Format(
        "send_table",
        "send",
        "an area SEND table (Ofsted's statistics or management information, ADCS, D2I)",
        _is_send_table,
        _send_table,
    ),
    Format("curated", "inspections", "curated records", _is_curated, _curated),
    Format("d2i", "inspections", "the Data to Insight scrape", _is_d2i, _d2i),
    Format(
        "release",
        "inspections",
        "an Ofsted release (tables found by their headings)",
        lambda p: p.suffix in TABLE_SUFFIXES,
        _release,
    ),
    Format("archive", "inspections", "a zip archive", lambda p: p.suffix == ARCHIVE, _archive),
)
BY_NAME = {f.name: f for f in FORMATS}


def identify(path: str | Path) -> Format:
    """The format of a file, from its content; :class:`FileError` for a type not read here."""
    probe = Probe(path)
    if probe.suffix not in SUFFIXES:
        raise FileError(
            str(path),
            f"has an unsupported type {probe.suffix!r}; expected a PDF report "
            f"or one of {', '.join(TABLE_SUFFIXES)}",
        )
    try:
        return next(f for f in FORMATS if f.detect(probe))
    except (FileError, OSError):
        # A file that cannot even be opened is refused by the reader of its type, naming why
        # (empty, truncated, not a spreadsheet, not parquet).
        return BY_NAME["parquet_other" if probe.suffix == ".parquet" else "release"]


def identify_all(files: list[Path], hashes: dict[Path, str]) -> dict[Path, Format]:
    """The format of each file, kept in the cache (:mod:`ofsted_analysis.storage.cache`) by
    content hash so that a big workbook is looked into once."""
    from ..core.parallel import map_on_cores
    from ..storage import cache

    entries = {f: cache.key(hashes[f]) for f in files}
    names = {f: cache.get("formats", entries[f]) for f in files}
    # Recognising a PDF opens its first page (about 2 ms): a cold build asks it of hundreds.
    todo = [f for f in files if names[f] not in BY_NAME]
    for f, name in zip(todo, map_on_cores(_format_name, todo), strict=True):
        names[f] = name
        cache.put("formats", entries[f], name)
    return {f: BY_NAME[names[f]] for f in files}


def _format_name(path: Path) -> str:
    return identify(path).name
