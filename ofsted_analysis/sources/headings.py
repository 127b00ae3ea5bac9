"""A release table's heading row, read into what each column means.

Each heading is read through the vocabulary
(:func:`~ofsted_analysis.core.frameworks.classify_heading`). Two layouts name a column's
inspection outside its own heading:

* a heading without a framework word (the 2023 release's "LSCB Overall Effectiveness") belongs
  to the group of the column before it, as a reader of the sheet would take it;
* group names in the row above, one per group (merged cells, as earlier releases laid out
  "First ILACS" over "Overall effectiveness | Impact of leaders | ..."): each judgement or date
  heading that names no framework itself takes the name at or before its column. This is read
  only when the heading row alone names one inspection's judgement or date twice and the names
  above tell the columns apart.

Two columns that still read as the same judgement or date of one inspection are refused
(:func:`repeated`), never read one over the other.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.frameworks import Heading, classify_heading
from .workbook import is_blank


def table_headings(rows: list[list[object]], at: int) -> list[Heading]:
    """What each column of the heading row ``rows[at]`` means.

    >>> above = ["", "First ILACS", "", "Second ILACS", ""]
    >>> row = ["LA name", *["Publication date", "Overall effectiveness"] * 2]
    >>> [h.group[2] for h in table_headings([above, row], 1)]  # the ordinal: first, second
    [None, 1, 1, 2, 2]
    """
    own = [classify_heading(c) for c in rows[at]]
    headings = _inherit(own)
    if at > 0 and repeated(headings):
        titled = _inherit(_titled(rows[at - 1], rows[at], own))
        if any(h.framework or h.ordinal for h in titled) and not repeated(titled):
            return titled
    return headings


def repeated(headings: list[Heading]) -> tuple[int, int] | None:
    """The first two columns read as the same judgement or date of one inspection, if any."""
    seen: dict[tuple, int] = {}
    for k, h in enumerate(headings):
        if h.kind in ("judgement", "field"):
            key = (h.group, h.kind, h.name)
            if key in seen:
                return seen[key], k
            seen[key] = k
    return None


def _titled(above: list[object], row: list[object], headings: list[Heading]) -> list[Heading]:
    out, title = [], ""
    for k, h in enumerate(headings):
        if k < len(above) and not is_blank(above[k]):
            title = str(above[k]).strip()
        if h.kind in ("judgement", "field") and h.framework is None and title:
            out.append(classify_heading(f"{title} {row[k]}"))
        else:
            out.append(h)
    return out


def _inherit(headings: list[Heading]) -> list[Heading]:
    """Headings without a framework word take the group of the column before them."""
    if not any(h.framework for h in headings):
        return headings
    out, previous = [], None
    for h in headings:
        if h.kind in ("judgement", "field") and h.framework is None and previous:
            h = replace(
                h,
                framework=previous.framework,
                event=previous.event,
                ordinal=previous.ordinal,
                subgroup=previous.subgroup,
            )
        if h.framework:
            previous = h
        out.append(h)
    return out
