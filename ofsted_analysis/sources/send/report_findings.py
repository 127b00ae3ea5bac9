"""The points an area SEND report asks the local area partnership to act on (stub)."""

from __future__ import annotations

from ..reports.common import Report
from .record import SendFinding


def read_send_findings(report: Report, priority_plan: bool) -> list[SendFinding]:
    return []
