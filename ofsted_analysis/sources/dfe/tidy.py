"""DfE children's social care statistics in the tidy open-data CSV layout (Explore Education
Statistics), read into *measures*: one row per level x area x measure x year.

A DfE tidy CSV has ``time_period``, ``time_identifier``, ``geographic_level`` and an authority
code column (``old_la_code`` / ``new_la_code``), then filter columns and indicator columns,
named as each release named them: they are read through :mod:`.vocabulary`. Rows of filter
labels no measure needs are not read. A file with the DfE columns from which no known
measure can be read is refused, saying what it has and what is missing.

Suppressed cells keep their code (``c`` confidential, ``x`` unavailable, ``z`` not
applicable, ``u`` low reliability, ``low`` / ``k`` rounds to zero) in ``status`` with a
missing value; any other non-number is an error naming file, row, column and value.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from ...core.errors import FileError, InputError, InputErrors, Location
from .vocabulary import (
    FILTER_COLUMNS,
    ID_COLUMNS,
    LEVELS,
    MEASURE_COLUMNS,
    MEASURES,
    STATUS_CODES,
    Measure,
    canonical_column,
    canonical_label,
    column_roles,
    published_value,
)


def csv_header(path: Path) -> list[str]:
    """The first line of a CSV file, as its cells (a byte-order mark dropped)."""
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        line = fh.readline()
    return next(csv.reader([line]), [])


def is_dfe_header(columns: Sequence[object]) -> bool:
    """A DfE tidy-format header: ``geographic_level`` (a heading no other source has) and two
    more of the tidy standard's time and authority columns, so a copy missing one is still
    DfE's, refused naming the column it lacks.

    >>> is_dfe_header(["time_period", "geographic_level", "old_la_code", "referral_count"])
    True
    >>> is_dfe_header(["year", "geographic_level", "new_la_code", "la_name"])
    True
    """
    from ..workbook import is_heading_row

    cols = {canonical_column(c) for c in columns}
    return is_heading_row(cols, "geographic_level", _TIDY_COLUMNS)


_TIDY_COLUMNS = (
    "geographic_level",
    "time_period",
    "time_identifier",
    "old_la_code",
    "new_la_code",
    "la_name",
)


def _map_unique(series, func):
    """``series.map(func)``, calling ``func`` once per distinct value."""
    return series.map({v: func(v) for v in series.unique()})


def la_number(cell: str) -> str:
    """A DfE LA number as DfE writes it, whatever a re-saved copy made of it: '840.0' (a
    spreadsheet's number) is '840', and a row of two authorities is '940 / 941' however spaced.

    >>> la_number("840.0"), la_number("940/941"), la_number("")
    ('840', '940 / 941', '')
    """
    if not cell.strip():
        return ""
    return " / ".join(re.sub(r"^(\d+)\.0+$", r"\1", p.strip()) for p in cell.split("/"))


def _code(cell: str) -> str | None:
    """'' for a number (or blank-free numeric cell), DfE's code for a code, None otherwise."""
    if cell == "":
        return ""
    parsed = published_value(cell)
    return None if parsed is None else parsed[1]


def _read_csv(path: Path, name: str):
    from ..workbook import csv_table

    raw = csv_table(path, name)
    if raw.empty:
        raise FileError(name, "has a DfE header but no rows under it; expected a DfE tidy file")
    return raw


def _holds_labels(cells) -> bool:
    """True when a column's written cells are words, not numbers or DfE's codes."""
    written = [c for c in cells.unique() if c.strip()]
    return bool(written) and all(published_value(c) is None for c in written)


def _named_columns(raw, name: str) -> dict[str, str]:
    """Rename the columns to the vocabulary's names; the published heading of each."""
    published = [str(c) for c in raw.columns]
    roles = column_roles(published, lambda h: _holds_labels(raw[h]))
    seen: dict[str, str] = {}
    for heading, role in zip(published, roles, strict=True):
        if role in seen:
            raise FileError(
                name,
                f"has two columns that both read as {role!r}: {seen[role]!r} and {heading!r} "
                "(one of them is a name this release gives to something else; see "
                "ofsted_analysis/sources/dfe/vocabulary.py)",
            )
        seen[role] = heading
    raw.columns = roles
    return seen


def _readable_measures(columns: set[str], heading: dict[str, str], name: str) -> list[Measure]:
    """The measures the file's columns give; refused, naming what is there and what is not,
    when there are none."""
    measures = [
        m for m in MEASURES if m.column in columns and all(f in columns for f, _ in m.filters)
    ]
    if measures:
        return measures
    found = ", ".join(heading.values())
    indicators = sorted({m.column for m in MEASURES if m.column in columns})
    if not indicators:
        known = sorted({m.column for m in MEASURES})
        raise FileError(
            name,
            f"is a DfE tidy file of an unknown layout: none of its columns ({found}) is a "
            f"known indicator; expected one of {', '.join(known)} "
            "(vocabulary in ofsted_analysis/sources/dfe/vocabulary.py)",
        )
    needs = {
        f"{heading[m.column]} needs the filter column {f}"
        for m in MEASURES
        if m.column in indicators
        for f, _ in m.filters
        if f not in columns
    }
    raise FileError(
        name,
        f"is a DfE tidy file whose indicator columns cannot be read: {'; '.join(sorted(needs))}, "
        f"which it lacks (columns found: {found}; vocabulary in "
        "ofsted_analysis/sources/dfe/vocabulary.py)",
    )


def read_dfe(path: str | Path, key: str | None = None):
    """Every known measure in a DfE tidy CSV, as a DataFrame of :data:`MEASURE_COLUMNS`.

    ``key`` is how the file is named in ``source`` (default: the path). Raises
    :class:`FileError` for an unknown layout (naming the columns found and those missing) and
    :class:`InputErrors` listing every bad cell (an unseen suppression code, a malformed
    ``time_period``, a duplicated key).

    England's referrals in 2025 were 632,830 (the file's national row, ``referral_count``):

    >>> m = read_dfe("../shared/data/outcomes/dfe/c1_children_in_need_referrals_and_"
    ...              "rereferrals_2013_to_2025.csv")
    >>> float(m[(m.level == "england") & (m.year == 2025)].set_index("measure").value["referrals"])
    632830.0
    """
    import pandas as pd

    path = Path(path)
    name = key or str(path)
    raw = _read_csv(path, name)
    heading = _named_columns(raw, name)
    missing = [c for c in (*ID_COLUMNS, "old_la_code") if c not in raw.columns]
    if missing:
        raise FileError(
            name,
            f"is not in the DfE tidy layout: no column {', '.join(missing)}"
            f" (columns found: {', '.join(heading.values())})",
        )
    measures = _readable_measures(set(raw.columns), heading, name)
    errors: list[Exception] = []
    rows = pd.Series(range(2, len(raw) + 2), index=raw.index)  # header is row 1
    level = raw["geographic_level"].str.strip().str.lower().map(LEVELS)
    period = raw["time_period"].str.strip()
    ok_period = period.str.fullmatch(r"\d{4}|\d{6}")
    if (level == "region").any() and "region_code" not in raw.columns:
        raise FileError(
            name,
            "has Regional rows but no region_code column, by which a region is known "
            f"(columns found: {', '.join(heading.values())})",
        )
    codes = raw["region_code"].str.strip() if "region_code" in raw.columns else ""
    no_region = (level == "region") & (codes == "")
    for column, bad, expected in (
        ("geographic_level", level.isna(), "one of National, Regional, Local authority"),
        ("time_period", ~ok_period, "a year such as 2025 (or a financial year such as 202425)"),
        (
            "region_code",
            no_region,
            "the region's ONS code (E12000001 to E12000009) on a Regional row",
        ),
    ):
        for i in raw.index[bad]:
            errors.append(
                InputError(
                    column,
                    raw.at[i, column],
                    expected,
                    Location(name, row=int(rows[i]), column=heading[column]),
                )
            )
    valid = period.where(ok_period, "0000")
    # a financial year 202425 ends in 2025: the year to 31 March, as reporting years are
    year = valid.str[:4].astype("int64") + (valid.str.len() == 6).astype("int64")
    keep = level.notna() & ok_period & ~no_region
    filters = {f: _map_unique(raw[f], canonical_label) for f in FILTER_COLUMNS if f in raw.columns}
    blank = pd.Series("", index=raw.index)
    base = pd.DataFrame(
        {
            "level": level,
            "la_number": _map_unique(raw["old_la_code"], la_number),
            "la_code": raw.get("new_la_code", blank).str.strip(),
            "la_name": raw.get("la_name", blank).str.strip(),
            "region_code": raw.get("region_code", blank).str.strip(),
            "region": raw.get("region_name", blank).str.strip(),
            "year": year,
            "row": rows,
        }
    )
    parts = []
    for m in measures:
        sel = keep.copy()
        for f, want in m.wanted().items():
            sel &= filters[f] == want
        if not sel.any():
            continue
        part = base[sel].copy()
        cells = raw.loc[sel, m.column]
        value = pd.to_numeric(cells.str.replace(",", "", regex=False).str.strip(), errors="coerce")
        status = _map_unique(cells.where(value.isna(), ""), _code)
        bad = status.isna()
        for i in cells.index[bad]:
            errors.append(
                InputError(
                    heading[m.column],
                    cells[i],
                    "a number or one of DfE's codes " + ", ".join(STATUS_CODES),
                    Location(name, row=int(rows[i]), column=heading[m.column]),
                )
            )
        part = part[~bad]
        part["value"] = value[~bad].astype("float64")
        part["status"] = status[~bad]
        part["measure"] = m.id
        part["column"] = heading[m.column]
        parts.append(part)
    if not parts and not errors:
        _refuse_unmatched_labels(measures, filters, heading, name)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=MEASURE_COLUMNS)
    out["file"] = name
    area = out["la_number"].where(out["level"] == "la", out["region_code"])
    dup = out.assign(area=area).duplicated(["level", "area", "measure", "year"], keep=False)
    for r in out[dup].itertuples():
        errors.append(
            InputError(
                "key",
                f"{r.level} {r.la_number or r.region_code or 'England'} {r.measure} {r.year}",
                "one row per level, area, indicator and year (this key is "
                "published more than once in the file)",
                Location(name, row=int(r.row), column=r.column),
            )
        )
    if errors:
        raise InputErrors(errors)
    return out[list(MEASURE_COLUMNS)]


def _refuse_unmatched_labels(measures: list[Measure], filters: dict, heading, name) -> None:
    """No row of the file carries the filter labels its measures are read under."""
    wanted = sorted({(f, label) for m in measures for f, label in m.filters})
    found = {
        f: ", ".join(repr(v) for v in sorted(set(filters[f]))[:6])
        for f in sorted({f for f, _ in wanted})
    }
    raise FileError(
        name,
        "is a DfE tidy file none of whose rows carries the filter labels its indicators are "
        "read under: expected "
        + "; ".join(f"{heading[f]} {label!r}" for f, label in wanted)
        + " (found "
        + "; ".join(f"{heading[f]}: {shown}" for f, shown in found.items())
        + ")",
    )
