"""The ``ofsted-analysis`` command line: ``build``, ``snapshot``, ``trajectory``, ``outcomes``,
``figures``, ``extract``, ``update``, ``notebooks``, ``findings``. Run ``ofsted-analysis VERB
--help``.

Bad input is reported as a message naming the file, sheet, row, column and value, with exit
status 2 and no traceback. Heavy libraries are imported only by the verb that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_BAD_INPUT = 2
# Kept here (not imported from frameworks) so `--help` stays instant; a test checks they agree.
AREA_NAMES = (
    "overall",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
)


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline.run import build

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


def _cmd_update(args: argparse.Namespace) -> int:
    from .core.errors import OfstedAnalysisError

    if args.refresh:  # checked before anything is written
        from .notebooks import require_notebook_tools

        require_notebook_tools()
    if args.rollback:
        from .storage.store import rollback

        folder = rollback(args.out)
        print(
            f"rolled back: {folder} holds the previous tables again "
            "(run `ofsted-analysis update --rollback` again to undo)"
        )
        return 0
    if not args.files:
        raise OfstedAnalysisError("give the file(s) to update from, or --rollback")
    from .pipeline.run import update

    result = update(
        args.files,
        out=args.out,
        dry_run=args.dry_run,
        skip_bad_rows=args.skip_bad_rows,
        rejects=args.rejects,
    )
    print(result.report.text())
    if result.rejects_file:
        print(f"Refused rows, with reasons: {result.rejects_file}")
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif result.written:
        print(
            "Stored tables updated (previous version kept: `ofsted-analysis update "
            "--rollback` restores it)."
        )
        if args.refresh:
            code = _cmd_figures(argparse.Namespace(data=args.out, out="figures"))
            return code or _cmd_notebooks(
                argparse.Namespace(param=[], html=None, data=args.out, workers=None, dry_run=False)
            )
        print(
            "Next: re-run the notebooks (`ofsted-analysis notebooks`) and refresh the "
            "figures (`ofsted-analysis figures`), or update with --refresh to do both."
        )
    return 0


def _tables(args: argparse.Namespace):
    from .storage.store import load, load_events

    return load(args.data), load_events(args.data)


def _check_snapshot_dates(args: argparse.Namespace, judgements):
    """The as-at and publication dates, refused when they cannot give a true snapshot."""
    import pandas as pd

    from .core.errors import InputError
    from .judgements.analysis import to_timestamp

    when = to_timestamp(args.as_at, "--as-at date")
    by = (
        when
        if args.published_by is None
        else to_timestamp(args.published_by, "--published-by date")
    )
    today = pd.Timestamp.today().normalize()
    for flag, value in (("--as-at", when), ("--published-by", by)):
        if value > today:
            raise InputError(
                flag,
                value.date().isoformat(),
                f"a date no later than today ({today.date().isoformat()})",
            )
    if by < when:
        raise InputError(
            "--published-by",
            by.date().isoformat(),
            f"a date on or after --as-at {when.date().isoformat()} (a report is "
            "published after its inspection)",
        )
    return when, by


def _cmd_snapshot(args: argparse.Namespace) -> int:
    import pandas as pd

    from .core.dates import long_date
    from .core.errors import InputError
    from .core.grades import GRADES
    from .judgements.analysis import (
        area_rows,
        as_at,
        distribution,
        good_or_better_share,
        good_or_better_shares,
        ofsted_cut_off,
    )

    judgements, _ = _tables(args)
    when, by = _check_snapshot_dates(args, judgements)
    snap = as_at(judgements, when, area=args.area, published_by=by)
    if snap["grade"].notna().sum() == 0:
        rows = area_rows(judgements, args.area)
        first = rows["date"].min()
        raise InputError(
            "--as-at",
            when.date().isoformat(),
            f"a date by which a judgement in {args.area} had been made and published (the "
            f"first in the data is from {long_date(first)})"
            if pd.notna(first)
            else f"an area with judgements in the data (there are no {args.area} judgements)",
        )
    cut_off = ofsted_cut_off(when)
    if args.csv:
        # The table alone on stdout; the cut-off note on stderr, where a pipe won't take it.
        print(
            f"note: reports published by {by:%Y-%m-%d}; Ofsted's own figures use "
            f"--published-by {cut_off:%Y-%m-%d}",
            file=sys.stderr,
        )
        snap.to_csv(sys.stdout, index=False)
        return 0
    print(
        f"{args.area} as at {when:%Y-%m-%d}: each authority's latest judgement from "
        f"inspections done by then, reports published by {by:%Y-%m-%d}"
        + (" (the default cut-off: the as-at date)" if args.published_by is None else "")
    )
    if by != cut_off:
        print(
            f"Ofsted's own 'as at' figures count reports published by {cut_off:%Y-%m-%d}; "
            f"add --published-by {cut_off:%Y-%m-%d} to match them."
        )
    if args.by:
        dist = distribution(snap, by=args.by)
        wide = dist.pivot(index=args.by, columns="grade", values="count")
        wide = wide[list(reversed(GRADES))]
        wide.columns = [str(c) for c in wide.columns]
        meta = dist.drop_duplicates(args.by).set_index(args.by)[["n_judged", "n_not_judged"]]
        wide = wide.join(meta)
        wide["good or outstanding %"] = (good_or_better_shares(dist, args.by) * 100).round(1)
        print(
            f"Authorities at each grade by {args.by}; good or outstanding % is of those with "
            "a judgement"
        )
        print(wide.reset_index().to_string(index=False))
    else:
        table = distribution(snap)
        table["share"] = (table["share"] * 100).round(1)
        print("share % = % of authorities with a judgement")
        print(table.rename(columns={"share": "share %"}).to_string(index=False))
    print(f"good or outstanding: {good_or_better_share(snap) * 100:.1f}%")
    return 0


def _cmd_trajectory(args: argparse.Namespace) -> int:
    from .judgements.analysis import resolve_authority, trajectory

    judgements, events = _tables(args)
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
    if args.out:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        from .plots.style import save_figure
        from .plots.trajectory import plot_trajectory

        ax = plot_trajectory(
            judgements, args.authorities, area=args.area or "overall", events=events
        )
        paths = save_figure(ax.figure, args.out, None)
        plt.close(ax.figure)
        print("wrote " + ", ".join(map(str, paths)))
    return 0


def _cmd_findings(args: argparse.Namespace) -> int:
    from .core.errors import InputError
    from .findings.table import authority_findings, load_findings
    from .findings.themes import load_taxonomy, unmatched

    findings = load_findings(args.data)
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
        findings[columns].to_csv(args.csv, index=False)
        print(f"wrote {len(findings)} point(s) to {args.csv}")
        return 0
    if not len(findings):
        print("no points match")
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
    return 0


def _cmd_outcomes(args: argparse.Namespace) -> int:
    import pandas as pd

    from .judgements.analysis import resolve_authority
    from .outcomes.analysis import compare_outcome_neighbours, with_grades
    from .outcomes.table import load_outcomes

    a = resolve_authority(args.authority)
    outcomes = load_outcomes(args.data)
    judgements, _ = _tables(args)
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

        from .plots.outcomes import plot_outcome, plot_outcome_multiples
        from .plots.style import save_figure

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


def _cmd_figures(args: argparse.Namespace) -> int:
    import time

    import pandas as pd

    from .figures import make_standard_set
    from .findings.table import load_findings
    from .outcomes.table import load_outcome_table
    from .storage.store import table_file

    started = time.perf_counter()
    judgements, events = _tables(args)
    # A store built without DfE files (or report PDFs) has no outcomes (or findings): the set
    # then leaves their figures out and says so.
    outcomes = load_outcome_table("outcomes", args.data, missing_ok=True)
    has_findings = table_file("findings", args.data).exists()
    findings = load_findings(args.data) if has_findings else pd.DataFrame()
    paths = make_standard_set(
        judgements, events, args.out, outcomes=outcomes, findings=findings, data=args.data
    )
    for what, frame in (("outcome", outcomes), ("findings", findings)):
        if frame.empty:
            print(f"note: the stored tables hold no {what} rows, so no {what} figures")
    print(
        f"wrote {len(paths)} figures (PNG, SVG and alt text) to {args.out} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    import pandas as pd

    from .pipeline.extract import extract_reports

    got = extract_reports(args.pdfs, progress=True)
    frame = got.judgements
    if args.csv:
        frame.to_csv(args.csv, index=False)
        print(f"wrote {len(frame)} judgements from {got.reports} report(s) to {args.csv}")
    elif len(frame):
        with pd.option_context("display.width", 200, "display.max_rows", None):
            print(
                frame[
                    [
                        "la_name",
                        "framework",
                        "event",
                        "start_date",
                        "end_date",
                        "published",
                        "area",
                        "grade",
                        "source",
                    ]
                ].to_string(index=False)
            )
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


def _cmd_notebooks(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from .notebooks import (
        NotebookError,
        check_params,
        notebook_paths,
        parse_params,
        require_notebook_tools,
        run_notebooks,
    )

    require_notebook_tools()
    params = parse_params(args.param)
    if getattr(args, "dry_run", False):
        paths = notebook_paths()
        data = None
        if args.data is not None:  # checked as the run checks it (--data is a folder of tables)
            data = str(Path(args.data).resolve())
            check_params({"data": data}, paths)
        check_params(params, paths, data)
        print(f"parameters valid for {len(paths)} notebooks; nothing was run (--dry-run)")
        return 0
    started = time.perf_counter()
    try:
        paths = run_notebooks(
            params=params,
            html_dir=args.html,
            data=args.data,
            workers=getattr(args, "workers", None),
        )
    except NotebookError as e:  # which notebook and cell failed, and why; no traceback
        print(f"error: a notebook failed: {e}\nNo notebook was changed.", file=sys.stderr)
        return 1
    print(
        f"re-ran {len(paths)} notebooks in {time.perf_counter() - started:.1f} s"
        + (f"; HTML copies in {args.html}" if args.html else "")
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ofsted-analysis",
        description="Ofsted judgements on English local authority children's services since "
        "2009: build the tidy tables, analyse them and draw briefing figures.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "build",
        help="read every source, merge, write data/processed",
        description="Read every release, scrape, curated CSV and report PDF "
        "found, merge them into the tidy tables and write them (atomically).",
    )
    p.add_argument(
        "--raw", nargs="+", metavar="PATH", help="files or folders to read (default: data/raw)"
    )
    p.add_argument("--curated", metavar="DIR", help="curated CSV folder (default: data/curated)")
    p.add_argument("--out", metavar="DIR", help="where to write (default: data/processed)")
    p.add_argument("--dry-run", action="store_true", help="read and merge, write nothing")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "update",
        help="merge new files into the stored tables, report changes",
        description="Read new release, scrape, curated or report files, merge "
        "them into the stored tables and print what changed. A file replaces "
        "the stored records of the file with the same name.",
    )
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="store the good rows and write refused rows, with reasons, to --rejects",
    )
    p.add_argument(
        "--rejects", metavar="CSV", help="where refused rows go (default data/rejects/rejects.csv)"
    )
    p.add_argument(
        "--rollback",
        action="store_true",
        help="restore the tables as they were before the last write",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="after a change, refresh the figures and re-run the notebooks",
    )
    p.add_argument("--out", metavar="DIR", help="the stored tables (default data/processed)")
    p.set_defaults(func=_cmd_update)

    def data_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data", metavar="DIR", help="folder of the stored tables (default data/processed)"
        )

    areas = ", ".join(AREA_NAMES)
    p = sub.add_parser(
        "snapshot",
        help="grade distribution of all authorities at a date",
        description="Each current authority's latest judgement in an area at "
        "a date, as a distribution (or per authority with --csv).",
    )
    p.add_argument("--as-at", required=True, metavar="DATE", help="e.g. 2024-03-31")
    p.add_argument("--area", default="overall", metavar="AREA", help=f"one of {areas}")
    p.add_argument("--by", choices=["region"], help="one distribution per region")
    p.add_argument(
        "--published-by",
        metavar="DATE",
        help="count reports published by this date (default: the as-at date)",
    )
    p.add_argument("--csv", action="store_true", help="print the per-authority table as CSV")
    data_option(p)
    p.set_defaults(func=_cmd_snapshot)

    p = sub.add_parser(
        "trajectory",
        help="authorities' judgements over time (table, chart)",
        description="Print each authority's judgements in time order; with "
        "--out, draw them as a briefing chart (PNG, SVG, alt text).",
    )
    p.add_argument("authorities", nargs="+", metavar="AUTHORITY")
    p.add_argument("--area", nargs="+", metavar="AREA", help=f"one or more of {areas}")
    p.add_argument("--out", metavar="PATH", help="chart file, e.g. figures/leeds.png")
    data_option(p)
    p.set_defaults(func=_cmd_trajectory)

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
        help=f"area of the grade shown (default overall): one of {areas}",
    )
    p.add_argument("--out", metavar="PNG", help="chart file, e.g. figures/leeds_outcomes.png")
    p.add_argument("--csv", action="store_true", help="print the table as CSV")
    data_option(p)
    p.set_defaults(func=_cmd_outcomes)

    p = sub.add_parser(
        "figures",
        help="regenerate the standard briefing figures",
        description="Draw the standard set of briefing figures (PNG at 200 "
        "dpi, SVG and alt text for each).",
    )
    p.add_argument("--out", default="figures", metavar="DIR", help="default: figures/")
    data_option(p)
    p.set_defaults(func=_cmd_figures)

    p = sub.add_parser(
        "extract",
        help="read judgements straight from Ofsted report PDFs",
        description="Read each report PDF (SIF 2014-17, ILACS 2018-, ILACS 2026) "
        "and print its judgements in the tidy schema, or write them as CSV. A "
        "report that cannot be read with certainty is an error naming the file.",
    )
    p.add_argument("pdfs", nargs="+", metavar="PDF")
    p.add_argument("--csv", metavar="PATH", help="write the judgements to this CSV")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser(
        "findings",
        help="what inspectors asked to improve, with themes",
        description="Print the points inspection reports ask authorities to "
        "improve (verbatim, with their themes), for one authority or all; "
        "--theme keeps the points with that theme (repeatable); --csv writes "
        "them to a file.",
    )
    p.add_argument("authority", nargs="?", metavar="AUTHORITY")
    p.add_argument(
        "--theme",
        action="append",
        metavar="THEME",
        help="a theme id from data/reference/finding_themes.csv",
    )
    p.add_argument("--csv", metavar="PATH", help="write the points to this CSV")
    data_option(p)
    p.set_defaults(func=_cmd_findings)

    p = sub.add_parser(
        "notebooks",
        help="re-execute the notebooks against the current data",
        description="Re-execute every notebook in notebooks/ against the stored "
        "tables, optionally with parameters, and write HTML copies. Parameters "
        "are checked before anything runs; the notebooks are replaced only when "
        "all of them ran, so a failure (naming the notebook and cell) leaves "
        "them as they were.",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter, e.g. authorities=Leeds,Bradford or "
        "as_at=2024-03-31 (repeatable)",
    )
    p.add_argument("--html", metavar="DIR", help="also write HTML copies here")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="notebooks run at once, one kernel each (default: one per core)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check the parameters and exit without running anything",
    )
    data_option(p)
    p.set_defaults(func=_cmd_notebooks)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script (and ``python -m ofsted_analysis``)."""
    from .core.errors import OfstedAnalysisError

    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader went away (`snapshot --csv | head`): stop quietly, as Unix tools do.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE
    except OfstedAnalysisError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print(
            "interrupted; stored tables are unchanged unless the write had finished",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
