"""Derive ``data/reference/statistical_neighbours.csv`` from DfE's April 2021 statistical
neighbour groupings: the 2021 model, shipped so it is always held. Later models (DfE's
``sn_model_YYYY_wide.csv``, 2025 on) are not derived here: ``build`` reads and stores them, and
``ofsted_analysis.core.neighbours`` serves both (tests/test_neighbours.py checks every
authority of each against DfE's file).

Run once, by hand, on DfE's 2021 file::

    python scripts/make_statistical_neighbours.py \
        path/to/New_Statistical_Neighbour_Groupings_April_2021.csv

DfE's file is wide (one row per authority, SN1..SN10 each followed by an unnamed closeness
column) and ends with an "Old SNs:" block for the authorities abolished in 2019 and 2021. The
project's table is long and tidy: ``la_number, neighbour_rank, neighbour_la_number, closeness``,
one row per authority and neighbour, so the analysis can join it without parsing a wide sheet.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "reference" / "statistical_neighbours.csv"


def derive(source: Path) -> list[dict[str, str]]:
    with open(source, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    # Neighbour columns are named SN1..SN10; the closeness word sits in the column after each.
    sn_cols = [
        (int(h[2:]), i) for i, h in enumerate(header) if h.startswith("SN") and h[2:].isdigit()
    ]
    out = []
    for row in rows[1:]:
        number = row[0].strip() if row else ""
        if not number.isdigit():  # blank lines and the "Old SNs:" caption
            continue
        for rank, i in sorted(sn_cols):
            neighbour = row[i].strip()
            if not neighbour:
                continue
            out.append(
                {
                    "la_number": number,
                    "neighbour_rank": str(rank),
                    "neighbour_la_number": neighbour,
                    # DfE capitalises inconsistently ("Not Close", "Somewhat close"):
                    # store lower case.
                    "closeness": row[i + 1].strip().lower(),
                }
            )
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit(__doc__)
    rows = derive(Path(argv[0]))
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(
            fh, ["la_number", "neighbour_rank", "neighbour_la_number", "closeness"]
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows for {len({r['la_number'] for r in rows})} authorities to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
