"""LAIT's data dictionary (``lait_data_dictionary.csv``): one row per measure and topic,
read into the ``lait_measures`` table (one row per measure).

A measure listed under two topics (14 are: the absence and exclusion measures of children in
need and looked after, listed again under All Pupil Absence & Exclusions) takes its fields from
its first listing, a field that listing leaves empty from the next; ``topics`` names every
topic it is listed under. ``Polarity`` ``High``/``Low`` become ``high``/``low`` (which way is
better), ``-`` or empty none; ``No_Quartile`` ``N`` means LAIT shows no quartile bands (a
measure is banded when no listing says ``N``); the update dates are Excel serial day numbers
(``45962`` is 2025-11-01), ``TBC`` or ``Discontinued`` kept as written in ``next_update_note``.

>>> d = read_dictionary("../shared/data/lait/lait_data_dictionary.csv")
>>> r = d.set_index("measure").loc["ReReferral"]
>>> r.polarity, bool(r.quartiles)
('low', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import FileError, InputError, InputErrors, Location

if TYPE_CHECKING:
    import pandas as pd

HEADER = ("Measure_short", "Topic", "Measure", "Polarity", "No_Quartile")
FILE_NAME = "lait_data_dictionary.csv"  # its name beside the bulk file
POLARITY = {"high": "high", "low": "low", "-": "", "": ""}
_OWNER = "Data Owner (DO) /Supplier and Contact Details"
EXCEL_EPOCH = "1899-12-30"  # day 0 of Excel's serial dates (its 1900 leap-year slip included)
COLUMNS = (
    "measure",
    "label",
    "chart_title",
    "topic",
    "topics",
    "unit",
    "polarity",
    "decimals",
    "year_type",
    "quartiles",
    "description",
    "methodology",
    "source_link",
    "data_owner",
    "last_update",
    "next_update",
    "next_update_note",
    "row",
)


def is_dictionary_header(columns: Sequence[object]) -> bool:
    """True for the heading row of LAIT's data dictionary: ``Measure_short`` (a heading no
    other source has) and two more of :data:`HEADER`, so a copy missing a heading is still the
    dictionary, refused naming the heading it lacks."""
    from ..workbook import is_heading_row

    return is_heading_row({str(c).strip() for c in columns}, HEADER[0], HEADER)


def _serial_dates(cells: pd.Series, rows: pd.Series, column: str, name: str, errors: list):
    """Excel serial day numbers as dates; words (TBC, Discontinued) kept apart as notes."""
    import pandas as pd

    number = pd.to_numeric(cells, errors="coerce")
    ok = number.between(20000, 80000)  # 1954-2119: any date a release could name
    numeric = cells.str.fullmatch(r"\d+(\.\d+)?")
    for i in cells.index[numeric & ~ok]:
        errors.append(
            InputError(
                column,
                cells[i],
                "an Excel serial date (e.g. 45962 for 2025-11-01) or a word such as TBC",
                Location(name, row=int(rows[i]), column=column),
            )
        )
    dates = pd.to_datetime(EXCEL_EPOCH) + pd.to_timedelta(number.where(ok), unit="D")
    return dates.astype("datetime64[ns]"), cells.where(~numeric, "")


def read_dictionary(path: str | Path, key: str | None = None) -> pd.DataFrame:
    """The dictionary as one row per measure (:data:`COLUMNS`), ``row`` the file row of the
    measure's first listing (the heading is row 1)."""
    import pandas as pd

    path = Path(path)
    name = key or str(path)
    from ..workbook import csv_table

    raw = csv_table(path, name)
    missing = [c for c in HEADER if c not in {str(h).strip() for h in raw.columns}]
    if missing:
        raise FileError(
            name,
            f"is not LAIT's data dictionary: no column {', '.join(missing)} (expected "
            f"{', '.join(HEADER)}; found {', '.join(map(str, raw.columns))})",
        )
    raw = raw.apply(lambda c: c.str.replace("\r\r\n", "\n").str.replace("\r\n", "\n").str.strip())
    raw = raw.replace({"NA": ""})
    rows = pd.Series(range(2, len(raw) + 2), index=raw.index)
    errors: list[Exception] = []

    def refuse(bad: pd.Series, column: str, expected: str) -> None:
        for i in raw.index[bad]:
            where = Location(name, row=int(rows[i]), column=column)
            errors.append(InputError(column, raw.at[i, column], expected, where))

    polarity = raw["Polarity"].str.lower().map(POLARITY)
    refuse(polarity.isna(), "Polarity", "High, Low or - (no direction)")
    dps = pd.to_numeric(raw["dps"], errors="coerce")
    refuse(dps.isna() & (raw["dps"] != ""), "dps", "a whole number of decimals, or empty")
    refuse(raw["Measure_short"] == "", "Measure_short", "the measure's Short Desc")
    last, _ = _serial_dates(raw["Last Update"], rows, "Last Update", name, errors)
    nxt, note = _serial_dates(raw["Next Update"], rows, "Next Update", name, errors)
    if errors:
        raise InputErrors(errors)
    listed = pd.DataFrame(
        {
            "measure": raw["Measure_short"],
            "label": raw["Measure"],
            "chart_title": raw["Chart_title"] if "Chart_title" in raw else "",
            "topic": raw["Topic"],
            "unit": raw.get("y_axis_name", ""),
            "polarity": polarity.where(polarity != "", None),
            "decimals": dps.astype("Int64"),
            "year_type": raw.get("Year_Type", ""),
            "no_quartile": raw["No_Quartile"].str.upper() == "N",
            "description": raw.get("Description", ""),
            "methodology": raw.get("Methodology", ""),
            "source_link": raw.get("Hyperlink(s)", ""),
            "data_owner": raw.get(_OWNER, ""),
            "last_update": last,
            "next_update": nxt,
            "next_update_note": note,
            "row": rows,
        }
    )
    return _one_per_measure(listed)


def _one_per_measure(listed: pd.DataFrame) -> pd.DataFrame:
    """The first listing of each measure, its gaps filled from later listings."""
    groups = listed.replace({"": None}).groupby("measure", sort=False)
    first = groups.first()  # first non-missing value of each column, in file order
    first["row"] = groups["row"].min()
    first["topic"] = groups["topic"].nth(0).set_axis(first.index)
    first["topics"] = groups["topic"].agg(lambda t: "; ".join(dict.fromkeys(t)))
    first["quartiles"] = ~groups["no_quartile"].any()
    out = first.reset_index()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) == "str":
            out[col] = out[col].fillna("").astype("str")
    return out.sort_values("row", kind="mergesort").reset_index(drop=True)[list(COLUMNS)]
