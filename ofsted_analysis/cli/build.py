"""read every source, merge, write data/processed

Read every release, scrape, curated CSV and report PDF found, merge them into the tidy tables
and write them (atomically).
"""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--raw", nargs="+", metavar="PATH", help="files or folders to read (default: data/raw)"
    )
    p.add_argument("--curated", metavar="DIR", help="curated CSV folder (default: data/curated)")
    p.add_argument("--out", metavar="DIR", help="where to write (default: data/processed)")
    p.add_argument("--dry-run", action="store_true", help="read and merge, write nothing")


def run(args: argparse.Namespace) -> int:
    from ..pipeline.run import build

    result = build(raw=args.raw, out=args.out, curated=args.curated, dry_run=args.dry_run)
    print(result.summary())
    for line in result.conflicts_resolved:
        print(f"  {line}")
    if result.skipped:
        print(f"Skipped {len(result.skipped)} file(s) that are not sources this package reads:")
        for line in result.skipped:
            print(f"  {line}")
    if result.finding_problems:
        print(
            f"{len(result.finding_problems)} report(s) read for judgements whose list of "
            "points to improve could not be delimited with certainty (none guessed):"
        )
        for line in result.finding_problems:
            print(f"  {line}")
    return 0
