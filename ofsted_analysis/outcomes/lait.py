"""LAIT's measures in the outcomes table: its cells as outcome rows, its dictionary as the
``lait_measures`` table, and what a new LAIT release changes.

Every cell of LAIT's bulk file (:mod:`ofsted_analysis.sources.lait`) is one row of
``outcomes`` as published: indicator ``lait:<Short Desc>``, ``period`` as written, ``year`` the
year it ends, ``value`` (missing where LAIT writes ``-``, with ``status`` ``-``), ``unit`` the
dictionary's, ``source`` the cell (``file:r<row>:Values``). Nothing is computed from them.

A new release (``update``, or two bulk files in one build, the one holding the later periods
applied last) is merged cell by cell, keyed by level x area x measure x year: its cells win; a
changed value is a revision, kept in ``outcome_conflicts`` (both values, both cells); a stored
cell the new file no longer holds is kept (never deleted), and a measure the new file no longer
holds is flagged (``lait_measures.in_bulk_file`` False). Applying a file twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..sources.lait.bulk import PREFIX
from ..storage.conform import conform, empty
from ..storage.schema import columns, schema_of

KEY = ["level", "la_code", "indicator", "year"]
RULE = "the later LAIT release wins (LAIT revises values it published before)"
_EXAMPLES = 3  # revised values shown per measure in the change report


def lait_measures(path: str | Path | None = None) -> pd.DataFrame:
    """The stored ``lait_measures`` table (empty for a store built without LAIT), read once
    per version of the store."""
    from ..storage.store import table_file

    file = table_file("lait_measures", path)
    stamp = file.stat().st_mtime_ns if file.exists() else 0
    return _lait_measures(str(file), stamp).copy()


_CACHE: dict[tuple[str, int], pd.DataFrame] = {}


def _lait_measures(file: str, stamp: int) -> pd.DataFrame:
    from ..storage.store import read_table

    if (file, stamp) not in _CACHE:
        _CACHE.clear()
        _CACHE[(file, stamp)] = (
            read_table("lait_measures", file) if stamp else empty("lait_measures")
        )
    return _CACHE[(file, stamp)]


def is_lait(indicator: pd.Series) -> pd.Series:
    """Which indicator ids are LAIT measures."""
    return indicator.str.startswith(PREFIX)


def _release_order(cells: pd.DataFrame) -> list[str]:
    """LAIT files, earliest release first: the one whose periods end later is later; ties by
    the file's name."""
    latest = cells.groupby("file")["year"].max()
    return sorted(latest.index, key=lambda f: (latest[f], f))


def outcome_rows(cells: pd.DataFrame, units: dict[str, str]) -> pd.DataFrame:
    """LAIT cells (:func:`ofsted_analysis.sources.lait.read_lait` with ``file``) as rows of
    the outcomes table."""
    ids = cells["indicator"].astype("category")
    per_id = [units.get(str(i).removeprefix(PREFIX), "") for i in ids.cat.categories]
    unit = pd.Series(
        pd.Categorical(per_id)[ids.cat.codes.to_numpy()] if len(per_id) else [],
        index=cells.index,
        dtype="category",
    )
    rows = cells.assign(unit=unit, source=_sources(cells), n_authorities=1)
    return rows[list(columns("outcomes"))]


def _sources(cells: pd.DataFrame) -> pd.Series:
    """Each cell's ``file:r<row>:Values``, joined by pyarrow (600k cells: no Python string
    per row)."""
    import pyarrow as pa  # type: ignore[import-untyped]  # no stubs
    import pyarrow.compute as pc  # type: ignore[import-untyped]

    rows = pc.cast(pa.array(cells["row"].to_numpy()), pa.string())
    files = pa.array(cells["file"].astype("str").to_numpy(dtype=object), pa.string())
    joined = pc.binary_join_element_wise(files, ":r", rows, ":Values", "")
    return pd.Series(pd.array(joined, dtype="str"), index=cells.index)


def _sorted(rows: pd.DataFrame) -> pd.DataFrame:
    """In the outcomes table's order: indicator, year, England then regions then
    authorities, name (categories: sorted by their codes, text never compared)."""
    import numpy as np

    level = rows["level"].astype("category")
    rank = np.array([{"england": 0, "region": 1}.get(str(c), 2) for c in level.cat.categories])
    keys = pd.DataFrame(
        {
            "i": rows["indicator"].astype("category").cat.codes,
            "y": rows["year"],
            "l": rank[level.cat.codes.to_numpy()] if len(rank) else level.cat.codes,
            "n": rows["la_name"].astype("category").cat.codes,
        }
    )
    order = keys.sort_values(["i", "y", "l", "n"], kind="mergesort").index
    return rows.loc[order].reset_index(drop=True)


@dataclass
class Merged:
    """The LAIT rows after a merge, their revisions, and what changed, for the report."""

    rows: pd.DataFrame
    conflicts: pd.DataFrame
    measures_added: list[str] = field(default_factory=list)
    periods_added: dict[str, list[str]] = field(default_factory=dict)  # measure -> periods
    revised: dict[str, list[str]] = field(default_factory=dict)  # measure -> examples
    revised_counts: dict[str, int] = field(default_factory=dict)
    measures_gone: list[str] = field(default_factory=list)  # newly flagged (kept)
    still_gone: list[str] = field(default_factory=list)  # flagged by an earlier update
    cells_gone: int = 0  # stored cells the new file no longer holds (kept)

    def lines(self) -> list[str]:
        """The change report's lines."""
        out = []
        if self.measures_added:
            out.append(
                f"{len(self.measures_added)} LAIT measure(s) added: "
                + ", ".join(self.measures_added[:20])
                + (" ..." if len(self.measures_added) > 20 else "")
            )
        n_periods = sum(map(len, self.periods_added.values()))
        if n_periods:
            out.append(f"{n_periods} measure-period(s) added to measures already held:")
            out.extend(f"  {m}: {', '.join(p)}" for m, p in sorted(self.periods_added.items()))
        if self.revised_counts:
            total = sum(self.revised_counts.values())
            out.append(
                f"{total} value(s) revised in {len(self.revised_counts)} measure(s) "
                "(the new release kept; both values in outcome_conflicts):"
            )
            for m, n in sorted(self.revised_counts.items()):
                out.append(f"  {m}: {n} value(s), e.g. {'; '.join(self.revised[m])}")
        if self.measures_gone:
            out.append(
                f"{len(self.measures_gone)} measure(s) no longer in the file, kept and "
                "flagged (lait_measures.in_bulk_file False): " + ", ".join(self.measures_gone)
            )
        return out

    def notes(self) -> list[str]:
        """What the stored tables keep that the file no longer holds (not a change: an
        update that changes nothing else repeats them)."""
        out = []
        if self.still_gone:
            out.append(
                f"{len(self.still_gone)} measure(s) no longer in LAIT's file, kept as stored "
                "and flagged: " + ", ".join(self.still_gone)
            )
        if self.cells_gone:
            out.append(
                f"{self.cells_gone} stored value(s) of measures still in the file that it no "
                "longer holds, kept"
            )
        return out


def _show(value: float, status: str) -> str:
    return status if status else f"{value:g}"


def merge_cells(old: pd.DataFrame, new: pd.DataFrame) -> Merged:
    """``new`` LAIT rows (outcomes columns) over ``old`` ones: see the module's rule."""
    if old.empty:
        added = sorted(map(str, new["indicator"].unique()))
        return Merged(new.reset_index(drop=True), empty("outcome_conflicts"), added)
    both = old.merge(new, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    merged = Merged(pd.DataFrame(), empty("outcome_conflicts"))
    old_measures = set(old["indicator"])
    new_measures = set(new["indicator"])
    merged.measures_added = sorted(new_measures - old_measures)
    old_periods = set(zip(old["indicator"], old["period"], strict=True))
    added = new[
        new["indicator"].isin(old_measures)
        & ~pd.Series(list(zip(new["indicator"], new["period"], strict=True)), index=new.index).isin(
            old_periods
        )
    ]
    for (m, _p), _g in added.groupby(["indicator", "period"], sort=True):
        merged.periods_added.setdefault(m, []).append(_p)
    common = both[both["_merge"] == "both"]
    same = (
        (common["value_old"] == common["value_new"])
        | (common["value_old"].isna() & common["value_new"].isna())
    ) & (common["status_old"] == common["status_new"])
    rev = common[~same]
    for m, g in rev.groupby("indicator", sort=True):
        merged.revised_counts[m] = len(g)
        merged.revised[m] = [
            f"{r.la_name_new} {r.period_new}: {_show(r.value_old, r.status_old)} -> "
            f"{_show(r.value_new, r.status_new)}"
            for r in g.head(_EXAMPLES).itertuples()
        ]
    merged.conflicts = pd.DataFrame(
        {
            "level": rev["level"],
            "la_number": rev["la_number_new"],
            "la_name": rev["la_name_new"],
            "measure": rev["indicator"],
            "year": rev["year"],
            "kept_value": rev["value_new"],
            "kept_status": rev["status_new"],
            "kept_source": rev["source_new"],
            "other_value": rev["value_old"],
            "other_status": rev["status_old"],
            "other_source": rev["source_old"] + " (the release read before)",
            "rule": RULE,
        }
    )
    only_old = old.merge(new[KEY], on=KEY, how="left", indicator=True)["_merge"] == "left_only"
    kept_old = old[only_old.to_numpy()]
    merged.measures_gone = sorted(old_measures - new_measures)
    merged.cells_gone = int((kept_old["indicator"].isin(new_measures)).sum())
    merged.rows = pd.concat([new, kept_old], ignore_index=True)
    return merged


def combine(cells: pd.DataFrame, units: dict[str, str]) -> Merged:
    """The outcome rows of the LAIT cells of one build (several files: merged in release
    order, each over the ones before)."""
    if cells.empty:
        return Merged(empty("outcomes"), empty("outcome_conflicts"))
    files = _release_order(cells)
    if len(files) == 1:  # sorted before the source column is written: less to move
        merged = Merged(outcome_rows(_sorted(cells), units), empty("outcome_conflicts"))
        return merged
    merged = Merged(empty("outcomes"), empty("outcome_conflicts"))
    conflicts = []
    for f in files:
        step = merge_cells(merged.rows, outcome_rows(cells[cells["file"] == f], units))
        conflicts.append(step.conflicts)
        merged = step
    merged.rows = _sorted(merged.rows)
    merged.conflicts = pd.concat([c for c in conflicts if len(c)] or [conflicts[0]])
    return merged


def measures_table(
    dictionary: pd.DataFrame, cells: pd.DataFrame, old: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``lait_measures``: the dictionary's rows (a new dictionary's winning, a measure only an
    older one describes kept), with ``in_bulk_file`` for the measures the latest bulk file
    (``cells``) holds and the bulk file they came from, and a bare row (its id as label) for
    a held measure no dictionary describes."""
    flags = ["in_bulk_file", "bulk_file", "bulk_hash", "cells_without_period"]
    bare_table = empty("lait_measures").drop(columns=flags)
    parts = [dictionary[list(bare_table.columns)]] if len(dictionary) else []
    kept_flags = pd.DataFrame(columns=["measure", *flags])
    if old is not None and len(old):
        parts.append(old[~old["measure"].isin(dictionary["measure"])][list(bare_table.columns)])
        kept_flags = old[["measure", *flags]]
    table = pd.concat(parts, ignore_index=True) if parts else bare_table
    held = (
        cells.assign(measure=cells["indicator"].str.removeprefix(PREFIX))
        .drop_duplicates("measure", keep="last")
        .set_index("measure")[["file", "file_hash"]]
        if len(cells)
        else pd.DataFrame(columns=["file", "file_hash"])
    )
    missing = sorted(set(held.index) - set(table["measure"]))
    if missing:
        bare = bare_table.reindex(range(len(missing))).assign(
            measure=missing, label=missing, row=0, quartiles=True
        )
        text = [c for c, k in schema_of("lait_measures").kinds.items() if k == "text"]
        bare = bare.fillna({c: "" for c in text if c in bare})
        table = pd.concat([table, bare], ignore_index=True)
    previous = kept_flags.set_index("measure")
    table["in_bulk_file"] = table["measure"].isin(held.index)
    no_period = cells.attrs.get("no_period", {}) if len(cells) else {}
    table["cells_without_period"] = table["measure"].map(no_period).fillna(0).astype("int64")
    if not len(cells):  # nothing new read: the counts stored before stand
        table["cells_without_period"] = (
            table["measure"].map(previous.get("cells_without_period", {})).fillna(0)
        ).astype("int64")
    for col, src in (("bulk_file", "file"), ("bulk_hash", "file_hash")):
        now = table["measure"].map(held[src]) if len(held) else pd.Series(dtype=object)
        before = table["measure"].map(previous[col]) if len(previous) else pd.Series(dtype=object)
        table[col] = (
            now.fillna(before).fillna("") if len(now) else before.reindex(table.index).fillna("")
        )
    return conform("lait_measures", table.reset_index(drop=True))


def units_of(measures: pd.DataFrame) -> dict[str, str]:
    return dict(zip(measures["measure"], measures["unit"], strict=True))


def updated_tables(
    stored: dict[str, pd.DataFrame],
    rebuilt: dict[str, pd.DataFrame],
    cells: pd.DataFrame | None,
    dictionary: pd.DataFrame | None,
) -> tuple[dict[str, pd.DataFrame], Merged | None]:
    """The outcome tables after an ``update``: ``rebuilt`` (DfE's indicators made afresh from
    the published cells) with the stored LAIT rows, revisions and measures carried over and
    the new LAIT ``cells`` (described by ``dictionary``) merged over them (the module's
    rule). Returns the tables and what the merge changed (None when no LAIT file came)."""
    old_rows = stored["outcomes"][is_lait(stored["outcomes"]["indicator"].astype("str"))]
    old_rows = old_rows.astype({c: "str" for c in _CATEGORY_COLUMNS})
    conflicts = stored["outcome_conflicts"]
    old_conflicts = conflicts[is_lait(conflicts["measure"])]
    merged = None
    rows = old_rows
    new_conflicts = [old_conflicts]
    described = stored["lait_measures"]
    if cells is not None and len(cells):
        incoming = dictionary if dictionary is not None else empty("lait_measures")
        described = measures_table(incoming, cells, stored["lait_measures"])
        units = units_of(described)
        for f in _release_order(cells):
            merged = merge_cells(rows, outcome_rows(cells[cells["file"] == f], units))
            rows = merged.rows
            new_conflicts.append(merged.conflicts)
        if merged is not None:
            before = stored["lait_measures"].set_index("measure")["in_bulk_file"]
            gone = described.loc[~described["in_bulk_file"], "measure"]
            was_held = gone.isin(before.index[before.astype(bool)])
            merged.measures_gone = sorted(PREFIX + gone[was_held])
            merged.still_gone = sorted(PREFIX + gone[~was_held])
    out = dict(rebuilt)
    out["outcomes"] = join_outcomes([rebuilt["outcomes"], _sorted(rows)])
    every = pd.concat(
        [rebuilt["outcome_conflicts"], *[c for c in new_conflicts if len(c)]], ignore_index=True
    )
    key = list(schema_of("outcome_conflicts").key)
    out["outcome_conflicts"] = conform(
        "outcome_conflicts", every.drop_duplicates(key, keep="first").reset_index(drop=True)
    )
    out["lait_measures"] = described
    return out, merged


_CATEGORY_COLUMNS = [c for c, k in schema_of("outcomes").kinds.items() if k == "cat"]


def join_outcomes(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Parts of the outcomes table as one table, its words kept as categories throughout."""
    from ..storage.categories import concat

    parts = [conform("outcomes", f) for f in frames if len(f)] or [empty("outcomes")]
    return conform("outcomes", concat(parts, _CATEGORY_COLUMNS))
