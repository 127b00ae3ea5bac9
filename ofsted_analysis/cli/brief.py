"""a briefing pack per authority: an accessible HTML page and a PDF

Write DIR/<slug>.html (one self-contained page: styles and chart inside it) and DIR/<slug>.pdf
for each authority named, or for every authority with --all (on every core, with a progress
bar): latest judgements and the change since the inspection before, the trajectory chart and
its data, key outcome indicators against neighbours, region and England, what inspectors asked
the authority to improve, visits since, the area SEND inspection (set apart from the grades),
sources and caveats.
"""

from __future__ import annotations

import argparse
import sys

from .options import as_at_option, authority_argument, data_option, neighbour_model_option


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authorities", "*", none="give --all")
    p.add_argument("--all", action="store_true", help="every authority (current and former)")
    p.add_argument("--out", metavar="DIR", required=True, help="folder the packs are written to")
    as_at_option(p)
    neighbour_model_option(p)
    data_option(p)


def run(args: argparse.Namespace) -> int:
    from ..briefing.run import brief
    from ..core.errors import InputError

    if not args.authorities and not args.all:
        raise InputError("AUTHORITY", "nothing", "one or more authority names, or --all")
    written = brief(
        args.authorities,
        out=args.out,
        as_at=args.as_at,
        neighbours=args.neighbours,
        everyone=args.all,
        data=args.data,
        progress=sys.stderr.isatty() or args.all,
    )
    packs = len(written) // 2
    print(f"wrote {packs} pack{'s' if packs != 1 else ''} (HTML and PDF) to {args.out}")
    return 0
