"""What several verbs share: the harmonised area names (for instant ``--help``), the ``--data``
option, the stored tables it points at, and the exit status for bad input."""

from __future__ import annotations

import argparse

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


def areas_help() -> str:
    return ", ".join(AREA_NAMES)


def data_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data", metavar="DIR", help="folder of the stored tables (default data/processed)"
    )


def stored_tables(args: argparse.Namespace):
    """The judgements and events tables the ``--data`` option names."""
    from ..storage.store import load, load_events

    return load(args.data), load_events(args.data)
