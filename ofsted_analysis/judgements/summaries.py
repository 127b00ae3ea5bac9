"""Readable summary tables for the notebooks and briefings, built on :mod:`.analysis`.

The notebooks in ``notebooks/`` hold narrative and calls; any table they show that takes more
than one call to make is made here, so the notebooks never copy logic between each other and
the same table can be used from a script.

>>> import ofsted_analysis as oa
>>> from ofsted_analysis import summaries
>>> j, ev = oa.load(), oa.load_events()
>>> print(summaries.describe(j, ev))
2,998 judgements from 714 graded inspections of 158 authorities (and 124 ungraded visits);
reports published 7 August 2009 to 20 August 2026.

Leeds' inspections, with the publication dates of Ofsted's reports:

>>> table = summaries.inspection_table(j, "Leeds", events=ev)
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

import posixpath

import pandas as pd

from ..core.dates import long_date
from ..core.frameworks import AREAS, FRAMEWORKS, UNGRADED_EVENTS
from ..core.grades import GRADES, grade_dtype
from ..pipeline.records import SOURCE_RANK
from . import analysis
from .analysis import data_date  # noqa: F401  (notebooks call summaries.data_date)

SOURCE_KINDS = {
    "official": "Ofsted official release",
    "scrape": "Data to Insight scrape",
    "curated": "Curated record (data/curated)",
    "report": "Inspection report PDF",
}
# Short column headings for areas in wide tables.
AREA_COLUMNS = {
    "overall": "Overall",
    "leadership": "Leadership",
    "help_and_protection": "Help & protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "LSCB",
}
FRAMEWORK_SHORT = {
    "slac": "SLAC",
    "child_protection": "CPI",
    "tlac": "TLAC",
    "sif": "SIF",
    "ilacs": "ILACS",
    "ilacs_2026": "ILACS 2026",
}


def _day(when) -> str:
    return "" if pd.isna(when) else f"{long_date(pd.Timestamp(when), short=True)}"


def _file(source: object) -> str:
    """The file part of a ``source`` reference (``file:sheet:row:column``)."""
    return "" if pd.isna(source) else str(source).split(":", 1)[0]


# --- what the data holds ---------------------------------------------------------------------


def describe(judgements: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """One sentence saying what the tables hold and how recent they are (for a notebook's top).

    >>> print(describe(j, ev))
    2,998 judgements from 714 graded inspections of 158 authorities (and 124 ungraded visits);
    reports published 7 August 2009 to 20 August 2026.
    """
    n_insp = judgements["inspection_id"].nunique()
    n_la = judgements["la_code"].nunique()
    visits = ""
    if events is not None:
        n_vis = int(events["event"].isin(UNGRADED_EVENTS).sum())
        visits = f" (and {n_vis:,} ungraded visits)"
    published = pd.to_datetime(judgements["published"])
    return (
        f"{len(judgements):,} judgements from {n_insp:,} graded inspections of {n_la} "
        f"authorities{visits}; reports published {long_date(published.min())} to "
        f"{long_date(published.max())}."
    )


def _report_folder(files: pd.Series) -> str:
    """The folder every report PDF lies under, as one row's name ("<folder>/*.pdf")."""
    return posixpath.commonpath(list(files)) if len(files) > 1 else files.iloc[0]


def sources(observations: pd.DataFrame, judgements: pd.DataFrame) -> pd.DataFrame:
    """One row per source file (report PDFs: one row for all), what it covers and contributes.

    ``files`` counts the files in the row; ``inspections`` and ``values`` what they recorded
    (inspection records and graded judgement values); ``first``/``last`` their publication
    dates; ``kept`` how many judgements in the merged table take their grade from them,
    ``agrees`` how many they record with the same grade as the value kept (they are listed in
    ``sources``).

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> sources(observations, j)[["kind", "files", "inspections"]].head(3)
                          kind  files  inspections
    0  Ofsted official release      1          830
    1  Ofsted official release      1          536
    2    Inspection report PDF    454          454
    """
    reports = observations["source_kind"] == "report"
    row_of = {f: f for f in observations["file"].unique()}
    if reports.any():
        folder = _report_folder(observations.loc[reports, "file"].drop_duplicates())
        row_of.update(
            {
                f: f"{folder}/ (report PDFs)" if f != folder else f
                for f in observations.loc[reports, "file"].unique()
            }
        )
    obs = observations.assign(
        _insp=observations["file"] + "#" + observations["record"].astype(str),
        _row=observations["file"].map(row_of),
    )
    g = obs.groupby("_row", sort=False)
    out = pd.DataFrame(
        {
            "kind": g["source_kind"].first().map(SOURCE_KINDS).fillna(g["source_kind"].first()),
            "files": g["file"].nunique(),
            "tables": g["sheet"].nunique().clip(lower=1),
            "inspections": g["_insp"].nunique(),
            "values": g["grade"].count(),
            "frameworks": g["framework"].agg(
                lambda s: ", ".join(FRAMEWORK_SHORT.get(f, f) for f in FRAMEWORKS if f in set(s))
            ),
            "first": g["published"].min().dt.strftime("%Y-%m-%d"),
            "last": g["published"].max().dt.strftime("%Y-%m-%d"),
        }
    )
    kept = judgements["source"].map(_file).map(row_of).value_counts()
    listed = judgements["sources"].fillna("").str.split(";").explode().str.strip().map(_file)
    listed = listed[listed != ""]
    # a judgement several PDFs confirm counts once per row, as a file's does
    agrees = listed.map(row_of).groupby(level=0).unique().explode().value_counts()
    out["kept"] = kept.reindex(out.index, fill_value=0).astype(int)
    out["agrees"] = agrees.reindex(out.index, fill_value=0).astype(int)
    rank = g["source_kind"].first().map(SOURCE_RANK)  # the merge's precedence, defined once
    out = out.assign(_r=rank).sort_values(["_r", "first"], kind="mergesort").drop(columns="_r")
    return out.rename_axis("file").reset_index()


def files_read(files: list[str]) -> str:
    """A sentence saying how many files a build read, by folder.

    >>> files_read(["raw/a.ods", "raw/b.csv", "reports/leeds/2025-08-12.pdf"])
    'Built from 3 files: 2 in raw, 1 in reports/leeds.'
    """
    folders = pd.Series([posixpath.dirname(f) or "." for f in files], dtype=object)
    reports = folders.str.contains(r"(?:^|/)reports(?:/|$)")
    if reports.sum() > 1:  # report PDFs lie one folder per authority: count them together
        folders[reports] = posixpath.commonpath(list(folders[reports]))
    counts = folders.value_counts(sort=False)
    parts = ", ".join(f"{n} in {folder}" for folder, n in counts.items())
    return f"Built from {len(files)} files: {parts}."


def inspections_by_year(judgements: pd.DataFrame) -> pd.DataFrame:
    """Graded inspections by year (of fieldwork start, else publication) and framework.

    Columns: the frameworks in the order they began (short names), then ``total``.
    """
    rows = analysis.with_date(judgements).drop_duplicates("inspection_id")
    table = pd.crosstab(
        rows["date"].dt.year.rename("year"),
        rows["framework"].map(FRAMEWORK_SHORT).rename("framework"),
    )
    cols = [FRAMEWORK_SHORT[f] for f in FRAMEWORKS if FRAMEWORK_SHORT[f] in table.columns]
    table = table[cols]
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table


def judgements_by_area(judgements: pd.DataFrame) -> pd.DataFrame:
    """Number of judgements in each harmonised area under each framework."""
    table = pd.crosstab(
        judgements["area"].rename("area"),
        judgements["framework"].map(FRAMEWORK_SHORT).rename("framework"),
    )
    cols = [FRAMEWORK_SHORT[f] for f in FRAMEWORKS if FRAMEWORK_SHORT[f] in table.columns]
    table = table.reindex(index=[a for a in AREAS if a in table.index], columns=cols)
    table.columns.name = None
    return table


def visits_by_year(events: pd.DataFrame) -> pd.DataFrame:
    """Ungraded focused and monitoring visits by year (fieldwork start, else publication)."""
    ev = analysis.with_date(events[events["event"].isin(UNGRADED_EVENTS)])
    table = pd.crosstab(
        ev["date"].dt.year.rename("year"), ev["event"].str.replace("_", " ").rename("visit")
    )
    table.columns.name = None
    return table


def authorities_summary() -> pd.DataFrame:
    """Authorities in the register: how many current and former, by region."""
    from ..core.authorities import register

    rows = [
        {"region": a.region, "status": "current" if a.current else "former"}
        for a in register().authorities
    ]
    table = pd.crosstab(pd.DataFrame(rows)["region"], pd.DataFrame(rows)["status"])
    table = table.reindex(columns=["current", "former"], fill_value=0)
    table.loc["England"] = table.sum()
    table.columns.name = None
    return table


def reorganisations(judgements: pd.DataFrame) -> pd.DataFrame:
    """Authorities created by a reorganisation: when, which authorities they replaced, and
    their first overall effectiveness judgement of their own (a predecessor's grade is never
    carried over, so a new authority has none until it is inspected)."""
    from ..core.authorities import register

    reg = register()
    overall = analysis.area_rows(judgements, "overall").drop_duplicates("la_code")
    first = overall.set_index("la_code")
    rows = []
    for a in reg.authorities:
        if not a.predecessors:
            continue
        preds = [reg.by_gss(p) for p in a.predecessors]
        row = {
            "from": a.exists_from.isoformat() if a.exists_from else "",
            "authority": a.la_name,
            "replaced": "; ".join(p.la_name if p else "?" for p in preds),
            "first_overall": "",
            "first_overall_date": "",
        }
        if a.la_code in first.index:
            r = first.loc[a.la_code]
            row.update(first_overall=str(r["grade"]), first_overall_date=f"{r['date']:%Y-%m-%d}")
        rows.append(row)
    return pd.DataFrame(rows).sort_values(
        ["from", "authority"], kind="mergesort", ignore_index=True
    )


def conflicts_table(conflicts: pd.DataFrame, judgements: pd.DataFrame) -> pd.DataFrame:
    """Each disagreement between sources, readable: whose inspection, which judgement (or,
    for a date the sources disagree on, which date), the value kept (and the file it came
    from), the other value (and its file) and the rule used.
    """
    ev = judgements.drop_duplicates("inspection_id").set_index("inspection_id")
    dates = {
        "start_date": "date: fieldwork start",
        "end_date": "date: fieldwork end",
        "published": "date: publication",
    }
    what = conflicts["area"].map(AREA_COLUMNS).fillna(conflicts["field"].map(dates))
    out = pd.DataFrame(
        {
            "authority": conflicts["la_name"],
            "published": conflicts["inspection_id"].map(ev["published"]).dt.strftime("%Y-%m-%d"),
            "framework": conflicts["inspection_id"].map(ev["framework"]).map(FRAMEWORK_SHORT),
            "area": what,
            "kept": conflicts["kept_value"].astype(str),
            "kept_from": conflicts["kept_source"].map(_file),
            "other": conflicts["other_value"].astype(str),
            "other_from": conflicts["other_source"].map(_file),
            "rule": conflicts["rule"],
        }
    )
    return out.sort_values(
        ["published", "authority", "area", "other_from"], kind="mergesort", ignore_index=True
    )


# --- one authority ---------------------------------------------------------------------------


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
    tr = analysis.trajectory(
        judgements, authority, events=events, include_predecessors=include_predecessors
    )
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


# --- the national picture --------------------------------------------------------------------


def shares_wide(picture: pd.DataFrame, months: tuple[int, ...] | None = None) -> pd.DataFrame:
    """A :func:`~.analysis.national_picture` table, one row per date: the
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
    out["Good or outstanding"] = (analysis.good_or_better_shares(pic, keys) * 100).round(1)
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
    when = analysis.to_timestamp(date)
    rows = analysis.in_time_order(analysis.with_date(judgements[judgements["grade"].notna()]))
    known = rows[analysis.known_at(rows, when)]
    latest = known.drop_duplicates("la_code", keep="last").set_index("la_code")
    snap = analysis.as_at(judgements, when, area="overall").set_index("la_code")
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


# --- comparisons -----------------------------------------------------------------------------


def judgements_known_at(judgements: pd.DataFrame, date: object) -> pd.DataFrame:
    """The judgements table as it stood at ``date``: inspections done by then whose reports
    were published by then (:func:`~.analysis.known_at`, the rule of
    :func:`~.analysis.as_at`). Use it to draw charts "as at" a past date: its
    data date (:func:`~.analysis.data_date`) is ``date``."""
    known = judgements[analysis.known_at(judgements, date)].copy()
    known.attrs["data_date"] = analysis.to_timestamp(date).date().isoformat()
    return known


def benchmark(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
) -> pd.DataFrame:
    """An authority's grade beside its statistical neighbours, its region and England.

    One row each for the authority, its ten DfE statistical neighbours, its region and
    England: authorities with a judgement, the number at each grade (Outstanding first) and
    the share good or outstanding (%).
    """
    a = analysis.resolve_authority(authority)
    nb = analysis.compare_neighbours(
        judgements, a.la_code, date, area=area, published_by=published_by
    )
    reg = analysis.compare_region(judgements, date, area=area, published_by=published_by)
    grades = list(reversed(GRADES))

    def row(label: str, graded: pd.Series) -> dict:
        good = 100 * analysis.good_or_better_share(graded.to_frame("grade"))
        graded = graded.dropna().astype(str)
        counts = {g: int((graded == g).sum()) for g in grades}
        n = len(graded)
        return {"group": label, "judged": n, **counts, "Good or outstanding %": round(good, 1)}

    me = nb[nb["role"] == "authority"]["grade"]
    rows = [
        row(a.la_name, me),
        row("Statistical neighbours (10)", nb[nb["role"] == "neighbour"]["grade"]),
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
    return pd.DataFrame(rows)


def neighbour_table(
    judgements: pd.DataFrame,
    authority: str,
    date: object,
    area: str = "overall",
    published_by: object = None,
) -> pd.DataFrame:
    """:func:`~.analysis.compare_neighbours`, readable: rank, name, closeness,
    grade, the inspection it came from (framework, event, date) and region."""
    nb = analysis.compare_neighbours(
        judgements, authority, date, area=area, published_by=published_by
    )
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
    return out


# --- improvement journeys --------------------------------------------------------------------


def journey_summary(journeys: pd.DataFrame) -> pd.DataFrame:
    """Summary of :func:`~.analysis.journeys` by the framework of the
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
                "ended by abolition": int((g["status"] == analysis.JOURNEY_STATUS[2]).sum()),
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


def date_coverage(judgements: pd.DataFrame) -> pd.DataFrame:
    """Per framework: graded inspections, how many have fieldwork dates and publication
    dates, and the first and last publication date. Shows which frameworks can be placed in
    time by fieldwork and which only by their report (SLAC, CPI, TLAC and SIF in the
    releases)."""
    insp = judgements.drop_duplicates("inspection_id")
    g = insp.groupby("framework")
    out = pd.DataFrame(
        {
            "inspections": g.size(),
            "with fieldwork dates": g["start_date"].count(),
            "with publication date": g["published"].count(),
            "first published": g["published"].min().dt.strftime("%Y-%m-%d"),
            "last published": g["published"].max().dt.strftime("%Y-%m-%d"),
        }
    )
    out = out.reindex([f for f in FRAMEWORKS if f in out.index])
    out.index = out.index.map(FRAMEWORK_SHORT)
    return out.rename_axis("framework")


def good_or_better_table(
    picture: pd.DataFrame, months: tuple[int, ...] | None = None
) -> pd.DataFrame:
    """Share good or outstanding (%) from a ``national_picture(..., by="region")`` table: one
    row per date, one column per region. ``months`` keeps only dates in those months."""
    pic = picture if months is None else picture[picture["date"].dt.month.isin(months)]
    wide = (analysis.good_or_better_shares(pic, ["date", "region"]) * 100).round(1)
    wide = wide.unstack("region")
    wide.index = wide.index.strftime("%Y-%m-%d")
    wide.columns.name = None
    return wide


def transition_summary(transitions: analysis.Transitions) -> pd.DataFrame:
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
    """:func:`~.analysis.journeys`, readable. ``recovered=True``: spells that
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
            raise analysis.InputError("as_at", as_at, "the data date (journeys() records it)")
        when = analysis.to_timestamp(as_at if as_at is not None else stored)
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


# --- sentences: facts about the data, computed from it ---------------------------------------
#
# A notebook's markdown holds method and definitions; every sentence stating a fact about the
# data (a count, a date, which sources disagree, where coverage starts) is made here from the
# tables and displayed as the cell's output, so new data or other parameters cannot leave it
# false.


class Prose(str):
    """Text made from the data: shown as Markdown in a notebook, and as the same text in
    plain-text outputs (which nbval compares) and in scripts.

    >>> Prose("**3** authorities")
    **3** authorities
    """

    def _repr_markdown_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text/plain
        p.text(str(self))

    def __repr__(self) -> str:
        return str(self)


def _month(when) -> str:
    return f"{pd.Timestamp(when):%B %Y}"


def _and(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _frameworks(codes) -> str:
    return _and([FRAMEWORK_SHORT.get(f, f) for f in FRAMEWORKS if f in set(codes)])


def _kinds(observations: pd.DataFrame) -> pd.Series:
    """Source kind of each file named in ``observations``."""
    return observations.drop_duplicates("file").set_index("file")["source_kind"]


def _kind_of(files: pd.Series, observations: pd.DataFrame) -> pd.Series:
    return files.map(_file).map(_kinds(observations))


_KIND_NOUN = {
    "official": "official releases",
    "report": "inspection report PDFs",
    "scrape": "the Data to Insight scrape",
    "curated": "curated records",
}
_KIND_SUBJECT = {
    "report": "Inspection report PDFs supply",
    "scrape": "The Data to Insight scrape supplies",
    "curated": "Curated records supply",
}


def _area_word(area: str) -> str:
    word = AREA_COLUMNS[area]
    return (
        "overall effectiveness" if area == "overall" else (word if word.isupper() else word.lower())
    )


def _framework_name(f: str) -> str:
    """The framework's long name without the abbreviation in brackets."""
    import re

    return re.sub(r"\s*\([^()]*\)\s*$", "", FRAMEWORKS[f])


def _span(first, last) -> str:
    a, b = _month(first), _month(last)
    return f"in {a}" if a == b else f"{a} to {b}"


def precedence_text() -> Prose:
    """Which source's grade is kept when sources disagree, from the rule the merge applies.

    >>> print(precedence_text())
    When sources disagree on a grade, an official release wins over an inspection report PDF,
    which wins over the Data to Insight scrape, which wins over a curated record; of two files
    of the same kind, the one that runs to the later date wins (Ofsted corrects earlier
    releases).
    """
    from ..pipeline.records import SOURCE_RANK

    order = sorted(SOURCE_RANK, key=SOURCE_RANK.__getitem__)
    nouns = {
        "official": "an official release",
        "report": "an inspection report PDF",
        "scrape": "the Data to Insight scrape",
        "curated": "a curated record",
    }
    words = [nouns.get(k, k) for k in order]
    chain = words[0] + "".join(
        (" wins over " if i == 1 else ", which wins over ") + w
        for i, w in enumerate(words[1:], start=1)
    )
    return Prose(
        f"When sources disagree on a grade, {chain}; of two files of the same kind, "
        "the one that runs to the later date wins (Ofsted corrects earlier releases)."
    )


def data_date_text(observations: pd.DataFrame, judgements: pd.DataFrame) -> Prose:
    """Where the data date comes from and how much of the data is newer than the latest
    official release (so unofficial until Ofsted's next one).

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(data_date_text(observations, j))
    The data date is **20 August 2026**, the newest report publication date in any source; ...
    Ofsted's latest official release runs to 14 May 2025: the 53 inspections published since
    (254 judgements) come only from inspection report PDFs and the Data to Insight scrape, ...
    """
    when = data_date(judgements)
    pub = pd.to_datetime(observations["published"])
    newest = observations[pub.dt.normalize() == when]
    kinds = sorted(set(newest["source_kind"]), key=list(_KIND_NOUN).index)
    files = sorted(set(newest["file"].map(lambda f: str(f).rsplit("/", 1)[-1])))
    text = (
        f"The data date is **{long_date(when)}**, the newest report publication date in any "
        f"source; it comes from {_and([_KIND_NOUN[k] for k in kinds])} "
        f"({_and([f'`{f}`' for f in files])})."
    )
    official = observations[observations["source_kind"] == "official"]
    if official.empty:
        return Prose(text + " No official release was read: every judgement is unofficial.")
    release_end = pd.to_datetime(official["published"]).max().normalize()
    later = judgements[pd.to_datetime(judgements["published"]) > release_end]
    n_insp = later["inspection_id"].nunique()
    if n_insp == 0:
        return Prose(
            text + f" The latest official release runs to {long_date(release_end)}, "
            "so every judgement is in an official release."
        )
    from_kinds = sorted(
        set(_kind_of(later["source"], observations).dropna()), key=list(_KIND_NOUN).index
    )
    return Prose(
        text + f" Ofsted's latest official release runs to {long_date(release_end)}: "
        f"the {_plural(n_insp, 'inspection')} published since "
        f"({_plural(len(later), 'judgement')}) come only from "
        f"{_and([_KIND_NOUN[k] for k in from_kinds])}, and stand until Ofsted's next "
        "release confirms or corrects them."
    )


def contributions_text(observations: pd.DataFrame, judgements: pd.DataFrame) -> Prose:
    """What each kind of source other than the official releases contributes to the merged
    table: judgements whose grade it supplies, their inspections, dates and frameworks.

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(contributions_text(observations, j))
    Inspection report PDFs supply the grade of 230 judgements from 49 inspections (SIF, ILACS
    and ILACS 2026), reports published 17 February 2016 to 20 August 2026. The Data to Insight
    scrape supplies the grade of 25 judgements from 5 inspections (ILACS), reports published
    15 July 2025 to 21 May 2026. Curated records supply no grade: every judgement in curated
    records is also in a source ranked above.
    """
    kind = _kind_of(judgements["source"], observations)
    parts = []
    for k in _KIND_NOUN:
        if k == "official":
            continue
        rows = judgements[kind == k]
        if rows.empty:
            if k in set(observations["source_kind"]):
                parts.append(
                    f"{_KIND_SUBJECT[k]} no grade: every judgement in "
                    f"{_KIND_NOUN[k]} is also in a source ranked above."
                )
            continue
        pub = pd.to_datetime(rows["published"])
        n_insp = rows["inspection_id"].nunique()
        parts.append(
            f"{_KIND_SUBJECT[k]} the grade of {_plural(len(rows), 'judgement')} from "
            f"{_plural(n_insp, 'inspection')} ({_frameworks(rows['framework'])}), reports "
            f"published {long_date(pub.min())} to {long_date(pub.max())}."
        )
    if not parts:
        return Prose("Every grade comes from an official release.")
    return Prose(" ".join(parts))


def frameworks_text(judgements: pd.DataFrame) -> Prose:
    """One line per framework in the data: inspections, when their reports were published, and
    which harmonised areas it judged (so which gave no overall effectiveness grade).

    >>> print(frameworks_text(j))
    * **SLAC** (Safeguarding and looked after children): 161 inspections, reports published
      August 2009 to August 2012; judged help & protection and children in care; **no overall
      effectiveness**.
    ...
    * **ILACS 2026** (ILACS from April 2026): 11 inspections, reports published June 2026 to
      August 2026; judged leadership, help & protection, children in care and care leavers;
      **no overall effectiveness**.
    """
    insp = judgements.drop_duplicates("inspection_id")
    lines = []
    for f in FRAMEWORKS:
        rows = judgements[judgements["framework"] == f]
        if rows.empty:
            continue
        pub = pd.to_datetime(insp.loc[insp["framework"] == f, "published"])
        areas = [_area_word(a) for a in AREAS if a in set(rows["area"])]
        overall = "" if "overall" in set(rows["area"]) else "; **no overall effectiveness**"
        lines.append(
            f"* **{FRAMEWORK_SHORT[f]}** ({_framework_name(f)}): "
            f"{_plural(rows['inspection_id'].nunique(), 'inspection')}, reports "
            f"published {_span(pub.min(), pub.max())}; judged "
            f"{_and(areas)}{overall}."
        )
    return Prose("\n".join(lines))


def thin_years_text(judgements: pd.DataFrame) -> Prose:
    """Years with fewer than half the median number of graded inspections (first and last
    year of the data left out: they are part years).

    >>> print(thin_years_text(j))
    Years with fewer than half the median of 41.5 graded inspections a year (first and last
    year left out as part years): 2020 (13) and 2021 (15).
    """
    counts = inspections_by_year(judgements)["total"]
    inner = counts.iloc[1:-1]
    if inner.empty:
        return Prose("")
    median = float(inner.median())
    thin = inner[inner < median / 2]
    if thin.empty:
        return Prose(
            f"Every full year has at least half the median of {median:g} graded inspections a year."
        )
    years = _and([f"{y} ({n})" for y, n in thin.items()])
    return Prose(
        f"Years with fewer than half the median of {median:g} graded inspections a "
        f"year (first and last year left out as part years): {years}."
    )


def areas_text(judgements: pd.DataFrame) -> Prose:
    """Which judgements only some frameworks made, and since when care leavers have been an
    ILACS judgement of their own.

    >>> print(areas_text(j))
    Adoption and LSCB were judged under SIF only. No overall effectiveness grade under SLAC,
    CPI, TLAC and ILACS 2026. Under ILACS, care leavers are a judgement of their own from the
    inspection of Bristol (16 January 2023), 145 inspections so far.
    """
    parts = []
    by_area = judgements.groupby("area")["framework"].agg(lambda s: set(s))
    only: dict[str, list[str]] = {}
    for a in AREAS:
        if a in by_area.index and len(by_area[a]) == 1:
            only.setdefault(next(iter(by_area[a])), []).append(AREA_COLUMNS[a])
    for f, areas in only.items():
        parts.append(
            f"{_and(areas)} {'was' if len(areas) == 1 else 'were'} judged under "
            f"{FRAMEWORK_SHORT.get(f, f)} only."
        )
    overall = set(by_area.get("overall", set()))
    none = [
        FRAMEWORK_SHORT[f]
        for f in FRAMEWORKS
        if f in set(judgements["framework"]) and f not in overall
    ]
    if none:
        parts.append(f"No overall effectiveness grade under {_and(none)}.")
    leavers = analysis.with_date(
        judgements[(judgements["area"] == "care_leavers") & judgements["framework"].isin(["ilacs"])]
    )
    if len(leavers):
        first = leavers.sort_values("date").iloc[0]
        parts.append(
            f"Under ILACS, care leavers are a judgement of their own from the "
            f"inspection of {first['la_name']} ({long_date(first['date'])}), "
            f"{_plural(leavers['inspection_id'].nunique(), 'inspection')} so far."
        )
    return Prose(" ".join(parts))


def dates_text(judgements: pd.DataFrame) -> Prose:
    """Which frameworks' inspections have fieldwork dates, and so where an inspection placed
    at its publication date sits later than it happened.

    >>> print(dates_text(j))
    Fieldwork dates are known for all ILACS and ILACS 2026 inspections and 80% of TLAC and 95%
    of SIF inspections and for no SLAC and CPI inspection. ...
    """
    cov = date_coverage(judgements)
    share = cov["with fieldwork dates"] / cov["inspections"]
    every = [f for f in cov.index if share[f] == 1]
    none = [f for f in cov.index if share[f] == 0]
    some = [f"{share[f]:.0%} of {f}" for f in cov.index if 0 < share[f] < 1]
    parts = []
    if every:
        parts.append(f"all {_and(every)} inspections")
    if some:
        parts.append(f"{_and(some)} inspections")
    text = f"Fieldwork dates are known for {_and(parts) or 'no inspection'}"
    if none:
        text += f" and for no {_and(none)} inspection"
    text += "."
    if none or some:
        text += (
            " Analyses place an inspection at its fieldwork start and fall back to its "
            "publication date, so those without fieldwork dates sit a few weeks later in "
            "time than they happened."
        )
    return Prose(text)


def visits_text(events: pd.DataFrame) -> Prose:
    """From when ungraded focused and monitoring visits are recorded, and the years within
    that span with none (missing from the sources read, not absent).

    >>> print(visits_text(ev))
    124 ungraded visits (focused and monitoring) are recorded, from January 2018 to March 2025.
    Visits before 2018 and in 2019, 2020 and 2021 are not in the sources read: for those years
    visit counts are missing, not zero.
    """
    ev = analysis.with_date(events[events["event"].isin(UNGRADED_EVENTS)])
    if ev.empty:
        return Prose(
            "No ungraded focused or monitoring visit is in the sources read: visits "
            "are missing, not absent."
        )
    first, last = ev["date"].min(), ev["date"].max()
    years = set(ev["date"].dt.year)
    span = _span(first, last)
    gaps = [y for y in range(first.year, last.year + 1) if y not in years]
    text = (
        f"{_plural(len(ev), 'ungraded visit')} (focused and monitoring) "
        f"{'is' if len(ev) == 1 else 'are'} recorded, "
        f"{span if span.startswith('in ') else 'from ' + span}. Visits before {first.year}"
    )
    text += f" and in {_and([str(y) for y in gaps])}" if gaps else ""
    return Prose(
        text + " are not in the sources read: for those years visit counts are missing, not zero."
    )


def conflicts_text(conflicts: pd.DataFrame, observations: pd.DataFrame) -> Prose:
    """How many judgements the sources disagreed on, between which kinds of source, and which
    rules decided them: grades and dates apart, and the values left out with nothing kept
    (a grade for a judgement the framework did not make then).

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(conflicts_text(oa.load_conflicts(), observations))
    26 disagreements on 16 inspections of 16 authorities. Grades kept from: ...
    """
    if conflicts.empty:
        return Prose("The sources never disagreed on a grade.")
    nothing_kept = conflicts["kept_source"].isna() | (conflicts["kept_source"] == "")
    is_grade = conflicts["field"] == "grade"

    def kinds(files: pd.Series) -> pd.Series:
        return _kind_of(files, observations).map(_KIND_NOUN).fillna("an unknown source")

    parts = []
    for label, rows in (
        ("Grades", conflicts[is_grade & ~nothing_kept]),
        ("Dates", conflicts[~is_grade & ~nothing_kept]),
    ):
        if len(rows):
            pairs = (
                kinds(rows["kept_source"]) + " over " + kinds(rows["other_source"])
            ).value_counts()
            parts.append(
                f"{label} kept from: {_and([f'{n} {pair}' for pair, n in pairs.items()])}."
            )
    left = conflicts[nothing_kept]
    for rule, rows in left.groupby("rule", sort=True):
        what = "grade" if rows["field"].eq("grade").all() else "value"
        parts.append(
            f"Left out: {_plural(len(rows), what)} from "
            f"{_and(sorted(set(kinds(rows['other_source']))))} ({rule})."
        )
    return Prose(
        f"{_plural(len(conflicts), 'disagreement')} on "
        f"{_plural(conflicts['inspection_id'].nunique(), 'inspection')} of "
        f"{_plural(conflicts['la_name'].nunique(), 'authority', 'authorities')}. " + " ".join(parts)
    )


def quarter_series(
    judgements: pd.DataFrame, end: object, area: str = "overall"
) -> list[pd.Timestamp]:
    """Quarter ends from the first one on or after the first judgement in ``area`` to ``end``
    (or just ``end`` when no judgement in ``area`` was made by then): the dates of a national
    picture series, so it starts where the data does, whatever the area and date.

    >>> quarter_series(j, "2014-12-31")  # the first overall judgement: November 2013
    [Timestamp('2013-12-31 00:00:00'), Timestamp('2014-03-31 00:00:00'), ...,
     Timestamp('2014-12-31 00:00:00')]
    """
    when = analysis.to_timestamp(end)
    rows = analysis.with_date(analysis.area_rows(judgements, area))
    if rows.empty or rows["date"].min() > when:
        return [when]
    return analysis.quarter_ends(rows["date"].min(), when) or [when]


def coverage_text(
    judgements: pd.DataFrame, area: str = "overall", picture: pd.DataFrame | None = None
) -> Prose:
    """Where national shares in ``area`` rest on few authorities: when the first judgement was
    made (and under which framework), how many authorities had one at the first date of the
    series, and from when at least half did.

    ``picture``: a :func:`~.analysis.national_picture` table (default: every
    quarter end from the first judgement in ``area`` to the data date).

    >>> picture = analysis.national_picture(j, quarter_series(j, "2016-06-30"))
    >>> print(coverage_text(j, "overall", picture=picture))
    The first overall effectiveness judgement in the data is from SIF (November 2013). At 31
    December 2013, 0 authorities had one; fewer than half did until March 2016.
    """
    rows = analysis.in_time_order(analysis.with_date(analysis.area_rows(judgements, area)))
    if rows.empty:
        return Prose(f"No {_area_word(area)} judgement is in the data.")
    first = rows.iloc[0]
    if picture is None:
        picture = analysis.national_picture(
            judgements, quarter_series(judgements, data_date(judgements), area), area=area
        )
    per = picture.drop_duplicates("date").set_index("date")[["n_judged", "n_not_judged"]]
    half = per["n_judged"] >= (per["n_judged"] + per["n_not_judged"]) / 2
    label = _area_word(area)
    text = (
        f"The first {label} judgement in the data is from "
        f"{FRAMEWORK_SHORT.get(first['framework'], first['framework'])} "
        f"({first['date']:%B %Y}). At {long_date(per.index[0])}, "
        f"{_plural(int(per['n_judged'].iloc[0]), 'authority', 'authorities')} had one"
    )
    if half.all():
        return Prose(text + ", at least half of all authorities, as at every later date.")
    if not half.any():
        return Prose(text + f"; fewer than half had one at every date to {per.index[-1]:%B %Y}.")
    reached = half[half].index[0]
    return Prose(text + f"; fewer than half did until {reached:%B %Y}.")


def region_sizes_text(by_region: pd.DataFrame) -> Prose:
    """How small regions are: fewest and most authorities, and how far one inspection moves a
    region's share. ``by_region``: :func:`~.analysis.compare_region`.

    >>> print(region_sizes_text(analysis.compare_region(j, "2024-03-31")))
    Regions hold 10 (East Midlands) to 33 (London) authorities, so one inspection moves a
    region's share by 3 to 10 points.
    """
    reg = by_region[by_region["region"] != "England"]
    size = (reg["n_judged"] + reg["n_not_judged"]).astype(int)
    small, big = reg.loc[size.idxmin(), "region"], reg.loc[size.idxmax(), "region"]
    judged = reg["n_judged"][reg["n_judged"] > 0].astype(int)
    moves = ""
    if len(judged):
        moves = (
            f", so one inspection moves a region's share by "
            f"{100 / judged.max():.0f} to {100 / judged.min():.0f} points"
        )
    return Prose(f"Regions hold {size.min()} ({small}) to {size.max()} ({big}) authorities{moves}.")


def trajectory_text(
    judgements: pd.DataFrame,
    authority: str,
    area: str | list[str] | None = None,
    include_predecessors: bool = False,
) -> Prose:
    """An authority's graded inspections in words: for each area, its grades in time order
    with the years they were given (runs of the same grade together).

    >>> print(trajectory_text(j, "City of London", "overall"))
    **City of London**: 3 graded inspections, 2016 to 2024. Overall: Good (2016); Outstanding
    (2020, 2024).
    """
    a = analysis.resolve_authority(authority)
    areas = [area] if isinstance(area, str) else list(area or AREAS)
    tr = analysis.trajectory(
        judgements, a.la_code, area=areas, include_predecessors=include_predecessors
    )
    head = f"**{a.la_name}**"
    if tr.empty:
        return Prose(f"{head}: no graded inspection in {_and([_area_word(x) for x in areas])}.")
    years = tr["date"].dt.year
    parts = [
        f"{head}: {_plural(tr['inspection_id'].nunique(), 'graded inspection')}, "
        f"{years.min()} to {years.max()}."
    ]
    for x in areas:
        rows = tr[tr["area"] == x]
        if rows.empty:
            parts.append(f"{AREA_COLUMNS[x]}: never judged.")
            continue
        runs: list[list] = []
        for grade, year in zip(rows["grade"].astype(str), rows["date"].dt.year, strict=True):
            if runs and runs[-1][0] == grade:
                runs[-1][1].append(year)
            else:
                runs.append([grade, [year]])
        words = "; ".join(f"{g} ({', '.join(str(y) for y in ys)})" for g, ys in runs)
        parts.append(f"{AREA_COLUMNS[x]}: {words}.")
    return Prose(" ".join(parts))


def overall_gap_text(judgements: pd.DataFrame, date: object = None) -> Prose:
    """How many authorities' latest inspection by ``date`` (default: the data date) gave no
    overall effectiveness grade, so their overall grade in snapshots is older.

    >>> print(overall_gap_text(j))
    At 20 August 2026, 11 authorities' latest inspection (ILACS 2026) gave no overall
    effectiveness grade, so the overall grade snapshots use for them comes from an inspection
    3.3 to 4.1 years older.
    """
    when = data_date(judgements) if date is None else analysis.to_timestamp(date)
    stale = overall_staleness(judgements, when)
    if stale.empty:
        return Prose(
            f"At {long_date(when)} every authority's latest inspection gave an overall "
            "effectiveness grade."
        )
    return Prose(
        f"At {long_date(when)}, {_plural(len(stale), 'authority', 'authorities')}' "
        f"latest inspection ({_frameworks(_fw(stale['latest_framework']))}) gave no "
        "overall effectiveness grade, so the overall grade snapshots use for them "
        f"comes from an inspection {stale['years_old'].min():.1f} to "
        f"{stale['years_old'].max():.1f} years older."
    )


def _fw(short: pd.Series) -> list[str]:
    back = {v: k for k, v in FRAMEWORK_SHORT.items()}
    return [back.get(s, s) for s in short]


def caveats_text(
    judgements: pd.DataFrame, events: pd.DataFrame, observations: pd.DataFrame
) -> Prose:
    """The caveats to carry into every analysis, each computed from the data: dates, the end
    of overall effectiveness, early national shares, unofficial newest judgements, visits.

    >>> from ofsted_analysis.storage.store import load_observations
    >>> print(caveats_text(j, ev, load_observations()))
    * **Dates.** Fieldwork dates are known for all ILACS and ILACS 2026 inspections ...
    * **Overall effectiveness.** ...
    * **Early national shares rest on few authorities.** ...
    * **Newest judgements.** ...
    * **Visits.** ...
    """
    items = [
        f"**Dates.** {dates_text(judgements)}",
        f"**Overall effectiveness.** {areas_text(judgements)} {overall_gap_text(judgements)}",
        f"**Early national shares rest on few authorities.** {coverage_text(judgements)}",
        f"**Newest judgements.** {data_date_text(observations, judgements)}",
        f"**Visits.** {visits_text(events)}",
    ]
    return Prose("\n".join(f"* {i}" for i in items))
