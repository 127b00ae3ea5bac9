"""What the data holds: which files the tables were built from and what each covers, how many
inspections by framework and year, the authorities named, reorganisations, where sources
disagreed, and how complete the dates are (notebook 01).

>>> import ofsted_analysis as oa
>>> j, ev = oa.load(), oa.load_events()
>>> print(describe(j, ev))
2,998 judgements from 714 graded inspections of 158 authorities (and 124 ungraded visits);
reports published 7 August 2009 to 20 August 2026.
"""

from __future__ import annotations

import posixpath

import pandas as pd

from ..core.dates import long_date
from ..core.frameworks import AREA_COLUMNS, AREAS, FRAMEWORK_SHORT, FRAMEWORKS, UNGRADED_EVENTS
from ..core.words import file_of
from ..pipeline.records import SOURCE_RANK
from .prepare import area_rows, with_date

SOURCE_KINDS = {
    "official": "Ofsted official release",
    "scrape": "Data to Insight scrape",
    "curated": "Curated record (data/curated)",
    "report": "Inspection report PDF",
}


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
    kept = judgements["source"].map(file_of).map(row_of).value_counts()
    listed = judgements["sources"].fillna("").str.split(";").explode().str.strip().map(file_of)
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
    rows = with_date(judgements).drop_duplicates("inspection_id")
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
    ev = with_date(events[events["event"].isin(UNGRADED_EVENTS)])
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
    overall = area_rows(judgements, "overall").drop_duplicates("la_code")
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
            "kept_from": conflicts["kept_source"].map(file_of),
            "other": conflicts["other_value"].astype(str),
            "other_from": conflicts["other_source"].map(file_of),
            "rule": conflicts["rule"],
        }
    )
    return out.sort_values(
        ["published", "authority", "area", "other_from"], kind="mergesort", ignore_index=True
    )


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
