"""The ``findings`` table: one row per point an inspection report asks to improve.

Columns: ``la_code``, ``la_name``, ``inspection_id`` (joins ``judgements.inspection_id``: the
id of the merged inspection the report belongs to), ``framework``, ``published``, ``kind``
(``improve``, ``priority_action``, ``recommendation``), ``position`` (1, 2, ... in the
report's order), ``number`` (the number the report prints, SIF), ``group`` (the sub-heading,
if any), ``text`` (verbatim), ``source`` (``file:pPAGE``), ``file``, ``page``, ``file_hash``.
:func:`load_findings` adds ``themes`` from the current taxonomy (:mod:`ofsted_analysis.themes`),
so editing the taxonomy needs no rebuild.

>>> import ofsted_analysis as oa
>>> f = oa.load_findings()  # doctest: +SKIP
>>> f.merge(oa.load(), on="inspection_id").head(1)  # doctest: +SKIP
"""

from __future__ import annotations

COLUMNS = ["la_code", "la_name", "inspection_id", "framework", "published", "kind", "position",
           "number", "group", "text", "source", "file", "page", "file_hash"]
PROBLEM_COLUMNS = ["file", "framework", "problem"]


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
            rows.append({
                "la_code": i.la_code, "framework": i.framework, "published": i.published,
                "kind": f.kind, "position": f.position, "number": f.number, "group": f.group,
                "text": f.text, "source": f"{i.where.file}:p{f.page}", "file": i.where.file,
                "page": f.page, "file_hash": (hashes or {}).get(i.where.file),
                "record": i.where.ref()})
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "record"])
    return with_ids(frame, events)


def with_ids(frame, events):
    """``frame`` (findings) with ``inspection_id``, ``la_name`` and ``published`` taken from
    the merged inspection each report record belongs to."""
    import pandas as pd

    if "record" not in frame:
        frame = frame.assign(record=frame["file"] + ":p1")
    owner: dict[str, dict] = {}
    for e in events[["inspection_id", "la_name", "published", "sources"]].itertuples():
        for ref in str(e.sources).split("; "):
            owner[ref] = {"inspection_id": e.inspection_id, "la_name": e.la_name,
                          "published": e.published}
    found = [owner.get(r) for r in frame["record"]]
    missing = sorted({r for r, o in zip(frame["record"], found, strict=True) if o is None})
    if missing:
        from .errors import OfstedAnalysisError

        raise OfstedAnalysisError(
            f"findings of {len(missing)} report(s) belong to no merged inspection "
            f"(first: {missing[0]}); expected every report read to be one of the events")
    out = frame.assign(
        inspection_id=[o["inspection_id"] for o in found],
        la_name=[o["la_name"] for o in found],
        published=[o["published"] if o["published"] is not None else p
                   for o, p in zip(found, frame["published"], strict=True)])
    out["published"] = pd.to_datetime(out["published"]).astype("datetime64[ns]")
    for col in ("position", "page"):
        out[col] = out[col].astype("int64")
    out["number"] = out["number"].astype("Int64")
    return out[COLUMNS].sort_values(["la_name", "published", "inspection_id", "position"]
                                    ).reset_index(drop=True)


def problems_table(inspections):
    """Reports whose list could not be delimited with certainty: file, framework, reason."""
    import pandas as pd

    return pd.DataFrame(
        [{"file": i.where.file, "framework": i.framework, "problem": i.findings_problem}
         for i in inspections if i.source_kind == "report" and i.findings_problem],
        columns=PROBLEM_COLUMNS).sort_values("file").reset_index(drop=True)


def load_findings(path=None, themes: bool = True):
    """The findings table, with ``themes`` from the current taxonomy (``"; "``-joined).

    >>> f = load_findings()  # doctest: +SKIP
    >>> f.columns[:3].tolist()  # doctest: +SKIP
    ['la_code', 'la_name', 'inspection_id']
    """
    from .store import _read

    frame = _read("findings", path)
    if themes:
        from .themes import tag_findings

        frame = tag_findings(frame)
    return frame


def load_finding_problems(path=None):
    """Reports whose list of points could not be delimited, with the reason."""
    from .store import _read

    return _read("finding_problems", path)


def updated(old_findings, old_problems, found, events):
    """Findings and problems after ``update``: the stored rows of files not read again, and
    those of the files just read (``found``: pipeline.SourcesRead), ids from the new events."""
    import pandas as pd

    replaced_hashes = set(found.hashes.values())

    def kept(frame):
        if frame is None or not len(frame):
            return None
        gone = frame["file"].isin(found.files)
        if "file_hash" in frame:
            gone |= frame["file_hash"].isin(replaced_hashes)
        return frame[~gone]

    new = findings_table(found.inspections, events, found.hashes)
    old = kept(old_findings)
    if old is not None and len(old):
        new = pd.concat([with_ids(old.drop(columns="inspection_id"), events), new],
                        ignore_index=True)
        new = new.sort_values(["la_name", "published", "inspection_id", "position"]
                              ).reset_index(drop=True)
    problems = problems_table(found.inspections)
    old_p = kept(old_problems)
    if old_p is not None and len(old_p):
        problems = pd.concat([old_p, problems], ignore_index=True).sort_values("file"
                                                                              ).reset_index(drop=True)
    return new, problems
