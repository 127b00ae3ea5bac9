"""an authority's profile: every measure of a topic beside its neighbours, and its grade

LAIT's local-authority page, with the Ofsted grade it never had: one row per measure of a topic
for its latest period (or --year), with England, the region, the statistical neighbours' median
and range, the rank among them (1 = best by the measure's polarity), LAIT's quartile band among
all authorities (A best to D worst), the change since the previous period (better or worse) and
the Ofsted grade in force at the period's end. A value DfE suppressed shows its code, never 0.
Topics and measures: `ofsted-analysis indicators`.
"""

from __future__ import annotations

import argparse
import sys

from .options import (
    SCREEN,
    authority_argument,
    measures_view_options,
    write_csv,
)

#: The columns printed on the screen, with their headings (``--csv`` writes every column).
SHOWN = {
    "indicator": "measure",
    "year": "year",
    "value": "value",
    "england": "England",
    "region": "region",
    "neighbours_median": "nbr median",
    "neighbours_range": "nbr range",
    "rank_of": "rank",
    "band": "band",
    "trend": "trend",
    "grade": "grade",
}


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authority")
    p.add_argument(
        "--topic",
        required=True,
        metavar="TOPIC",
        help='topic of the measures, e.g. "Children Looked After" (list: ofsted-analysis '
        "indicators)",
    )
    p.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the year the periods shown end (default: each measure's latest)",
    )
    measures_view_options(p, "figures/leeds_profile.png", "the profile (every column)")


def screen_table(result):
    """The profile as printed: a value, or DfE's code where it published none (never a made-up
    0); numbers to one decimal place; the rank as "1 of 11"."""
    import pandas as pd

    def one(v) -> str:
        return f"{v:,.1f}" if pd.notna(v) else ""

    table = pd.DataFrame(
        {
            "indicator": result["indicator"].astype(str),
            # LAIT's period as written ("2023/24"), else the year (DfE's own files)
            "year": [
                p if isinstance(p, str) and p else ("" if pd.isna(y) else str(int(y)))
                for p, y in zip(result["period"], result["year"], strict=True)
            ],
            "value": [
                one(v) if pd.notna(v) else status
                for v, status in zip(result["value"], result["status"], strict=True)
            ],
            "england": result["england"].map(one),
            "region": result["region"].map(one),
            "neighbours_median": result["neighbours_median"].map(one),
            "neighbours_range": [
                f"{one(lo)}-{one(hi)}" if pd.notna(lo) else ""
                for lo, hi in zip(result["neighbours_min"], result["neighbours_max"], strict=True)
            ],
            "rank_of": [
                f"{r} of {n}" if pd.notna(r) else ("" if pd.isna(v) else "too few")
                for r, n, v in zip(result["rank"], result["of"], result["value"], strict=True)
            ],
            "band": result["band"],
            "trend": result["trend"],
            "grade": result["grade"].astype(object),
        }
    ).astype(object)
    table = table.where(table.notna(), "")
    return table.rename(columns=SHOWN)


def _labels(result) -> tuple[list[str], list[str]]:
    return list(result["indicator"].astype(str)), [
        f"{label} ({unit})" for label, unit in zip(result["label"], result["unit"], strict=True)
    ]


def run(args: argparse.Namespace) -> int:
    import textwrap

    from ..core.checks import check_area, resolve_authority
    from ..core.neighbours import resolve_model
    from ..outcomes.profile import profile, topic_measures
    from ..outcomes.text import describe_profile

    # Every input checked once, before anything is read.
    a = resolve_authority(args.authority)
    topic_measures(args.topic, args.data)
    area = check_area(args.area, "--area")
    resolve_model(args.neighbours, args.data)  # "latest" is passed on as it is: an abolished
    # authority then takes the newest model that has it
    result = profile(a.la_name, args.topic, args.year, args.neighbours, area=area, data=args.data)
    if args.csv == SCREEN:
        write_csv(result, SCREEN)
    else:
        if args.csv:
            write_csv(result, args.csv, "measure(s)")
        print(textwrap.fill(describe_profile(result), width=100))
        print()
        print(screen_table(result).to_string(index=False))
        labels = "; ".join(f"{i}: {label}" for i, label in zip(*_labels(result), strict=True))
        key = (
            f"{labels}. nbr: statistical neighbours in {result.attrs['model_label']}; rank "
            "among it and them, 1 = best (the highest value where a measure has no better "
            "direction, its trend then up or down; too few: too few children to compare); "
            "band: LAIT's quartile among all authorities, A best; grade: Ofsted's "
            f"({area}) in force at the period's end"
        )
        print(textwrap.fill(key, width=100))
    if args.out:
        _draw(args, a.la_name, result)
    return 0


def _draw(args: argparse.Namespace, authority: str, result) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..outcomes.table import load_outcomes
    from ..plots.profile import plot_profile
    from ..plots.save import save_figure
    from ..storage.store import load

    axes = plot_profile(
        load_outcomes(args.data),
        load(args.data),
        authority,
        args.topic,
        neighbours=result.attrs["model"],
        path=args.data,
    )
    fig = axes.flat[0].figure
    paths = save_figure(fig, args.out, None)
    plt.close(fig)
    print(
        "wrote " + ", ".join(map(str, paths)), file=sys.stderr if args.csv == SCREEN else sys.stdout
    )
