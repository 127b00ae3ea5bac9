"""Briefing charts in one shared style (:mod:`ofsted_analysis.plots.style`).

Every plot function takes ``ax=None`` (a new figure is made when none is given), returns the
Axes (an array of Axes for small multiples) and never calls ``plt.show()``. Import the chart
modules directly; this package imports matplotlib, so ``import ofsted_analysis`` does not.

>>> from ofsted_analysis.plots.trajectory import plot_trajectory   # doctest: +SKIP
"""
