"""The pack's chart: the authority's trajectory, drawn by the shared plot function and embedded
in the page as an SVG data URI, with the alt text the plot function writes.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import pandas as pd

from .tables import Table

#: The chart's size in inches: the width of an A4 page inside the pack's margins (182 mm),
#: so its text prints at the size it was drawn (9 to 13 pt, notes 8 pt), readable at 100%.
CHART_SIZE = (7.1, 5.8)


@dataclass
class Chart:
    """A chart as the page embeds it: the image, its alt text and its data table."""

    src: str  # data:image/svg+xml;base64,...
    alt: str
    table: Table


def trajectory_chart(
    judgements: pd.DataFrame,
    events: pd.DataFrame,
    la_name: str,
    areas: list[str],
    end: pd.Timestamp,
    table: Table,
) -> Chart:
    """Draw ``la_name``'s trajectory in ``areas`` (its predecessors' inspections included) up
    to ``end``, and return it as an embeddable SVG with its alt text and ``table``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..plots.style import alt_text, finish, new_axes, style
    from ..plots.trajectory import plot_trajectory

    ax = plot_trajectory(
        judgements,
        la_name,
        areas,
        events=events,
        ax=new_axes(figsize=CHART_SIZE),
        include_predecessors=True,
        end=end,
    )
    fig = ax.figure
    finish(fig)
    buffer = io.StringIO()
    with style():
        fig.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
    text = alt_text(fig) or ""
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
    return Chart(f"data:image/svg+xml;base64,{data}", text, table)
