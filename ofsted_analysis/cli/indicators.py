"""the outcome indicators: ids, labels, units, sources; --search WORDS finds one

List the outcome indicators `outcomes --indicator` takes: the package's own (DfE's statistics:
each id with what it measures, its unit and the published file and columns it comes from, or
how it is computed) and LAIT's measures (`lait:<Short Desc>`, counted by topic; `--topic`
lists a topic's, `--search` finds them by words with the years held).
"""

from __future__ import annotations

import argparse

from ..outcomes.indicators import TOPICS  # a light module (no pandas): `--help` stays instant
from .options import SCREEN, csv_option, data_option, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--topic",
        action="append",
        metavar="TOPIC",
        help=f"only this topic (repeatable): one of {', '.join(TOPICS)} or one of LAIT's "
        "(e.g. 'Children Looked After'; the list ends with them)",
    )
    p.add_argument(
        "--search",
        nargs="+",
        metavar="WORD",
        help="the indicators whose id, label, topic or description hold every word "
        "(e.g. --search social worker turnover), with the years held",
    )
    data_option(p)
    csv_option(p, "the list (every column of oa.indicator_table(), or the search's)")


def run(args: argparse.Namespace) -> int:
    if args.search:
        return _search(args)
    import textwrap

    from ..outcomes.catalogue import indicator_table

    table = indicator_table(args.topic, path=args.data)
    if args.csv:
        write_csv(table, args.csv, "indicator(s)")
    if args.csv == SCREEN:
        return 0
    own = table[table["origin"] == "dfe"]
    lait = table[table["origin"] == "lait"]
    width = max(map(len, table["id"]), default=0) + 2
    for topic, rows in own.groupby("topic", sort=False):
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
    if args.topic:
        for topic, rows in lait.groupby("topic", sort=False):
            print(f"{topic} (LAIT):")
            for r in rows.itertuples():
                print(f"  {r.id:<{width}}{r.label} ({r.unit})")
    elif len(lait):
        counts = lait.groupby("topic", sort=True).size()
        print(
            textwrap.fill(
                "LAIT measures by topic (list one with --topic, find one with --search): "
                + "; ".join(f"{topic} {n}" for topic, n in counts.items()),
                width=100,
                subsequent_indent="    ",
            )
        )
    print(
        f"{len(own)} indicator(s) of the package's own, {len(lait)} LAIT measure(s); use an id: "
        "ofsted-analysis outcomes NAME --indicator ID"
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from ..outcomes.search import search_indicators

    found = search_indicators(" ".join(args.search), path=args.data)
    if args.csv:
        write_csv(found, args.csv, "indicator(s)")
    if args.csv == SCREEN:
        return 0
    width = max(map(len, found["id"])) + 2
    for r in found.itertuples():
        print(f"{r.id:<{width}}{r.label} ({r.unit}; {r.topic}; years held: {r.years})")
    print(f"{len(found)} indicator(s) hold every word of {' '.join(args.search)!r}")
    return 0
