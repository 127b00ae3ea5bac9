"""Heatmaps: the transition matrix, and authorities x time coloured by the grade in force."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.checks import check_area, check_region, resolve_authority, to_timestamp
from ..core.errors import InputError
from ..core.frameworks import AREAS
from ..core.grades import GRADES
from ..judgements.asat import known_at_each
from ..judgements.history import Transitions
from ..judgements.prepare import area_rows, data_date, register_frame
from . import style as st
from .eras import era_key, shade_eras


def plot_transition_matrix(
    transitions: Transitions,
    ax=None,
    title: str | None = None,
    from_label: str = "Grade at earlier inspection",
    to_label: str = "Grade at next inspection",
    source: str | None = None,
):
    """Heatmap of a :class:`~ofsted_analysis.judgements.history.Transitions` matrix, counts in
    each cell.

    Rows are the earlier grade (Outstanding at the top), columns the later grade (Inadequate
    to Outstanding, left to right): cells right of the outlined diagonal improved, cells left
    of it declined. Shading is one hue (dark blue) by count. Returns the Axes.

    >>> from ofsted_analysis.judgements.history import transitions
    >>> ax = plot_transition_matrix(transitions(j, "overall"))
    >>> print(st.alt_text(ax.figure))
    Four by four grid of counts. 328 pairs of inspections: 154 improved, 123 stayed the same,
    51 declined (outlined: no change). from Inadequate to Inadequate: 9; ...
    """
    from matplotlib.colors import LinearSegmentedColormap

    m = transitions.matrix.reindex(index=list(GRADES), columns=list(GRADES), fill_value=0)
    shown = m.iloc[::-1]  # Outstanding on the top row
    ax = st.new_axes(ax, figsize=(8.4, 5.8))
    cmap = LinearSegmentedColormap.from_list("af_blue", [st.WHITE, st.DARK_BLUE])
    values = shown.to_numpy()
    with st.style():
        ax.imshow(
            values,
            cmap=cmap,
            vmin=0,
            vmax=max(1, values.max()),
            aspect="auto",
            gid="transition-heatmap",
        )
        for i in range(4):
            for k in range(4):
                v = values[i, k]
                dark = v > 0.55 * values.max()
                ax.text(
                    k,
                    i,
                    f"{v}",
                    ha="center",
                    va="center",
                    fontsize=12,
                    fontweight="bold",
                    color="white" if dark else st.DARK_GREY,
                )
        # Outline the "stayed the same" diagonal (top-right to bottom-left once flipped).
        from matplotlib.patches import Rectangle

        for k in range(4):
            ax.add_patch(
                Rectangle(
                    (k - 0.5, 3 - k - 0.5),
                    1,
                    1,
                    fill=False,
                    edgecolor=st.DARK_GREY,
                    lw=1.4,
                    gid="diagonal",
                )
            )
        ax.set_xticks(range(4), [st.GRADE_SHORT[g] for g in GRADES])
        ax.set_yticks(range(4), [st.GRADE_SHORT[g] for g in reversed(GRADES)])
        for lab, g in zip(ax.get_xticklabels(), GRADES, strict=True):
            lab.set_color(st.GRADE_COLOURS[g])
            lab.set_fontweight("bold")
        for lab, g in zip(ax.get_yticklabels(), reversed(GRADES), strict=True):
            lab.set_color(st.GRADE_COLOURS[g])
            lab.set_fontweight("bold")
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(to_label)
        ax.set_ylabel(from_label)
        s = transitions.summary
        total = int(s.sum())
        sub = (
            f"{total} {'authorities' if s.name == 'authorities' else 'pairs of inspections'}"
            f": {s['improved']} improved, {s['stayed']} stayed the same, "
            f"{s['declined']} declined (outlined: no change)"
        )
        st.title(ax, title or "How grades changed between inspections", sub)
        st.source_line(ax.figure, source or st.source_text(data_date=_data_date(transitions)))
    cells = "; ".join(
        f"from {f} to {t}: {m.loc[f, t]}" for f in GRADES for t in GRADES if m.loc[f, t]
    )
    st.set_alt_text(ax.figure, f"Four by four grid of counts. {sub}. {cells}.")
    st.finish(ax)
    return ax


def _data_date(transitions: Transitions):
    return transitions.data_date


def grade_codes_over_time(
    judgements: pd.DataFrame, codes: Sequence[str], dates: Sequence, area: str = "overall"
) -> np.ndarray:
    """Grade in force for each authority (row) at each date (column): the grade
    :func:`~ofsted_analysis.judgements.asat.as_at` gives that authority at that date.

    Values: 0..3 = grade index in :data:`GRADES`, -1 = exists but not yet judged, -2 = the
    authority did not exist at the date. Which judgements count at a date is decided by
    :func:`~ofsted_analysis.judgements.asat.known_at`, the one rule behind every "as at" view,
    evaluated once per date over the authorities' rows; of those, an authority's latest (in
    time order) is in force, as in :func:`~ofsted_analysis.judgements.asat.as_at`.

    >>> grade_codes_over_time(j, ["E08000035"], ["2014-12-31", "2016-03-31"]).tolist()
    [[-1, 2]]
    """
    rows = area_rows(judgements, area)
    rows = rows[rows["la_code"].isin(list(codes))].reset_index(drop=True)
    stamps = [to_timestamp(d) for d in dates]
    out = np.full((len(codes), len(stamps)), -1, dtype=int)
    row_of = {code: i for i, code in enumerate(codes)}
    known = known_at_each(rows, stamps, stamps)
    grade = rows["grade"].cat.codes.to_numpy()
    authority = rows["la_code"].map(row_of).to_numpy(dtype=int)
    # Rows are in time order, so each authority's last known row is its latest: writing the
    # known rows in order leaves the latest one's grade in each cell.
    for i in range(len(rows)):
        out[authority[i], known[i]] = grade[i]
    reg = register_frame().set_index("la_code")
    for code, r in row_of.items():
        if code in reg.index:
            start, end = reg.at[code, "exists_from"], reg.at[code, "exists_to"]
            for k, when in enumerate(stamps):
                if (pd.notna(start) and when < start) or (pd.notna(end) and when > end):
                    out[r, k] = -2
    return out


def plot_grade_heatmap(
    judgements: pd.DataFrame,
    authorities: Sequence[str] | None = None,
    region: str | None = None,
    area: str = "overall",
    start: object = None,
    end: object = None,
    ax=None,
    sort: str = "name",
    title: str | None = None,
    source: str | None = None,
):
    """Authorities x time: each row an authority, each month coloured by the grade in force.

    Give ``authorities`` or a ``region`` (its authorities that existed at any time in the
    window, so reorganised ones show where they start and stop). Light grey: the authority
    existed but had no judgement in ``area`` yet; white: it did not exist. ``sort`` is
    ``"name"`` or ``"grade"`` (latest grade, best first). Returns the Axes.

    >>> ax = plot_grade_heatmap(j, region="North West")
    >>> print(st.alt_text(ax.figure))
    Heatmap with one row per authority in North West ... Latest: Blackburn with Darwen Good; ...
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.dates import date2num

    from ..core.authorities import register

    area = check_area(area)
    x_end = to_timestamp(end) if end is not None else data_date(judgements)
    x_start = to_timestamp(start or "2013-11-01")  # default: from SIF on
    if start is None and x_end < x_start:
        # An end before SIF: start at the area's first judgement instead.
        x_start = area_rows(judgements, area)["date"].min()
    if pd.isna(x_start) or x_end < x_start:
        raise InputError(
            "end",
            end,
            "a date after the start of the chart "
            f"({x_start if pd.notna(x_start) else 'no judgement'})",
        )
    months = pd.date_range(x_start, x_end + pd.offsets.MonthEnd(0), freq="ME")
    reg = register()
    if authorities is not None:
        members = [resolve_authority(a) for a in authorities]
    elif region is not None:
        region = check_region(region)
        members = [
            a
            for a in reg.authorities
            if a.region == region and (a.exists_to is None or pd.Timestamp(a.exists_to) >= x_start)
        ]
    else:
        raise InputError("authorities/region", None, "a list of authorities or a region")
    codes = [a.la_code for a in members]
    grid = grade_codes_over_time(judgements, codes, months, area)
    if sort == "grade":
        key = [(-grid[i, -1], members[i].la_name) for i in range(len(members))]
    else:
        key = [(0, a.la_name) for a in members]
    order = sorted(range(len(members)), key=lambda i: key[i])
    grid = grid[order]
    names = [members[i].la_name for i in order]

    ax = st.new_axes(ax, figsize=(10, 1.2 + 0.28 * len(names) + 1.0))
    cmap = ListedColormap([st.WHITE, st.NOT_JUDGED_COLOUR] + [st.GRADE_COLOURS[g] for g in GRADES])
    norm = BoundaryNorm(np.arange(-2.5, 4.5), cmap.N)
    edges = np.concatenate([[date2num(months[0] - pd.offsets.MonthBegin(1))], date2num(months)])
    with st.style():
        ax.pcolormesh(
            edges,
            np.arange(len(names) + 1),
            grid,
            cmap=cmap,
            norm=norm,
            edgecolors="white",
            linewidth=0.0,
            gid="grade-heatmap",
        )
        ax.set_ylim(len(names), 0)  # first name at the top
        ax.set_yticks(np.arange(len(names)) + 0.5, names, fontsize=8.5)
        for y in range(1, len(names)):
            ax.axhline(y, color="white", lw=1.2, zorder=2)
        ax.xaxis_date()
        ax.set_xlim(edges[0], edges[-1])
        st.style_axes(ax, grid_axis=None)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        # Era boundaries as thin lines over the cells; names along the top.
        shade_eras(ax)
        for p in list(ax.patches):
            if (p.get_gid() or "").startswith("era:"):
                p.set_visible(False)  # keep the record of eras for tests, draw only the lines
        for line in ax.lines:
            if line.get_gid() == "era-boundary":
                line.set(zorder=3, color=st.DARK_GREY, linestyle=(0, (3, 2)), linewidth=0.9)
        from matplotlib.patches import Patch

        handles = [Patch(color=st.GRADE_COLOURS[g], label=g) for g in reversed(GRADES)]
        handles.append(Patch(facecolor=st.NOT_JUDGED_COLOUR, label="Not yet judged"))
        # The key goes under the dates: the top is taken by the title and the era names.
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0, -0.06),
            ncols=5,
            fontsize=8.5,
            frameon=False,
            handlelength=1.2,
            borderaxespad=0.2,
        )
        where = region or f"{len(names)} authorities"
        st.title(
            ax,
            title or f"{where}: {AREAS[area].lower()}, grade in force",
            "Each row an authority, each month coloured by its grade at the end of the "
            "month; dashed lines mark framework changes",
        )
        st.note(ax, era_key(ax))
        st.source_line(ax.figure, source or st.source_text(judgements))
    latest = "; ".join(
        f"{n} {GRADES[v] if v >= 0 else 'not judged'}"
        for n, v in zip(names, grid[:, -1], strict=True)
        if v != -2
    )
    st.set_alt_text(
        ax.figure,
        f"Heatmap with one row per authority in {where} and one column "
        f"per month from {months[0]:%B %Y} to {months[-1]:%B %Y}, "
        f"coloured by the {AREAS[area].lower()} grade in force. "
        f"Latest: {latest}.",
    )
    st.finish(ax)
    return ax
