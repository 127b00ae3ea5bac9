"""Briefing charts in one shared style (:mod:`ofsted_analysis.plots.style`).

Every plot function takes ``ax=None`` (a new figure is made when none is given), returns the
Axes (an array of Axes for small multiples) and never calls ``plt.show()``. The functions the
README names are importable from here; the chart modules are imported on first use, so
``import ofsted_analysis`` does not import matplotlib.

Leeds' overall effectiveness (Ofsted's reports: Good in 2015, Outstanding since), read back
from the alt text the plot suggests:

>>> from ofsted_analysis.plots import plot_trajectory
>>> from ofsted_analysis.plots.style import alt_text
>>> ax = plot_trajectory(j, "Leeds")
>>> print(alt_text(ax.figure))
Step chart of Ofsted grades over time, Outstanding at the top, framework eras shaded. Leeds,
overall effectiveness: January 2015 Good (SIF); October 2018 Outstanding (ILACS); February
2022 Outstanding (ILACS); June 2025 Outstanding (ILACS).
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

# chart module -> the public names it defines (imported on first use)
_PLOTS = {
    ".trajectory": ("plot_trajectory",),
    ".groups": ("plot_small_multiples", "plot_neighbours", "plot_region"),
    ".national": ("plot_national_picture", "plot_national_picture_by_region"),
    ".heatmaps": ("plot_transition_matrix", "plot_grade_heatmap"),
}


__getattr__, __dir__, __all__ = lazy_exports(__name__, _PLOTS)
