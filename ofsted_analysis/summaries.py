"""Readable summary tables for the notebooks and briefings, built on :mod:`.analysis`.

The notebooks in ``notebooks/`` hold narrative and calls; any table they show that takes more
than one call to make is made here, so the notebooks never copy logic between each other and
the same table can be used from a script.

>>> import ofsted_analysis as oa
>>> from ofsted_analysis import summaries
>>> j, ev = oa.load(), oa.load_events()               # doctest: +SKIP
>>> print(summaries.describe(j, ev))                   # doctest: +SKIP
>>> summaries.inspection_table(j, "Leeds", events=ev)  # doctest: +SKIP
"""

from __future__ import annotations

import posixpath

import pandas as pd

from . import analysis
from .frameworks import AREAS, FRAMEWORKS, UNGRADED_EVENTS
from .grades import GRADES, grade_dtype
from .records import SOURCE_RANK

SOURCE_KINDS = {
    "official": "Ofsted official release",
    "scrape": "Data to Insight scrape",
    "curated": "Curated record (data/curated)",
    "report": "Inspection report PDF",
}
# Short column headings for areas in wide tables.
AREA_COLUMNS = {
    "overall": "Overall", "leadership": "Leadership", "help_and_protection": "Help & protection",
    "children_in_care": "Children in care", "care_leavers": "Care leavers",
    "adoption": "Adoption", "lscb": "LSCB",
}
FRAMEWORK_SHORT = {"slac": "SLAC", "child_protection": "CPI", "tlac": "TLAC", "sif": "SIF",
                   "ilacs": "ILACS", "ilacs_2026": "ILACS 2026"}


def _day(when) -> str:
    return "" if pd.isna(when) else f"{pd.Timestamp(when):%-d %b %Y}"


def _file(source: object) -> str:
    """The file part of a ``source`` reference (``file:sheet:row:column``)."""
    return "" if pd.isna(source) else str(source).split(":", 1)[0]


# --- what the data holds ---------------------------------------------------------------------

def data_date(judgements: pd.DataFrame) -> pd.Timestamp:
    """The date the data runs to: the latest report publication date in the table."""
    return pd.to_datetime(judgements["published"]).max().normalize()


def describe(judgements: pd.DataFrame, events: pd.DataFrame | None = None) -> str:
    """One sentence saying what the tables hold and how recent they are (for a notebook's top).

    >>> print(describe(j, ev))  # doctest: +SKIP
    2,999 judgements from 728 graded inspections of 158 authorities (and 120 ungraded visits);
    reports published 7 August 2009 to 20 August 2026.
    """
    n_insp = judgements["inspection_id"].nunique()
    n_la = judgements["la_code"].nunique()
    visits = ""
    if events is not None:
        n_vis = int(events["event"].isin(UNGRADED_EVENTS).sum())
        visits = f" (and {n_vis:,} ungraded visits)"
    first = pd.to_datetime(judgements["published"]).min()
    return (f"{len(judgements):,} judgements from {n_insp:,} graded inspections of {n_la} "
            f"authorities{visits}; reports published {first:%-d %B %Y} to "
            f"{data_date(judgements):%-d %B %Y}.")


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

    >>> summaries.sources(observations, judgements)  # doctest: +SKIP
    """
    reports = observations["source_kind"] == "report"
    row_of = {f: f for f in observations["file"].unique()}
    if reports.any():
        folder = _report_folder(observations.loc[reports, "file"].drop_duplicates())
        row_of.update({f: f"{folder}/ (report PDFs)" if f != folder else f
                       for f in observations.loc[reports, "file"].unique()})
    obs = observations.assign(
        _insp=observations["file"] + "#" + observations["record"].astype(str),
        _row=observations["file"].map(row_of))
    g = obs.groupby("_row", sort=False)
    out = pd.DataFrame({
        "kind": g["source_kind"].first().map(SOURCE_KINDS).fillna(g["source_kind"].first()),
        "files": g["file"].nunique(),
        "tables": g["sheet"].nunique().clip(lower=1),
        "inspections": g["_insp"].nunique(),
        "values": g["grade"].count(),
        "frameworks": g["framework"].agg(
            lambda s: ", ".join(FRAMEWORK_SHORT.get(f, f) for f in FRAMEWORKS if f in set(s))),
        "first": g["published"].min().dt.strftime("%Y-%m-%d"),
        "last": g["published"].max().dt.strftime("%Y-%m-%d"),
    })
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
    table = pd.crosstab(rows["date"].dt.year.rename("year"),
                        rows["framework"].map(FRAMEWORK_SHORT).rename("framework"))
    cols = [FRAMEWORK_SHORT[f] for f in FRAMEWORKS if FRAMEWORK_SHORT[f] in table.columns]
    table = table[cols]
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table


def judgements_by_area(judgements: pd.DataFrame) -> pd.DataFrame:
    """Number of judgements in each harmonised area under each framework."""
    table = pd.crosstab(judgements["area"].rename("area"),
                        judgements["framework"].map(FRAMEWORK_SHORT).rename("framework"))
    cols = [FRAMEWORK_SHORT[f] for f in FRAMEWORKS if FRAMEWORK_SHORT[f] in table.columns]
    table = table.reindex(index=[a for a in AREAS if a in table.index], columns=cols)
    table.columns.name = None
    return table


def visits_by_year(events: pd.DataFrame) -> pd.DataFrame:
    """Ungraded focused and monitoring visits by year (fieldwork start, else publication)."""
    ev = analysis.with_date(events[events["event"].isin(UNGRADED_EVENTS)])
    table = pd.crosstab(ev["date"].dt.year.rename("year"),
                        ev["event"].str.replace("_", " ").rename("visit"))
    table.columns.name = None
    return table


def authorities_summary() -> pd.DataFrame:
    """Authorities in the register: how many current and former, by region."""
    from .authorities import register

    rows = [{"region": a.region, "status": "current" if a.current else "former"}
            for a in register().authorities]
    table = pd.crosstab(pd.DataFrame(rows)["region"], pd.DataFrame(rows)["status"])
    table = table.reindex(columns=["current", "former"], fill_value=0)
    table.loc["England"] = table.sum()
    table.columns.name = None
    return table


def reorganisations(judgements: pd.DataFrame) -> pd.DataFrame:
    """Authorities created by a reorganisation: when, which authorities they replaced, and
    their first overall effectiveness judgement of their own (a predecessor's grade is never
    carried over, so a new authority has none until it is inspected)."""
    from .authorities import register

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
            row.update(first_overall=str(r["grade"]),
                       first_overall_date=f"{r['date']:%Y-%m-%d}")
        rows.append(row)
    return pd.DataFrame(rows).sort_values(["from", "authority"], kind="mergesort",
                                          ignore_index=True)


def conflicts_table(conflicts: pd.DataFrame, judgements: pd.DataFrame) -> pd.DataFrame:
    """Each disagreement between sources, readable: whose inspection, which judgement (or,
    for a date the sources disagree on, which date), the value kept (and the file it came
    from), the other value (and its file) and the rule used.
    """
    ev = judgements.drop_duplicates("inspection_id").set_index("inspection_id")
    dates = {"start_date": "date: fieldwork start", "end_date": "date: fieldwork end",
             "published": "date: publication"}
    what = conflicts["area"].map(AREA_COLUMNS).fillna(conflicts["field"].map(dates))
    out = pd.DataFrame({
        "authority": conflicts["la_name"],
        "published": conflicts["inspection_id"].map(ev["published"]).dt.strftime("%Y-%m-%d"),
        "framework": conflicts["inspection_id"].map(ev["framework"]).map(FRAMEWORK_SHORT),
        "area": what,
        "kept": conflicts["kept_value"].astype(str),
        "kept_from": conflicts["kept_source"].map(_file),
        "other": conflicts["other_value"].astype(str),
        "other_from": conflicts["other_source"].map(_file),
        "rule": conflicts["rule"],
    })
    return out.sort_values(["published", "authority", "area", "other_from"],
                           kind="mergesort", ignore_index=True)


# --- one authority ---------------------------------------------------------------------------

def inspection_table(judgements: pd.DataFrame, authority: str,
                     events: pd.DataFrame | None = None,
                     include_predecessors: bool = False) -> pd.DataFrame:
    """An authority's inspections, one row each, with the grade in each area as a column.

    Columns: date (fieldwork start, else publication), published, framework, event, one column
    per area judged (``Overall``, ``Leadership``, ...; blank where the inspection made no
    judgement in it) and, with ``events``, ungraded visits as rows with their ``theme``.
    """
    tr = analysis.trajectory(judgements, authority, events=events,
                             include_predecessors=include_predecessors)
    graded = tr[~tr["ungraded"].astype(bool)]
    keys = ["inspection_id", "la_name", "date", "published", "framework", "event"]
    base = tr.drop_duplicates("inspection_id")[keys + ["theme"]].set_index("inspection_id")
    wide = graded.pivot_table(index="inspection_id", columns="area", values="grade",
                              aggfunc="first", observed=True)
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
    """A :func:`~ofsted_analysis.analysis.national_picture` table, one row per date: the
    percentage at each grade (Outstanding first), good or outstanding, and the number of
    authorities judged and not yet judged. ``months`` keeps only dates in those months
    (e.g. ``(3,)`` for each 31 March)."""
    pic = picture if months is None else picture[picture["date"].dt.month.isin(months)]
    keys = [c for c in ("date", "region") if c in pic]
    wide = pic.pivot_table(index=keys, columns="grade", values="share", observed=False,
                           aggfunc="first").reindex(columns=list(GRADES)) * 100
    wide.columns = [str(c) for c in wide.columns]
    out = wide[list(reversed(GRADES))].round(1)
    out["Good or outstanding"] = (wide["Good"] + wide["Outstanding"]).round(1)
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
    known = rows[(rows["date"] <= when)
                 & (rows["published"].isna() | (rows["published"] <= when))]
    latest = known.drop_duplicates("la_code", keep="last").set_index("la_code")
    snap = analysis.as_at(judgements, when, area="overall").set_index("la_code")
    both = latest.join(snap[["grade", "inspection_id", "date", "framework"]], rsuffix="_overall",
                       how="inner")
    stale = both[both["inspection_id"] != both["inspection_id_overall"]]
    out = pd.DataFrame({
        "la_name": stale["la_name"],
        "region": stale["region"],
        "latest": stale["date"].dt.strftime("%Y-%m-%d"),
        "latest_framework": stale["framework"].map(FRAMEWORK_SHORT),
        "overall": stale["grade_overall"].astype(str).replace("nan", ""),
        "overall_from": stale["date_overall"].dt.strftime("%Y-%m-%d").fillna(""),
        "overall_framework": stale["framework_overall"].map(FRAMEWORK_SHORT).fillna(""),
        "years_old": ((when - stale["date_overall"]).dt.days / 365.25).round(1),
    })
    return out.sort_values("la_name", kind="mergesort", ignore_index=True)


# --- comparisons -----------------------------------------------------------------------------

def judgements_known_at(judgements: pd.DataFrame, date: object) -> pd.DataFrame:
    """The judgements table as it stood at ``date``: inspections done by then whose reports
    were published by then (same rule as :func:`~ofsted_analysis.analysis.as_at`). Use it to
    draw charts "as at" a past date."""
    when = analysis.to_timestamp(date)
    start = pd.to_datetime(judgements["start_date"])
    published = pd.to_datetime(judgements["published"])
    done = start.fillna(published) <= when
    return judgements[done & (published.isna() | (published <= when))]


def benchmark(judgements: pd.DataFrame, authority: str, date: object, area: str = "overall",
              published_by: object = None) -> pd.DataFrame:
    """An authority's grade beside its statistical neighbours, its region and England.

    One row each for the authority, its ten DfE statistical neighbours, its region and
    England: authorities with a judgement, the number at each grade (Outstanding first) and
    the share good or outstanding (%).
    """
    a = analysis.resolve_authority(authority)
    nb = analysis.compare_neighbours(judgements, a.la_code, date, area=area,
                                     published_by=published_by)
    reg = analysis.compare_region(judgements, date, area=area, published_by=published_by)
    grades = list(reversed(GRADES))

    def row(label: str, graded: pd.Series) -> dict:
        graded = graded.dropna().astype(str)
        counts = {g: int((graded == g).sum()) for g in grades}
        n = len(graded)
        good = 100 * (counts["Good"] + counts["Outstanding"]) / n if n else float("nan")
        return {"group": label, "judged": n, **counts, "Good or outstanding %": round(good, 1)}

    me = nb[nb["role"] == "authority"]["grade"]
    rows = [row(a.la_name, me),
            row("Statistical neighbours (10)", nb[nb["role"] == "neighbour"]["grade"])]
    for label in (a.region, "England"):
        r = reg[reg["region"] == label].iloc[0]
        n = int(r["n_judged"])
        rows.append({"group": label if label == "England" else f"{label} (region)",
                     "judged": n, **{g: int(r[g]) for g in grades},
                     "Good or outstanding %": round(100 * float(r["good_or_better"]), 1)})
    return pd.DataFrame(rows)


def neighbour_table(judgements: pd.DataFrame, authority: str, date: object,
                    area: str = "overall", published_by: object = None) -> pd.DataFrame:
    """:func:`~ofsted_analysis.analysis.compare_neighbours`, readable: rank, name, closeness,
    grade, the inspection it came from (framework, event, date) and region."""
    nb = analysis.compare_neighbours(judgements, authority, date, area=area,
                                     published_by=published_by)
    out = pd.DataFrame({
        "rank": nb["neighbour_rank"],
        "authority": nb["la_name"],
        "closeness": nb["closeness"].fillna(""),
        "grade": nb["grade"].astype(str).where(nb["grade"].notna(), ""),
        "framework": nb["framework"].map(FRAMEWORK_SHORT).fillna(""),
        "event": nb["event"].fillna("").str.replace("_", " "),
        "inspected": nb["date"].dt.strftime("%Y-%m-%d").fillna(""),
        "region": nb["region"].fillna(""),
    })
    out.loc[~nb["exists"], "grade"] = "(did not exist)"
    return out


# --- improvement journeys --------------------------------------------------------------------

def journey_summary(journeys: pd.DataFrame) -> pd.DataFrame:
    """Summary of :func:`~ofsted_analysis.analysis.journeys` by the framework of the
    Inadequate judgement: spells, how many reached Good or better, how many are still open,
    and the median and quartile years it took those that did."""
    jr = journeys.assign(years=journeys["days"].astype("float") / 365.25,
                         era=journeys["inadequate_framework"].map(FRAMEWORK_SHORT))
    parts = [("All", jr)] + [(e, g) for e, g in jr.groupby("era", sort=False)]
    rows = []
    for label, g in parts:
        done = g.loc[g["recovered"], "years"]
        rows.append({
            "inadequate under": label, "spells": len(g), "reached good+": int(g["recovered"].sum()),
            "still open": int((g["status"] == "open").sum()),
            "ended by abolition": int((g["status"] == analysis.JOURNEY_STATUS[2]).sum()),
            "median years": round(done.median(), 1) if len(done) else float("nan"),
            "quartiles": (f"{done.quantile(0.25):.1f}-{done.quantile(0.75):.1f}"
                          if len(done) else ""),
        })
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
    out = pd.DataFrame({
        "inspections": g.size(),
        "with fieldwork dates": g["start_date"].count(),
        "with publication date": g["published"].count(),
        "first published": g["published"].min().dt.strftime("%Y-%m-%d"),
        "last published": g["published"].max().dt.strftime("%Y-%m-%d"),
    })
    out = out.reindex([f for f in FRAMEWORKS if f in out.index])
    out.index = out.index.map(FRAMEWORK_SHORT)
    return out.rename_axis("framework")


def good_or_better_table(picture: pd.DataFrame, months: tuple[int, ...] | None = None
                         ) -> pd.DataFrame:
    """Share good or outstanding (%) from a ``national_picture(..., by="region")`` table: one
    row per date, one column per region. ``months`` keeps only dates in those months."""
    pic = picture if months is None else picture[picture["date"].dt.month.isin(months)]
    good = pic[pic["grade"].astype(str).isin(["Good", "Outstanding"])]
    wide = good.pivot_table(index="date", columns="region", values="share", aggfunc="sum")
    wide = (wide * 100).round(1)
    wide.index = wide.index.strftime("%Y-%m-%d")
    wide.columns.name = None
    return wide


def transition_summary(transitions: analysis.Transitions) -> pd.DataFrame:
    """Pairs of consecutive inspections by the frameworks at either end: how many improved,
    stayed the same and declined."""
    p = transitions.pairs
    key = (p["framework_from"].map(FRAMEWORK_SHORT) + " to "
           + p["framework_to"].map(FRAMEWORK_SHORT)).rename("inspections")
    table = pd.crosstab(key, p["change"].astype(str)).reindex(
        columns=["improved", "stayed", "declined"], fill_value=0)
    table["pairs"] = table.sum(axis=1)
    table.columns.name = None
    return table


def journey_table(journeys: pd.DataFrame, recovered: bool = True,
                  as_at: object = None) -> pd.DataFrame:
    """:func:`~ofsted_analysis.analysis.journeys`, readable. ``recovered=True``: spells that
    reached Good or better, with the years it took; ``False``: spells that did not, with their
    ``status`` (open, or ended because the authority was abolished) and the years from the
    Inadequate judgement to ``as_at`` (default: the data date, ``journeys.attrs["data_date"]``)
    or to the abolition."""
    jr = journeys[journeys["recovered"] == recovered]
    out = pd.DataFrame({
        "authority": jr["la_name"],
        "region": jr["region"],
        "inadequate": jr["inadequate_date"].dt.strftime("%Y-%m-%d"),
    })
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
            ~ended, "ended: abolished " + jr["end_date"].dt.strftime("%-d %b %Y"))
        out["years"] = ((until - jr["inadequate_date"]).dt.days / 365.25).round(1)
    out["route"] = jr["route"].str.replace("Requires improvement", "RI")
    return out.reset_index(drop=True)
