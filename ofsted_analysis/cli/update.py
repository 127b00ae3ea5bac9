"""merge new files into the stored tables, report changes

Read new release, scrape, curated or report files, merge them into the stored tables and print
what changed. A file replaces the stored records of the file with the same name.
"""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace) -> int:
    from ..core.errors import OfstedAnalysisError

    if args.refresh:  # checked before anything is written
        from ..notebooks import require_notebook_tools

        require_notebook_tools()
    if args.rollback:
        from ..storage.store import rollback

        folder = rollback(args.out)
        print(
            f"rolled back: {folder} holds the previous tables again "
            "(run `ofsted-analysis update --rollback` again to undo)"
        )
        return 0
    if not args.files:
        raise OfstedAnalysisError("give the file(s) to update from, or --rollback")
    from ..pipeline.run import update

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
            from . import figures, notebooks

            code = figures.run(argparse.Namespace(data=args.out, out="figures"))
            return code or notebooks.run(
                argparse.Namespace(param=[], html=None, data=args.out, workers=None, dry_run=False)
            )
        print(
            "Next: re-run the notebooks (`ofsted-analysis notebooks`) and refresh the "
            "figures (`ofsted-analysis figures`), or update with --refresh to do both."
        )
    return 0
