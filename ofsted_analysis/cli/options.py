"""What several verbs share: the harmonised area names (for instant ``--help``), the ``--data``
and ``--csv`` options, the stored tables ``--data`` points at, the one writer of every CSV, and
the exit status for bad input."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported by the verbs that need it, not for `--help`
    import pandas as pd

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
#: ``--csv -``: the table on the screen (standard output) instead of a file.
SCREEN = "-"
#: Dates in every CSV, as ISO 8601 (Excel reads them as dates in any locale).
CSV_DATE_FORMAT = "%Y-%m-%d"


def areas_help() -> str:
    return ", ".join(AREA_NAMES)


def grade_area_option(p: argparse.ArgumentParser) -> None:
    """``--area``: the judgement area of the grade shown beside outcomes (default overall)."""
    p.add_argument(
        "--area",
        default="overall",
        metavar="AREA",
        help=f"area of the grade shown (default overall): one of {areas_help()}",
    )


def neighbour_model_option(p: argparse.ArgumentParser, *aliases: str) -> None:
    """``--neighbours MODEL``: which DfE statistical-neighbour model, in the same words in
    every verb (``aliases``: an older spelling a verb still accepts, e.g. ``--model``)."""
    p.add_argument(
        "--neighbours",
        *aliases,
        dest="neighbours",
        default="latest",
        metavar="MODEL",
        help="DfE's statistical-neighbour model: a year of a model the build stored (e.g. 2021, "
        "2025) or latest (default: the newest stored)",
    )


def measures_view_options(
    p: argparse.ArgumentParser, chart_example: str, csv_what: str, *neighbour_aliases: str
) -> None:
    """The options every verb showing one authority's measures beside its statistical
    neighbours takes, in the same order (``outcomes``, ``profile``): the neighbour model, the
    area of the grade shown, a chart file (``chart_example``), a CSV of ``csv_what`` and the
    folder of the stored tables."""
    neighbour_model_option(p, *neighbour_aliases)
    grade_area_option(p)
    p.add_argument("--out", metavar="PNG", help=f"chart file, e.g. {chart_example}")
    csv_option(p, csv_what)
    data_option(p)


#: What an ``AUTHORITY`` argument may be, in every verb's help.
AUTHORITY_HELP = "a local authority's name (any common spelling), GSS code or DfE number"


def authority_argument(
    p: argparse.ArgumentParser, dest: str, nargs: str | None = None, none: str = ""
) -> None:
    """The authorities a verb is about, named the same way in every verb: ``dest``
    ``authority`` (one) or ``authorities`` (``nargs`` ``+`` or ``*``); ``none`` says what
    giving none means, for a verb where it is optional."""
    many = " (one or more)" if nargs in ("+", "*") else ""
    what = f"{AUTHORITY_HELP}{many}" + (f"; none: {none}" if none else "")
    p.add_argument(dest, nargs=nargs, metavar="AUTHORITY", help=what)


def as_at_option(p: argparse.ArgumentParser) -> None:
    """``--as-at DATE``: what was known at a past date, by the as-at rule."""
    p.add_argument(
        "--as-at",
        metavar="DATE",
        help="what was known at DATE (inspections done and reports published by then); "
        "default: the data date",
    )


def data_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data", metavar="DIR", help="folder of the stored tables (default data/processed)"
    )


def csv_option(p: argparse.ArgumentParser, what: str) -> None:
    """``--csv PATH``, the same in every verb: write ``what`` to PATH, or ``-`` for the screen."""
    p.add_argument(
        "--csv",
        metavar="PATH",
        help=f"write {what} as CSV to PATH (UTF-8 with a byte-order mark, so Excel opens it "
        f"cleanly; dates as YYYY-MM-DD), or {SCREEN} to print the CSV alone on the screen",
    )


def write_csv(frame: pd.DataFrame, target: str, what: str = "row(s)") -> None:
    """Write ``frame`` as the ``--csv`` option asks: to the screen for ``-`` (the table alone
    on standard output, for a pipe), else to the file ``target`` in UTF-8 with a byte-order
    mark (``utf-8-sig``: Excel then reads accents and the pound sign right) and a line on the
    screen saying what was written. Dates are written as YYYY-MM-DD.

    Raises :class:`InputError` when the file cannot be written (no such folder, no permission).
    """
    from pathlib import Path

    from ..core.errors import InputError

    if target == SCREEN:
        frame.to_csv(sys.stdout, index=False, date_format=CSV_DATE_FORMAT)
        return
    path = Path(target)
    if path.is_dir():
        raise InputError("--csv", target, "a file name (this is a folder)")
    try:
        frame.to_csv(path, index=False, encoding="utf-8-sig", date_format=CSV_DATE_FORMAT)
    except OSError as e:
        raise InputError(
            "--csv", target, f"a file that can be written ({e.strerror or e})"
        ) from None
    print(f"wrote {len(frame)} {what} to {path}")


def stored_tables(args: argparse.Namespace):
    """The judgements and events tables the ``--data`` option names."""
    from ..storage.store import load, load_events

    return load(args.data), load_events(args.data)
