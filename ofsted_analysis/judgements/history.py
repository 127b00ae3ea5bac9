"""An authority's judgements over time, and movement between inspections: trajectories,
transitions (grade at one inspection x grade at the next), journeys out of a low grade and
the time between inspections.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..core.authorities import Authority, register
from ..core.checks import check_area, check_areas, resolve_authority, to_timestamp
from ..core.errors import InputError
from ..core.frameworks import AREAS
from ..core.grades import GRADES, grade_dtype
from ..storage.schema import INSPECTION_DATES
from .asat import GOOD_OR_BETTER, as_at_each
from .prepare import area_rows, data_date, in_time_order, with_date

TRAJECTORY_COLUMNS = [
    "la_code",
    "la_name",
    "inspection_id",
    "framework",
    "event",
    "date",
    *INSPECTION_DATES,
    "area",
    "area_label",
    "grade",
    "grade_label",
    "ungraded",
    "theme",
]


def lineage(a: Authority) -> list[str]:
    """The authority's code and, recursively, its predecessors' codes."""
    reg = register()
    codes, todo = [a.la_code], list(a.predecessors)
    while todo:
        code = todo.pop()
        if code in codes:
            continue
        codes.append(code)
        pred = reg.by_gss(code)
        if pred is not None:
            todo.extend(pred.predecessors)
    return codes


def trajectory(
    judgements: pd.DataFrame,
    authority: str,
    area: str | Sequence[str] | None = None,
    events: pd.DataFrame | None = None,
    include_predecessors: bool = False,
) -> pd.DataFrame:
    """An authority's judgements in time order, with framework and event.

    ``authority`` is a name (any alias the register knows, any case), a GSS code or a DfE
    number. ``area`` is one harmonised area, a list of them, or ``None`` for all.

    With ``events`` (the events table) the authority's *ungraded* focused and monitoring visits
    are added as rows with ``ungraded=True``, no area and no grade, and their ``theme``: one
    frame, so a chart or a print-out shows visits in sequence with inspections. Graded rows
    have ``ungraded=False``.

    ``include_predecessors=True`` adds the history of authorities it replaced (Dorset County
    Council's for Dorset and for Bournemouth, Christchurch and Poole; Northamptonshire's for
    North and West Northamptonshire); ``la_name`` says whose inspection each row was.

    Leeds: Good under SIF (fieldwork from 20 January 2015), then Outstanding at each ILACS
    inspection (Ofsted's reports):

    >>> trajectory(j, "Leeds", area="overall")[["date", "framework", "grade"]]
            date framework        grade
    0 2015-01-20       sif         Good
    1 2018-10-29     ilacs  Outstanding
    2 2022-02-21     ilacs  Outstanding
    3 2025-06-30     ilacs  Outstanding

    Raises :class:`InputError` for an unknown authority or area.
    """
    a = resolve_authority(authority)
    areas = check_areas(area)
    codes = lineage(a) if include_predecessors else [a.la_code]
    rows = with_date(judgements)
    rows = rows[rows["la_code"].isin(codes) & rows["grade"].notna()]
    if areas is not None:
        rows = rows[rows["area"].isin(areas)]
    rows = rows.assign(ungraded=False)
    if events is not None:
        ev = with_date(events)
        ungraded = ev["la_code"].isin(codes) & ~ev["graded"].fillna(False).astype(bool)
        ev = ev[ungraded].assign(ungraded=True)
        rows = pd.concat([rows, ev], ignore_index=True) if len(ev) else rows
    for col in TRAJECTORY_COLUMNS:
        if col not in rows:
            rows[col] = pd.NA
    rows["grade"] = rows["grade"].astype(grade_dtype())
    # Name each row by whose inspection it was (matters with predecessors).
    names = {c: auth.la_name for c in codes if (auth := register().by_gss(c))}
    rows["la_name"] = rows["la_code"].map(names).fillna(rows["la_name"])
    area_order = {k: i for i, k in enumerate(AREAS)}
    rows = rows.assign(_area=rows["area"].map(area_order))
    rows = rows.sort_values(
        ["date", "published", "inspection_id", "_area"], na_position="first", kind="mergesort"
    )
    return rows[TRAJECTORY_COLUMNS].reset_index(drop=True)


@dataclass
class Transitions:
    """Grade changes between inspections of the same authority.

    ``matrix``: counts, rows = grade before, columns = grade after (all four grades, ascending).
    ``summary``: counts of ``improved``, ``stayed`` and ``declined``.
    ``pairs``: one row per pair of inspections compared (authority, dates, frameworks, grades).
    """

    matrix: pd.DataFrame
    summary: pd.Series
    pairs: pd.DataFrame
    data_date: pd.Timestamp | None = None  # latest report in the judgements analysed


def transitions(
    judgements: pd.DataFrame,
    area: str = "overall",
    framework: str | None = None,
    first_vs_latest: bool = False,
) -> Transitions:
    """Grade changes between consecutive graded inspections of the same authority.

    Every pair of consecutive judgements in ``area`` counts (SIF to ILACS included) unless
    ``framework`` restricts both ends to one framework. ``first_vs_latest=True`` compares each
    authority's first and latest inspection instead (within ``framework`` when given), one pair
    per authority with at least two inspections. Authorities are compared with their own
    history only: a predecessor's grade is not carried into a new authority.

    >>> t = transitions(j, "overall", framework="ilacs", first_vs_latest=True)
    >>> t.summary
    change
    improved    65
    stayed      60
    declined    21
    Name: authorities, dtype: int64
    """
    area = check_area(area)
    rows = area_rows(judgements, area)
    if framework is not None:
        from ..core.frameworks import FRAMEWORKS

        if framework not in FRAMEWORKS:
            raise InputError("framework", framework, "one of " + ", ".join(FRAMEWORKS))
        rows = rows[rows["framework"] == framework]
    keep = ["la_code", "la_name", "region", "inspection_id", "framework", "date", "grade"]
    rows = rows[keep]
    if first_vs_latest:
        first = rows.drop_duplicates("la_code", keep="first")
        last = rows.drop_duplicates("la_code", keep="last")
        pairs = first.merge(last, on=["la_code", "la_name", "region"], suffixes=("_from", "_to"))
        pairs = pairs[pairs["inspection_id_from"] != pairs["inspection_id_to"]]
    else:
        nxt = rows.groupby("la_code", sort=False).shift(-1)
        pairs = rows.join(
            nxt.drop(columns=["la_name", "region"], errors="ignore").add_suffix("_to")
        ).rename(
            columns={
                "inspection_id": "inspection_id_from",
                "framework": "framework_from",
                "date": "date_from",
                "grade": "grade_from",
            }
        )
        pairs = pairs[pairs["inspection_id_to"].notna()]
    dtype = grade_dtype()
    pairs = pairs.assign(
        grade_from=pairs["grade_from"].astype(dtype), grade_to=pairs["grade_to"].astype(dtype)
    )
    step = pairs["grade_to"].cat.codes - pairs["grade_from"].cat.codes
    pairs = pairs.assign(
        change=pd.Series(
            pd.Categorical.from_codes(
                (step.clip(-1, 1) + 1).to_numpy(), ["declined", "stayed", "improved"]
            ),
            index=pairs.index,
        )
    )
    matrix = pd.crosstab(pairs["grade_from"], pairs["grade_to"], dropna=False)
    matrix = matrix.reindex(index=list(GRADES), columns=list(GRADES), fill_value=0)
    matrix.index.name, matrix.columns.name = "from", "to"
    summary = (
        pairs["change"].value_counts().reindex(["improved", "stayed", "declined"], fill_value=0)
    )
    summary.name = "authorities" if first_vs_latest else "transitions"
    return Transitions(
        matrix=matrix.astype(int),
        summary=summary.astype(int),
        pairs=pairs.reset_index(drop=True),
        data_date=data_date(judgements),
    )


JOURNEY_STATUS = ("recovered", "open", "ended: authority abolished")


def journeys(judgements: pd.DataFrame, area: str = "overall") -> pd.DataFrame:
    """How long authorities judged Inadequate took to reach Good or better.

    One row per spell: from an Inadequate judgement (the first of a run of inadequate or
    requires-improvement judgements that began with inadequate) to the first later judgement
    of Good or Outstanding. An authority judged inadequate again after recovering starts a new
    spell. ``route`` lists the grades on the way (e.g. ``Inadequate > Requires improvement >
    Good``).

    ``status`` says how each spell ends: ``recovered`` (``good_date``, ``days``), ``open``
    (still running at the data date, :func:`data_date`), or ``ended: authority abolished``
    when the authority ceased to exist first (Northamptonshire in March 2021, Cumbria in March
    2023): ``end_date`` is then its last day and ``note`` says what replaced it. ``end_date``
    is the good-or-better date, the abolition date, or missing while open. The data date is
    kept in ``attrs["data_date"]``.

    Cumbria was abolished on 31 March 2023 (replaced by Cumberland and by Westmorland and
    Furness):

    >>> jr = journeys(j)
    >>> jr.loc[jr.la_name == "Cumbria", ["status", "end_date"]]
                            status   end_date
    14  ended: authority abolished 2023-03-31
    """
    area = check_area(area)
    rows = area_rows(judgements, area)
    reg = register()
    out = []
    for code, g in rows.groupby("la_code", sort=False):
        spell = None
        for r in g.itertuples(index=False):
            grade = str(r.grade)
            if spell is None and grade == "Inadequate":
                spell = {
                    "la_code": code,
                    "la_name": r.la_name,
                    "region": r.region,
                    "inadequate_date": r.date,
                    "inadequate_framework": r.framework,
                    "inadequate_inspection_id": r.inspection_id,
                    "route": [grade],
                    "good_date": pd.NaT,
                    "good_grade": None,
                    "good_framework": None,
                    "good_inspection_id": None,
                    "status": "open",
                    "end_date": pd.NaT,
                    "note": None,
                }
            elif spell is not None:
                spell["route"].append(grade)
                if grade in GOOD_OR_BETTER:
                    spell.update(
                        good_date=r.date,
                        good_grade=grade,
                        good_framework=r.framework,
                        good_inspection_id=r.inspection_id,
                        status="recovered",
                        end_date=r.date,
                    )
                    out.append(spell)
                    spell = None
        if spell is not None:
            a = reg.by_gss(code)
            if a is not None and a.exists_to is not None:
                spell.update(
                    status=JOURNEY_STATUS[2], end_date=pd.Timestamp(a.exists_to), note=a.ended
                )
            out.append(spell)
    cols = [
        "la_code",
        "la_name",
        "region",
        "inadequate_date",
        "inadequate_framework",
        "inadequate_inspection_id",
        "good_date",
        "good_grade",
        "good_framework",
        "good_inspection_id",
        "inspections",
        "route",
        "recovered",
        "days",
        "status",
        "end_date",
        "note",
    ]
    frame = pd.DataFrame(
        out,
        columns=[c for c in cols if c not in ("inspections", "recovered", "days")]
        if not out
        else None,
    )
    if out:
        frame["inspections"] = frame["route"].map(len)
        frame["route"] = frame["route"].map(" > ".join)
    else:
        frame["inspections"] = pd.Series(dtype="int64")
    frame["recovered"] = frame["status"] == "recovered"
    frame["days"] = (
        pd.to_datetime(frame["good_date"]) - pd.to_datetime(frame["inadequate_date"])
    ).dt.days.astype("Int64")
    for col in ("inadequate_date", "good_date", "end_date"):
        frame[col] = pd.to_datetime(frame[col])
    frame = frame[cols].sort_values(["inadequate_date", "la_name"]).reset_index(drop=True)
    if len(judgements):
        frame.attrs["data_date"] = data_date(judgements).date().isoformat()
    return frame


def time_between_inspections(
    judgements: pd.DataFrame,
    frameworks: Sequence[str] | None = ("sif", "ilacs", "ilacs_2026"),
) -> pd.DataFrame:
    """Days between consecutive graded inspections of each authority.

    One row per pair of consecutive inspections (any graded area), with both frameworks and the
    earlier inspection's overall grade (under ILACS it sets when the next inspection is due).
    ``frameworks`` limits which inspections count (default SIF and ILACS: SLAC, CPI and TLAC
    inspections overlapped and were not a single cycle); ``None`` counts all.

    >>> gaps = time_between_inspections(j)
    >>> gaps.groupby("from_framework")["days"].median()
    from_framework
    ilacs    1400.0
    sif      1462.0
    Name: days, dtype: Float64
    """
    rows = with_date(judgements[judgements["grade"].notna()])
    if frameworks is not None:
        rows = rows[rows["framework"].isin(list(frameworks))]
    overall = rows[rows["area"] == "overall"].set_index("inspection_id")["grade"]
    insp = in_time_order(rows.drop_duplicates("inspection_id"))[
        ["la_code", "la_name", "region", "inspection_id", "framework", "event", "date"]
    ]
    nxt = insp.groupby("la_code", sort=False)[
        ["inspection_id", "framework", "event", "date"]
    ].shift(-1)
    pairs = insp.join(nxt.add_suffix("_to"))
    pairs = pairs[pairs["inspection_id_to"].notna()].rename(
        columns={
            "inspection_id": "from_inspection",
            "framework": "from_framework",
            "event": "from_event",
            "date": "from_date",
            "inspection_id_to": "to_inspection",
            "framework_to": "to_framework",
            "event_to": "to_event",
            "date_to": "to_date",
        }
    )
    pairs["from_overall"] = pairs["from_inspection"].map(overall).astype(grade_dtype())
    pairs["days"] = (pairs["to_date"] - pairs["from_date"]).dt.days.astype("Int64")
    return pairs.reset_index(drop=True)


def grades_at(
    judgements: pd.DataFrame, la_number: str, dates: Iterable[object], area: str = "overall"
) -> pd.DataFrame:
    """One authority's grade in force at each of ``dates`` by the as-at rule
    (:func:`as_at_each`, over its own inspections only: the rule looks at no other's),
    indexed by date: ``grade`` and the ``published`` date of its report, missing where it had
    none yet.

    >>> grades_at(j, "383", ["2018-03-31", "2025-03-31"])["grade"].tolist()  # Leeds
    ['Good', 'Outstanding']
    """
    stamps = pd.DatetimeIndex(sorted({to_timestamp(d) for d in dates}), name="as_at")
    mine = judgements[judgements["la_number"] == la_number]
    found = pd.DataFrame(
        {"grade": pd.Series(dtype=grade_dtype()), "published": pd.Series(dtype="datetime64[ns]")}
    )
    if len(stamps) and len(mine):
        found = as_at_each(mine, stamps, area=area)
        found = found[found["la_number"] == la_number].set_index("as_at")[["grade", "published"]]
    return found.reindex(stamps)
