"""Area SEND inspections analysed: what was in force at a date (the national SEND picture),
an area's history, the SEND outcome beside the children's services grade in force, and the
time between inspections.

Two frameworks, never put on one scale: the 2016 framework (May 2016 to December 2022) gave no
outcome, only whether a written statement of action (WSoA) was required, and revisited the
areas that needed one; the 2023 framework gives one of three outcomes, ordered
``systemic_failings`` < ``inconsistent`` < ``positive``.

What was "in force" at a date follows the one rule of the children's services tables
(:func:`ofsted_analysis.judgements.asat.known_at`): an inspection counts once its fieldwork
had started by the date *and* its report was published by ``published_by`` (default: the
date). Areas are the register's authorities that existed on the date; a predecessor's
inspection is not carried over to the areas that replaced it (as for grades).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..core.checks import resolve_authority, to_timestamp
from ..core.errors import InputError
from ..core.send import FRAMEWORK_2016, FRAMEWORK_2023, OUTCOME_LABELS, send_outcome_dtype
from ..core.send import SEND_OUTCOMES as OUTCOMES
from ..judgements.asat import as_at_each, check_published_by, known_at
from ..judgements.history import lineage
from ..judgements.prepare import in_time_order, register_frame, with_date

#: Each outcome as a sentence names it (Ofsted's wording, in lower case).
OUTCOME_WORDS: dict[str, str] = {k: v.lower() for k, v in OUTCOME_LABELS.items()}
#: Each outcome as a chart or table labels it.
OUTCOME_SHORT: dict[str, str] = {
    "systemic_failings": "Systemic failings",
    "inconsistent": "Inconsistent",
    "positive": "Positive",
}

NOT_HELD = "Result not held"
_AREA = ["la_code", "la_name", "la_number", "region"]


def send_rows(area_send: pd.DataFrame) -> pd.DataFrame:
    """The table in time order with ``date`` (fieldwork start, else publication) and the
    register's codes (the same preparation as the judgements)."""
    return in_time_order(with_date(area_send)).reset_index(drop=True)


def framework_inspections(rows: pd.DataFrame, framework: str) -> pd.DataFrame:
    """The full inspections of ``framework`` among ``rows`` (:func:`send_rows`, in time
    order): one per area for the 2016 framework (the merge makes it so:
    :mod:`ofsted_analysis.send.merge`)."""
    return rows[(rows["event"] == "full") & (rows["framework"] == framework)]


def _latest(rows: pd.DataFrame, prefix: str, columns: Sequence[str]) -> pd.DataFrame:
    """Each area's latest row of ``rows`` (already in time order): ``columns`` renamed with
    ``prefix``, indexed by la_code."""
    last = rows.drop_duplicates("la_code", keep="last").set_index("la_code")
    kept = [c for c in columns if c in last]
    return last[kept].rename(columns={c: f"{prefix}{c}" for c in kept})


def send_as_at(area_send: pd.DataFrame, date: object, published_by: object = None) -> pd.DataFrame:
    """What each area's SEND inspections said at a date: one row per authority that existed
    on ``date``, with

    * ``outcome`` (and ``outcome_wording``, ``outcome_date``, ``outcome_published``,
      ``priority_action_plan``, ``next_inspection``): its latest 2023-framework full
      inspection done by the date and published by ``published_by`` (missing when none);
    * ``wsoa`` (and ``significant_weaknesses``, ``wsoa_date``): its 2016-framework
      inspection (the framework inspected each area once: the first is taken);
      ``revisit_outcome`` and ``revisit_date``: its latest revisit;
    * ``latest_event``, ``latest_framework``, ``latest_date``: its latest event of any kind
      (a monitoring inspection or revisit included).

    ``published_by`` defaults to ``date``; it cannot be earlier.

    >>> import ofsted_analysis as oa
    >>> snap = send_as_at(oa.load_area_send(), "2022-08-31", published_by="2022-10-31")
    >>> int(snap["wsoa"].sum()), int(snap["wsoa"].notna().sum())  # Ofsted's table: 82 of 149
    (82, 149)
    """
    when = to_timestamp(date)
    by = check_published_by(when, when if published_by is None else to_timestamp(published_by))
    rows = send_rows(area_send)
    rows = rows[known_at(rows, when, by)]
    full = rows["event"] == "full"
    in_2023 = rows[full & (rows["framework"] == FRAMEWORK_2023)]
    outcome = _latest(
        in_2023, "", ["outcome", "outcome_wording", "priority_action_plan", "next_inspection"]
    ).join(_latest(in_2023, "outcome_", ["inspection_id", "date", "published"]))
    in_2016 = framework_inspections(rows, FRAMEWORK_2016)
    wsoa = _latest(in_2016, "", ["wsoa", "significant_weaknesses"]).join(
        _latest(in_2016, "wsoa_", ["date"])
    )
    revisits = rows[(rows["event"] == "revisit") & (rows["framework"] == FRAMEWORK_2016)]
    revisit = _latest(revisits, "", ["revisit_outcome"]).join(
        _latest(revisits, "revisit_", ["date"])
    )
    latest = _latest(rows, "latest_", ["event", "framework", "date"])
    reg = register_frame()
    alive = reg[
        (reg["exists_from"].isna() | (reg["exists_from"] <= when))
        & (reg["exists_to"].isna() | (reg["exists_to"] >= when))
    ][_AREA].set_index("la_code")
    out = alive.join([outcome, wsoa, revisit, latest])
    out["outcome"] = out["outcome"].astype(send_outcome_dtype()) if "outcome" in out else pd.NA
    out = out.reset_index().sort_values("la_name", kind="mergesort").reset_index(drop=True)
    out.attrs.update(as_at=when, published_by=by)
    return out


def _counts(key: pd.Series, values: pd.Series, categories: Sequence) -> pd.DataFrame:
    """Count of each category per group of ``key`` (every group and category present)."""
    groups = pd.Index(sorted(key.dropna().unique()))
    have = values.notna()
    return (
        pd.crosstab(key[have], values[have].astype(str), dropna=False)
        .reindex(index=groups, columns=[str(c) for c in categories], fill_value=0)
        .astype("int64")
    )


def outcome_distribution(snapshot: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Count and share of areas with each 2023-framework outcome in a :func:`send_as_at`
    snapshot (optionally per ``by``, e.g. ``"region"``).

    Long format: [``by``,] outcome, count, share, n_inspected, n_not_held, n_not_inspected.
    ``n_inspected``: areas inspected under the framework; ``n_not_held``: those of them whose
    latest inspection's outcome no source gives; shares are of the rest (the outcomes held).
    Areas not yet inspected under it are counted in ``n_not_inspected``, never as a share.
    """
    return _distribution(snapshot, "outcome", list(OUTCOMES), "outcome_date", by)


def wsoa_distribution(snapshot: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Count and share of areas whose 2016-framework inspection did, or did not, require a
    written statement of action (``wsoa`` True / False), as :func:`outcome_distribution`.

    Long format: [``by``,] wsoa, count, share, n_inspected, n_not_held, n_not_inspected.
    """
    return _distribution(snapshot, "wsoa", [True, False], "wsoa_date", by)


def _distribution(
    snapshot: pd.DataFrame, column: str, categories: list, dated: str, by: str | None
) -> pd.DataFrame:
    if by is not None and by not in snapshot:
        raise InputError("by", by, "a column of the snapshot, e.g. region")
    key = snapshot[by] if by else pd.Series(0, index=snapshot.index)
    values = snapshot[column].astype(object).where(snapshot[column].notna())
    counts = _counts(key, values, categories)
    held = counts.sum(axis=1)

    def per_group(flags: pd.Series) -> pd.Series:
        return flags.groupby(key).sum().reindex(counts.index, fill_value=0).astype("int64")

    inspected = snapshot[dated].notna() if dated in snapshot else values.notna()
    k = len(categories)
    out = pd.DataFrame(
        {
            column: categories * len(counts),
            "count": counts.to_numpy().ravel(),
            "share": counts.div(held.where(held > 0), axis=0).to_numpy(dtype=float).ravel(),
            "n_inspected": per_group(inspected).repeat(k).to_numpy(),
            "n_not_held": per_group(inspected & values.isna()).repeat(k).to_numpy(),
            "n_not_inspected": per_group(~inspected).repeat(k).to_numpy(),
        }
    )
    if column == "outcome":
        out["outcome"] = out["outcome"].astype(send_outcome_dtype())
    if by:
        out.insert(0, by, counts.index.repeat(k))
    return out


def area_send_history(
    area_send: pd.DataFrame,
    authority: object,
    include_predecessors: bool = False,
    as_at_date: object = None,
) -> pd.DataFrame:
    """An area's SEND inspections, revisits and monitoring inspections in time order.

    ``authority`` is any name, GSS code or DfE number the register knows (an unknown one
    raises :class:`InputError` naming the closest). ``include_predecessors`` adds the
    inspections of the areas it replaced (Dorset County Council's for Dorset and for
    Bournemouth, Christchurch and Poole; Northamptonshire's for North and West
    Northamptonshire), ``la_name`` saying whose each was. ``as_at_date`` keeps the events
    done and published by then.
    """
    a = resolve_authority(authority)
    codes = lineage(a) if include_predecessors else [a.la_code]
    rows = send_rows(area_send)
    rows = rows[rows["la_code"].isin(codes)]
    if as_at_date is not None:
        rows = rows[known_at(rows, to_timestamp(as_at_date, "as_at"))]
    return rows.reset_index(drop=True)


#: Fields of the table an area's history leaves out (its dates are ``date`` and
#: ``published``; the wording is summed up by ``outcome``).
_NOT_SHOWN = ("start_date", "end_date", "outcome_wording", "previous_inspection")


def history_columns() -> list[str]:
    """The columns an area's history shows (the command line, the notebook): the event, the
    merged fields (:data:`ofsted_analysis.send.merge.FIELDS`) and the grade in force
    (:func:`grades_in_force`)."""
    from .merge import FIELDS

    kept = [f for f in FIELDS if f not in _NOT_SHOWN]
    return ["la_name", "date", "framework", "event", *kept, "grade", "grade_date"]


def predecessor_inspections(area_send: pd.DataFrame, authority: object) -> pd.DataFrame:
    """The SEND events of the areas ``authority`` replaced (none for an unchanged area)."""
    a = resolve_authority(authority)
    rows = area_send_history(area_send, a, include_predecessors=True)
    return rows[rows["la_code"] != a.la_code].reset_index(drop=True)


def send_beside_grades(
    area_send: pd.DataFrame,
    judgements: pd.DataFrame,
    area: str = "overall",
    framework: str = FRAMEWORK_2023,
) -> pd.DataFrame:
    """Each full SEND inspection of ``framework`` with the area's children's services grade
    in ``area`` in force when its fieldwork started (:func:`~ofsted_analysis.judgements.asat.
    as_at` at that date, reports published by then): columns of the inspection, then
    ``grade``, ``grade_date`` and ``grade_framework`` (missing when the authority had no
    grade then, e.g. a new authority not yet inspected).

    An association only: the two inspections look at different services, years apart.
    """
    out = grades_in_force(framework_inspections(send_rows(area_send), framework), judgements, area)
    out.attrs["framework"] = framework  # what an empty table is about
    return out


def grades_in_force(rows: pd.DataFrame, judgements: pd.DataFrame, area: str = "overall"):
    """``rows`` (SEND events, with ``date``: :func:`send_rows`) with the children's services
    grade in ``area`` in force at each one's date by the as-at rule: ``grade``,
    ``grade_date``, ``grade_framework``."""
    from ..core.grades import grade_dtype

    rows = rows.copy()
    dates = sorted({*rows["date"].dropna()})
    if dates:
        snaps = as_at_each(judgements, dates, area=area).set_index(["as_at", "la_code"])
        at = pd.MultiIndex.from_arrays([rows["date"], rows["la_code"]])
        for column, source in (("grade", "grade"), ("grade_date", "date")):
            rows[column] = snaps[source].reindex(at).to_numpy()
        framework = snaps["framework"].reindex(at).to_numpy(dtype=object)
        rows["grade_framework"] = pd.Series(framework, index=rows.index, dtype=object)
    else:
        rows = rows.assign(grade=pd.NA, grade_date=pd.NaT, grade_framework=pd.NA)
    rows["grade"] = rows["grade"].astype(grade_dtype())
    return rows.reset_index(drop=True)


def send_grade_crosstab(beside: pd.DataFrame) -> pd.DataFrame:
    """Counts of a :func:`send_beside_grades` table: SEND result (rows: the outcomes worst
    first for the 2023 framework; "WSoA required" / "No WSoA" for 2016) by children's
    services grade in force (columns, Inadequate first, then "No grade yet"); inspections
    whose result no source gives are the row "Result not held". Association only, never
    cause."""
    from ..core.grades import GRADES

    shown = set(beside["framework"]) if len(beside) else {beside.attrs.get("framework")}
    if FRAMEWORK_2016 not in shown:
        result = beside["outcome"].astype(object).map(OUTCOME_SHORT)
        order = [OUTCOME_SHORT[o] for o in OUTCOMES]
    else:
        result = beside["wsoa"].astype(object).map({True: "WSoA required", False: "No WSoA"})
        order = ["WSoA required", "No WSoA"]
    # an inspection whose result no source gives is a row of its own, not left out
    result = result.fillna(NOT_HELD)
    if result.eq(NOT_HELD).any():
        order.append(NOT_HELD)
    grade = beside["grade"].astype(object).where(beside["grade"].notna(), "No grade yet")
    columns = [*GRADES, "No grade yet"]
    table = pd.crosstab(result, grade).reindex(index=order, columns=columns, fill_value=0)
    table.index.name, table.columns.name = "SEND result", "grade in force"
    return table.astype("int64")


def send_intervals(area_send: pd.DataFrame) -> pd.DataFrame:
    """Days between each area's consecutive SEND events (inspection to revisit, to the next
    framework's inspection, to a monitoring inspection): one row per pair, with ``kind``
    naming both ends ('full 2016 -> revisit 2016'). An area's events are those under its own
    code: a predecessor's inspection (Dorset County Council's, before Dorset) starts no pair,
    since it covered another area (see :func:`predecessor_inspections`). One inspection per
    area under the 2016 framework (:mod:`ofsted_analysis.send.merge`)."""
    rows = send_rows(area_send).assign(area_code=lambda f: f["la_code"])
    rows = rows.assign(step=rows["event"] + " " + rows["framework"].str[-4:])
    cols = ["inspection_id", "la_name", "event", "framework", "step", "date"]
    nxt = rows.groupby("area_code", sort=False)[cols].shift(-1)
    pairs = rows.join(nxt.add_suffix("_to"))
    pairs = pairs[pairs["inspection_id_to"].notna()]
    area = register_frame().set_index("la_code")
    out = pd.DataFrame(
        {
            "la_code": pairs["area_code"].to_numpy(),
            "la_name": area["la_name"].reindex(pairs["area_code"]).to_numpy(),
            "region": area["region"].reindex(pairs["area_code"]).to_numpy(),
            "from_inspection": pairs["inspection_id"].to_numpy(),
            "from_date": pairs["date"].to_numpy(),
            "to_inspection": pairs["inspection_id_to"].to_numpy(),
            "to_date": pairs["date_to"].to_numpy(),
            "kind": (pairs["step"] + " -> " + pairs["step_to"]).to_numpy(),
        }
    )
    out["days"] = (out["to_date"] - out["from_date"]).dt.days.astype("Int64")
    return out.sort_values(["la_name", "from_date"], kind="mergesort").reset_index(drop=True)


def interval_summary(intervals: pd.DataFrame) -> pd.DataFrame:
    """Per kind of step (:func:`send_intervals`): how many, and the median, shortest and
    longest time in days and the median in years (365.25 days)."""
    days = intervals.groupby("kind", sort=True)["days"]
    out = pd.DataFrame(
        {
            "n": days.size(),
            "median_days": days.median(),
            "min_days": days.min(),
            "max_days": days.max(),
        }
    )
    out["median_years"] = (out["median_days"].astype(float) / 365.25).round(1)
    return out.reset_index()
