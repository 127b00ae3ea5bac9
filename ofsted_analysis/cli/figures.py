"""regenerate the standard briefing figures

Draw the standard set of briefing figures (PNG at 200 dpi, SVG and alt text for each): by
default Leeds' (and City of London's trajectory, and Yorkshire and the Humber's heatmap), with
--authority any authority's, with its own region.
"""

from __future__ import annotations

import argparse

from .options import data_option, stored_tables


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="figures", metavar="DIR", help="default: figures/")
    p.add_argument(
        "--authority",
        action="append",
        metavar="NAME",
        help="draw the authority figures (trajectory, neighbours, re-referrals) and its "
        "region's heatmap for this authority instead of Leeds (repeatable); file names "
        "use the name in lower case, e.g. trajectory_north_northamptonshire.png",
    )
    data_option(p)


def run(args: argparse.Namespace) -> int:
    import time

    import pandas as pd

    from ..core.checks import resolve_authority
    from ..figures import make_standard_set
    from ..findings.table import load_findings
    from ..outcomes.table import load_outcome_table
    from ..send.table import load_area_send
    from ..storage.store import table_file

    started = time.perf_counter()
    # Names checked before anything is drawn; passed down resolved.
    authorities = [resolve_authority(a).la_name for a in args.authority or []]
    judgements, events = stored_tables(args)
    # A store built without DfE files (or report PDFs) has no outcomes (or findings): the set
    # then leaves their figures out and says so.
    outcomes = load_outcome_table("outcomes", args.data, missing_ok=True)
    has_findings = table_file("findings", args.data).exists()
    # Themes are tagged by the figure that needs them, on its own core, not here.
    findings = load_findings(args.data, themes=False) if has_findings else pd.DataFrame()
    # Area SEND inspections beside the grades (and their own figures), when the store has them.
    send = load_area_send(args.data)
    not_drawn: dict[str, str] = {}
    paths = make_standard_set(
        judgements,
        events,
        args.out,
        outcomes=outcomes,
        findings=findings,
        data=args.data,
        authorities=authorities or None,
        not_drawn=not_drawn,
        send=send if len(send) else None,
    )
    for what, frame in (("outcome", outcomes), ("findings", findings), ("area SEND", send)):
        if frame.empty:
            print(f"note: the stored tables hold no {what} rows, so no {what} figures")
    for stem, reason in not_drawn.items():
        print(f"note: {stem} not drawn: {reason}")
    print(
        f"wrote {len(paths)} figures (PNG, SVG and alt text) to {args.out} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return 0
