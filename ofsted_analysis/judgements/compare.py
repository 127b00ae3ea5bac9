"""An authority beside others: its region and its statistical neighbours, at a date."""

from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from ..core.authorities import register
from ..core.checks import resolve_authority
from ..core.errors import InputError
from ..core.grades import grade_dtype
from ..core.paths import reference
from .asat import as_at, distribution, good_or_better_shares
from .prepare import register_frame

NEIGHBOURS = reference("statistical_neighbours.csv")


def compare_region(
    judgements: pd.DataFrame, date: object, area: str = "overall", published_by: object = None
) -> pd.DataFrame:
    """Grades by region at a date, with England for comparison.

    One row per region (and ``England``): count at each grade, ``n_judged``, ``n_not_judged``
    and ``good_or_better`` (share of judged authorities).

    >>> compare_region(j, "2025-03-31", published_by="2025-06-30").iloc[-1]
    region            England
    Inadequate             19
    Requires improvement   31
    Good                   67
    Outstanding            36
    n_judged              153
    n_not_judged            0
    good_or_better   0.673203
    Name: 9, dtype: object
    """
    snap = as_at(judgements, date, area=area, published_by=published_by)
    england = snap.assign(region="England")
    dist = distribution(pd.concat([snap, england], ignore_index=True), by="region")
    wide = dist.pivot(index="region", columns="grade", values="count")
    wide.columns = [str(c) for c in wide.columns]
    meta = dist.drop_duplicates("region").set_index("region")[["n_judged", "n_not_judged"]]
    out = wide.join(meta)
    out["good_or_better"] = good_or_better_shares(dist, "region")
    order = sorted(r for r in out.index if r != "England") + ["England"]
    return out.loc[order].rename_axis("region").reset_index()


@lru_cache(maxsize=1)
def _neighbour_table() -> dict[str, list[tuple[int, str, str]]]:
    table: dict[str, list[tuple[int, str, str]]] = {}
    with open(NEIGHBOURS, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            table.setdefault(r["la_number"], []).append(
                (int(r["neighbour_rank"]), r["neighbour_la_number"], r["closeness"])
            )
    return {k: sorted(v) for k, v in table.items()}


def statistical_neighbours(authority: str) -> pd.DataFrame:
    """An authority's ten DfE statistical neighbours (April 2021 groupings).

    Columns: neighbour_rank, la_code, la_name, la_number, closeness. Authorities created
    after the groupings (Cumberland, Westmorland and Furness, April 2023) have no row of their
    own; they get their predecessor's (Cumbria's) neighbours, and ``source`` says so.

    >>> statistical_neighbours("Leeds").la_name.head(3).tolist()
    ['Sheffield', 'Darlington', 'Calderdale']
    """
    a = resolve_authority(authority)
    table = _neighbour_table()
    reg = register()
    number, source = a.la_number, "DfE statistical neighbours, April 2021"
    if number not in table:
        known = [reg.by_gss(p) for p in a.predecessors]
        preds = [p for p in known if p is not None and p.la_number in table]
        if not preds:
            raise InputError("authority", a.la_name, "an authority with DfE statistical neighbours")
        number = preds[0].la_number
        source = f"DfE statistical neighbours of {preds[0].la_name}, April 2021"
    rows = []
    for rank, n, closeness in table[number]:
        b = reg.by_gss(n)
        rows.append(
            {
                "neighbour_rank": rank,
                "la_code": b.la_code if b else None,
                "la_name": b.la_name if b else n,
                "la_number": n,
                "closeness": closeness,
                "source": source,
            }
        )
    return pd.DataFrame(rows)


def compare_neighbours(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
) -> pd.DataFrame:
    """An authority beside its ten statistical neighbours: each one's grade at a date.

    First row the authority itself (``role="authority"``, rank 0), then its neighbours in
    DfE's rank order (``role="neighbour"``), with closeness and the :func:`as_at` columns. A
    neighbour that did not exist at the date (Cumbria after March 2023) keeps its row with a
    missing grade and ``exists=False`` rather than silently vanishing.

    >>> compare_neighbours(j, "Leeds", "2025-12-31")[["la_name", "grade"]].head(4)
          la_name        grade
    0       Leeds  Outstanding
    1   Sheffield         Good
    2  Darlington         Good
    3  Calderdale         Good
    """
    a = resolve_authority(authority)
    snap = as_at(judgements, date, area=area, published_by=published_by)
    nb = statistical_neighbours(a.la_code)
    me = pd.DataFrame(
        [
            {
                "neighbour_rank": 0,
                "la_code": a.la_code,
                "la_name": a.la_name,
                "la_number": a.la_number,
                "closeness": None,
                "source": None,
            }
        ]
    )
    people = pd.concat([me, nb], ignore_index=True)
    people.insert(0, "role", ["authority"] + ["neighbour"] * len(nb))
    cols = [c for c in snap.columns if c not in ("la_name", "la_number")]
    out = people.merge(snap[cols], on="la_code", how="left")
    out["exists"] = out["la_code"].isin(snap["la_code"])
    out["grade"] = out["grade"].astype(grade_dtype())
    reg = register_frame().set_index("la_code")["region"]
    out["region"] = out["la_code"].map(reg)
    return out
