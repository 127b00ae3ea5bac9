"""the outcome indicators: ids, labels, units, sources

List the DfE outcome indicators `outcomes --indicator` takes: each id with what it measures, its
unit and the published file and columns it comes from (or how it is computed), by topic.
"""

from __future__ import annotations

import argparse

from ..outcomes.indicators import TOPICS  # a light module (no pandas): `--help` stays instant
from .options import SCREEN, csv_option, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--topic",
        action="append",
        metavar="TOPIC",
        help=f"only this topic (repeatable): one of {', '.join(TOPICS)}",
    )
    csv_option(p, "the list (id, label, unit, topic, computed, higher_is_better, source)")


def run(args: argparse.Namespace) -> int:
    import textwrap

    from ..outcomes.indicators import indicator_table

    table = indicator_table(args.topic)
    if args.csv:
        write_csv(table, args.csv, "indicator(s)")
    if args.csv == SCREEN:
        return 0
    width = max(map(len, table["id"])) + 2
    for topic, rows in table.groupby("topic", sort=False):
        print(f"{topic}:")
        for r in rows.itertuples():
            print(f"  {r.id:<{width}}{r.label} ({r.unit})")
            print(
                textwrap.fill(
                    f"source: {r.source}",
                    width=100,
                    initial_indent=" " * (width + 2),
                    subsequent_indent=" " * (width + 4),
                )
            )
    print(f"{len(table)} indicator(s); use an id: ofsted-analysis outcomes NAME --indicator ID")
    return 0
