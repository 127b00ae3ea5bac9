"""Area SEND reports' points in the ``findings`` table, as their own kinds: ``send_improve``
(areas for improvement) and ``send_priority_action`` (areas for priority action, with the
responsible body as ``group``). Their ``inspection_id`` is the ``area_send`` row the report was
merged into; ``oa.load_findings(area_send=True)`` includes them (by default the findings are
the children's services reports' only, as the analyses of those expect).

>>> import ofsted_analysis as oa
>>> f = oa.load_findings(themes=False, area_send=True)
>>> f[f.kind.isin(SEND_KINDS)].groupby("kind").size().index.tolist()
['send_improve', 'send_priority_action']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..sources.send.report_findings import IMPROVE, PRIORITY

if TYPE_CHECKING:
    import pandas as pd

    from ..sources.send.record import SendRecord

#: The kinds of point an area SEND report gives.
SEND_KINDS = (IMPROVE, PRIORITY)
_ORDER = ["la_name", "published", "inspection_id", "position"]


def points_of(records: list[SendRecord], hashes: dict[str, str]) -> pd.DataFrame:
    """The points of the reports read (``hashes``: each file's content hash), one row each,
    with the report's record (``file:p1``) in ``record`` in place of the inspection they
    belong to (:func:`with_send_ids`)."""
    import pandas as pd

    from ..storage.schema import columns

    rows = [
        {
            "la_code": r.la_code,
            "framework": r.framework,
            "published": r.published,
            "kind": p.kind,
            "position": p.position,
            "number": p.number,
            "group": p.group,
            "text": p.text,
            "source": f"{r.file}:p{p.page}",
            "file": r.file,
            "page": p.page,
            "file_hash": hashes[r.file],
            "record": f"{r.file}:p1",
        }
        for r in records
        for p in r.findings
    ]
    names = [c for c in columns("findings") if c not in ("inspection_id", "la_name")]
    return pd.DataFrame(rows, columns=[*names, "record"])


def with_send_ids(points: pd.DataFrame, owners: dict[str, str], area_send: pd.DataFrame):
    """``points`` (:func:`points_of`) as ``findings`` rows: each with the ``area_send``
    inspection its report was merged into (``owners``: record -> inspection id)."""
    from ..storage.conform import conform

    ids = points["record"].map(owners)
    if ids.isna().any():
        from ..core.errors import OfstedAnalysisError

        raise OfstedAnalysisError(
            f"points of {points.loc[ids.isna(), 'record'].iloc[0]} belong to no area SEND "
            "inspection; expected every report read to be one"
        )
    inspections = area_send.set_index("inspection_id")
    out = points.assign(
        inspection_id=ids,
        la_name=ids.map(inspections["la_name"]),
        published=ids.map(inspections["published"]).fillna(points["published"]),
    ).drop(columns="record")
    return conform("findings", out).sort_values(_ORDER, ignore_index=True)


def combined(findings: pd.DataFrame, send: pd.DataFrame) -> pd.DataFrame:
    """The children's services findings and the area SEND points in one ``findings`` table."""
    import pandas as pd

    parts = [f for f in (findings, send) if len(f)]
    if len(parts) < 2:
        return parts[0] if parts else findings
    return pd.concat(parts, ignore_index=True).sort_values(_ORDER, ignore_index=True)
