"""An authority beside others: its region and its statistical neighbours, at a date."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.checks import resolve_authority
from ..core.grades import grade_dtype
from ..core.neighbours import LATEST, statistical_neighbours
from .asat import as_at, distribution, good_or_better_shares
from .prepare import register_frame


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


def compare_neighbours(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
    model: object = LATEST,
    path: str | Path | None = None,
) -> pd.DataFrame:
    """An authority beside its ten statistical neighbours: each one's grade at a date.

    First row the authority itself (``role="authority"``, rank 0), then its neighbours in
    DfE's rank order (``role="neighbour"``), with closeness and the :func:`as_at` columns. A
    neighbour that did not exist at the date (Cumbria after March 2023) keeps its row with a
    missing grade and ``exists=False`` rather than silently vanishing. ``model``: which DfE
    model (:func:`~ofsted_analysis.core.neighbours.resolve_model`; default the newest held,
    from the store at ``path``), named in the ``model`` column and ``attrs["model"]``.

    >>> compare_neighbours(j, "Leeds", "2025-12-31")[["la_name", "grade", "model"]].head(4)
               la_name        grade  model
    0            Leeds  Outstanding   2025
    1       Portsmouth         Good   2025
    2  Southend-on-Sea         Good   2025
    3        Sheffield         Good   2025
    """
    a = resolve_authority(authority)
    snap = as_at(judgements, date, area=area, published_by=published_by)
    nb = statistical_neighbours(a, model, path)
    year = nb.attrs["model"]
    me = pd.DataFrame(
        [
            {
                "neighbour_rank": 0,
                "la_code": a.la_code,
                "la_name": a.la_name,
                "la_number": a.la_number,
                "closeness": None,
                "model": year,
                "neighbours_of": None,
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
    out.attrs["model"] = year
    return out
