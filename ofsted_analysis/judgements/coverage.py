"""What the events table holds of ungraded visits: the periods each source covers, and the
dates no source read covers (where a visit count is missing, not zero).

Ofsted lists its focused and monitoring visits only in a release's in-year tables, each one
year long; curated records add single visits. So visits are held for some periods only, and a
chart or count that shows none at a date may be showing a gap in the sources.

>>> cover = visit_coverage(ev)
>>> cover.table[["sheet", "visits", "first", "last", "full_list"]]
                      sheet  visits      first       last  full_list
0                             4 2018-01-01 2018-11-30      False
1  LA_level_in_year_2022-23      60 2022-03-01 2023-02-28       True
2       In-year_inspections      60 2024-04-01 2025-03-31       True
>>> cover.periods
[(Timestamp('2022-03-01 00:00:00'), Timestamp('2023-02-28 00:00:00')),
 (Timestamp('2024-04-01 00:00:00'), Timestamp('2025-03-31 00:00:00'))]
>>> cover.label
'Visits held for Mar 2022–Feb 2023 and Apr 2024–Mar 2025 (and 4 single records in 2018)'
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import NamedTuple

import pandas as pd

from ..core.frameworks import UNGRADED_EVENTS
from ..core.words import Prose, and_list, file_of, month_year, plural
from .prepare import data_date, with_date

UNKNOWN_SOURCE = "source not recorded"
COLUMNS = ["source", "sheet", "visits", "focused", "monitoring", "first", "last", "full_list"]


class VisitCoverage(NamedTuple):
    """What :func:`visit_coverage` returns.

    ``table``: one row per source (file and sheet) of visits: how many, from the first day of
    the month of the first to the last day of the month of the last, and whether the source is
    a full list for that period (a release's table; curated records are single visits).
    ``periods``: the periods a full list covers, merged, in time order (start, end).
    ``label``: a short note for a chart. ``text``: the sentence for a notebook or the CLI.
    """

    table: pd.DataFrame
    periods: list[tuple[pd.Timestamp, pd.Timestamp]]
    label: str
    text: Prose


def visit_coverage(events: pd.DataFrame) -> VisitCoverage:
    """The periods for which ungraded focused and monitoring visits are held, by source, and
    the dates for which they are not (see :class:`VisitCoverage`)."""
    visits = with_date(events[events["event"].isin(UNGRADED_EVENTS)])
    visits = visits[visits["date"].notna()]
    table = _by_source(visits)
    periods = _merged(table[table["full_list"]])
    singles = table[~table["full_list"]]
    return VisitCoverage(
        table, periods, _label(periods, singles), Prose(_text(table, periods, singles, events))
    )


def _by_source(visits: pd.DataFrame) -> pd.DataFrame:
    if visits.empty:
        return pd.DataFrame(columns=COLUMNS).astype({"full_list": bool})
    column = "sources" if "sources" in visits else "source" if "source" in visits else None
    refs = visits[column].fillna("") if column else pd.Series("", index=visits.index)
    # a visit two sources list counts in each: each source covers its own period
    each = visits.assign(_ref=refs.str.split("; ")).explode("_ref")
    each["source"] = [file_of(r.strip()) or UNKNOWN_SOURCE for r in each["_ref"]]
    each["sheet"] = [_sheet(r.strip()) for r in each["_ref"]]
    rows = []
    for (source, sheet), g in each.groupby(["source", "sheet"], sort=False):
        rows.append(
            {
                "source": source,
                "sheet": sheet,
                "visits": g["inspection_id"].nunique(),
                "focused": int((g["event"] == "focused_visit").sum()),
                "monitoring": int((g["event"] == "monitoring_visit").sum()),
                "first": g["date"].min().to_period("M").start_time,
                "last": g["date"].max().to_period("M").end_time.normalize(),
                # Curated records (data/curated) are single visits, each with its citation,
                # never a listing of every visit in their months.
                "full_list": "curated" not in PurePosixPath(source).parts,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS).sort_values("first").reset_index(drop=True)


def _sheet(ref: str) -> str:
    """The sheet of a ``file:sheet:row`` reference ('' for ``file:row`` and ``file:page``)."""
    parts = ref.split(":")
    return parts[1] if len(parts) >= 3 else ""


def _merged(rows: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    out: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for first, last in sorted(zip(rows["first"], rows["last"], strict=True)):
        if out and first <= out[-1][1] + pd.Timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _span(first: pd.Timestamp, last: pd.Timestamp, short: bool = False) -> str:
    """'March 2022 to February 2023', 'January to November 2018', 'June 2021'; with
    ``short``, 'Mar 2022–Feb 2023'."""
    form = "%b %Y" if short else "%B %Y"
    if first.to_period("M") == last.to_period("M"):
        return f"{first:{form}}"
    if short:
        return f"{first:{form}}–{last:{form}}"
    start = f"{first:%B}" if first.year == last.year else f"{first:{form}}"
    return f"{start} to {last:{form}}"


def _years(rows: pd.DataFrame) -> str:
    years = sorted(set(rows["first"].dt.year) | set(rows["last"].dt.year))
    return and_list([str(y) for y in years])


def _label(periods, singles: pd.DataFrame) -> str:
    if not periods and singles.empty:
        return "No ungraded visits held"
    held = and_list([_span(a, b, short=True) for a, b in periods])
    n = int(singles["visits"].sum())
    extra = f"{plural(n, 'single record')} in {_years(singles)}" if n else ""
    if not periods:
        return f"Visits: only {extra}"
    return f"Visits held for {held}" + (f" (and {extra})" if extra else "")


def _source_words(r) -> str:
    name = PurePosixPath(r.source).name if r.source != UNKNOWN_SOURCE else r.source
    return f"{name}, sheet {r.sheet}" if r.sheet else name


def _text(table: pd.DataFrame, periods, singles: pd.DataFrame, events: pd.DataFrame) -> str:
    if table.empty:
        return (
            "No ungraded focused or monitoring visit is in the sources read: visits are "
            "missing, not absent."
        )
    full = table[table["full_list"]]
    lists = [
        f"{_span(r.first, r.last)} ({r.visits}, {_source_words(r)})" for r in full.itertuples()
    ]
    text = "Ungraded focused and monitoring visits are " + (
        f"listed for {and_list(lists)}" if lists else "held only as single records"
    )
    if len(singles):
        n = int(singles["visits"].sum())
        span = _span(singles["first"].min(), singles["last"].max())
        records = and_list([_source_words(r) for r in singles.itertuples()])
        text += (
            f"; {n} more, {span}, {'is a single record' if n == 1 else 'are single records'}"
            f" ({records}), not a full list"
            if lists
            else f": {n}, {span} ({records})"
        )
    gaps = _gaps(periods, data_date(events)) if periods else []
    if not lists:
        text += (
            ". No list of visits is in the sources read: at any date a visit count is "
            "missing, not zero"
        )
    elif gaps:
        text += (
            f". Visits at other dates ({and_list(gaps)}) are not in the sources read: for "
            "those dates a visit count is missing, not zero"
        )
    return text + "."


def _gaps(periods, data_end: pd.Timestamp) -> list[str]:
    """The dates no list covers, in words: before the first period, between periods, after
    the last (to the data's last date)."""
    if not periods:
        return []
    gaps = [f"before {month_year(periods[0][0])}"]
    for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
        gaps.append("from " + _span(end + pd.Timedelta(days=1), start - pd.Timedelta(days=1)))
    if pd.notna(data_end) and data_end > periods[-1][1]:
        gaps.append(f"after {month_year(periods[-1][1])}")
    return gaps
