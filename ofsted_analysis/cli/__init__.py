"""The ``ofsted-analysis`` command line, one module per verb (its parser beside its handler):
``build``, ``update``, ``snapshot``, ``trajectory``, ``outcomes``, ``profile``, ``indicators``,
``findings``, ``figures``, ``extract``, ``notebooks``, ``brief``, ``send``. Run
``ofsted-analysis VERB --help``.

Bad input is reported as a message naming the file, sheet, row, column and value, with exit
status 2 and no traceback. Heavy libraries are imported only by the verb that needs them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import (
    brief,
    build,
    extract,
    figures,
    findings,
    indicators,
    notebooks,
    outcomes,
    profile,
    send,
    snapshot,
    trajectory,
    update,
)
from .options import AREA_NAMES, EXIT_BAD_INPUT

__all__ = ["main", "AREA_NAMES", "EXIT_BAD_INPUT"]

# The verbs in the order ``--help`` lists them. Each module is named for its verb; its
# docstring is its help (the first line the one-line help, the rest the description); it
# gives ``add_arguments(p)`` (its options) and ``run(args)`` (its handler). The subparser is
# built here, once for all of them.
VERBS = (
    build,
    update,
    snapshot,
    trajectory,
    outcomes,
    profile,
    indicators,
    figures,
    extract,
    findings,
    notebooks,
    brief,
    send,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ofsted-analysis",
        description="Ofsted judgements on English local authority children's services since "
        "2009: build the tidy tables, analyse them and draw briefing figures.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for verb in VERBS:
        name = verb.__name__.rsplit(".", 1)[1]
        summary, _, description = (verb.__doc__ or "").strip().partition("\n")
        p = sub.add_parser(name, help=summary, description=" ".join(description.split()))
        verb.add_arguments(p)
        p.set_defaults(func=verb.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script (and ``python -m ofsted_analysis``)."""
    from ..core.errors import OfstedAnalysisError

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
