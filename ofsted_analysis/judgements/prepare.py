"""The judgements table made ready for analysis: the register as a table, an inspection's date
(fieldwork start, else publication), time order, one area's rows, and the data date.

Dates. An inspection is placed in time by its fieldwork start date, falling back to its
publication date where the start is unknown (column ``date`` in the outputs).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..core.authorities import register
from ..core.checks import check_area
from ..core.checks import data_date as data_date  # defined beside the date checks that use it


@lru_cache(maxsize=1)
def register_frame() -> pd.DataFrame:
    """Every authority in the register as a table (code, number, name, region, ...)."""
    rows = [
        {
            "la_code": a.la_code,
            "la_name": a.la_name,
            "la_number": a.la_number,
            "region": a.region,
            "exists_from": pd.Timestamp(a.exists_from) if a.exists_from else pd.NaT,
            "exists_to": pd.Timestamp(a.exists_to) if a.exists_to else pd.NaT,
        }
        for a in register().authorities
    ]
    return pd.DataFrame(rows)


def canonical_codes(codes: pd.Series) -> pd.Series:
    """Map former GSS codes (e.g. Gateshead's pre-2013 E08000020) to the register's code."""
    reg = register()
    mapping = {}
    for code in codes.dropna().unique():
        a = reg.by_gss(code)
        mapping[code] = a.la_code if a is not None else code
    return codes.map(mapping).fillna(codes)


def with_date(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``date`` (fieldwork start, else publication) and canonical codes."""
    out = frame.copy()
    out["la_code"] = canonical_codes(out["la_code"])
    start = pd.to_datetime(out["start_date"]) if "start_date" in out else pd.NaT
    published = pd.to_datetime(out["published"]) if "published" in out else pd.NaT
    out["date"] = start.fillna(published) if isinstance(start, pd.Series) else published
    return out


def in_time_order(frame: pd.DataFrame) -> pd.DataFrame:
    # Ties on the date (two reports from one week) are broken by publication, then id, so
    # the result never depends on row order in the file.
    return frame.sort_values(
        ["date", "published", "inspection_id"], na_position="first", kind="mergesort"
    )


def area_rows(judgements: pd.DataFrame, area: str) -> pd.DataFrame:
    check_area(area)
    rows = judgements[(judgements["area"] == area) & judgements["grade"].notna()]
    return in_time_order(with_date(rows))
