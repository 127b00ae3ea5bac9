"""DfE children's social care statistics (Explore Education Statistics open-data CSVs) and
MHCLG's revenue outturn (RSX), read into *measures*: one row per level x area x measure x year.

Files are recognised by their content, never by name: a DfE tidy-format CSV has
``time_period``, ``time_identifier``, ``geographic_level`` and an authority code column
(``old_la_code`` / ``new_la_code``), then filter columns and indicator columns. Each release
renames columns and filter labels, so both go through a vocabulary (:data:`COLUMN_ALIASES`,
:data:`LABEL_ALIASES`): an earlier release's ``Referrals``, ``Re_referrals_percent``,
``Category``, ``population_count``, ``number``, "at 31 March" or "Aged 19 to 21" read as
today's ``referral_count``, ``rereferral_percent``, ``category``, ``population_estimate``,
``children_count``, "on 31 March" and "19 to 21 years".

What is read is defined in :data:`MEASURES`: a measure is one indicator column under fixed
filter labels (e.g. ``children_percent`` where ``cla_group`` is "CLA on 31 March" and
``placement_stability`` is "With 3 or more placements during the year"). Rows of other
filter labels are not needed and are not read. A file with the DfE columns but none of the
known measures is an unknown layout, and an error.

Suppressed cells keep their code (``c`` confidential, ``x`` unavailable, ``z`` not
applicable, ``u`` low reliability, ``low`` / ``k`` rounds to zero) in ``status`` with a
missing value; any other non-number is an error naming file, row, column and value.

>>> from ofsted_analysis.sources.dfe import canonical_column, canonical_label
>>> canonical_column("Re_referrals_percent"), canonical_label("Aged 19 to 21")
('rereferral_percent', '19 to 21 years')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import FileError, InputError, InputErrors, Location

#: Suppression and symbol codes DfE (and MHCLG, in brackets) publish in place of a number.
STATUS_CODES: dict[str, str] = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "rounds to zero",
}
_BRACKETED = {f"[{c}]": c for c in STATUS_CODES}

LEVELS: dict[str, str] = {"national": "england", "regional": "region", "local authority": "la"}

#: Columns every DfE tidy file has (after the vocabulary).
ID_COLUMNS = ("time_period", "time_identifier", "geographic_level")

#: Filter columns the measures select on.
FILTER_COLUMNS = (
    "category",
    "population_type",
    "cla_group",
    "placement_stability",
    "care_leaver_age",
    "breakdown",
    "age_group",
)

#: Names a release has used -> the name used here (compared case-insensitively).
COLUMN_ALIASES: dict[str, str] = {
    # identifiers
    "time_period": "time_period",
    "time_identifier": "time_identifier",
    "geographic_level": "geographic_level",
    "region_code": "region_code",
    "region_name": "region_name",
    "old_la_code": "old_la_code",
    "la_code": "old_la_code",
    "new_la_code": "new_la_code",
    "la_name": "la_name",
    # filters
    "category": "category",
    "population_type": "population_type",
    "cla_group": "cla_group",
    "placement_stability": "placement_stability",
    "care_leaver_age": "care_leaver_age",
    "age": "care_leaver_age",
    "breakdown": "breakdown",
    "age_group": "age_group",
    # children in need, referrals, child protection
    "at31_episodes": "at31_episodes",
    "at_31_march_episodes": "at31_episodes",
    "referral_count": "referral_count",
    "referrals": "referral_count",
    "rereferral_percent": "rereferral_percent",
    "re_referrals_percent": "rereferral_percent",
    "rereferral_count": "rereferral_count",
    "re_referrals": "rereferral_count",
    "cpp_subsequent_percent": "cpp_subsequent_percent",
    "cpp_start": "cpp_start",
    "cpp_at31": "cpp_at31",
    "2_years_or_more_percent": "cpp_2_years_or_more_percent",
    # children looked after
    "rate_per_10000": "rate_per_10000",
    "children_count": "children_count",
    "number": "children_count",
    "children_percent": "children_percent",
    "percent": "children_percent",
    # care leavers
    "care_leaver_percent": "care_leaver_percent",
    "care_leaver_count": "care_leaver_count",
    # population
    "population_estimate": "population_estimate",
    "population_count": "population_estimate",
    # workforce
    "turnover_rate_fte": "turnover_rate_fte",
    "agency_rate_fte": "agency_rate_fte",
    "vacancy_rate_fte": "vacancy_rate_fte",
    "caseload_fte": "caseload_fte",
    "absence_rate_fte": "absence_rate_fte",
}

#: Filter labels a release has used -> the label used here (after :func:`_label_key`).
LABEL_ALIASES: dict[str, str] = {
    "aged 17 to 18": "17 to 18 years",
    "17 to 18": "17 to 18 years",
    "aged 19 to 21": "19 to 21 years",
    "19 to 21": "19 to 21 years",
    "total in education employment or training": "Total in education, employment or training",
    "accommodation considered suitable": "Accommodation considered suitable",
}


def _label_key(label: object) -> str:
    text = re.sub(r"\s+", " ", str(label).strip().lower())
    text = text.replace(" at 31 march", " on 31 march")
    return re.sub(r"[^a-z0-9 ]", "", text).strip()


def canonical_column(name: object) -> str:
    """The vocabulary's name for a column heading (unknown headings come back lower-cased).

    >>> canonical_column("Referrals"), canonical_column("population_count")
    ('referral_count', 'population_estimate')
    """
    key = str(name).strip().lstrip("\ufeff").lower()
    return COLUMN_ALIASES.get(key, key)


def canonical_label(label: object) -> str:
    """The vocabulary's form of a filter label: "at 31 March" reads as "on 31 March".

    >>> canonical_label("Children looked after at 31 March each year")
    'children looked after on 31 march each year'
    """
    key = _label_key(label)
    return LABEL_ALIASES.get(key, key)


@dataclass(frozen=True)
class Measure:
    """One published figure: a column under fixed filter labels."""

    id: str
    column: str
    filters: tuple[tuple[str, str], ...] = ()

    def wanted(self) -> dict[str, str]:
        return {k: canonical_label(v) for k, v in self.filters}


#: Every figure read from the DfE files (indicators in :mod:`ofsted_analysis.outcomes.indicators`
#: are these, or ratios of these).
MEASURES: tuple[Measure, ...] = (
    Measure("cin_at31", "at31_episodes"),
    Measure("referrals", "referral_count"),
    Measure("rereferral_percent", "rereferral_percent"),
    Measure("cpp_starts", "cpp_start"),
    Measure("cpp_subsequent_percent", "cpp_subsequent_percent"),
    Measure("cpp_at31", "cpp_at31"),
    Measure("cpp_2_years_or_more_percent", "cpp_2_years_or_more_percent"),
    Measure(
        "cla_on31_rate",
        "rate_per_10000",
        (("population_type", "Children looked after on 31 March each year"),),
    ),
    Measure(
        "cla_on31_count",
        "children_count",
        (("population_type", "Children looked after on 31 March each year"),),
    ),
    Measure(
        "cla_starting_rate",
        "rate_per_10000",
        (("population_type", "Children starting to be looked after each year"),),
    ),
    Measure(
        "placements_3plus_percent",
        "children_percent",
        (
            ("cla_group", "CLA on 31 March"),
            ("placement_stability", "With 3 or more placements during the year"),
        ),
    ),
    Measure(
        "long_term_stability_percent",
        "children_percent",
        (
            (
                "cla_group",
                "Children looked after continuously for at least 2.5 years on "
                "31 March aged under 16 years",
            ),
            ("placement_stability", "Living with the same carer for at least 2 years"),
        ),
    ),
    Measure(
        "care_leavers_eet_19_21",
        "care_leaver_percent",
        (
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Measure(
        "care_leavers_eet_17_18",
        "care_leaver_percent",
        (
            ("care_leaver_age", "17 to 18 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Measure(
        "care_leavers_suitable_accommodation_19_21",
        "care_leaver_percent",
        (("care_leaver_age", "19 to 21 years"), ("breakdown", "Accommodation considered suitable")),
    ),
    Measure(
        "care_leavers_suitable_accommodation_17_18",
        "care_leaver_percent",
        (("care_leaver_age", "17 to 18 years"), ("breakdown", "Accommodation considered suitable")),
    ),
    Measure("sw_turnover_rate", "turnover_rate_fte"),
    Measure("sw_agency_rate", "agency_rate_fte"),
    Measure("sw_vacancy_rate", "vacancy_rate_fte"),
    Measure("sw_caseload", "caseload_fte"),
    Measure("sw_absence_rate", "absence_rate_fte"),
    Measure(
        "population_0_17", "population_estimate", (("age_group", "Children aged 0 to 17 years"),)
    ),
)

#: The columns of what the reader returns (one row per published cell read).
MEASURE_COLUMNS = (
    "level",
    "la_code",
    "la_number",
    "la_name",
    "region_code",
    "region",
    "measure",
    "year",
    "value",
    "status",
    "file",
    "row",
    "column",
)

RSX_COLUMN = "Children Social Care - Net Current Expenditure (C7 = C3 - C6)"


# --- recognising -----------------------------------------------------------------------------


def _csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        line = fh.readline()
    import csv

    return [canonical_column(c) for c in next(csv.reader([line]), [])]


def is_dfe_header(columns: Sequence[object]) -> bool:
    """A DfE tidy-format header: time_period, geographic_level and an authority code."""
    cols = {canonical_column(c) for c in columns}
    return {"time_period", "geographic_level"} <= cols and bool(
        cols & {"old_la_code", "new_la_code"}
    )


def is_neighbour_model_header(columns: Sequence[object]) -> bool:
    """DfE's statistical-neighbour model (wide): old_la_code then SN_1, SN_1P, ... SN_10P."""
    cols = {str(c).strip().lstrip("\ufeff").lower() for c in columns}
    return "old_la_code" in cols and {f"sn_{i}" for i in range(1, 11)} <= cols


def kind_of(path: str | Path) -> str | None:
    """``"dfe"`` (tidy statistics), ``"neighbours"`` (SN model), ``"rsx"`` (revenue outturn)
    or ``None`` for any other file, from the file's content.

    >>> kind_of("README.md") is None
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            header = _csv_header(path)
            if is_dfe_header(header):
                return "dfe"
            if is_neighbour_model_header(header):
                return "neighbours"
            return None
        if suffix in (".ods", ".xlsx"):
            return "rsx" if _rsx_table(path, check_only=True) else None
    except (OSError, FileError):
        return None
    return None


# --- reading ---------------------------------------------------------------------------------


def _status(cell: str) -> tuple[float, str] | None:
    """(value, status) of a published cell, or None when it is neither number nor code."""
    text = cell.strip()
    try:
        return float(text.replace(",", "")), ""
    except ValueError:
        pass
    code = _BRACKETED.get(text.lower(), text.lower() if text.lower() in STATUS_CODES else None)
    if code is None:
        return None
    return float("nan"), code


def _map_unique(series, func):
    """``series.map(func)``, calling ``func`` once per distinct value."""
    return series.map({v: func(v) for v in series.unique()})


def _code(cell: str) -> str | None:
    """'' for a number (or blank-free numeric cell), DfE's code for a code, None otherwise."""
    if cell == "":
        return ""
    parsed = _status(cell)
    return None if parsed is None else parsed[1]


def read_dfe(path: str | Path, key: str | None = None):
    """Every known measure in a DfE tidy CSV, as a DataFrame of :data:`MEASURE_COLUMNS`.

    ``key`` is how the file is named in ``source`` (default: the path). Raises
    :class:`FileError` for an unknown layout and :class:`InputErrors` listing every bad cell
    (an unseen suppression code, a malformed ``time_period``, a duplicated key).

    England's referrals in 2025 were 632,830 (the file's national row, ``referral_count``):

    >>> m = read_dfe("../shared/data/outcomes/dfe/c1_children_in_need_referrals_and_"
    ...              "rereferrals_2013_to_2025.csv")
    >>> float(m[(m.level == "england") & (m.year == 2025)].set_index("measure").value["referrals"])
    632830.0
    """
    import pandas as pd

    path = Path(path)
    name = key or str(path)
    raw = None
    for encoding in ("utf-8-sig", "cp1252"):  # UTF-8 (BOM or not), else as Excel saves it
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as e:
            raise FileError(name, f"cannot be read as a CSV file ({e})") from None
    if raw is None:
        raise FileError(name, "is neither UTF-8 nor Windows-1252 text; expected a CSV file")
    published = list(raw.columns)
    raw.columns = [canonical_column(c) for c in published]
    heading = dict(zip(raw.columns, published, strict=True))
    missing = [c for c in (*ID_COLUMNS, "old_la_code") if c not in raw.columns]
    if missing:
        raise FileError(
            name,
            f"is not in the DfE tidy layout: no column {', '.join(missing)}"
            f" (columns found: {', '.join(published)})",
        )
    measures = [
        m
        for m in MEASURES
        if m.column in raw.columns and all(f in raw.columns for f, _ in m.filters)
    ]
    if not measures:
        known = sorted({m.column for m in MEASURES})
        raise FileError(
            name,
            "is a DfE tidy file of an unknown layout: none of its columns "
            f"({', '.join(published)}) is a known indicator; expected one of "
            f"{', '.join(known)} (vocabulary in ofsted_analysis/sources/dfe.py)",
        )
    errors: list[Exception] = []
    rows = pd.Series(range(2, len(raw) + 2), index=raw.index)  # header is row 1
    level = raw["geographic_level"].str.strip().str.lower().map(LEVELS)
    for i in raw.index[level.isna()]:
        errors.append(
            InputError(
                "geographic_level",
                raw.at[i, "geographic_level"],
                "one of National, Regional, Local authority",
                Location(name, row=int(rows[i]), column=heading["geographic_level"]),
            )
        )
    period = raw["time_period"].str.strip()
    ok_period = period.str.fullmatch(r"\d{4}|\d{6}")
    for i in raw.index[~ok_period]:
        errors.append(
            InputError(
                "time_period",
                raw.at[i, "time_period"],
                "a year such as 2025 (or a financial year such as 202425)",
                Location(name, row=int(rows[i]), column=heading["time_period"]),
            )
        )
    valid = period.where(ok_period, "0000")
    # a financial year 202425 ends in 2025: the year to 31 March, as reporting years are
    year = valid.str[:4].astype("int64") + (valid.str.len() == 6).astype("int64")
    keep = level.notna() & ok_period
    filters = {f: _map_unique(raw[f], canonical_label) for f in FILTER_COLUMNS if f in raw.columns}
    blank = pd.Series("", index=raw.index)
    base = pd.DataFrame(
        {
            "level": level,
            "la_number": raw["old_la_code"].str.strip(),
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


def _rsx_table(path: Path, check_only: bool = False):
    """The RSX revenue outturn sheet: (rows, header index, column of children's social care
    net current expenditure), or None when the workbook has no such table."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises several types for files that are not workbooks
        return None
    for sheet in book.sheet_names:
        head = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=20)
        for h, row in enumerate(head):
            cells = [str(c).strip() for c in row]
            if "ONS Code" in cells and RSX_COLUMN in cells:
                if check_only:
                    return True
                rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                return sheet, rows, h, cells.index("ONS Code"), cells.index(RSX_COLUMN)
    return None


def read_rsx(path: str | Path, key: str | None = None):
    """Children's social care net current expenditure (£ thousand) per authority from
    MHCLG's revenue outturn RSX workbook, as measure ``csc_net_expenditure`` (see
    :mod:`ofsted_analysis.outcomes.indicators` for spend per child). The year is the financial
    year's end (2024-25 -> 2025), read from the sheet's title.

    Only rows whose ONS code is a children's services authority (or England) are kept.
    """
    import pandas as pd

    from ..core.authorities import register

    path = Path(path)
    name = key or str(path)
    found = _rsx_table(path)
    if not found:
        raise FileError(
            name, f"has no revenue outturn table with columns 'ONS Code' and {RSX_COLUMN!r}"
        )
    sheet, rows, h, code_col, value_col = found
    title = " ".join(str(c) for r in rows[:h] for c in r)
    fy = re.search(r"(20\d\d)-(\d\d)\b", title)
    if not fy:
        raise FileError(
            name, f"sheet {sheet!r}: no financial year (such as 2024-25) in the title rows"
        )
    year = int(fy.group(1)) + 1
    reg = register()
    column = str(rows[h][value_col]).strip()
    out, errors = [], []
    for n, row in enumerate(rows[h + 1 :], start=h + 2):
        code = str(row[code_col]).strip()
        where = Location(name, sheet, n, column)
        if code.upper() == "E92000001" or str(row[code_col + 1]).strip().upper() == "ENGLAND":
            level, a = "england", None
        else:
            a = reg.by_gss(code)
            if a is None:
                continue  # a district, police or fire authority: no children's services
            level = "la"
        cell = row[value_col]
        parsed = (float(cell), "") if isinstance(cell, (int, float)) else _status(str(cell))
        if parsed is None:
            errors.append(InputError(column, cell, "a number or a code such as [x]", where))
            continue
        out.append(
            {
                "level": level,
                "la_code": code if a else "",
                "la_number": a.la_number if a else "",
                "la_name": str(row[code_col + 1]).strip(),
                "region_code": "",
                "region": "",
                "measure": "csc_net_expenditure",
                "year": year,
                "value": parsed[0],
                "status": parsed[1],
                "file": name,
                "row": n,
                "column": f"{sheet}!{column}",
            }
        )
    if errors:
        raise InputErrors(errors)
    return pd.DataFrame(out, columns=list(MEASURE_COLUMNS))


def neighbour_model_year(name: str | Path) -> int:
    """The year of a statistical-neighbour model file, from its name as DfE gives it (the
    file says it nowhere else).

    >>> neighbour_model_year("outcomes/dfe/sn_model_2025_wide.csv")
    2025
    """
    year = re.search(r"sn_model_(\d{4})", Path(name).name.lower())
    if year is None:
        raise FileError(
            str(name),
            "is a statistical-neighbour model, whose year its name must give as DfE names "
            "them (sn_model_YYYY_wide.csv)",
        )
    return int(year.group(1))


def read_neighbour_model(path: str | Path, key: str | None = None):
    """DfE's statistical-neighbour model in its wide CSV form, long: one row per authority x
    neighbour (``la_number``, ``neighbour_rank``, ``neighbour_la_number``, ``closeness``,
    ``model``: the model's year, from the file's name as DfE gives it)."""
    import pandas as pd

    path = Path(path)
    name = key or str(path)
    year = neighbour_model_year(name)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    out = []
    for n, r in enumerate(raw.itertuples(index=False), start=2):
        rec = r._asdict()
        for rank in range(1, 11):
            nb = str(rec[f"sn_{rank}"]).strip()
            if not nb:
                continue
            if not nb.isdigit():
                raise InputError(
                    f"SN_{rank}",
                    nb,
                    "a DfE three-digit LA number",
                    Location(name, row=n, column=f"SN_{rank}"),
                )
            out.append(
                {
                    "la_number": rec["old_la_code"].strip(),
                    "neighbour_rank": rank,
                    "neighbour_la_number": nb,
                    "closeness": str(rec.get(f"sn_{rank}p", "")).strip().lower(),
                    "source": f"{name}:r{n}:SN_{rank}",
                    "file": name,
                    "model": year,
                }
            )
    return pd.DataFrame(out)
