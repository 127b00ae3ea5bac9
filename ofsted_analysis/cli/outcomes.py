"""``ofsted-analysis outcomes``: an authority's DfE indicators beside its grades."""

from __future__ import annotations

import argparse
import sys

from .options import areas_help, data_option, stored_tables


def add_parser(sub) -> None:
    p = sub.add_parser(
        "outcomes",
        help="an authority's DfE indicators beside its grades",
        description="An authority's DfE children's social care indicators "
        "year by year, against its statistical neighbours (median, rank), "
        "region and England, with the Ofsted grade in force at 31 March; with "
        "--out, a chart (PNG, SVG, alt text). Indicator ids: "
        "`python -c 'import ofsted_analysis as oa; print(oa.indicator_table())'`"
        " or the README.",
    )
    p.add_argument("authority", metavar="AUTHORITY")
    p.add_argument(
        "--indicator",
        action="append",
        required=True,
        metavar="ID",
        help="indicator id, e.g. rereferral_rate (repeatable)",
    )
    p.add_argument(
        "--model",
        default="latest",
        help="statistical-neighbour model: a year of a DfE model the build stored, 2021 (April "
        "2021 groupings) or latest (default: the newest stored)",
    )
    p.add_argument(
        "--area",
        default="overall",
        metavar="AREA",
        help=f"area of the grade shown (default overall): one of {areas_help()}",
    )
    p.add_argument("--out", metavar="PNG", help="chart file, e.g. figures/leeds_outcomes.png")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    data_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..core.checks import resolve_authority
    from ..outcomes.analysis import compare_outcome_neighbours, with_grades
    from ..outcomes.table import load_outcomes

    a = resolve_authority(args.authority)
    outcomes = load_outcomes(args.data)
    judgements, _ = stored_tables(args)
    frames = []
    for indicator in args.indicator:
        table = compare_outcome_neighbours(
            outcomes, args.authority, indicator, model=args.model, path=args.data
        )
        own = with_grades(
            outcomes[
                (outcomes["indicator"] == indicator)
                & (outcomes["level"] == "la")
                & (outcomes["la_number"] == a.la_number)
            ],
            judgements,
            area=args.area,
        )
        grades = own.set_index("year")
        table["grade_in_force"] = table["year"].map(grades["grade"].astype(object))
        table["source"] = table["year"].map(grades["source"])
        table.insert(1, "indicator", indicator)
        frames.append(table)
    result = pd.concat(frames, ignore_index=True)
    if args.csv:
        result.to_csv(sys.stdout, index=False)
    else:
        shown = [
            "indicator",
            "year",
            "value",
            "status",
            "neighbours_median",
            "rank",
            "of",
            "region",
            "england",
            "grade_in_force",
        ]
        print(
            f"{result['la_name'].iloc[0]}: against its {args.model} statistical neighbours"
            f" (rank 1 = highest value), region and England; grade in force at 31 March "
            f"({args.area})"
        )
        print(result[shown].round(1).fillna("").to_string(index=False))
    if args.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..plots.outcomes import plot_outcome, plot_outcome_multiples
        from ..plots.style import save_figure

        if len(args.indicator) == 1:
            fig = plot_outcome(
                outcomes,
                judgements,
                args.authority,
                args.indicator[0],
                model=args.model,
                path=args.data,
            ).figure
        else:
            fig = plot_outcome_multiples(
                outcomes,
                judgements,
                args.authority,
                args.indicator,
                model=args.model,
                path=args.data,
            )[0].figure
        paths = save_figure(fig, args.out, None)
        plt.close(fig)
        print("wrote " + ", ".join(map(str, paths)), file=sys.stderr if args.csv else sys.stdout)
    return 0
