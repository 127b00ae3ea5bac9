"""Readable tables for the notebooks and briefings, built on the analysis functions: an
authority's inspections, snapshots and shares, neighbours and region, journeys and
transitions. Any table a notebook shows that takes more than one call to make is made here.

Leeds' inspections, with the publication dates of Ofsted's reports:

>>> import ofsted_analysis as oa
>>> j, ev = oa.load(), oa.load_events()
>>> table = inspection_table(j, "Leeds", events=ev)
>>> table[["date", "published", "framework", "event", "Overall"]]
         date   published framework          event      Overall
0  2010-01-07  2010-01-07      SLAC           full
1  2011-10-10  2011-10-10      SLAC   reinspection
2  2015-01-20  2015-03-27       SIF           full         Good
3  2018-01-01                 ILACS  focused visit
4  2018-10-29  2018-12-18     ILACS          short  Outstanding
5  2022-02-21  2022-05-09     ILACS       standard  Outstanding
6  2025-06-30  2025-08-12     ILACS          short  Outstanding
"""

from __future__ import annotations

import pandas as pd

from ..core.checks import resolve_authority, to_timestamp
from ..core.dates import long_date
from ..core.errors import InputError
from ..core.frameworks import AREA_COLUMNS, AREAS, FRAMEWORK_SHORT
from ..core.grades import GRADES, grade_dtype
from ..core.neighbours import LATEST, model_label
from .asat import as_at, good_or_better_share, good_or_better_shares, known_at
from .compare import compare_neighbours, compare_region
from .history import JOURNEY_STATUS, Transitions, trajectory
from .prepare import in_time_order, with_date


def inspection_table(
    judgements: pd.DataFrame,
    authority: str,
    events: pd.DataFrame | None = None,
    include_predecessors: bool = False,
) -> pd.DataFrame:
    """An authority's inspections, one row each, with the grade in each area as a column.

    Columns: date (fieldwork start, else publication), published, framework, event, one column
    per area judged (``Overall``, ``Leadership``, ...; blank where the inspection made no
    judgement in it) and, with ``events``, ungraded visits as rows with their ``theme``.
    """
    tr = trajectory(judgements, authority, events=events, include_predecessors=include_predecessors)
    graded = tr[~tr["ungraded"].astype(bool)]
    keys = ["inspection_id", "la_name", "date", "published", "framework", "event"]
    base = tr.drop_duplicates("inspection_id")[keys + ["theme"]].set_index("inspection_id")
    wide = graded.pivot_table(
        index="inspection_id", columns="area", values="grade", aggfunc="first", observed=True
    )
    areas = [a for a in AREAS if a in wide.columns]
    wide = wide.reindex(columns=areas).astype(object)
    out = base.join(wide, how="left")
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out["published"] = out["published"].dt.strftime("%Y-%m-%d")
    out["framework"] = out["framework"].map(FRAMEWORK_SHORT).fillna(out["framework"])
    out["event"] = out["event"].str.replace("_", " ")
    out = out.rename(columns=AREA_COLUMNS)
    cols = ["date", "published", "framework", "event"] + [AREA_COLUMNS[a] for a in areas]
    if include_predecessors:
        cols.insert(0, "la_name")
    if events is not None and out["theme"].notna().any():
        cols.append("theme")
    return out.reset_index()[cols].fillna("").astype(str).reset_index(drop=True)


def shares_wide(picture: pd.DataFrame, months: tuple[int, ...] | None = None) -> pd.DataFrame:
    """A :func:`~.asat.national_picture` table, one row per date: the
    percentage at each grade (Outstanding first), good or outstanding, and the number of
    authorities judged and not yet judged. ``months`` keeps only dates in those months
    (e.g. ``(3,)`` for each 31 March)."""
    pic = picture if months is None else picture[picture["date"].dt.month.isin(months)]
    keys = [c for c in ("date", "region") if c in pic]
    wide = (
        pic.pivot_table(
            index=keys, columns="grade", values="share", observed=False, aggfunc="first"
        ).reindex(columns=list(GRADES))
        * 100
    )
    wide.columns = [str(c) for c in wide.columns]
    out = wide[list(reversed(GRADES))].round(1)
    out["Good or outstanding"] = (good_or_better_shares(pic, keys) * 100).round(1)
    meta = pic.drop_duplicates(keys).set_index(keys)[["n_judged", "n_not_judged"]]
    out = out.join(meta).reset_index()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    return out


def overall_staleness(judgements: pd.DataFrame, date: object) -> pd.DataFrame:
    """Authorities whose most recent graded inspection by ``date`` gave no overall
    effectiveness judgement (ILACS from April 2026), so the overall grade :func:`as_at`
    reports for them comes from an older inspection.

    Columns: la_name, region, latest (date of the latest inspection), latest_framework,
    overall (the overall grade in force), overall_from (date of the inspection it came from),
    overall_framework, years_old (age of that overall grade at ``date``).
    """
    when = to_timestamp(date)
    rows = in_time_order(with_date(judgements[judgements["grade"].notna()]))
    known = rows[known_at(rows, when)]
    latest = known.drop_duplicates("la_code", keep="last").set_index("la_code")
    snap = as_at(judgements, when, area="overall").set_index("la_code")
    both = latest.merge(  # merge, not join: join's rsuffix is deprecated in pandas 3
        snap[["grade", "inspection_id", "date", "framework"]],
        left_index=True,
        right_index=True,
        suffixes=("", "_overall"),
        how="inner",
    )
    stale = both[both["inspection_id"] != both["inspection_id_overall"]]
    out = pd.DataFrame(
        {
            "la_name": stale["la_name"],
            "region": stale["region"],
            "latest": stale["date"].dt.strftime("%Y-%m-%d"),
            "latest_framework": stale["framework"].map(FRAMEWORK_SHORT),
            "overall": stale["grade_overall"].astype(str).replace("nan", ""),
            "overall_from": stale["date_overall"].dt.strftime("%Y-%m-%d").fillna(""),
            "overall_framework": stale["framework_overall"].map(FRAMEWORK_SHORT).fillna(""),
            "years_old": ((when - stale["date_overall"]).dt.days / 365.25).round(1),
        }
    )
    return out.sort_values("la_name", kind="mergesort", ignore_index=True)


def judgements_known_at(judgements: pd.DataFrame, date: object) -> pd.DataFrame:
    """The judgements table as it stood at ``date``: inspections done by then whose reports
    were published by then (:func:`~.asat.known_at`, the rule of
    :func:`~.asat.as_at`). Use it to draw charts "as at" a past date: its
    data date (:func:`~.prepare.data_date`) is ``date``."""
    known = judgements[known_at(judgements, date)].copy()
    known.attrs["data_date"] = to_timestamp(date).date().isoformat()
    return known


def benchmark(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
    model: object = LATEST,
    path: str | None = None,
) -> pd.DataFrame:
    """An authority's grade beside its statistical neighbours, its region and England.

    One row each for the authority, its ten DfE statistical neighbours (``model``: see
    :func:`~ofsted_analysis.core.neighbours.resolve_model`; the row's label names it, as
    does ``attrs["model"]``), its region and England: authorities with a judgement, the
    number at each grade (Outstanding first) and the share good or outstanding (%).
    """
    a = resolve_authority(authority)
    nb = compare_neighbours(
        judgements, a.la_code, date, area=area, published_by=published_by, model=model, path=path
    )
    year = nb.attrs["model"]
    reg = compare_region(judgements, date, area=area, published_by=published_by)
    grades = list(reversed(GRADES))

    def row(label: str, graded: pd.Series) -> dict:
        good = 100 * good_or_better_share(graded.to_frame("grade"))
        graded = graded.dropna().astype(str)
        counts = {g: int((graded == g).sum()) for g in grades}
        n = len(graded)
        return {"group": label, "judged": n, **counts, "Good or outstanding %": round(good, 1)}

    me = nb[nb["role"] == "authority"]["grade"]
    rows = [
        row(a.la_name, me),
        row(
            f"Statistical neighbours ({(nb['role'] == 'neighbour').sum()}; DfE {year} model)",
            nb[nb["role"] == "neighbour"]["grade"],
        ),
    ]
    for label in (a.region, "England"):
        r = reg[reg["region"] == label].iloc[0]
        n = int(r["n_judged"])
        rows.append(
            {
                "group": label if label == "England" else f"{label} (region)",
                "judged": n,
                **{g: int(r[g]) for g in grades},
                "Good or outstanding %": round(100 * float(r["good_or_better"]), 1),
            }
        )
    out = pd.DataFrame(rows)
    out.attrs["model"] = year
    return out


def neighbour_table(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
    model: object = LATEST,
    path: str | None = None,
) -> pd.DataFrame:
    """:func:`~.compare.compare_neighbours`, readable: rank, name, closeness,
    grade, the inspection it came from (framework, event, date) and region; the closeness
    column's name says which DfE model (``model``) it is, as ``attrs`` do."""
    nb = compare_neighbours(
        judgements, authority, date, area=area, published_by=published_by, model=model, path=path
    )
    year = nb.attrs["model"]
    out = pd.DataFrame(
        {
            "rank": nb["neighbour_rank"],
            "authority": nb["la_name"],
            "closeness": nb["closeness"].fillna(""),
            "grade": nb["grade"].astype(str).where(nb["grade"].notna(), ""),
            "framework": nb["framework"].map(FRAMEWORK_SHORT).fillna(""),
            "event": nb["event"].fillna("").str.replace("_", " "),
            "inspected": nb["date"].dt.strftime("%Y-%m-%d").fillna(""),
            "region": nb["region"].fillna(""),
        }
    )
    out.loc[~nb["exists"], "grade"] = "(did not exist)"
    out = out.rename(columns={"closeness": f"closeness (DfE {year} model)"})
    out.attrs.update(model=year, model_label=model_label(year))
    return out


def journey_summary(journeys: pd.DataFrame) -> pd.DataFrame:
    """Summary of :func:`~.history.journeys` by the framework of the
    Inadequate judgement: spells, how many reached Good or better, how many are still open,
    and the median and quartile years it took those that did."""
    jr = journeys.assign(
        years=journeys["days"].astype("float") / 365.25,
        era=journeys["inadequate_framework"].map(FRAMEWORK_SHORT),
    )
    parts = [("All", jr)] + [(e, g) for e, g in jr.groupby("era", sort=False)]
    rows = []
    for label, g in parts:
        done = g.loc[g["recovered"], "years"]
        rows.append(
            {
                "inadequate under": label,
                "spells": len(g),
                "reached good+": int(g["recovered"].sum()),
                "still open": int((g["status"] == "open").sum()),
                "ended by abolition": int((g["status"] == JOURNEY_STATUS[2]).sum()),
                "median years": round(done.median(), 1) if len(done) else float("nan"),
                "quartiles": (
                    f"{done.quantile(0.25):.1f}-{done.quantile(0.75):.1f}" if len(done) else ""
                ),
            }
        )
    return pd.DataFrame(rows)


def grade_counts(snapshot: pd.DataFrame) -> pd.Series:
    """Number of authorities at each grade in a snapshot, Outstanding first, plus not judged."""
    grade = snapshot["grade"].astype(grade_dtype())
    counts = grade.value_counts().reindex(list(reversed(GRADES)), fill_value=0)
    counts.index = [str(i) for i in counts.index]
    counts["Not judged"] = int(grade.isna().sum())
    return counts.astype(int)


def good_or_better_table(
    picture: pd.DataFrame, months: tuple[int, ...] | None = None
) -> pd.DataFrame:
    """Share good or outstanding (%) from a ``national_picture(..., by="region")`` table: one
    row per date, one column per region. ``months`` keeps only dates in those months."""
    pic = picture if months is None else picture[picture["date"].dt.month.isin(months)]
    wide = (good_or_better_shares(pic, ["date", "region"]) * 100).round(1)
    wide = wide.unstack("region")
    wide.index = wide.index.strftime("%Y-%m-%d")
    wide.columns.name = None
    return wide


def transition_summary(transitions: Transitions) -> pd.DataFrame:
    """Pairs of consecutive inspections by the frameworks at either end: how many improved,
    stayed the same and declined."""
    p = transitions.pairs
    key = (
        p["framework_from"].map(FRAMEWORK_SHORT) + " to " + p["framework_to"].map(FRAMEWORK_SHORT)
    ).rename("inspections")
    table = pd.crosstab(key, p["change"].astype(str)).reindex(
        columns=["improved", "stayed", "declined"], fill_value=0
    )
    table["pairs"] = table.sum(axis=1)
    table.columns.name = None
    return table


def journey_table(
    journeys: pd.DataFrame, recovered: bool = True, as_at: object = None
) -> pd.DataFrame:
    """:func:`~.history.journeys`, readable. ``recovered=True``: spells that
    reached Good or better, with the years it took; ``False``: spells that did not, with their
    ``status`` (open, or ended because the authority was abolished) and the years from the
    Inadequate judgement to ``as_at`` (default: the data date, ``journeys.attrs["data_date"]``)
    or to the abolition."""
    jr = journeys[journeys["recovered"] == recovered]
    out = pd.DataFrame(
        {
            "authority": jr["la_name"],
            "region": jr["region"],
            "inadequate": jr["inadequate_date"].dt.strftime("%Y-%m-%d"),
        }
    )
    if recovered:
        out["good or better"] = jr["good_date"].dt.strftime("%Y-%m-%d")
        out["years"] = (jr["days"].astype(float) / 365.25).round(1)
    else:
        stored = journeys.attrs.get("data_date")
        if as_at is None and not stored:
            raise InputError("as_at", as_at, "the data date (journeys() records it)")
        when = to_timestamp(as_at if as_at is not None else stored)
        ended = jr["end_date"].notna()
        until = jr["end_date"].where(ended, when)
        out["status"] = jr["status"].where(
            ~ended,
            pd.Series(
                [
                    "ended: abolished " + long_date(d, short=True) if pd.notna(d) else ""
                    for d in jr["end_date"]
                ],
                index=jr.index,
                dtype=object,
            ),
        )
        out["years"] = ((until - jr["inadequate_date"]).dt.days / 365.25).round(1)
    out["route"] = jr["route"].str.replace("Requires improvement", "RI")
    return out.reset_index(drop=True)
