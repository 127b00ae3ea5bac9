"""What was known at a date: snapshots (one row per authority), distributions, the share good
or better, the national picture quarter by quarter.

A judgement "exists" at a date only once the inspection was done by that date *and* its
report was published (see :func:`known_at`).

>>> import ofsted_analysis as oa
>>> j = oa.load()
>>> distribution(as_at(j, "2025-03-31", published_by="ofsted"))[["grade", "count"]]
                  grade  count
0            Inadequate     19
1  Requires improvement     31
2                  Good     67
3           Outstanding     36
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..core.checks import check_area, to_timestamp
from ..core.errors import InputError, OfstedAnalysisError
from ..core.grades import GRADES, grade_dtype
from .prepare import area_rows, register_frame

GOOD_OR_BETTER: frozenset[str] = frozenset({"Good", "Outstanding"})


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
    * and published by ``published_by`` (default: ``date``; ``"ofsted"``: Ofsted's own
      cut-off, :func:`ofsted_cut_off`). A report whose publication date is unknown counts as
      published once the inspection was done: every such row in the sources is an old
      inspection whose report has long been out.

    >>> rows = pd.DataFrame({"start_date": pd.to_datetime(["2024-01-08", None, "2024-03-04"]),
    ...                      "published": pd.to_datetime(["2024-02-20", "2023-05-01", None])})
    >>> known_at(rows, "2024-01-31").tolist(), known_at(rows, "2024-03-31").tolist()
    ([False, True, False], [True, True, True])
    >>> known_at(rows, "2024-01-31", published_by="2024-03-31").tolist()
    [True, True, False]
    """
    when = to_timestamp(date)
    by = published_by_date(when, published_by, frame)
    published = pd.to_datetime(frame["published"])
    start = pd.to_datetime(frame["start_date"]) if "start_date" in frame else published
    done = start.fillna(published) <= when
    return done & (published.isna() | (published <= by))


OFSTED = "ofsted"  # published_by: the cut-off of Ofsted's own figures (ofsted_cut_off)


def published_by_date(
    when: pd.Timestamp, published_by: object, judgements: object, what: str = "published_by"
) -> pd.Timestamp:
    """The publication cut-off ``published_by`` means for an as-at date: ``None`` the date
    itself, ``"ofsted"`` :func:`ofsted_cut_off` (from the covers loaded with ``judgements``),
    else the date given (``what`` names it in an error)."""
    if published_by is None:
        return when
    if isinstance(published_by, str) and published_by.strip().lower() == OFSTED:
        return ofsted_cut_off(when, judgements)
    return to_timestamp(published_by, what)


def check_published_by(
    when: pd.Timestamp, by: pd.Timestamp, what: str = "published_by", as_at_name: str = ""
) -> pd.Timestamp:
    """``by``, a publication cut-off, checked to be on or after the as-at date ``when``: a
    report is published after its inspection. ``what`` and ``as_at_name`` name the two dates
    in the error (the command line's ``--published-by`` and ``--as-at``).

    >>> check_published_by(pd.Timestamp("2025-03-31"), pd.Timestamp("2025-01-31"))
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: published_by '2025-01-31' is not valid; expected a
    date on or after 2025-03-31 (the as-at date): a report is published after its inspection
    """
    if by < when:
        since = (
            f"{as_at_name} {when:%Y-%m-%d}" if as_at_name else f"{when:%Y-%m-%d} (the as-at date)"
        )
        raise InputError(
            what,
            by.date().isoformat(),
            f"a date on or after {since}: a report is published after its inspection",
        )
    return by


REGISTER_COLUMNS = ["la_code", "la_name", "la_number", "region"]  # a snapshot's from the register


def _alive(reg: pd.DataFrame, when: pd.Timestamp) -> pd.Series:
    """Which authorities of the register existed on ``when``."""
    return (reg["exists_from"].isna() | (reg["exists_from"] <= when)) & (
        reg["exists_to"].isna() | (reg["exists_to"] >= when)
    )


def _snapshot(
    rows: pd.DataFrame, when: pd.Timestamp, published_by: pd.Timestamp, area: str
) -> pd.DataFrame:
    latest = rows[known_at(rows, when, published_by)].drop_duplicates("la_code", keep="last")

    reg = register_frame()
    alive = reg[_alive(reg, when)][REGISTER_COLUMNS]
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

    Ofsted's figure as at 31 March 2025 (reports published by 30 June 2025, its cover's
    cut-off) is 67.3% good or outstanding; Leeds was Outstanding (ILACS, report published 9
    May 2022):

    >>> snap = as_at(j, "2025-03-31", published_by="ofsted")
    >>> snap.loc[snap.la_name == "Leeds", ["grade", "framework", "published"]]
              grade framework  published
    69  Outstanding     ilacs 2022-05-09
    >>> round(100 * good_or_better_share(snap), 1)
    67.3

    ``published_by`` defaults to ``date``; ``"ofsted"`` means the cut-off of Ofsted's own
    figures for the date (:func:`ofsted_cut_off`, from the release covers loaded with the
    judgements).

    Raises :class:`InputError` for an unknown area, a date that cannot be read or a
    ``published_by`` earlier than ``date``.
    """
    area = check_area(area)
    when = to_timestamp(date)
    by = check_published_by(when, published_by_date(when, published_by, judgements))
    return _snapshot(area_rows(judgements, area), when, by, area)


def _cover_periods(covers: object) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """(as at, published by) of every release cover in ``covers`` (see :func:`ofsted_cut_off`)."""
    if covers is None:
        from ..storage.store import load_release_covers

        covers = load_release_covers()
    if isinstance(covers, pd.DataFrame):
        if "as_at" not in covers:  # a table loaded with its store's covers (oa.load)
            if "release_covers" not in covers.attrs:
                raise OfstedAnalysisError(
                    "the table given carries no release covers, so Ofsted's publication "
                    "cut-off is not known: pass the judgements as ofsted_analysis.load gave "
                    "them (they carry their store's covers), or give a published_by date"
                )
            covers = covers.attrs["release_covers"]
        else:
            covers = covers[["as_at", "published_by"]].to_dict("records")
    return sorted(
        (to_timestamp(c["as_at"], "as_at"), to_timestamp(c["published_by"], "published_by"))
        for c in covers  # type: ignore[attr-defined]
    )


def ofsted_cut_off(date: object, covers: object = None) -> pd.Timestamp:
    """The publication cut-off of Ofsted's own "as at" statistics for a date: pass it as
    ``published_by`` to :func:`as_at` (or give ``published_by="ofsted"``) to match Ofsted's
    published figures. Read from the covers of the releases held
    (:mod:`ofsted_analysis.sources.covers`):

    * a date a release describes: the cut-off its cover states. The 2023 release reads "As at
      31 March 2023, published by 30 April 2023"; the 2025 release "Inspections as at 31 March
      2025, with a report published by 30 June 2025".
    * any other date: the lag of the most recent release held (the one with the latest "as at"
      date), in calendar months, applied to the date: the same day that many months later, or
      the month's end when the date is a month's end. With the 2025 release's three months, 31
      March 2024 gives 30 June 2024 (Ofsted's 2024 figures count reports published by then).
      Ofsted's older statistics used other lags (as at 30 September 2016: reports published by
      31 October 2016); to match one of those, give its date as ``published_by``.

    ``covers``: the judgements table :func:`ofsted_analysis.load` gave (its store's covers
    come with it), the ``release_covers`` table, or records with ``as_at`` and
    ``published_by``; default: the covers of the stored tables (``data/processed``).

    >>> [ofsted_cut_off(d, j).date().isoformat() for d in ("2023-03-31", "2025-03-31")]
    ['2023-04-30', '2025-06-30']
    >>> covers = [{"as_at": "2025-03-31", "published_by": "2025-06-30"}]
    >>> ofsted_cut_off("2024-02-29", covers).date().isoformat()
    '2024-05-31'

    Raises :class:`OfstedAnalysisError` when no release cover is held (the stored tables
    were built without an Ofsted release, or before covers were kept: rebuild).
    """
    when = to_timestamp(date)
    periods = _cover_periods(covers)
    for as_at_date, published_by in periods:
        if as_at_date == when:
            return published_by
    if not periods:
        raise OfstedAnalysisError(
            "no Ofsted release cover is held, so Ofsted's publication cut-off is not known: "
            "build the tables with an Ofsted release (e.g. `ofsted-analysis build --raw "
            "../shared/data/raw`), or give a published_by date"
        )
    latest, published_by = periods[-1]
    months = (published_by.year - latest.year) * 12 + published_by.month - latest.month
    cut_off = when + pd.DateOffset(months=months)
    return cut_off + pd.offsets.MonthEnd(0) if when.is_month_end else cut_off


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
    return _grade_counts(snapshot, [by] if by else [])


def _grade_counts(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """:func:`distribution` of ``frame`` (rows with a ``grade``) per group of the ``keys``
    columns: groups as groupby forms them (sorted, a row with a missing key left out),
    every grade of every group present, rows without a grade counted apart. Counted in one
    pass over every group (a loop over groups, or over the dates of a national picture,
    cost most of their time)."""
    codes = frame["grade"].astype(grade_dtype()).cat.codes.to_numpy()
    if keys:
        # Groups in the order of their values (a categorical's too, not its categories').
        by = [frame[k].astype(object) if frame[k].dtype == "category" else frame[k] for k in keys]
        grouped = frame.groupby(by, sort=True, dropna=True)
        group = grouped.ngroup().fillna(-1).to_numpy(dtype="int64")  # -1: a key missing
        labels = grouped.size().index
    else:  # one group: the whole frame
        group = np.zeros(len(frame), dtype="int64")
        labels = pd.Index([0] if len(frame) else [])
    n_groups, n_grades = len(labels), len(GRADES)
    judged = (group >= 0) & (codes >= 0)
    counts = np.bincount(
        group[judged] * n_grades + codes[judged], minlength=n_groups * n_grades
    ).reshape(n_groups, n_grades)
    not_judged = np.bincount(group[(group >= 0) & (codes < 0)], minlength=n_groups)
    n = counts.sum(axis=1)
    share = counts / np.where(n > 0, n, np.nan)[:, None]
    out = pd.DataFrame(
        {
            "grade": pd.Categorical(list(GRADES) * n_groups, dtype=grade_dtype()),
            "count": counts.ravel().astype("int64"),
            "share": share.ravel(),
            "n_judged": n.repeat(n_grades).astype("int64"),
            "n_not_judged": not_judged.repeat(n_grades).astype("int64"),
        }
    )
    for level, key in reversed(list(enumerate(keys))):
        values = labels.get_level_values(level) if labels.nlevels > 1 else labels
        out.insert(0, key, pd.Index(list(values)).repeat(n_grades))
    return out


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

    >>> round(good_or_better_share(as_at(j, "2025-03-31", published_by="ofsted")), 3)
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
    if not stamps:
        raise InputError("dates", "(none)", "at least one date")
    snapshots = _snapshots(rows, stamps, area)
    if by is not None and (by not in snapshots or by == "date"):
        raise InputError("by", by, "a column of the snapshot, e.g. region")
    out = _grade_counts(snapshots, [AS_AT, by] if by else [AS_AT])
    out.insert(0, "date", pd.Index(stamps).take(out.pop(AS_AT).to_numpy()))
    if by and out["date"].nunique() < len(set(stamps)):
        # As a concatenation of each date's distribution holds it: a date with no group
        # (an empty column) leaves the column without a type.
        out[by] = out[by].astype(object)
    return out


AS_AT = " as at"  # stacked snapshots: the position of their date in the dates asked for


def _snapshots(rows: pd.DataFrame, stamps: list[pd.Timestamp], area: str) -> pd.DataFrame:
    """:func:`_snapshot` at each of ``stamps`` (published by the date itself), stacked: each
    authority alive at a date with its last row (in ``rows``' order) known then, and the
    date's position in ``stamps`` in column :data:`AS_AT`. All dates at once: a snapshot
    per date cost most of a national picture's time."""
    known = np.column_stack(
        [known_at(rows, when, when).to_numpy(dtype=bool) for when in stamps]
    ).reshape(len(rows), len(stamps))
    position = np.where(known, np.arange(len(rows))[:, None], -1)
    last = pd.DataFrame(position).groupby(rows["la_code"].to_numpy()).max()
    reg = register_frame()
    alive = np.column_stack([_alive(reg, when).to_numpy() for when in stamps])
    row_at = last.reindex(reg["la_code"].to_numpy()).fillna(-1).to_numpy(dtype="int64")
    authority, date = np.nonzero(alive.reshape(len(reg), len(stamps)))
    row = row_at[authority, date]
    found = row >= 0
    out = reg.iloc[authority][REGISTER_COLUMNS].reset_index(drop=True)
    out.insert(0, AS_AT, date)
    out["area"] = area
    # Each authority's row (any row where none is known: masked below; none at all: no rows).
    taken = rows.iloc[np.where(found, row, 0) if len(rows) else []].reset_index(drop=True)
    for column in SNAPSHOT_COLUMNS:
        if column in taken and column not in out:
            out[column] = taken[column].reindex(out.index).where(found)
    return out
