"""Time the standard figure set: ``python benchmarks/bench_figures.py [processed_dir]``.

Prints seconds per figure (draw + PNG + SVG + alt text) and the total including loading the
tables and importing matplotlib. Target: under 15 s for the whole set on a 2-core machine.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the checkout this script is in, not an installed copy


def main(argv: list[str]) -> None:
    t0 = time.perf_counter()
    from ofsted_analysis.figures import make_standard_set
    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.outcomes.table import load_outcomes
    from ofsted_analysis.storage import store

    processed = Path(argv[0]) if argv else None  # None: the project's data/processed
    judgements, events = store.load(processed), store.load_events(processed)
    outcomes, findings = load_outcomes(processed), load_findings(processed)

    t_load = time.perf_counter() - t0
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as out:
        make_standard_set(judgements, events, out, timings, outcomes, findings, processed)
    total = time.perf_counter() - t0
    width = max(len(k) for k in timings)
    print(f"{'figure':<{width}}  seconds")
    print(f"{'-' * width}  -------")
    print(f"{'(load tables, imports)':<{width}}  {t_load:7.2f}")
    for name, secs in timings.items():
        print(f"{name:<{width}}  {secs:7.2f}")
    print(f"{'-' * width}  -------")
    print(f"{'total':<{width}}  {total:7.2f}   (target < 15 s)")


if __name__ == "__main__":
    main(sys.argv[1:])
