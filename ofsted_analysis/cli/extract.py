"""read judgements straight from Ofsted report PDFs

Read each report PDF (SIF 2014-17, ILACS 2018-, ILACS 2026) and print its judgements in the tidy
schema, or write them as CSV. An area SEND inspection report (2023 framework) gives its row of
the area_send table instead (framework, outcome, start_date, ...). A report that cannot be read
with certainty is an error naming the file and page.
"""

from __future__ import annotations

import argparse
import sys

from .options import csv_option, write_csv

# The columns printed on the screen (``--csv`` writes every column).
SHOWN = "la_name framework event start_date end_date published area grade source".split()
SEND_SHOWN = (
    "la_name framework start_date end_date published outcome priority_action_plan "
    "areas_for_priority_action source"
).split()


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("pdfs", nargs="+", metavar="PDF")
    csv_option(p, "the judgements")


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..pipeline.extract import extract_reports

    got = extract_reports(args.pdfs, progress=True)
    frame = got.judgements
    send = got.area_send if got.area_send is not None and len(got.area_send) else None
    if args.csv:
        if send is not None and len(frame):
            from ..core.errors import InputError

            raise InputError(
                "PDF files",
                f"{got.reports} children's services and {got.send_reports} area SEND report(s)",
                "one kind per CSV (their tables have different columns): run extract once for each",
            )
        if send is not None:
            write_csv(send, args.csv, f"area SEND inspection(s) from {got.send_reports} report(s)")
        else:
            write_csv(frame, args.csv, f"judgement(s) from {got.reports} report(s)")
    else:
        with pd.option_context("display.width", 200, "display.max_rows", None):
            if len(frame):
                print(frame.to_string(columns=SHOWN, index=False))
            if send is not None:
                print(send.to_string(columns=SEND_SHOWN, index=False))
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
