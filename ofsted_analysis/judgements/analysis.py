"""Analysis of the tidy judgements table: snapshots, trajectories, transitions, comparisons.

Every function takes the ``judgements`` table (:func:`ofsted_analysis.load`) and returns a plain
DataFrame (or a small dataclass of DataFrames), so results can be printed, written to CSV or
passed to :mod:`ofsted_analysis.plots`.

Dates. An inspection is placed in time by its fieldwork start date, falling back to its
publication date where the start is unknown (column ``date`` in the outputs). A judgement
"exists" at a date only once the inspection was done by that date *and* its report was
published (see :func:`as_at`).

>>> import ofsted_analysis as oa
>>> from ofsted_analysis.judgements.analysis import as_at, distribution
>>> j = oa.load()
>>> distribution(as_at(j, "2025-03-31", published_by="2025-06-30"))[["grade", "count"]]
                  grade  count
0            Inadequate     19
1  Requires improvement     31
2                  Good     67
3           Outstanding     36
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import pandas as pd

from ..core.authorities import Authority, register
from ..core.errors import InputError
from ..core.frameworks import AREAS
from ..core.grades import GRADES, grade_dtype
from ..core.paths import reference

NEIGHBOURS = reference("statistical_neighbours.csv")

GOOD_OR_BETTER: frozenset[str] = frozenset({"Good", "Outstanding"})

_DATE_EXPECTED = "a date such as 2024-03-31, 31/03/2024 or 31 March 2024"


# --- input checking -------------------------------------------------------------------------


def to_timestamp(value: object, what: str = "date") -> pd.Timestamp:
    """Read a date given as text, ``date``, ``datetime`` or ``Timestamp``.

    >>> to_timestamp("31 March 2024")
    Timestamp('2024-03-31 00:00:00')

    Raises :class:`InputError` for anything that is not a single date.
    """
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            raise InputError(what, value, _DATE_EXPECTED)
        return value.normalize()
    if isinstance(value, (date, datetime)):
        return pd.Timestamp(value).normalize()
    if isinstance(value, str) and value.strip():
        from ..core.dates import parse_date  # the project's own date words first (dd/mm/yyyy)

        try:
            parsed = parse_date(value)
        except InputError as e:  # keep its reason (e.g. "written month first")
            raise InputError(what, value, e.expected) from None
        if parsed is not None:
            return pd.Timestamp(parsed)
    raise InputError(what, value, _DATE_EXPECTED)


def check_area(area: object) -> str:
    """Return ``area`` if it is a harmonised area, else raise :class:`InputError` naming them."""
    if isinstance(area, str) and area in AREAS:
        return area
    raise InputError("area", area, "one of " + ", ".join(AREAS))


def _check_areas(area: str | Iterable[str] | None) -> list[str] | None:
    if area is None:
        return None
    if isinstance(area, str):
        return [check_area(area)]
    return [check_area(a) for a in area]


def resolve_authority(authority: object) -> Authority:
    """The register's authority for a name (any alias), GSS code or DfE number.

    >>> resolve_authority("leeds").la_code
    'E08000035'

    An unknown name raises :class:`InputError` naming the closest known authorities.
    """
    if isinstance(authority, Authority):
        return authority
    if not isinstance(authority, str) or not authority.strip():
        raise InputError("authority", authority, "an authority name, GSS code or DfE number")
    return register().get(authority.strip())


# --- preparation ----------------------------------------------------------------------------


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


def _canonical_codes(codes: pd.Series) -> pd.Series:
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
    out["la_code"] = _canonical_codes(out["la_code"])
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


# --- snapshots ------------------------------------------------------------------------------

SNAPSHOT_COLUMNS = [
    "la_code",
    "la_name",
    "la_number",
    "region",
    "grade",
    "framework",
    "event",
    "inspection_id",
    "date",
    "start_date",
    "published",
]


def known_at(frame: pd.DataFrame, date: object, published_by: object = None) -> pd.Series:
    """The one rule for what was known at a date, behind every "as at" view: True for the rows
    of inspections

    * done by ``date`` (fieldwork start date, or publication date where the start is unknown),
    * and published by ``published_by`` (default: ``date``). A report whose publication date
      is unknown counts as published once the inspection was done: every such row in the
      sources is an old inspection whose report has long been out.

    >>> rows = pd.DataFrame({"start_date": pd.to_datetime(["2024-01-08", None, "2024-03-04"]),
    ...                      "published": pd.to_datetime(["2024-02-20", "2023-05-01", None])})
    >>> known_at(rows, "2024-01-31").tolist(), known_at(rows, "2024-03-31").tolist()
    ([False, True, False], [True, True, True])
    >>> known_at(rows, "2024-01-31", published_by="2024-03-31").tolist()
    [True, True, False]
    """
    when = to_timestamp(date)
    by = when if published_by is None else to_timestamp(published_by, "published_by")
    published = pd.to_datetime(frame["published"])
    start = pd.to_datetime(frame["start_date"]) if "start_date" in frame else published
    done = start.fillna(published) <= when
    return done & (published.isna() | (published <= by))


def _snapshot(
    rows: pd.DataFrame, when: pd.Timestamp, published_by: pd.Timestamp, area: str
) -> pd.DataFrame:
    latest = rows[known_at(rows, when, published_by)].drop_duplicates("la_code", keep="last")

    reg = register_frame()
    alive = reg[
        (reg["exists_from"].isna() | (reg["exists_from"] <= when))
        & (reg["exists_to"].isna() | (reg["exists_to"] >= when))
    ][["la_code", "la_name", "la_number", "region"]]
    keep = [c for c in SNAPSHOT_COLUMNS if c in latest and c not in alive.columns]
    out = alive.merge(latest[["la_code", *keep]], on="la_code", how="left")
    out["grade"] = out["grade"].astype(grade_dtype())
    out.insert(4, "area", area)
    return out.sort_values("la_name", kind="mergesort").reset_index(drop=True)


def as_at(
    judgements: pd.DataFrame, date: object, area: str = "overall", published_by: object = None
) -> pd.DataFrame:
    """Each authority's judgement in force at a date: Ofsted's "most recent inspection" view.

    One row per authority that existed on ``date`` (from the register: ``exists_from <= date
    <= exists_to``), with its latest judgement in ``area`` from inspections

    * done by ``date`` (fieldwork start date, or publication date where the start is unknown),
    * and published by ``published_by`` (default: ``date``). A report whose publication date
      is unknown counts as published once the inspection was done.

    Frameworks combine as in Ofsted's official statistics: the latest graded inspection wins
    whatever its framework, so an authority's SIF judgement stands until its first ILACS
    inspection (ILACS short, standard and SIF re-inspections all count; ungraded focused and
    monitoring visits never change a grade). For areas other than ``overall``, SLAC, child
    protection and TLAC judgements take part too (see the harmonised areas in the design).

    ILACS from April 2026 (``ilacs_2026``) gives no overall effectiveness judgement, so for
    ``area="overall"`` an authority's latest *overall* judgement stands after a 2026-framework
    inspection. Consequence: from 2026 the overall picture ages; an authority re-inspected under
    the new framework keeps its earlier overall grade (``framework`` shows which inspection it
    came from), and an analyst wanting current practice should look at the four area judgements.

    Reorganised authorities: an authority that has ceased (Northamptonshire after March 2021)
    drops out; a new one (North Northamptonshire) appears from its first day, with a missing
    ``grade`` until it has been inspected itself: a predecessor's grade is not carried over.
    Shares in :func:`distribution` use authorities *with a judgement* as the denominator.

    Columns: la_code, la_name, la_number, region, area, grade, framework, event, inspection_id,
    date, start_date, published.

    Ofsted's figure as at 31 March 2025 (reports published by 30 June 2025) is 67.3% good or
    outstanding; Leeds was Outstanding (ILACS, report published 9 May 2022):

    >>> snap = as_at(j, "2025-03-31", published_by="2025-06-30")
    >>> snap.loc[snap.la_name == "Leeds", ["grade", "framework", "published"]]
              grade framework  published
    69  Outstanding     ilacs 2022-05-09
    >>> round(100 * good_or_better_share(snap), 1)
    67.3

    ``published_by`` defaults to ``date``; Ofsted's own figures use a later cut-off
    (:func:`ofsted_cut_off`: reports published within three months).

    Raises :class:`InputError` for an unknown area, a date that cannot be read or a
    ``published_by`` earlier than ``date``.
    """
    area = check_area(area)
    when = to_timestamp(date)
    by = when if published_by is None else to_timestamp(published_by, "published_by")
    if by < when:
        raise InputError(
            "published_by",
            by.date().isoformat(),
            f"a date on or after {when.date().isoformat()} (the as-at date): a "
            "report is published after its inspection",
        )
    return _snapshot(area_rows(judgements, area), when, by, area)


def ofsted_cut_off(date: object) -> pd.Timestamp:
    """The publication cut-off of Ofsted's own "as at" statistics for a date: reports
    published by the end of the third month after it. The 2025 release's cover reads
    "Inspections as at 31 March 2025, with a report published by 30 June 2025"; Ofsted's 2024
    figures count reports published by 30 June 2024. Pass it as ``published_by`` to
    :func:`as_at` to match Ofsted's published shares.

    >>> ofsted_cut_off("2025-03-31").date().isoformat()
    '2025-06-30'
    """
    return (to_timestamp(date) + pd.offsets.MonthEnd(3)).normalize()


def distribution(snapshot: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Count and share of authorities at each grade in a snapshot (optionally per ``by``).

    Shares are of authorities *with* a judgement; authorities with none are counted in the
    ``n_not_judged`` column so they are visible but never dilute the shares.

    >>> distribution(as_at(j, "2019-08-31", published_by="2019-09-30"))
                      grade  count     share  n_judged  n_not_judged
    0            Inadequate     18  0.120805       149             2
    1  Requires improvement     58  0.389262       149             2
    2                  Good     61  0.409396       149             2
    3           Outstanding     12  0.080537       149             2

    Returns long format: [``by``,] grade, count, share, n_judged, n_not_judged (four rows per
    group, one per grade, ascending).
    """
    if by is not None and by not in snapshot:
        raise InputError("by", by, "a column of the snapshot, e.g. region")
    keys = [by] if by else []
    grade = snapshot["grade"].astype(grade_dtype())
    frame = snapshot.assign(grade=grade, _judged=grade.notna())
    groups = frame.groupby(keys, sort=True, observed=True) if keys else [((), frame)]
    parts = []
    for key, g in groups:
        counts = g["grade"].value_counts().reindex(list(GRADES), fill_value=0)
        n = int(counts.sum())
        part = pd.DataFrame(
            {
                "grade": pd.Categorical(list(GRADES), dtype=grade_dtype()),
                "count": counts.to_numpy(),
                "share": counts.to_numpy() / n if n else float("nan"),
                "n_judged": n,
                "n_not_judged": int((~g["_judged"]).sum()),
            }
        )
        if by:
            part.insert(0, by, key[0] if isinstance(key, tuple) else key)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _good_or_better_counts(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Per row: authorities with a judgement, and those of them Good or Outstanding."""
    grade = table["grade"]
    judged = table["count"] if "count" in table else grade.notna().astype("int64")
    good = grade.astype(str).isin(GOOD_OR_BETTER)
    return judged, judged.where(good, 0)


def good_or_better_share(table: pd.DataFrame) -> float:
    """The one definition of "good or better": the share (0 to 1) of authorities *with a
    judgement* whose grade is Good or Outstanding; NaN when none has one.

    ``table`` is a snapshot (one row per authority, :func:`as_at`) or a distribution (one row
    per grade with its ``count``, :func:`distribution`).

    >>> snap = pd.DataFrame({"grade": ["Good", "Outstanding", "Inadequate", None]})
    >>> good_or_better_share(snap), good_or_better_share(distribution(snap))
    (0.6666666666666666, 0.6666666666666666)

    Ofsted's 2025 release (sheet ``Inspections_as_at_31_March``) has 103 of 153 authorities
    good or outstanding:

    >>> round(good_or_better_share(as_at(j, "2025-03-31", published_by="2025-06-30")), 3)
    0.673
    """
    judged, good = _good_or_better_counts(table)
    return float(good.sum() / judged.sum()) if judged.sum() else float("nan")


def good_or_better_shares(table: pd.DataFrame, by: str | list[str]) -> pd.Series:
    """:func:`good_or_better_share` for each group of ``by`` (e.g. ``"date"`` of a
    :func:`national_picture`, ``["date", "region"]``), indexed by it.

    >>> dist = pd.DataFrame({"date": ["2024-03-31"] * 4 + ["2024-06-30"] * 4,
    ...                      "grade": list(GRADES) * 2, "count": [1, 1, 1, 1, 0, 3, 1, 0]})
    >>> good_or_better_shares(dist, "date").tolist()
    [0.5, 0.25]
    """
    keys = [by] if isinstance(by, str) else list(by)
    judged, good = _good_or_better_counts(table)
    groups = [table[k] for k in keys]
    total = judged.groupby(groups, observed=True, sort=True).sum()
    share = good.groupby(groups, observed=True, sort=True).sum() / total.where(total > 0)
    return share.rename("good_or_better")


def quarter_ends(start: object = "2014-03-31", end: object = None) -> list[pd.Timestamp]:
    """Calendar quarter ends (31 Mar, 30 Jun, 30 Sep, 31 Dec) from ``start`` to ``end``.

    ``end`` defaults to today.

    >>> [d.date().isoformat() for d in quarter_ends("2014-01-01", "2014-12-31")]
    ['2014-03-31', '2014-06-30', '2014-09-30', '2014-12-31']
    """
    first = to_timestamp(start, "start")
    last = pd.Timestamp.today().normalize() if end is None else to_timestamp(end, "end")
    return list(pd.date_range(first, last, freq="QE-DEC"))


def national_picture(
    judgements: pd.DataFrame,
    dates: Iterable[object] | None = None,
    area: str = "overall",
    by: str | None = None,
) -> pd.DataFrame:
    """Share of authorities at each grade at each date (default: quarter ends 2014 to today).

    Each date is an :func:`as_at` snapshot with ``published_by`` equal to the date (what was
    known on the day). Long format: date, [``by``,] grade, count, share, n_judged,
    n_not_judged.

    >>> pic = national_picture(j, ["2018-03-31", "2025-03-31"])
    >>> pic[["date", "grade", "count", "share"]]
            date                 grade  count     share
    0 2018-03-31            Inadequate     23  0.151316
    1 2018-03-31  Requires improvement     72  0.473684
    2 2018-03-31                  Good     54  0.355263
    3 2018-03-31           Outstanding      3  0.019737
    4 2025-03-31            Inadequate     19  0.124183
    5 2025-03-31  Requires improvement     34  0.222222
    6 2025-03-31                  Good     67  0.437908
    7 2025-03-31           Outstanding     33  0.215686
    """
    area = check_area(area)
    rows = area_rows(judgements, area)
    stamps = quarter_ends() if dates is None else [to_timestamp(d) for d in dates]
    parts = []
    for when in stamps:
        dist = distribution(_snapshot(rows, when, when, area), by=by)
        dist.insert(0, "date", when)
        parts.append(dist)
    return pd.concat(parts, ignore_index=True)


# --- one authority over time ----------------------------------------------------------------

TRAJECTORY_COLUMNS = [
    "la_code",
    "la_name",
    "inspection_id",
    "framework",
    "event",
    "date",
    "start_date",
    "end_date",
    "published",
    "area",
    "area_label",
    "grade",
    "grade_label",
    "ungraded",
    "theme",
]


def _lineage(a: Authority) -> list[str]:
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
    areas = _check_areas(area)
    codes = _lineage(a) if include_predecessors else [a.la_code]
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


# --- transitions ----------------------------------------------------------------------------


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


# --- comparisons ----------------------------------------------------------------------------


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


# --- improvement journeys -------------------------------------------------------------------


def data_date(frame: pd.DataFrame) -> pd.Timestamp:
    """The date the data runs to: the ``data_date`` of the stored tables' manifest when the
    table came from :func:`ofsted_analysis.load`, else the latest fieldwork or publication
    date in it (the same rule the manifest uses).

    >>> data_date(oa.load()) >= pd.Timestamp("2025-08-12")  # Leeds' 2025 report is in it
    True
    """
    stored = frame.attrs.get("data_date")
    if stored:
        return pd.Timestamp(stored).normalize()
    dates = [pd.to_datetime(frame[c]) for c in ("published", "start_date") if c in frame]
    latest = pd.concat(dates).max() if dates else pd.NaT
    if pd.isna(latest):
        raise InputError("judgements", "a table with no dates", "a table with dated inspections")
    return pd.Timestamp(latest).normalize()


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
