"""area SEND inspections: the national picture, or one area's history

Without a name: the area SEND picture at a date (default: the data date): the share of areas
with each 2023-framework outcome in force, by region; the share of areas the 2016 framework
required to write a statement of action; the time between inspections. With a name: that
area's inspections, revisits and monitoring inspections, each beside the children's services
grade in force then (an association, not a cause). --csv writes the per-area table.
"""

from __future__ import annotations

import argparse
import sys

from .options import SCREEN, as_at_option, authority_argument, csv_option, data_option, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    authority_argument(p, "authority", "?", none="every area")
    as_at_option(p)
    p.add_argument(
        "--include-predecessors",
        action="store_true",
        help="with a name: add the inspections of the areas it replaced (e.g. Dorset County "
        "Council's for Dorset)",
    )
    csv_option(p, "the per-area table (or the area's history)")
    data_option(p)


def _screen(table):
    """Dates as YYYY-MM-DD and missing cells blank, for printing."""
    import pandas as pd

    out = table.astype(object).where(table.notna(), "")
    for col in out:
        if pd.api.types.is_datetime64_any_dtype(table[col]):
            out[col] = [d.date().isoformat() if d != "" else "" for d in out[col]]
    return out


def _national(args, send, when, printing: bool) -> None:
    from ..judgements.asat import known_at
    from ..send import analysis as sa
    from ..send import text

    snap = sa.send_as_at(send, when)
    if args.csv:
        write_csv(snap, args.csv, "areas")
    if not printing:
        return
    print(text.national_text(snap))
    dist = sa.outcome_distribution(snap, by="region")
    if dist["n_inspected"].sum():
        wide = dist.pivot(index="region", columns="outcome", values="count")
        wide = wide[list(reversed(sa.OUTCOMES))].rename(columns=sa.OUTCOME_SHORT)
        meta = dist.drop_duplicates("region").set_index("region")
        if meta["n_not_held"].any():
            wide["outcome not held"] = meta["n_not_held"]
        wide["not yet inspected"] = meta["n_not_inspected"]
        positive = dist[dist["outcome"].astype(str) == "positive"].set_index("region")["share"]
        wide["positive %"] = (positive * 100).round(1)
        print(
            "Areas by 2023-framework outcome in force, by region "
            "(positive % is of the areas inspected):"
        )
        print(wide.reset_index().to_string(index=False))
    print(text.wsoa_text(snap))
    wsoa = sa.wsoa_distribution(snap, by="region")
    if wsoa["n_inspected"].sum():
        required = wsoa[wsoa["wsoa"].astype(bool)].set_index("region")
        table = required[["count", "n_inspected", "n_not_held"]].rename(
            columns={"count": "WSoA required", "n_inspected": "inspected", "n_not_held": "not held"}
        )
        table["WSoA %"] = (required["share"] * 100).round(1)
        print("2016 framework, by region (WSoA % is of areas inspected under it):")
        print(table.reset_index().to_string(index=False))
    known = send[known_at(send, when)]  # the events done and published by the date
    print(text.intervals_text(sa.interval_summary(sa.send_intervals(known))))


def _area(args, send, when, printing: bool) -> None:
    from ..core.checks import resolve_authority
    from ..send import analysis as sa
    from ..send import text
    from ..storage.store import load

    a = resolve_authority(args.authority)
    rows = sa.area_send_history(send, a, args.include_predecessors, when)
    rows = sa.grades_in_force(rows, load(args.data))
    table = rows[[c for c in sa.history_columns() if c in rows]]
    if args.csv:
        write_csv(table, args.csv, "SEND event(s)")
    if not printing:
        return
    print(f"{a.la_name}: area SEND inspections known at {when:%Y-%m-%d} (done and published)")
    if a.ended:
        print(f"note: {a.ended}", file=sys.stderr)
    others = None if args.include_predecessors else sa.predecessor_inspections(send, a)
    if len(table):
        print(_screen(table).to_string(index=False))
    print(text.area_text(rows, a.la_name, others))
    if len(table):
        print(
            "grade: the children's services overall grade in force at each date (as-at rule). "
            + text.ASSOCIATION
        )


def run(args: argparse.Namespace) -> int:
    from ..core.checks import check_as_at, data_date
    from ..core.errors import InputError
    from ..send.table import load_area_send

    send = load_area_send(args.data)
    if send.empty:
        raise InputError(
            "--data",
            args.data or "data/processed",
            "stored tables with area SEND inspections (build them with ../shared/data/send, "
            "see docs/building.md)",
        )
    when = data_date(send) if args.as_at is None else check_as_at(args.as_at, send, "--as-at")
    printing = args.csv != SCREEN
    if args.authority:
        _area(args, send, when, printing)
    else:
        _national(args, send, when, printing)
    return 0
