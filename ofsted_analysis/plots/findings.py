"""Charts of what inspectors asked to improve (:mod:`ofsted_analysis.findings.table`).

With ``f = oa.load_findings()``:

>>> from ofsted_analysis.findings import table as F
>>> from ofsted_analysis.plots.findings import plot_theme_heatmap
>>> ax = plot_theme_heatmap(F.theme_shares(f, by="year"))
>>> print(st.alt_text(ax.figure))
Heatmap of 25 themes by year (2013 to 2026): the share of Ofsted reports naming each theme
among the points they ask to improve. Most often named overall: Care and child-in-need
planning (76% of reports); least often: Allegations against professionals (LADO) (9%).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import style as st


def plot_theme_heatmap(
    shares: pd.DataFrame,
    by: str = "year",
    ax=None,
    title: str | None = None,
    source: str | None = None,
):
    """Theme x group heatmap of the share of reports naming each theme.

    ``shares`` is :func:`ofsted_analysis.findings.table.theme_shares` output grouped ``by`` the same
    column. Themes are ordered by their share over all groups (most often named at the top);
    each cell is labelled with its percentage. Returns the Axes.

    >>> from ofsted_analysis.findings.table import theme_shares
    >>> ax = plot_theme_heatmap(theme_shares(f, by="region"), by="region")
    >>> print(st.alt_text(ax.figure))
    Heatmap of 25 themes by region (East Midlands to Yorkshire and the Humber): ...
    """
    from matplotlib.colors import LinearSegmentedColormap

    if not len(shares):
        return _empty(ax, title or f"What inspectors asked to improve, by {by}", source)
    table = shares.pivot(index="theme_label", columns=by, values="share")
    if by == "grade":  # best grade first, as every chart of grades reads
        from ..core.grades import GRADES

        order = [g for g in reversed(GRADES) if g in table.columns]
        table = table[order + [c for c in table.columns if c not in order]]
    reports = shares.drop_duplicates(by).set_index(by)["reports"].reindex(table.columns)
    overall = (
        shares.groupby("theme_label")["naming"].sum() / shares.drop_duplicates(by)["reports"].sum()
    )
    table = table.loc[overall.sort_values(ascending=False).index]
    ax = st.new_axes(ax, figsize=(max(11, 0.75 * len(table.columns) + 5), 1.6 + 0.32 * len(table)))
    cmap = LinearSegmentedColormap.from_list("share", [st.WHITE, st.DARK_BLUE])
    with st.style():
        values = table.to_numpy(dtype=float)
        ax.pcolormesh(
            np.arange(values.shape[1] + 1),
            np.arange(values.shape[0] + 1),
            values,
            cmap=cmap,
            vmin=0,
            vmax=1,
            edgecolors="white",
            linewidth=1,
            gid="theme-heatmap",
        )
        for (y, x), v in np.ndenumerate(values):
            if not np.isnan(v):
                # Inside its cell, so left out of the layout's measuring (hundreds of labels
                # measured on every pass, the chart's box the same without them).
                ax.text(
                    x + 0.5,
                    y + 0.5,
                    f"{v:.0%}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if v > 0.55 else st.DARK_GREY,
                ).set_in_layout(False)
        ax.set_ylim(len(table), 0)
        ax.set_yticks(np.arange(len(table)) + 0.5, table.index, fontsize=8.5)
        sep = " " if by == "region" else "\n"  # region names are set at an angle
        labels = [f"{c}{sep}({n})" for c, n in zip(table.columns, reports, strict=True)]
        ax.set_xticks(
            np.arange(len(table.columns)) + 0.5,
            labels,
            fontsize=8,
            rotation=0 if by != "region" else 45,
            ha="center" if by != "region" else "right",
        )
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        top = table.index[0]
        st.title(
            ax,
            title or f"What inspectors asked to improve, by {by}",
            f"Share of reports naming each theme at least once (reports in brackets); "
            f"most often: {top.lower()}",
        )
        st.source_line(ax.figure, source or st.source_text(data_date=shares.attrs.get("data_date")))
    first, last = table.columns[0], table.columns[-1]
    st.set_alt_text(
        ax.figure,
        (
            f"Heatmap of {len(table)} themes by {by} ({first} to {last}): the share of Ofsted "
            f"reports naming each theme among the points they ask to improve. Most often named "
            f"overall: {top} ({overall.max():.0%} of reports); least often: {table.index[-1]} "
            f"({overall.min():.0%})."
        ),
    )
    return ax


def plot_theme_change(
    change: pd.DataFrame,
    ax=None,
    top: int = 12,
    title: str | None = None,
    source: str | None = None,
):
    """The themes most often named where the grade fell, against where it rose.

    ``change`` is :func:`ofsted_analysis.findings.table.themes_by_grade_change` output. Shows the
    ``top`` themes by their share where the grade fell, as paired bars. Returns the Axes.

    >>> from ofsted_analysis.findings.table import themes_by_grade_change
    >>> ax = plot_theme_change(themes_by_grade_change(f, j))
    >>> print(st.alt_text(ax.figure))
    Paired bar chart of the 12 themes most often named in reports where the grade fell (43
    reports), against reports where it rose (133). Supervision and management oversight: 91%
    fell, 44% rose; ...
    """
    if not len(change):
        return _empty(ax, title or "Themes raised where the grade fell and where it rose", source)
    table = change.pivot(index="theme_label", columns="change", values="share")
    reports = change.drop_duplicates("change").set_index("change")["reports"]
    for col in ("fell", "rose"):
        if col not in table:
            table[col] = np.nan
            reports[col] = 0
    table = table.sort_values("fell", ascending=False).head(top)
    ax = st.new_axes(ax, figsize=(9, 1.6 + 0.38 * len(table)))
    y = np.arange(len(table))
    with st.style():
        ax.barh(
            y - 0.2,
            table["fell"],
            height=0.4,
            color=st.GRADE_COLOURS["Inadequate"],
            label=f"Grade fell ({reports['fell']} reports)",
            gid="fell",
        )
        ax.barh(
            y + 0.2,
            table["rose"],
            height=0.4,
            color=st.GRADE_COLOURS["Outstanding"],
            label=f"Grade rose ({reports['rose']} reports)",
            gid="rose",
        )
        ax.set_yticks(y, table.index, fontsize=8.5)
        ax.set_ylim(len(table) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _pos: f"{v:.0%}")
        ax.set_xlabel("Share of reports naming the theme")
        st.style_axes(ax, grid_axis="x")
        ax.legend(
            loc="lower right", fontsize=8.5, frameon=True, facecolor="white", edgecolor="white"
        )
        gap = (table["fell"] - table["rose"]).sort_values(ascending=False)
        st.title(
            ax,
            title or "Themes raised where the grade fell and where it rose",
            f"Widest gap: {gap.index[0].lower()} ({table.loc[gap.index[0], 'fell']:.0%} "
            f"where the grade fell, {table.loc[gap.index[0], 'rose']:.0%} where it rose)",
        )
        st.source_line(ax.figure, source or st.source_text(data_date=change.attrs.get("data_date")))
    st.set_alt_text(
        ax.figure,
        (
            f"Paired bar chart of the {len(table)} themes most often named in reports where the "
            f"grade fell ({reports['fell']} reports), against reports where it rose "
            f"({reports['rose']}). "
            + "; ".join(f"{t}: {r.fell:.0%} fell, {r.rose:.0%} rose" for t, r in table.iterrows())
            + "."
        ),
    )
    return ax


def _empty(ax, heading: str, source: str | None):
    """A chart that says there is nothing to show (tables built without report PDFs)."""
    ax = st.new_axes(ax, figsize=(9, 3))
    message = "No reports with points to improve in these tables"
    with st.style():
        ax.text(
            0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=st.DARK_GREY
        )
        ax.set_axis_off()
        st.title(ax, heading, "Build the tables with the report PDFs to read their points")
        st.source_line(ax.figure, source or st.source_text())
    st.set_alt_text(ax.figure, f"{heading}: {message.lower()}.")
    return ax
