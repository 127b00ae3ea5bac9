"""A point a report asks an authority or area to act on, as read: the one record both report
readers produce (children's services reports, :mod:`.reports.findings`; area SEND reports,
:mod:`.send.report_findings`), one row of the ``findings`` table to be. Kept apart from the
readers so that a module needing only the record loads no PDF library.

>>> Finding("improve", 1, "The quality of supervision.", 3).page
3
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One point a report asks the authority (or area) to act on.

    ``kind``: for children's services reports ``improve`` (ILACS "What needs to improve", SIF
    "Areas for improvement"), ``priority_action`` (SIF "Priority and immediate action") or
    ``recommendation`` (SIF "Recommendations"); for area SEND reports ``send_improve`` (areas
    for improvement) or ``send_priority_action`` (areas for priority action). ``position``
    counts from 1 in the report's order; ``page`` is 1-based; ``number`` is the number the
    report prints beside the point, if any; ``group`` the sub-heading the point sits under
    (for a SEND priority action, the responsible body), if any.
    """

    kind: str
    position: int
    text: str
    page: int
    number: int | None = None
    group: str | None = None
