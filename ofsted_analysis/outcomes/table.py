"""The ``outcomes`` table: DfE children's social care indicators, one row per level x area x
indicator x year, every number traceable to the published cell.

Flow: DfE files -> :mod:`ofsted_analysis.sources.dfe` *measures* (every published cell read,
stored as ``outcome_measures``) -> one value per key, the later release winning
(revisions kept in ``outcome_conflicts``) -> indicators
(:mod:`ofsted_analysis.outcomes.indicators`), published or computed -> ``outcomes``. DfE's
statistical-neighbour model, when given, is kept as ``neighbour_models``.

Authorities are keyed by their DfE number (``la_number``), stable across GSS code changes
(North Yorkshire, Somerset, Buckinghamshire; Barnsley and Sheffield in the 2025 workforce
file); ``la_code`` and ``la_name`` are the register's. A row published for two authorities
together ('940 / 941', '314 / 318') is kept as published, with ``n_authorities`` = 2: it is
never taken for either. Authorities that no longer exist keep their rows.

England's re-referral rate in 2025 was 22.6% (DfE's c1 file, national row):

>>> import ofsted_analysis as oa
>>> o = oa.load_outcomes()
>>> float(o[(o.level == "england") & (o.indicator == "rereferral_rate")].value.iloc[-1])
22.6
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core.errors import InputError, InputErrors, Location
from ..storage.conform import conform, empty
from ..storage.schema import columns

OUTCOME_COLUMNS = columns("outcomes")  # defined, with types, in schema.py
OUTCOME_TABLES = (
    "outcomes",
    "outcome_conflicts",
    "outcome_measures",
    "neighbour_models",
    "lait_measures",
)
ENGLAND = "E92000001"


@dataclass
class OutcomeFiles:
    """What the outcome readers found: published cells and the neighbour model."""

    measures: pd.DataFrame
    neighbours: pd.DataFrame
    files: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    # LAIT's bulk cells (sources.lait.read_lait, with file and file_hash) and its dictionary
    lait: pd.DataFrame | None = None
    dictionary: pd.DataFrame | None = None


@dataclass
class OutcomeSources:
    """The outcome files found under the inputs, not yet read: paths, what each is
    (``dfe``, ``rsx``, ``neighbours``), its key (:func:`sources.source_key`) and content hash."""

    paths: list[Path]
    kinds: dict[Path, str]
    keys: dict[Path, str]
    digests: dict[Path, str]

    @property
    def files(self) -> list[str]:
        return [self.keys[p] for p in self.paths]

    @property
    def hashes(self) -> dict[str, str]:
        return {self.keys[p]: self.digests[p] for p in self.paths}

    def read(self) -> OutcomeFiles:
        return read_outcome_files(self.paths, self.kinds, self.keys, self.hashes)


def read_outcome_files(
    files: list[Path], kinds: dict[Path, str], keys: dict[Path, str], hashes: dict[str, str]
) -> OutcomeFiles:
    """Read DfE (and RSX, neighbour-model) files; every bad cell of every file is reported
    together (:class:`InputErrors`)."""
    from ..core.errors import OfstedAnalysisError
    from ..sources import dfe
    from ..sources.formats import BY_NAME
    from ..storage import cache

    measures: list[pd.DataFrame] = []
    neighbours: list[pd.DataFrame] = []
    lait: list[pd.DataFrame] = []
    dictionaries: list[pd.DataFrame] = []
    errors: list[Exception] = []
    for f in files:
        key = keys[f]
        digest = hashes.get(key, "")
        try:
            entry = cache.key(kinds[f], digest)
            frame = cache.get("outcome-reads", entry) if digest else None
            if frame is None:
                frame = BY_NAME[kinds[f]].read_outcomes(f, key)
                if digest:
                    cache.put("outcome-reads", entry, frame)
            frame = frame.assign(file=key, file_hash=digest)
            if kinds[f] == "neighbours":  # the model's year is its file's name, not content
                frame = frame.assign(model=dfe.neighbour_model_year(key))
            if "source" in frame:  # neighbour model: cells named by the file's key
                frame["source"] = key + frame["source"].str.extract(r"(:r\d+:.*)$")[0]
            {"neighbours": neighbours, "lait": lait, "lait_dictionary": dictionaries}.get(
                kinds[f], measures
            ).append(frame)
        except InputErrors as e:
            errors.extend(e.errors)
        except OfstedAnalysisError as e:
            errors.append(e)
    if errors:
        raise InputErrors(errors)
    m = (
        conform("outcome_measures", pd.concat(measures, ignore_index=True))
        if measures
        else empty("outcome_measures")
    )
    n = (
        conform("neighbour_models", pd.concat(neighbours, ignore_index=True))
        if neighbours
        else empty("neighbour_models")
    )
    cells = None
    if lait:
        cells = pd.concat(lait, ignore_index=True)
        # cells under no period, per measure, across the files (pd.concat drops attrs)
        cells.attrs["no_period"] = {
            k: v for f in lait for k, v in f.attrs.get("no_period", {}).items()
        }
    return OutcomeFiles(
        m,
        n,
        [keys[f] for f in files],
        {keys[f]: hashes.get(keys[f], "") for f in files},
        cells,
        pd.concat(dictionaries, ignore_index=True) if dictionaries else None,
    )


def _release_order(measures: pd.DataFrame) -> pd.Series:
    """Rank of each file as a release: the one covering the later year is later; ties by the
    file's name (DfE names releases by their years)."""
    if measures.empty:
        return pd.Series(dtype="int64")
    latest = measures.groupby("file")["year"].max()
    order = sorted(latest.index, key=lambda f: (latest[f], f))
    return pd.Series(range(len(order)), index=order)


def _area(frame: pd.DataFrame) -> pd.Series:
    return frame["la_number"].where(
        frame["level"] == "la", frame["region_code"].where(frame["level"] == "region", "")
    )


def resolve_releases(measures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One value per level x area x measure x year: the later release wins. Returns the
    kept cells and the revisions (``outcome_conflicts``: both values, both cells)."""
    m = measures.copy()
    m["area"] = _area(m)
    m["release"] = m["file"].map(_release_order(m))
    m = m.sort_values(["release", "row"], kind="mergesort")
    key = ["level", "area", "measure", "year"]
    kept = m.drop_duplicates(key, keep="last")
    older = m[m.duplicated(key, keep="last")]
    both = older.merge(kept, on=key, suffixes=("_other", "_kept"))
    same = (
        (both.value_other == both.value_kept) | (both.value_other.isna() & both.value_kept.isna())
    ) & (both.status_other == both.status_kept)
    rev = both[~same]
    conflicts = pd.DataFrame(
        {
            "level": rev.level,
            "la_number": rev.la_number_kept,
            "la_name": rev.la_name_kept,
            "measure": rev.measure,
            "year": rev.year,
            "kept_value": rev.value_kept,
            "kept_status": rev.status_kept,
            "kept_source": _ref(rev, "_kept"),
            "other_value": rev.value_other,
            "other_status": rev.status_other,
            "other_source": _ref(rev, "_other"),
            "rule": "the later release wins (DfE revises earlier years)",
        }
    ).reset_index(drop=True)
    return kept.drop(columns=["release"]), conflicts


def _ref(frame: pd.DataFrame, suffix: str = "") -> pd.Series:
    return (
        frame["file" + suffix]
        + ":r"
        + frame["row" + suffix].astype(int).astype(str)
        + ":"
        + frame["column" + suffix]
    )


def _identify(cells: pd.DataFrame) -> pd.DataFrame:
    """la_code, la_number, la_name, region and n_authorities from the register."""
    from ..core.authorities import register

    reg = register()
    out = cells.copy()
    out["n_authorities"] = 1
    la = out["level"] == "la"
    numbers = out.loc[la, "la_number"].unique()
    bad = []
    info = {}
    for n in numbers:
        parts = [p.strip() for p in str(n).split("/")]
        known = [reg.by_gss(p) for p in parts]
        found = [a for a in known if a is not None]
        if len(found) < len(known):
            bad.append(n)
            continue
        if len(found) == 1:
            a = found[0]
            info[n] = (a.la_code, a.la_number, a.la_name, a.region, 1)
        else:
            regions = {a.region for a in found}
            info[n] = (
                " / ".join(a.la_code for a in found),
                str(n),
                " / ".join(a.la_name for a in found),
                regions.pop() if len(regions) == 1 else "",
                len(found),
            )
    if bad:
        errors = []
        for n in bad:
            r = out[la & (out["la_number"] == n)].iloc[0]
            errors.append(
                InputError(
                    "old_la_code",
                    n,
                    "a DfE LA number in data/reference/authorities.csv",
                    Location(r["file"], row=int(r["row"]), column="old_la_code"),
                )
            )
        raise InputErrors(errors)
    if la.any():
        ident = pd.DataFrame.from_dict(
            info,
            orient="index",
            columns=["la_code", "la_number_", "la_name", "region", "n_authorities"],
        )
        joined = ident.reindex(out.loc[la, "la_number"]).set_axis(out.index[la])
        for col in ("la_code", "la_name", "region", "n_authorities"):
            out.loc[la, col] = joined[col]
    reg_rows = out["level"] == "region"
    # One spelling per region ("Yorkshire and The Humber" in DfE files): the register's.
    spelling = {a.region.lower(): a.region for a in reg.authorities}
    out.loc[reg_rows, "region"] = out.loc[reg_rows, "region"].map(
        lambda r: spelling.get(str(r).lower(), r)
    )
    out.loc[reg_rows, "la_code"] = out.loc[reg_rows, "region_code"]
    out.loc[reg_rows, "la_name"] = out.loc[reg_rows, "region"]
    out.loc[reg_rows, "la_number"] = ""
    eng = out["level"] == "england"
    out.loc[eng, ["la_code", "la_name", "la_number", "region"]] = [ENGLAND, "England", "", ""]
    return out


def indicators_of(kept: pd.DataFrame) -> pd.DataFrame:
    """The outcomes table from resolved cells: published indicators as they are, computed
    ones from their numerator and denominator cells."""
    from .indicators import INDICATORS

    cells = _identify(kept)
    cells["source"] = _ref(cells)
    groups = dict(tuple(cells.groupby("measure", sort=False)))
    empty = cells.iloc[:0]
    parts = []
    for ind in INDICATORS:
        if not ind.computed:
            part = groups.get(ind.measure, empty).copy()
        else:
            num = groups.get(ind.numerator, empty)
            den = groups.get(ind.denominator, empty)[
                ["level", "area", "year", "value", "status", "source"]
            ].copy()
            den["year"] = den["year"] + ind.denominator_lag
            part = num.merge(den, on=["level", "area", "year"], how="left", suffixes=("", "_den"))
            no_den = part["source_den"].isna()
            part["value"] = part["value"] * ind.per / part["value_den"]
            part["status"] = part["status"].where(
                part["status"] != "", part["status_den"].fillna("x")
            )
            part.loc[part["status"] != "", "value"] = float("nan")
            part["source"] = (
                part["source"]
                + " / "
                + part["source_den"].where(~no_den, f"no {ind.denominator} for the year before")
            )
        part["indicator"] = ind.id
        part["unit"] = ind.unit
        part["period"] = ""  # DfE's year is its time_period; period is LAIT's label
        part["period_marker"] = ""
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)[list(OUTCOME_COLUMNS)]
    level_order = out["level"].map({"england": 0, "region": 1, "la": 2})
    order = (
        out.assign(_level=level_order)
        .sort_values(["indicator", "year", "_level", "la_name"], kind="mergesort")
        .index
    )
    return out.loc[order].reset_index(drop=True)


def outcome_tables(
    measures: pd.DataFrame,
    neighbours: pd.DataFrame,
    lait: pd.DataFrame | None = None,
    dictionary: pd.DataFrame | None = None,
) -> dict[str, pd.DataFrame]:
    """``outcomes``, ``outcome_conflicts``, ``outcome_measures``, ``neighbour_models`` and
    ``lait_measures``: DfE's indicators from the published cells ``measures``, with every
    LAIT cell (``lait``, described by ``dictionary``: :mod:`.lait`) beside them."""
    from . import lait as lait_rows

    measures = measures.sort_values(["file", "row", "measure"], kind="mergesort").reset_index(
        drop=True
    )
    if measures.empty:
        outcomes, conflicts = empty("outcomes"), empty("outcome_conflicts")
    else:
        kept, conflicts = resolve_releases(measures)
        outcomes = indicators_of(kept)
    cells = lait if lait is not None else pd.DataFrame(columns=["indicator", "file", "year"])
    described = lait_rows.measures_table(
        dictionary if dictionary is not None else empty("lait_measures"), cells
    )
    if len(cells):
        merged = lait_rows.combine(cells, lait_rows.units_of(described))
        outcomes = lait_rows.join_outcomes([outcomes, merged.rows])
        conflicts = pd.concat(
            [c for c in (conflicts, merged.conflicts) if len(c)] or [conflicts], ignore_index=True
        )
    return {
        "outcomes": conform("outcomes", outcomes),
        "outcome_conflicts": conform("outcome_conflicts", conflicts),
        "outcome_measures": conform("outcome_measures", measures),
        "neighbour_models": conform("neighbour_models", neighbours.reset_index(drop=True)),
        "lait_measures": described,
    }


def cached_outcome_tables(found: OutcomeSources) -> dict[str, pd.DataFrame]:
    """:func:`outcome_tables` of these files, kept in the cache (:mod:`..storage.cache`)
    under every file's name and content, so a rebuild with unchanged DfE files does no work
    (and can never use a stale result)."""
    from ..storage import cache

    entry = cache.key(*(f"{k}\0{h}" for k, h in sorted(found.hashes.items())))
    frames = cache.get("outcome-tables", entry)
    if frames is None:
        read = found.read()
        frames = outcome_tables(read.measures, read.neighbours, read.lait, read.dictionary)
        cache.put("outcome-tables", entry, frames, keep=4)
    return frames


def load_outcomes(path: str | Path | None = None) -> pd.DataFrame:
    """The outcomes table: DfE indicators, one row per level x area x indicator x year.

    >>> import ofsted_analysis as oa
    >>> o = oa.load_outcomes()
    >>> sorted(o.level.unique())
    ['england', 'la', 'region']
    """
    return load_outcome_table("outcomes", path)


def load_outcome_table(
    name: str, path: str | Path | None = None, missing_ok: bool = False
) -> pd.DataFrame:
    """One of :data:`OUTCOME_TABLES` from the store (an empty table where the store was built
    without outcome files; for ``outcomes`` itself that is an error unless ``missing_ok``)."""
    from ..core.errors import FileError
    from ..storage.store import read_table, table_file

    file = table_file(name, path)
    if not file.exists() and name == "outcomes" and not missing_ok:
        raise FileError(
            str(file),
            "does not exist: build with the DfE outcome files, "
            "e.g. `ofsted-analysis build --raw ../shared/data/raw "
            "../shared/data/reports ../shared/data/outcomes ../shared/data/lait`",
        )
    return read_table(name, path, missing_ok=True)


# --- the change report -------------------------------------------------------------------------


def describe_changes(old: pd.DataFrame, new: pd.DataFrame, limit: int = 200) -> list[str]:
    """Lines for the change report: indicator-years added or gone (counted per indicator and
    year) and every value that changed (both values, both cells)."""
    key = ["level", "la_code", "la_number", "indicator", "year"]
    if old is None or old.empty:
        old = empty("outcomes")
    # LAIT's cells are reported per measure (outcomes.lait.Merged.lines), not value by value
    old, new = (  # the package's own rows, words as text (categories of two tables differ)
        _as_text(f[~f["indicator"].astype("str").str.startswith("lait:")]) for f in (old, new)
    )
    both = old.merge(new, on=key, how="outer", suffixes=("_old", "_new"), indicator=True)
    lines = []
    for what, side in (("added", "right_only"), ("no longer in the tables", "left_only")):
        sub = both[both["_merge"] == side]
        for (ind, year), g in sub.groupby(["indicator", "year"]):
            lines.append(f"{ind} {year}: {len(g)} value(s) {what}")
    common = both[both["_merge"] == "both"]
    same = (
        (common.value_old == common.value_new) | (common.value_old.isna() & common.value_new.isna())
    ) & (common.status_old == common.status_new)
    changed = common[~same]
    for r in changed.head(limit).itertuples():
        lines.append(
            f"{r.la_name_new} {r.indicator} {r.year}: {_show(r.value_old, r.status_old)}"
            f" ({r.source_old}) -> {_show(r.value_new, r.status_new)} ({r.source_new})"
        )
    if len(changed) > limit:
        lines.append(f"... and {len(changed) - limit} more changed value(s)")
    return lines


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its category columns as text."""
    return frame.astype({c: "str" for c in frame.select_dtypes("category")})


def _show(value: float, status: str) -> str:
    return status if status else f"{value:g}"
