"""what inspectors asked to improve, with themes

Print the points inspection reports ask authorities to improve (verbatim, with their themes),
for one authority or all; --theme keeps the points with that theme (repeatable); --csv writes
them as CSV.
"""

from __future__ import annotations

import argparse
import sys

from .options import authority_argument, csv_option, data_option, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authority", "?", none="every authority")
    p.add_argument(
        "--theme",
        action="append",
        metavar="THEME",
        help="a theme id from data/reference/finding_themes.csv",
    )
    csv_option(p, "the points")
    data_option(p)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import InputError
    from ..findings.report_coverage import coverage
    from ..findings.table import authority_findings, load_finding_problems, load_findings
    from ..findings.themes import load_taxonomy, unmatched
    from ..storage.store import load

    findings = load_findings(args.data)
    # What the points cover, said with every output (the table holds only reports read).
    held = coverage(findings, load(args.data), args.authority, load_finding_problems(args.data))
    taxonomy = load_taxonomy()
    if args.authority:
        findings = authority_findings(findings, args.authority, taxonomy)
    known = [t.theme for t in taxonomy]
    for theme in args.theme or []:
        if theme not in known:
            raise InputError("theme", theme, "one of " + ", ".join(known))
    if args.theme:
        wanted = set(args.theme)
        findings = findings[[bool(wanted & set(t.split("; "))) for t in findings["themes"]]]
    columns = [
        c
        for c in (
            "la_name",
            "inspection_id",
            "published",
            "kind",
            "position",
            "text",
            "themes",
            "recurring",
            "source",
        )
        if c in findings
    ]
    if args.csv:
        write_csv(findings[columns], args.csv, "point(s)")
        print(held.text, file=sys.stderr)
        return 0
    if not len(findings):
        print(f"no point has the theme {' or '.join(args.theme)}" if args.theme else "no points")
        print(held.text)
        return 0
    for inspection_id, rows in findings.groupby("inspection_id", sort=False):
        first = rows.iloc[0]
        print(f"{first.la_name}, {first.published:%d %B %Y} ({inspection_id}):")
        for r in rows.itertuples():
            themes = f"  [{r.themes}]" if r.themes else "  [no theme]"
            again = f" (again: {r.recurring})" if getattr(r, "recurring", "") else ""
            print(f"  {r.position}. {r.text}{themes}{again}")
    _rows, share = unmatched(findings)
    print(
        f"{len(findings)} point(s) from {findings.inspection_id.nunique()} report(s); "
        f"{share:.1%} carry no theme"
    )
    print(held.text)
    return 0
