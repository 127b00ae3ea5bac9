"""``ofsted-analysis snapshot``: grade distribution of all authorities at a date."""

from __future__ import annotations

import argparse
import sys

from .options import areas_help, data_option, stored_tables


def add_parser(sub) -> None:
    p = sub.add_parser(
        "snapshot",
        help="grade distribution of all authorities at a date",
        description="Each current authority's latest judgement in an area at "
        "a date, as a distribution (or per authority with --csv).",
    )
    p.add_argument("--as-at", required=True, metavar="DATE", help="e.g. 2024-03-31")
    p.add_argument("--area", default="overall", metavar="AREA", help=f"one of {areas_help()}")
    p.add_argument("--by", choices=["region"], help="one distribution per region")
    p.add_argument(
        "--published-by",
        metavar="DATE",
        help="count reports published by this date (default: the as-at date); 'ofsted': "
        "the cut-off of Ofsted's own figures, as its release's cover states",
    )
    p.add_argument("--csv", action="store_true", help="print the per-authority table as CSV")
    data_option(p)
    p.set_defaults(func=run)


def _check_snapshot_dates(args: argparse.Namespace, judgements):
    """The as-at and publication dates, refused when they cannot give a true snapshot."""
    import pandas as pd

    from ..core.checks import to_timestamp
    from ..core.errors import InputError
    from ..judgements.asat import published_by_date

    when = to_timestamp(args.as_at, "--as-at date")
    by = published_by_date(when, args.published_by, judgements, "--published-by date")
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


def run(args: argparse.Namespace) -> int:
    import pandas as pd

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
        cut_off = ofsted_cut_off(when, judgements)
        ofsted = f"Ofsted's own figures use --published-by {cut_off:%Y-%m-%d}"
    except OfstedAnalysisError:  # the tables hold no release cover to say it
        cut_off, ofsted = None, "Ofsted's own cut-off is not known (no release cover is held)"
    if args.csv:
        # The table alone on stdout; the cut-off note on stderr, where a pipe won't take it.
        print(f"note: reports published by {by:%Y-%m-%d}; {ofsted}", file=sys.stderr)
        snap.to_csv(sys.stdout, index=False)
        return 0
    print(
        f"{args.area} as at {when:%Y-%m-%d}: each authority's latest judgement from "
        f"inspections done by then, reports published by {by:%Y-%m-%d}"
        + (" (the default cut-off: the as-at date)" if args.published_by is None else "")
    )
    if cut_off is None:
        print(f"{ofsted}.")
    elif by != cut_off:
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
