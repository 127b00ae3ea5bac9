"""an authority's DfE indicators beside its grades

An authority's DfE children's social care indicators year by year, against its statistical
neighbours (median, rank), region and England, with the Ofsted grade in force at the end of each
indicator's period (31 March for DfE's children's social care years, 30 September for the
workforce census); with --out, a chart (PNG, SVG, alt text). A year DfE suppressed shows DfE's
code (c, x, z, ...) in place of a value. Indicator ids, labels and sources:
`ofsted-analysis indicators`.
"""

from __future__ import annotations

import argparse
import sys

from .options import (
    SCREEN,
    authority_argument,
    measures_view_options,
    stored_tables,
    write_csv,
)

# The columns printed on the screen (``--csv`` writes every column).
SHOWN = [
    "indicator",
    "year",
    "value",
    "neighbours_median",
    "rank",
    "of",
    "region",
    "england",
    "grade_in_force",
]


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authority")
    p.add_argument(
        "--indicator",
        action="append",
        required=True,
        metavar="ID",
        help="indicator id, e.g. rereferral_rate (repeatable; list: ofsted-analysis indicators)",
    )
    # --model: the neighbour option's first spelling in this verb
    measures_view_options(p, "figures/leeds_outcomes.png", "the table (every column)", "--model")


def screen_table(result):
    """The table as printed: a value, or DfE's code where it published none (``c``
    suppressed, ...; ``not published`` for a year with no row), never a made-up 0; other
    missing cells left blank; numbers to one decimal place."""
    import pandas as pd

    table = result[SHOWN].copy()
    table["value"] = [
        f"{v:.1f}" if pd.notna(v) else status
        for v, status in zip(result["value"], result["status"], strict=True)
    ]
    for col in ("neighbours_median", "region", "england"):
        table[col] = table[col].round(1)
    table = table.astype(object)
    return table.where(table.notna(), "")


def codes_key(result) -> str | None:
    """What the DfE codes in ``result`` mean, e.g. "c = confidential (...)"."""
    from ..sources.dfe.vocabulary import STATUS_CODES

    used = [c for c in STATUS_CODES if c in set(result["status"])]
    if not used:
        return None
    return "DfE's codes: " + "; ".join(f"{c} = {STATUS_CODES[c]}" for c in used)


def ends_note(indicators: list[str], data=None) -> str:
    """Which day each indicator's period ends, e.g. "31 March (rereferral_rate); 30 September
    (sw_turnover_rate)" (:mod:`~ofsted_analysis.outcomes.periods`)."""
    from ..outcomes.periods import end_words, year_types

    by_end: dict[str, list[str]] = {}
    for indicator, year_type in year_types(indicators, data).items():
        by_end.setdefault(end_words(year_type), []).append(indicator)
    return "; ".join(f"{end} ({', '.join(ids)})" for end, ids in by_end.items())


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..core.checks import check_area, resolve_authority
    from ..core.neighbours import model_label
    from ..judgements.history import grades_at
    from ..outcomes.analysis import compare_outcome_neighbours
    from ..outcomes.indicators import get as get_indicator
    from ..outcomes.periods import period_ends
    from ..outcomes.table import load_outcomes

    # Every input checked once, before anything is read; passed down resolved.
    a = resolve_authority(args.authority)
    indicators = [get_indicator(i).id for i in args.indicator]
    area = check_area(args.area, "--area")
    outcomes = load_outcomes(args.data)
    judgements, _ = stored_tables(args)
    own = outcomes[
        outcomes["indicator"].isin(indicators)
        & (outcomes["level"] == "la")
        & (outcomes["la_number"] == a.la_number)
    ]
    frames = []
    for indicator in indicators:
        table = compare_outcome_neighbours(
            outcomes, a.la_name, indicator, model=args.neighbours, path=args.data
        )
        table.insert(1, "indicator", indicator)
        table["period_end"] = period_ends(table, args.data)
        # The grade in force at the end of each period (its year type's day), also for a
        # year the authority has no figure of its own (DfE publishes North and West
        # Northamptonshire's workforce together): the as-at rule at every end at once.
        in_force = grades_at(judgements, a.la_number, table["period_end"].dropna(), area)
        table["grade_in_force"] = table["period_end"].map(
            in_force["grade"].astype(object).to_dict()
        )
        mine = own[own["indicator"] == indicator].set_index("year")["source"]
        table["source"] = table["year"].map(mine.to_dict())
        frames.append(table)
    result = pd.concat(frames, ignore_index=True)
    if args.csv == SCREEN:
        write_csv(result, SCREEN)
    else:
        if args.csv:
            write_csv(result, args.csv, "indicator-year row(s)")
        print(
            f"{a.la_name}: against its statistical neighbours in "
            f"{model_label(result['model'].iloc[0])}, region and England; {area} grade in force "
            f"at the end of each period: {ends_note(indicators, args.data)}"
        )
        print(screen_table(result).to_string(index=False))
        notes = result.drop_duplicates("indicator").set_index("indicator")["rank_note"]
        print("rank: " + "; ".join(f"{n} ({i})" for i, n in notes.items()))
        if key := codes_key(result):
            print(key)
    if args.out:
        _draw(args, outcomes, judgements, a.la_name, indicators)
    return 0


def _draw(args: argparse.Namespace, outcomes, judgements, authority: str, indicators) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..plots.outcomes import plot_outcome, plot_outcome_multiples
    from ..plots.save import save_figure

    if len(indicators) == 1:
        fig = plot_outcome(
            outcomes, judgements, authority, indicators[0], model=args.neighbours, path=args.data
        ).figure
    else:
        fig = plot_outcome_multiples(
            outcomes, judgements, authority, indicators, model=args.neighbours, path=args.data
        )[0].figure
    paths = save_figure(fig, args.out, None)
    plt.close(fig)
    # With the CSV on the screen, the note goes where a pipe won't take it.
    print(
        "wrote " + ", ".join(map(str, paths)), file=sys.stderr if args.csv == SCREEN else sys.stdout
    )
