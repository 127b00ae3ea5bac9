"""The ``ofsted-analysis`` command line: ``build``, ``snapshot``, ``trajectory``, ``figures``,
``extract``, ``update``, ``notebooks``. Run ``ofsted-analysis VERB --help``.

Bad input is reported as a message naming the file, sheet, row, column and value, with exit
status 2 and no traceback. Heavy libraries are imported only by the verb that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_BAD_INPUT = 2


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    result = build(raw=args.raw, out=args.out, curated=args.curated, dry_run=args.dry_run)
    print(result.summary())
    return 0


def _cmd_update(args: argparse.Namespace) -> int:
    from .errors import OfstedAnalysisError

    if args.rollback:
        from .store import rollback

        folder = rollback(args.out)
        print(f"rolled back: {folder} holds the previous tables again "
              "(run `ofsted-analysis update --rollback` again to undo)")
        return 0
    if not args.files:
        raise OfstedAnalysisError("give the file(s) to update from, or --rollback")
    from .pipeline import update

    result = update(args.files, out=args.out, dry_run=args.dry_run,
                    skip_bad_rows=args.skip_bad_rows, rejects=args.rejects)
    print(result.report.text())
    if result.rejects_file:
        print(f"Refused rows, with reasons: {result.rejects_file}")
    if args.dry_run:
        print("Dry run: nothing was written.")
    elif result.written:
        print("Stored tables updated (previous version kept: `ofsted-analysis update "
              "--rollback` restores it).")
        print("Next: re-run the notebooks (`ofsted-analysis notebooks`) and refresh the "
              "figures (`ofsted-analysis figures`).")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ofsted-analysis",
        description="Ofsted judgements on English local authority children's services since "
        "2009: build the tidy tables, analyse them and draw briefing figures.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("build", help="read every source, merge, write data/processed",
                       description="Read every release, scrape, curated CSV and report PDF "
                       "found, merge them into the tidy tables and write them (atomically).")
    p.add_argument("--raw", nargs="+", metavar="PATH",
                   help="files or folders to read (default: data/raw)")
    p.add_argument("--curated", metavar="DIR", help="curated CSV folder (default: data/curated)")
    p.add_argument("--out", metavar="DIR", help="where to write (default: data/processed)")
    p.add_argument("--dry-run", action="store_true", help="read and merge, write nothing")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("update", help="merge new files into the stored tables, report changes",
                       description="Read new release, scrape, curated or report files, merge "
                       "them into the stored tables and print what changed. A file replaces "
                       "the stored records of the file with the same name.")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    p.add_argument("--skip-bad-rows", action="store_true",
                   help="store the good rows and write refused rows, with reasons, to --rejects")
    p.add_argument("--rejects", metavar="CSV",
                   help="where refused rows go (default data/rejects/rejects.csv)")
    p.add_argument("--rollback", action="store_true",
                   help="restore the tables as they were before the last write")
    p.add_argument("--out", metavar="DIR", help="the stored tables (default data/processed)")
    p.set_defaults(func=_cmd_update)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script (and ``python -m ofsted_analysis``)."""
    from .errors import OfstedAnalysisError

    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except OfstedAnalysisError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; stored tables are unchanged unless the write had finished",
              file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
