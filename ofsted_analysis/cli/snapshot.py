"""grade distribution of all authorities at a date

Each current authority's latest judgement in an area at a date, as a distribution (or per
authority with --csv).
"""

from __future__ import annotations

import argparse
import sys

from .options import SCREEN, areas_help, csv_option, data_option, stored_tables, write_csv


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-at",
        required=True,
        metavar="DATE",
        help="e.g. 2024-03-31: from the first inspection (2009) to the data date",
    )
    p.add_argument("--area", default="overall", metavar="AREA", help=f"one of {areas_help()}")
    p.add_argument("--by", choices=["region"], help="one distribution per region")
    p.add_argument(
        "--published-by",
        metavar="DATE",
        help="count reports published by this date (default: the as-at date); 'ofsted': "
        "the cut-off of Ofsted's own figures, as its release's cover states",
    )
    csv_option(p, "the per-authority table")
    data_option(p)


def _check_snapshot_dates(args: argparse.Namespace, judgements):
    """The as-at and publication dates, each checked by the one rule for dates
    (:func:`ofsted_analysis.core.checks.check_as_at`), and in order."""
    from ..core.checks import check_as_at
    from ..judgements.asat import OFSTED, check_published_by, ofsted_cut_off

    when = check_as_at(args.as_at, judgements, "--as-at date")
    if args.published_by is None:
        by = when
    elif args.published_by.strip().lower() == OFSTED:  # Ofsted's cut-off for the date
        by = ofsted_cut_off(when, judgements)
        check_as_at(f"{by:%Y-%m-%d}", judgements, "--published-by ofsted (Ofsted's cut-off)")
    else:
        by = check_as_at(args.published_by, judgements, "--published-by date")
    return when, check_published_by(when, by, "--published-by", "--as-at")


def _cut_off_advice(by, cut_off, judgements) -> str | None:
    """How to match Ofsted's own figures, when the cut-off used is not theirs (or why they
    cannot be matched yet: their cut-off is after the data date)."""
    from ..judgements.prepare import data_date

    if by == cut_off:
        return None
    latest = data_date(judgements)
    if cut_off > latest:
        return (
            f"Ofsted's own 'as at' figures count reports published by {cut_off:%Y-%m-%d}, "
            f"after the data date ({latest:%Y-%m-%d}): these tables cannot match them yet."
        )
    return (
        f"Ofsted's own 'as at' figures count reports published by {cut_off:%Y-%m-%d}; "
        f"add --published-by {cut_off:%Y-%m-%d} to match them."
    )


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..core.checks import check_area
    from ..core.dates import long_date
    from ..core.errors import InputError, OfstedAnalysisError
    from ..core.grades import GRADES
    from ..judgements.asat import (
        as_at,
        distribution,
        good_or_better_share,
        good_or_better_shares,
        ofsted_cut_off,
    )
    from ..judgements.prepare import area_rows

    check_area(args.area, "--area")
    judgements, _ = stored_tables(args)
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
    try:
        advice = _cut_off_advice(by, ofsted_cut_off(when, judgements), judgements)
    except OfstedAnalysisError:  # the tables hold no release cover to say it
        advice = "Ofsted's own cut-off is not known (no release cover is held)."
    if args.csv == SCREEN:
        # The table alone on stdout; the cut-off note on stderr, where a pipe won't take it.
        note = f"note: reports published by {by:%Y-%m-%d}." + (f" {advice}" if advice else "")
        print(note, file=sys.stderr)
        write_csv(snap, SCREEN)
        return 0
    if args.csv:
        write_csv(snap, args.csv, "authorities")
    print(
        f"{args.area} as at {when:%Y-%m-%d}: each authority's latest judgement from "
        f"inspections done by then, reports published by {by:%Y-%m-%d}"
        + (" (the default cut-off: the as-at date)" if args.published_by is None else "")
    )
    if advice:
        print(advice)
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
