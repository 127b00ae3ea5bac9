"""An area's SEND inspections on a trajectory chart: a lane of their own below the grades and
the visits, behind a rule, named "Area SEND (not a grade)" on the y axis, with its own marker
shapes (in one neutral colour, none of the grade colours) and a word at each marker, so an
area SEND outcome is never read as a children's services grade.

2016 framework: a cross where a written statement of action (WSoA) was required, an open
circle where none was; a revisit is a right-pointing triangle. 2023 framework: a triangle up
for typically positive experiences and outcomes, a square for inconsistent, a triangle down
for widespread and/or systemic failings; a monitoring inspection is a tick.
"""

from __future__ import annotations

import pandas as pd

from ..core.words import and_list
from ..send.analysis import FRAMEWORK_2016, FRAMEWORK_2023, OUTCOME_SHORT
from ..send.text import EVENT_WORDS
from . import layout
from . import style as st

LANE_GAP = 0.8  # from the lowest row above (grades or visits) to the first SEND lane
LANE_STEP = 0.6  # between the lanes of several authorities
SEND_EDGE = st.DARK_GREY
SEND_FILL = st.LIGHT_PURPLE

# marker and word for each kind of event (see the module docstring)
_MARKS = {
    "wsoa": ("X", "WSoA required"),
    "no_wsoa": ("o", "No WSoA"),
    "revisit": (">", "Revisit"),
    "positive": ("^", OUTCOME_SHORT["positive"]),
    "inconsistent": ("s", OUTCOME_SHORT["inconsistent"]),
    "systemic_failings": ("v", OUTCOME_SHORT["systemic_failings"]),
    "monitoring": ("|", "Monitoring"),
    "other": ("D", "Inspection"),
}
# How the key names each mark (its symbol as text, then its meaning), by framework.
_KEY_WORDS = {
    "wsoa": (FRAMEWORK_2016, "\u2716 written statement of action (WSoA) required"),
    "no_wsoa": (FRAMEWORK_2016, "\u25cb no written statement of action required"),
    "revisit": (FRAMEWORK_2016, "\u25b6 revisit (progress in all, some or none of the weaknesses)"),
    "positive": (FRAMEWORK_2023, "\u25b2 typically positive"),
    "inconsistent": (FRAMEWORK_2023, "\u25a0 inconsistent"),
    "systemic_failings": (FRAMEWORK_2023, "\u25bc widespread and/or systemic failings"),
    "monitoring": (FRAMEWORK_2023, "| monitoring inspection"),
    "other": (None, "\u25c6 inspection whose result is not held"),
}


def key_text(rows: pd.DataFrame) -> str:
    """The note under a chart with SEND lanes: what the row is, and the marks drawn (``rows``:
    every event drawn), framework by framework."""
    kinds = list(dict.fromkeys(mark_of(r) for r in rows.itertuples()))
    parts = []
    for framework, name in ((FRAMEWORK_2016, "2016 framework"), (FRAMEWORK_2023, "2023 framework")):
        said = [_KEY_WORDS[k][1] for k in _MARKS if k in kinds and _KEY_WORDS[k][0] == framework]
        if said:
            parts.append(f"{name}: {', '.join(said)}")
    if "other" in kinds:
        parts.append(_KEY_WORDS["other"][1])
    return (
        "Area SEND row (joint Ofsted and CQC inspections of the local area's services for "
        "children with special educational needs and/or disabilities; not on the grade "
        "scale). " + ("; ".join(parts) if parts else "No inspection of its own is held") + "."
    )


def mark_of(row) -> str:
    """The kind of mark (a key of the marks) for one SEND event."""
    if row.event == "revisit":
        return "revisit"
    if row.event == "monitoring":
        return "monitoring"
    if row.framework == FRAMEWORK_2016:
        wsoa = getattr(row, "wsoa", pd.NA)
        return "other" if pd.isna(wsoa) else ("wsoa" if bool(wsoa) else "no_wsoa")
    outcome = getattr(row, "outcome", pd.NA)
    return "other" if pd.isna(outcome) else str(outcome)


def word_of(row) -> str:
    """The word written at an event's marker: 'WSoA', 'Revisit: some', 'Positive'."""
    kind = mark_of(row)
    word = _MARKS[kind][1]
    if kind == "revisit" and pd.notna(getattr(row, "revisit_outcome", pd.NA)):
        word += f": progress in {row.revisit_outcome}"
    return word


def lane_y(bottom_row: float, index: int = 0) -> float:
    """Where the ``index``-th SEND lane sits, below a chart whose lowest row is at
    ``bottom_row`` (Inadequate at 0, or the visits' row)."""
    return bottom_row - LANE_GAP - index * LANE_STEP


def draw_send_lane(ax, rows: pd.DataFrame, y: float, label_size: float = 7.5) -> list:
    """Draw one area's SEND events (``rows``, in time order with ``date``) at height ``y``:
    a marker per event in :data:`SEND_FILL` and its word beside it (above and below in turn
    where events are within two years). Returns the words made."""
    made: list = []
    if rows.empty:
        return made
    for r in rows.itertuples():
        kind = mark_of(r)
        marker = _MARKS[kind][0]
        solid = marker in ("|", "X")  # drawn as lines: the edge colour fills them
        ax.scatter(
            [r.date],
            [y],
            marker=marker,
            s=90 if marker == "|" else 60,
            c=SEND_EDGE if solid else SEND_FILL,
            edgecolors="none" if solid else SEND_EDGE,
            linewidths=1.6 if marker == "|" else 1.0,
            zorder=4,
            gid=f"send-{kind}",
        )
        made.append(
            ax.annotate(
                word_of(r),
                (r.date, y),
                xytext=(0, 7),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=label_size,
                color=st.DARK_GREY,
                zorder=5,
                gid="send-label",
            )
        )
    layout.on_layout(ax.figure, lambda rend: _alternate(made, rend), key=(id(ax), "send", y))
    return made


def _alternate(labels: list, rend) -> None:
    """Words above their markers, except one that would overlap the word before it, which
    goes below (and the next above again)."""
    previous = None
    for label in labels:
        label.xyann = (0, 7)
        label.set_va("bottom")
        box = label.get_window_extent(rend)
        if previous is not None and previous[1] and layout.overlaps(box, previous[0], -2):
            label.xyann = (0, -7)
            label.set_va("top")
            previous = (label.get_window_extent(rend), False)
        else:
            previous = (box, True)


def send_lane_axis(ax, lanes: list[tuple[float, str]]) -> None:
    """Add the SEND lanes to the y axis (their names in the notes' grey, below a dashed rule
    that separates them from the grades) and make room for them."""
    ticks = list(ax.get_yticks())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    styles = [(t.label1.get_color(), t.label1.get_fontweight()) for t in ax.yaxis.get_major_ticks()]
    styles = styles[: len(ticks)]
    for y, name in lanes:
        ticks.insert(0, y)
        labels.insert(0, name)
        styles.insert(0, (st.NOTE_GREY, "normal"))
    ax.set_yticks(ticks, labels)
    for tick, (colour, weight) in zip(ax.yaxis.get_major_ticks(len(ticks)), styles, strict=True):
        tick.label1.set_color(colour)
        tick.label1.set_fontweight(weight)
    lowest = min(y for y, _ in lanes)
    top_lane = max(y for y, _ in lanes)
    ax.axhline(top_lane + LANE_GAP / 2, color=st.LIGHT_GREY, lw=0.9, ls="--", zorder=1)
    ax.set_ylim(lowest - 0.45, ax.get_ylim()[1])


def lane_name(name: str | None = None) -> str:
    """The y-axis name of a SEND lane ('Area SEND\\n(not a grade)', or with the area's name
    when several areas share the chart)."""
    return f"Area SEND: {name}\n(not a grade)" if name else "Area SEND\n(not a grade)"


def send_alt(name: str, rows: pd.DataFrame) -> str:
    """The alt text's sentence for one area's SEND lane."""
    if rows.empty:
        return f"{name} has no area SEND inspection in the data."
    steps = and_list(
        [
            f"{r.date:%B %Y} {EVENT_WORDS.get(r.event, r.event)}: {word_of(r)}"
            for r in rows.itertuples()
        ]
    )
    return f"Area SEND inspections of {name}, on a separate row (not a grade): {steps}."
