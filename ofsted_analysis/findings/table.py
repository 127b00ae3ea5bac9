"""The ``findings`` table: one row per point an inspection report asks to improve.

Columns: ``la_code``, ``la_name``, ``inspection_id`` (joins ``judgements.inspection_id``: the
id of the merged inspection the report belongs to), ``framework``, ``published``, ``kind``
(``improve``, ``priority_action``, ``recommendation``), ``position`` (1, 2, ... in the
report's order), ``number`` (the number the report prints, SIF), ``group`` (the sub-heading,
if any), ``text`` (verbatim), ``source`` (``file:pPAGE``), ``file``, ``page``, ``file_hash``.
:func:`load_findings` adds ``themes`` from the current taxonomy
(:mod:`ofsted_analysis.findings.themes`), so editing the taxonomy needs no rebuild.

Leeds' four reports with points to improve, beside each inspection's overall grade:

>>> import ofsted_analysis as oa
>>> f = oa.load_findings(themes=False)  # themes=True (the default) adds the themes: slower
>>> j = oa.load()
>>> both = f.merge(j[j.area == "overall"][["inspection_id", "grade"]], on="inspection_id")
>>> both[both.la_name == "Leeds"].groupby(["published", "grade"], observed=True).size()
published   grade
2015-03-27  Good           15
2018-12-18  Outstanding     4
2022-05-09  Outstanding     2
2025-08-12  Outstanding     2
dtype: int64
"""

from __future__ import annotations

from ..storage.conform import conform
from ..storage.schema import columns

COLUMNS = list(columns("findings"))  # defined, with types, in schema.py
PROBLEM_COLUMNS = list(columns("finding_problems"))


def findings_table(inspections, events, hashes: dict[str, str] | None = None):
    """The findings of the report inspections read, each with its merged inspection's id.

    ``events`` is the merged events table: its ``sources`` column lists every record of an
    inspection, so a report's record (``file:p1``) names the inspection it was merged into.
    """
    import pandas as pd

    rows = []
    for i in inspections:
        if i.source_kind != "report":
            continue
        for f in i.findings:
            rows.append(
                {
                    "la_code": i.la_code,
                    "framework": i.framework,
                    "published": i.published,
                    "kind": f.kind,
                    "position": f.position,
                    "number": f.number,
                    "group": f.group,
                    "text": f.text,
                    "source": f"{i.where.file}:p{f.page}",
                    "file": i.where.file,
                    "page": f.page,
                    "file_hash": (hashes or {}).get(i.where.file),
                    "record": i.where.ref(),
                }
            )
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "record"])
    return with_ids(frame, events)


def with_ids(frame, events):
    """``frame`` (findings) with ``inspection_id``, ``la_name`` and ``published`` taken from
    the merged inspection each report record belongs to."""

    if "record" not in frame:
        frame = frame.assign(record=frame["file"] + ":p1")
    owner: dict[str, dict] = {}
    for e in events[["inspection_id", "la_name", "published", "sources"]].itertuples():
        for ref in str(e.sources).split("; "):
            owner[ref] = {
                "inspection_id": e.inspection_id,
                "la_name": e.la_name,
                "published": e.published,
            }
    found = [owner.get(r) for r in frame["record"]]
    missing = sorted({r for r, o in zip(frame["record"], found, strict=True) if o is None})
    if missing:
        from ..core.errors import OfstedAnalysisError

        raise OfstedAnalysisError(
            f"findings of {len(missing)} report(s) belong to no merged inspection "
            f"(first: {missing[0]}); expected every report read to be one of the events"
        )
    owners = [o for o in found if o is not None]  # every one: none is missing
    out = frame.assign(
        inspection_id=[o["inspection_id"] for o in owners],
        la_name=[o["la_name"] for o in owners],
        published=[
            o["published"] if o["published"] is not None else p
            for o, p in zip(owners, frame["published"], strict=True)
        ],
    )
    return (
        conform("findings", out.drop(columns="record"))
        .sort_values(["la_name", "published", "inspection_id", "position"])
        .reset_index(drop=True)
    )


def problems_table(inspections):
    """Reports whose list could not be delimited with certainty: file, framework, reason."""
    import pandas as pd

    frame = pd.DataFrame(
        [
            {"file": i.where.file, "framework": i.framework, "problem": i.findings_problem}
            for i in inspections
            if i.source_kind == "report" and i.findings_problem
        ],
        columns=PROBLEM_COLUMNS,
    )
    return conform("finding_problems", frame).sort_values("file").reset_index(drop=True)


def load_findings(path=None, themes: bool = True, area_send: bool = False):
    """The findings table, with ``themes`` from the current taxonomy (``"; "``-joined): the
    points of children's services reports, and with ``area_send`` the area SEND reports'
    too (kinds ``send_improve`` and ``send_priority_action``: :mod:`ofsted_analysis.send`).

    >>> load_findings(themes=False).columns[:3].tolist()
    ['la_code', 'la_name', 'inspection_id']

    With themes (every point against every pattern, a few seconds), as ``f`` in these examples:

    >>> f.columns[-1], f.loc[f.la_name == "Leeds", "themes"].iloc[0]
    ('themes', 'care_planning')
    """
    from ..storage.store import read_table

    frame = read_table("findings", path)
    if not area_send:
        from ..send.findings import SEND_KINDS

        frame = frame[~frame["kind"].isin(SEND_KINDS)].reset_index(drop=True)
    if themes:
        from .themes import tag_findings

        frame = tag_findings(frame)
    return frame


def load_finding_problems(path=None):
    """Reports whose list of points could not be delimited, with the reason."""
    from ..storage.store import read_table

    return read_table("finding_problems", path)


def updated(old_findings, old_problems, found, events):
    """Findings and problems after ``update``: the stored rows of files not read again, and
    those of the files just read (``found``: pipeline.SourcesRead), ids from the new events."""
    import pandas as pd

    from ..pipeline.replace import kept_rows

    def kept(frame):
        return None if frame is None or not len(frame) else kept_rows(frame, found.hashes)

    new = findings_table(found.inspections, events, found.hashes)
    old = kept(old_findings)
    if old is not None and len(old):
        new = pd.concat(
            [with_ids(old.drop(columns="inspection_id"), events), new], ignore_index=True
        )
        new = new.sort_values(["la_name", "published", "inspection_id", "position"]).reset_index(
            drop=True
        )
    problems = problems_table(found.inspections)
    old_p = kept(old_problems)
    if old_p is not None and len(old_p):
        problems = (
            pd.concat([old_p, problems], ignore_index=True)
            .sort_values("file")
            .reset_index(drop=True)
        )
    return new, problems


# --- analysis -------------------------------------------------------------------------------


def _long(findings, taxonomy=None):
    from .themes import long_themes

    return long_themes(findings, taxonomy)


def _overall_grades(judgements):
    """Each inspection's overall grade ('No overall grade' where the framework has none)."""
    overall = judgements[judgements["area"] == "overall"]
    return dict(zip(overall["inspection_id"], overall["grade"].astype(str), strict=True))


def theme_shares(findings, by: str = "year", judgements=None, taxonomy=None):
    """Share of reports in each group that name each theme at least once.

    ``by``: ``"year"`` (year published), ``"grade"`` (the inspection's overall grade; needs
    ``judgements``) or ``"region"``. One row per group x theme: ``reports`` (reports with
    points in the group), ``naming`` (those naming the theme), ``share`` (0-1), ``theme_label``.

    >>> shares = theme_shares(f, by="year")
    >>> shares[shares.theme == "private_fostering"][["year", "reports", "naming"]].tail(3)
         year  reports  naming
    287  2024       39       6
    312  2025       40       2
    337  2026       28       2
    """
    import pandas as pd

    from ..core.authorities import register
    from ..core.errors import InputError
    from .themes import load_taxonomy

    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    frame = findings.copy()
    if by == "year":
        frame["year"] = pd.to_datetime(frame["published"]).dt.year.astype("Int64")
    elif by == "grade":
        if judgements is None:
            raise InputError("judgements", None, "the judgements table, to group by grade")
        frame["grade"] = (
            frame["inspection_id"].map(_overall_grades(judgements)).fillna("No overall grade")
        )
    elif by == "region":
        regions = {a.la_code: a.region for a in register().authorities}
        frame["region"] = frame["la_code"].map(regions)
    else:
        raise InputError("by", by, "one of year, grade, region")
    return _shares_by_column(frame, by, taxonomy)


def authority_findings(findings, authority, taxonomy=None):
    """An authority's points across its inspections, oldest first, with ``recurring``: the
    themes of the point also named in the authority's previous report with points.

    >>> points = authority_findings(f, "Leeds")
    >>> points.groupby("published").size()
    published
    2015-03-27    15
    2018-12-18     4
    2022-05-09     2
    2025-08-12     2
    dtype: int64
    >>> points.loc[points.recurring != "", "recurring"].iloc[0]
    'health'
    """
    from ..core.checks import resolve_authority
    from .themes import tag_findings

    a = resolve_authority(authority)
    own = findings[findings["la_code"] == a.la_code]
    if "themes" not in own:
        own = tag_findings(own, taxonomy)
    own = own.sort_values(["published", "inspection_id", "position"]).reset_index(drop=True)
    earlier: set[str] = set()
    current: set[str] = set()
    last_id = None
    recurring = []
    for row in own.itertuples():
        if row.inspection_id != last_id:
            earlier, current, last_id = (current if last_id else set()), set(), row.inspection_id
        themes = [t for t in row.themes.split("; ") if t]
        recurring.append("; ".join(t for t in themes if t in earlier))
        current.update(themes)
    return own.assign(recurring=recurring)


def themes_by_grade_change(findings, judgements, area: str = "overall", taxonomy=None):
    """Themes named where the grade fell, stayed the same or rose since the authority's
    previous graded inspection in ``area``: one row per direction x theme with ``reports``,
    ``naming`` and ``share``.

    >>> by_change = themes_by_grade_change(f, j)
    >>> by_change.groupby("change")["reports"].first()
    change
    fell     43
    rose    133
    same    108
    Name: reports, dtype: int64
    """
    import numpy as np
    import pandas as pd

    from ..core.grades import GRADES

    rows = judgements[judgements["area"] == area].sort_values(
        ["la_code", "published", "start_date"]
    )
    rank = {g: n for n, g in enumerate(GRADES)}
    now = pd.Series([rank[str(g)] for g in rows["grade"]], index=rows.index, dtype="int64")
    # Each inspection against the authority's one before it (in one pass, not a loop).
    previous = now.groupby(rows["la_code"]).shift()
    has = previous.notna()
    change = np.select([now > previous, now < previous], ["rose", "fell"], "same")
    direction = dict(zip(rows["inspection_id"][has], change[has.to_numpy()], strict=True))
    frame = findings.assign(change=findings["inspection_id"].map(direction)).dropna(
        subset=["change"]
    )
    return _shares_by_column(frame, "change", taxonomy)


def _shares_by_column(frame, column: str, taxonomy=None):
    import pandas as pd

    from .themes import load_taxonomy

    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    reports = frame.groupby(column)["inspection_id"].nunique().rename("reports")
    long = _long(frame, taxonomy)
    naming = long.groupby([column, "theme"])["inspection_id"].nunique().rename("naming")
    # the themes looked for in the kinds of point the frame holds (not SEND's in children's
    # services points)
    kinds = set(frame["kind"]) if "kind" in frame else {None}
    themes = [t.theme for t in taxonomy if any(t.applies_to(k) for k in kinds)]
    index = pd.MultiIndex.from_product([reports.index, themes], names=[column, "theme"])
    out = naming.reindex(index, fill_value=0).reset_index().merge(reports.reset_index(), on=column)
    out["share"] = out["naming"] / out["reports"]
    out["theme_label"] = out["theme"].map({t.theme: t.label for t in taxonomy})
    from ..judgements.prepare import data_date

    out.attrs["data_date"] = data_date(frame)
    return out


def select(findings, years=None, themes=None):
    """The findings published in ``years`` (``(first, last)`` inclusive, or a list of years)
    and carrying any of ``themes`` (ids); ``None`` keeps all.

    >>> pf = select(f, years=(2018, 2026), themes=["private_fostering"])
    >>> len(pf), pf.la_name.nunique()
    (51, 44)
    """
    import pandas as pd

    out = findings
    if years is not None:
        year = pd.to_datetime(out["published"]).dt.year
        if isinstance(years, tuple) and len(years) == 2:
            out = out[year.between(years[0], years[1])]
        else:
            out = out[year.isin(list(years))]
    if themes:
        from .themes import load_taxonomy

        known = [t.theme for t in load_taxonomy()]
        unknown = [t for t in themes if t not in known]
        if unknown:
            from ..core.errors import InputError

            raise InputError("theme", ", ".join(unknown), "one of " + ", ".join(known))
        wanted = set(themes)
        out = out[[bool(wanted & set(str(t).split("; "))) for t in out["themes"]]]
    return out


def describe(findings, problems=None) -> str:
    """A sentence on what the findings table holds, computed from it.

    >>> print(describe(f, load_finding_problems()))
    3619 points to improve from 452 reports (273 ILACS, 11 ILACS 2026, 164 SIF, 4 TLAC)
    published August 2013 to August 2026; 5.6% of the points match no theme. ... 2 report(s)
    read for judgements have no list read (listed below with the reason).
    """
    import pandas as pd

    from .themes import unmatched

    if not len(findings):
        return (
            "No points to improve in these tables: they were built without report PDFs "
            "(or none in the years chosen). Build with the reports folder to read them."
        )
    published = pd.to_datetime(findings["published"])
    by_framework = findings.groupby("framework")["inspection_id"].nunique()
    frameworks = ", ".join(f"{n} {fw.replace('_', ' ').upper()}" for fw, n in by_framework.items())
    _rows, share = unmatched(findings)
    per_report = (findings.groupby("framework").size() / by_framework).sort_values()
    lengths = ", ".join(
        f"{n:.1f}" + (" points" if k == 0 else "") + f" under {fw.replace('_', ' ').upper()}"
        for k, (fw, n) in enumerate(per_report.items())
    )
    text = (
        f"{len(findings)} points to improve from {findings['inspection_id'].nunique()} "
        f"reports ({frameworks}) published {published.min():%B %Y} to "
        f"{published.max():%B %Y}; {share:.1%} of the points match no theme. A report "
        f"lists on average {lengths}, so a theme's share of reports is best "
        "compared between years of one framework."
    )
    if problems is not None and len(problems):
        text += (
            f" {len(problems)} report(s) read for judgements have no list read "
            "(listed below with the reason)."
        )
    return text


def recurring_summary(points) -> str:
    """A sentence on which themes came back in an authority's reports (from
    :func:`authority_findings`), computed from its points.

    >>> print(recurring_summary(authority_findings(f, "Leeds")))
    Leeds: 23 points in 4 report(s); themes named again in the next report: care_planning (3
    points), recording (2 points), health (1 point), ...
    """
    from collections import Counter

    name = points["la_name"].iloc[0]
    reports = points["inspection_id"].nunique()
    again = Counter(t for ts in points["recurring"] for t in ts.split("; ") if t)
    if not again:
        return (
            f"{name}: {len(points)} points in {reports} report(s); no theme was named in "
            "two reports in a row."
        )
    shown = ", ".join(f"{t} ({n} point{'s' if n > 1 else ''})" for t, n in again.most_common())
    return (
        f"{name}: {len(points)} points in {reports} report(s); themes named again in the "
        f"next report: {shown}."
    )


def percent_table(shares, by: str, themes=None, sort: str | None = None, head: int | None = None):
    """``shares`` (:func:`theme_shares`, :func:`themes_by_grade_change`) as a theme x group
    table of whole percentages, for the ``themes`` given (ids; ``None``: all), sorted by the
    column ``sort`` (largest first) when given.

    >>> table = percent_table(theme_shares(f), "year", ["private_fostering"])
    >>> table.loc["Private fostering", [2021, 2025]].tolist()
    [62, 5]
    """
    rows = shares if not themes else shares[shares["theme"].isin(themes)]
    table = rows.pivot(index="theme_label", columns=by, values="share")
    if sort is not None and sort in table:
        table = table.sort_values(sort, ascending=False)
    table = (table * 100).round(0).astype("Int64")
    return table.head(head) if head else table
