"""read judgements straight from Ofsted report PDFs

Read each report PDF (SIF 2014-17, ILACS 2018-, ILACS 2026) and print its judgements in the tidy
schema, or write them as CSV. A report that cannot be read with certainty is an error naming the
file.
"""

from __future__ import annotations

import argparse
import sys

from .options import csv_option, write_csv

# The columns printed on the screen (``--csv`` writes every column).
SHOWN = "la_name framework event start_date end_date published area grade source".split()


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdfs", nargs="+", metavar="PDF")
    csv_option(p, "the judgements")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..pipeline.extract import extract_reports

    got = extract_reports(args.pdfs, progress=True)
    frame = got.judgements
    if args.csv:
        write_csv(frame, args.csv, f"judgement(s) from {got.reports} report(s)")
    elif len(frame):
        with pd.option_context("display.width", 200, "display.max_rows", None):
            print(frame.to_string(columns=SHOWN, index=False))
    for skipped in got.skipped:
        print(f"skipped: {skipped}", file=sys.stderr)
    for error in got.errors:
        print(f"error: {error}", file=sys.stderr)
    if got.errors:
        print(
            f"{len(got.errors)} of {len(args.pdfs)} file(s) could not be read with certainty",
            file=sys.stderr,
        )
        return 1
    return 0
