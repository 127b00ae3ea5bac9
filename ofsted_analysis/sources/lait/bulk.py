"""LAIT's bulk data file (``bds_long_0.parquet``, or the same table saved as CSV or XLSX): one
row per measure x area x period, read into *LAIT cells*, one per row of the file.

Columns as published: ``Short Desc`` (the measure: the indicator id is ``lait:`` + it,
verbatim), ``Data item``, ``Years`` (the period as written: :mod:`.periods`), ``LA and
Regions``, ``Values`` (text: a number, or ``-`` for no value, never read as 0), ``LA Number``
(DfE's number; 970 England, 980-990 the regions and Inner and Outer London), ``Region``.
Authorities resolve through the register (:mod:`ofsted_analysis.core.authorities`), so old
ones such as Cumbria (909) keep their rows under their own code.

Refused, naming file, row, column and value (every bad cell at once, nothing stored): a
duplicated measure x area x period (or two periods of one measure and area ending in the same
year), an unreadable ``Years`` label, a value that is neither a number nor ``-``, and an
``LA Number`` the register does not know. One exception is read, not refused: a period written
``0`` whose every cell is ``-`` (LAIT lists one measure so before it has any data) holds no
value and no period; those cells are counted (:func:`no_period`), not stored.

>>> cells = read_lait("../shared/data/lait/bds_long_0.parquet")
>>> r = cells[(cells.indicator == "lait:ReReferral") & (cells.level == "england")]
>>> last = r.sort_values("year").iloc[-1]
>>> str(last.period), int(last.year)
('2025', 2025)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import FileError, InputError, InputErrors, Location, OfstedAnalysisError
from .periods import read_period

if TYPE_CHECKING:
    import pandas as pd

#: The columns that make a table LAIT's bulk file (``Data item`` and ``Region`` may be absent).
HEADER = ("Short Desc", "Years", "LA and Regions", "Values", "LA Number")
IDENTIFYING = "Short Desc"  # the heading that tells LAIT's bulk file from every other source
PREFIX = "lait:"  # indicator ids of LAIT measures: PREFIX + Short Desc
NO_VALUE = "-"  # LAIT's cell for "no value" (kept as the status; the value is missing)
#: Cells that hold no value, kept as written in ``status``: ``-`` (LAIT's own) and ``..``
#: (the statistical "not available" two foster-care cells of the 2025 release carry).
NO_VALUES = (NO_VALUE, "..")
NO_PERIOD = "0"  # the period LAIT writes for a measure listed before it has data
ENGLAND_NUMBER = 970
ENGLAND_CODE = "E92000001"
#: LAIT's numbers for the regions (and Inner and Outer London): (ONS code, name as the
#: outcomes table spells it, DfE's files' spelling).
REGIONS: dict[int, tuple[str, str]] = {
    980: ("E12000001", "North East"),
    981: ("E12000002", "North West"),
    982: ("E12000003", "Yorkshire and the Humber"),
    983: ("E12000004", "East Midlands"),
    984: ("E12000005", "West Midlands"),
    985: ("E12000006", "East of England"),
    986: ("E12000007", "London"),
    987: ("E13000001", "Inner London"),
    988: ("E13000002", "Outer London"),
    989: ("E12000008", "South East"),
    990: ("E12000009", "South West"),
}
CELL_COLUMNS = (
    "level",
    "la_code",
    "la_number",
    "la_name",
    "region",
    "indicator",
    "period",
    "period_marker",
    "year",
    "value",
    "status",
    "row",
)
_SHOWN = 20  # bad cells named one by one, per kind of problem; the rest are counted


def is_lait_header(columns: Sequence[object]) -> bool:
    """True for the heading row of LAIT's bulk file: ``Short Desc`` (a heading no other source
    has) and two more of :data:`HEADER`, so a copy missing a heading is still LAIT's, refused
    naming the heading it lacks rather than taken for another kind of file.

    >>> is_lait_header(["Short Desc", "Data item", "Years", "LA and Regions", "Values",
    ...                 "LA Number", "Region"])
    True
    >>> is_lait_header(["Short Desc", "Year", "LA and Regions", "Values", "LA Number"])
    True
    """
    from ..workbook import is_heading_row

    return is_heading_row({str(c).strip() for c in columns if c is not None}, IDENTIFYING, HEADER)


def parquet_columns(path: str | Path) -> list[str]:
    """A parquet file's column names, from its footer (nothing else is read)."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]  # no stubs

    try:
        return list(pq.read_schema(path).names)
    except (OSError, ValueError) as e:
        raise FileError(str(path), f"is not a readable parquet file ({e})") from None


def _raw_table(path: Path, name: str) -> pd.DataFrame:
    """The file's rows as read (row 1 is the heading row), checked to have :data:`HEADER`."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        # text columns read as categories: each distinct cell is then looked at once
        text = [c for c in parquet_columns(path) if c.strip() in (*HEADER, "Region")]
        try:
            raw = pq.read_table(path, read_dictionary=text).to_pandas()
        except (OSError, ValueError) as e:
            raise FileError(name, f"is not a readable parquet file ({e})") from None
    elif suffix == ".csv":
        from ..workbook import csv_table

        raw = csv_table(path, name)
    else:
        from ..workbook import read_sheets

        sheet = next((s for s in read_sheets(path) if s.rows and is_lait_header(s.rows[0])), None)
        if sheet is None:
            raise FileError(name, f"has no sheet whose first row is {', '.join(HEADER)}")
        raw = pd.DataFrame(sheet.rows[1:], columns=[str(c).strip() for c in sheet.rows[0]])
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in HEADER if c not in raw.columns]
    if missing:
        raise FileError(
            name,
            f"is not LAIT's bulk file: no column {', '.join(missing)} (expected "
            f"{', '.join(HEADER)}; found {', '.join(raw.columns)})",
        )
    return raw.reset_index(drop=True)


def _cell_text(v: object) -> str:
    """A cell as text: a number a spreadsheet stored as a number written back without a
    spurious '.0' (LA Number 301.0 -> '301'), an empty cell as ''."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


class _Coded:
    """A column as codes into its distinct cells (as text): each distinct cell is looked at
    once, whatever the number of rows."""

    def __init__(self, column: pd.Series):
        import numpy as np
        import pandas as pd

        if isinstance(column.dtype, pd.CategoricalDtype):  # already coded (a parquet read)
            codes = np.asarray(column.cat.codes)
            uniques = [*column.cat.categories, None]  # code -1 (a missing cell): the last
            codes = np.where(codes < 0, len(uniques) - 1, codes)
        else:
            codes, uniques = pd.factorize(column, use_na_sentinel=False)
        self.codes = np.asarray(codes)
        self.uniques = [_cell_text(v) for v in uniques]

    def map(self, func, dtype=object):
        """``func`` of each row's cell, computed once per distinct cell (a numpy array)."""
        import numpy as np

        return np.array([func(u) for u in self.uniques], dtype=dtype)[self.codes]

    def text(self):
        import numpy as np

        return np.array(self.uniques, dtype=object)[self.codes]

    def category(self, per_cell: Sequence[str], keep):
        """The kept rows' words, given one per distinct cell (``per_cell``, in the order of
        :attr:`uniques`), as a category whose categories are sorted: never written out as
        text row by row."""
        import numpy as np
        import pandas as pd

        codes = self.codes[keep]
        held = np.bincount(codes, minlength=len(per_cell)) > 0  # words of kept rows only
        words, inverse = np.unique(
            np.array(per_cell, dtype=object).astype(str)[held], return_inverse=True
        )
        recode = np.full(len(per_cell), -1)
        recode[held] = inverse
        categories = pd.Index(list(words), dtype=pd.Series(["a"]).dtype)
        return pd.Categorical.from_codes(recode[codes], categories)


class _Problems:
    """Bad cells, named one by one up to :data:`_SHOWN` of each kind, the rest counted."""

    def __init__(self, name: str):
        self.name = name
        self.errors: list[Exception] = []
        self.more: dict[str, int] = {}

    def add(
        self, kind: str, rows, column: str, values, expected: str | list[str], what: str = ""
    ) -> None:
        """Bad cells of one kind: their rows, column and values, and what was expected (one
        text for all, or one per cell); ``what`` names the value (default: the column)."""
        rows, values = list(rows), list(values)
        hoped = expected if isinstance(expected, list) else [expected] * len(rows)
        for row, value, want in list(zip(rows, values, hoped, strict=True))[:_SHOWN]:
            where = Location(self.name, row=int(row), column=column)
            self.errors.append(InputError(what or column, value, want, where))
        if len(rows) > _SHOWN:
            self.more[kind] = self.more.get(kind, 0) + len(rows) - _SHOWN

    def raise_any(self) -> None:
        if not self.errors:
            return
        extra = [
            OfstedAnalysisError(f"file {self.name}: {n} more cell(s) like these ({kind})")
            for kind, n in self.more.items()
        ]
        raise InputErrors([*self.errors, *extra])


def read_lait(path: str | Path, key: str | None = None) -> pd.DataFrame:
    """Every cell of LAIT's bulk file as a DataFrame of :data:`CELL_COLUMNS`: ``period`` as
    written, ``year`` the year it ends (:func:`.periods.read_period`), ``period_marker``,
    ``value`` (missing for ``-``, whose ``status`` is ``-``), ``row`` the file's row (the
    heading is row 1). ``key`` names the file in messages (default: the path)."""
    import numpy as np
    import pandas as pd

    path = Path(path)
    name = key or str(path)
    raw = _raw_table(path, name)
    problems = _Problems(name)
    rows = np.arange(2, len(raw) + 2)
    measure = _Coded(raw["Short Desc"])
    years = _Coded(raw["Years"])
    numbers = _Coded(raw["LA Number"])
    values = _Coded(raw["Values"])

    def period(label: str) -> tuple[int, str] | None:
        try:
            return read_period(label)
        except InputError:
            return None

    read = [period(u) for u in years.uniques]
    bad_label = np.array([r is None for r in read])[years.codes]
    no_value = values.map(lambda v: v in NO_VALUES, bool)
    # a period '0' holds nothing only where every cell of its measure under it is '-'
    zero = years.map(lambda v: v == NO_PERIOD, bool)
    filled = np.unique(measure.codes[zero & ~no_value])
    placeholder = zero & no_value & ~np.isin(measure.codes, filled)
    bad = bad_label & ~placeholder
    problems.add("Years", rows[bad], "Years", years.text()[bad], _period_expected())

    number = values.map(lambda v: _number(v), "float64")
    bad_value = np.isnan(number) & ~no_value
    problems.add(
        "Values",
        rows[bad_value],
        "Values",
        values.text()[bad_value],
        f"a number, or '{NO_VALUE}' (or '..') where LAIT has no value",
    )
    areas = [_area(u) for u in numbers.uniques]
    bad_area = np.array([a is None for a in areas])[numbers.codes]
    problems.add(
        "LA Number",
        rows[bad_area],
        "LA Number",
        numbers.text()[bad_area],
        "a DfE LA number the register knows (data/reference/authorities.csv), 970 for "
        "England or 980-990 for a region",
    )
    keep = ~(bad | placeholder | bad_area)
    # per distinct LA Number: level, la_code, la_number, la_name, region
    level, la_code, la_number, la_name, region = zip(
        *(a or ("", "", "", "", "") for a in areas), strict=True
    )
    periods = [r or (0, "") for r in read]

    def text(per_cell):  # codes stay text (storage.schema): not categories
        return pd.array(np.array(per_cell, dtype=object)[numbers.codes[keep]], "str")

    cells = pd.DataFrame(
        {
            "level": numbers.category(level, keep),
            "la_code": text(la_code),
            "la_number": text(la_number),
            "la_name": numbers.category(la_name, keep),
            "region": numbers.category(region, keep),
            "indicator": measure.category([PREFIX + m for m in measure.uniques], keep),
            "period": years.category(years.uniques, keep),
            "period_marker": years.category([p[1] for p in periods], keep),
            "year": np.array([p[0] for p in periods], dtype="int64")[years.codes[keep]],
            "value": number[keep],
            "status": values.category([v if v in NO_VALUES else "" for v in values.uniques], keep),
            "row": rows[keep],
        }
    )
    _check_unique(cells, problems)
    problems.raise_any()
    counts = pd.Series(np.array(measure.uniques, dtype=object)[measure.codes[placeholder]])
    cells.attrs["no_period"] = {str(k): int(v) for k, v in counts.value_counts().items()}
    return cells


def _number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return float("nan")


def _period_expected() -> str:
    from .periods import EXPECTED

    return EXPECTED


def no_period(cells: pd.DataFrame) -> dict[str, int]:
    """The cells :func:`read_lait` read as no value and no period (``Years`` ``0``), per
    measure; they are not among the cells."""
    return dict(cells.attrs.get("no_period", {}))


def _area(number: str) -> tuple[str, str, str, str, str] | None:
    """level, la_code, la_number, la_name and region of an LA Number (None: unknown)."""
    from ...core.authorities import register

    n = int(float(number)) if re.fullmatch(r"\d+(\.0*)?", number) else None  # CSV: '301.0'
    if n == ENGLAND_NUMBER:
        return ("england", ENGLAND_CODE, "", "England", "")
    if n in REGIONS:
        code, region = REGIONS[n]
        return ("region", code, "", region, region)
    a = register().by_gss(str(n)) if n is not None else None
    return None if a is None else ("la", a.la_code, a.la_number, a.la_name, a.region)


def _check_unique(cells: pd.DataFrame, problems: _Problems) -> None:
    """One cell per measure x area x period, and one period per measure x area x year (the
    outcomes table's key); each repeat is named with the row it repeats."""
    import pandas as pd

    area = ["level", "la_code", "indicator"]
    for what, key in (("period", "period"), ("year", "year")):
        keys = [*area, key]
        twice = cells.duplicated(keys, keep="first")
        if not twice.any():
            continue
        first = cells[~twice].set_index(keys)["row"]
        dup = cells[twice]
        firsts = first.reindex(pd.MultiIndex.from_frame(dup[keys])).to_numpy()
        named = (
            dup["indicator"].astype("str").str.removeprefix(PREFIX)
            + ", "
            + dup["la_name"].astype("str")
            + ", "
        )
        problems.add(
            f"repeated {what}",
            dup["row"],
            "Years",
            named + dup["period"].astype("str"),
            [
                f"one row per measure, area and period (row {r} holds this one too)"
                if what == "period"
                else f"one period per measure, area and year (row {r} holds another period "
                "of this measure and area ending in the same year)"
                for r in firsts
            ],
            what="measure, area and period",
        )
        if what == "period":
            return
