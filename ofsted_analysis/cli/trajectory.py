"""authorities' judgements over time (table, chart)

Print each authority's judgements in time order; with --out, draw them as a briefing chart (PNG,
SVG, alt text), with the authority's area SEND inspections on a row of their own below the
grades (--no-send leaves them out).
"""

from __future__ import annotations

import argparse
import sys

from .options import (
    SCREEN,
    areas_help,
    authority_argument,
    csv_option,
    data_option,
    stored_tables,
    write_csv,
)

# The columns shown and written, in this order (those the table has).
COLUMNS = ("la_name", "date", "framework", "event", "area", "grade", "published", "theme")


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authorities", "+")
    p.add_argument("--area", nargs="+", metavar="AREA", help=f"one or more of {areas_help()}")
    p.add_argument("--out", metavar="PATH", help="chart file, e.g. figures/leeds.png")
    p.add_argument(
        "--no-send",
        action="store_true",
        help="leave out the row of area SEND inspections the chart shows below the grades",
    )
    csv_option(p, "the judgements and visits of every authority named")
    data_option(p)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..core.checks import check_areas, resolve_authority
    from ..judgements.coverage import visit_coverage
    from ..judgements.history import trajectory

    # Every input checked once, before anything is read; passed down resolved.
    authorities = [resolve_authority(name) for name in args.authorities]
    areas = check_areas(args.area) if args.area else None
    judgements, events = stored_tables(args)
    tables = []
    for a in authorities:
        if a.ended:
            print(f"note: {a.ended}", file=sys.stderr)
        rows = trajectory(judgements, a.la_name, area=areas, events=events)
        tables.append(rows[[c for c in COLUMNS if c in rows]])
    if args.csv:
        write_csv(pd.concat(tables, ignore_index=True), args.csv, "judgement(s) and visit(s)")
    if args.csv != SCREEN:
        for table in tables:
            print(_screen_table(table).to_string(index=False))
    print(f"note: {visit_coverage(events).text}", file=sys.stderr)
    if args.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from ..plots.save import save_figure
        from ..plots.trajectory import plot_trajectory
        from ..send.table import load_area_send

        send = None if args.no_send else load_area_send(args.data)
        ax = plot_trajectory(
            judgements,
            [a.la_name for a in authorities],
            area=areas or "overall",
            events=events,
            send=send if send is not None and len(send) else None,
        )
        paths = save_figure(ax.figure, args.out, None)
        plt.close(ax.figure)
        print(
            "wrote " + ", ".join(map(str, paths)),
            file=sys.stderr if args.csv == SCREEN else sys.stdout,
        )
    return 0


def _screen_table(rows):
    """The table as printed: dates as YYYY-MM-DD, empty cells blank (ungraded visits have no
    grade; categorical grades cannot take "", so cells are printed as objects)."""
    table = rows.astype(object).where(rows.notna(), "")
    for col in ("date", "published"):
        if col in table:
            table[col] = [d.date().isoformat() if d != "" else "" for d in table[col]]
    return table
