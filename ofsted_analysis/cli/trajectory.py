"""``ofsted-analysis trajectory``: authorities' judgements over time (table, chart)."""

from __future__ import annotations

import argparse
import sys

from .options import areas_help, data_option, stored_tables


def add_parser(sub) -> None:
    p = sub.add_parser(
        "trajectory",
        help="authorities' judgements over time (table, chart)",
        description="Print each authority's judgements in time order; with "
        "--out, draw them as a briefing chart (PNG, SVG, alt text).",
    )
    p.add_argument("authorities", nargs="+", metavar="AUTHORITY")
    p.add_argument("--area", nargs="+", metavar="AREA", help=f"one or more of {areas_help()}")
    p.add_argument("--out", metavar="PATH", help="chart file, e.g. figures/leeds.png")
    data_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.checks import resolve_authority
    from ..judgements.coverage import visit_coverage
    from ..judgements.history import trajectory

    judgements, events = stored_tables(args)
    areas = args.area or None
    for name in args.authorities:
        ended = resolve_authority(name).ended
        if ended:
            print(f"note: {ended}", file=sys.stderr)
        rows = trajectory(judgements, name, area=areas, events=events)
        shown = [
            c
            for c in (
                "la_name",
                "date",
                "framework",
                "event",
                "area",
                "grade",
                "published",
                "theme",
            )
            if c in rows
        ]
        # Categorical grades cannot take "" for the ungraded visits' empty cells: print objects.
        table = rows[shown].astype(object).where(rows[shown].notna(), "")
        for col in ("date", "published"):
            if col in table:
                table[col] = [d.date().isoformat() if d != "" else "" for d in table[col]]
        print(table.to_string(index=False))
    print(f"note: {visit_coverage(events).text}", file=sys.stderr)
    if args.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..plots.style import save_figure
        from ..plots.trajectory import plot_trajectory

        ax = plot_trajectory(
            judgements, args.authorities, area=args.area or "overall", events=events
        )
        paths = save_figure(ax.figure, args.out, None)
        plt.close(ax.figure)
        print("wrote " + ", ".join(map(str, paths)))
    return 0
