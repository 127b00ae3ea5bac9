"""What LAIT's bulk file (603k cells, ../shared/data/lait) adds to a build, and how fast and
small the outcomes table is with every measure.

* build from the releases, scrape, curated records and DfE files, warm cache, fresh process:
  without and with ../shared/data/lait (the difference is what an unchanged LAIT file costs a
  rebuild; target <= 0.3 s);
* the same in-process, and with the LAIT file never seen before (its read and the outcome
  tables' caches cleared): what LAIT adds to a cold build (target <= 3 s);
* `load_outcomes()` with every measure, pandas imported (target < 0.5 s), the table's rows,
  file size and memory (repeated words are categories: storage.schema kind ``cat``).

Usage: python benchmarks/bench_lait.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _timing import SHARED, timed  # a sibling module: scripts here run from this folder

RAW = SHARED / "raw"
OUTCOMES = SHARED / "outcomes"
LAIT = SHARED / "lait"


def _clear_outcome_caches(cache: Path) -> None:
    """Forget every outcome file read and table made (as if LAIT's file were new)."""
    for memo in cache.glob("outcome-*"):
        shutil.rmtree(memo) if memo.is_dir() else memo.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "ofsted_analysis"]
    results: dict[str, list[float]] = {}

    def note(name: str, seconds: float) -> None:
        results.setdefault(name, []).append(seconds)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cache = tmp / "cache"
        env = {**os.environ, "OFSTED_ANALYSIS_CACHE": str(cache)}
        without = [*cli, "build", "--raw", str(RAW), str(OUTCOMES), "--out", str(tmp / "a")]
        with_lait = [*without[:-2], str(LAIT), "--out", str(tmp / "b")]
        timed(with_lait, env)  # warm the per-file cache
        timed(without, env)
        for _ in range(args.repeat):
            note("build (fresh process, warm), without LAIT", timed(without, env))
            note("build (fresh process, warm), with LAIT", timed(with_lait, env))
        os.environ["OFSTED_ANALYSIS_CACHE"] = str(cache)
        import ofsted_analysis as oa

        oa.build(raw=[RAW, OUTCOMES], out=tmp / "c")  # imports done before timing
        for _ in range(args.repeat):
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES], out=tmp / "c")
            note("build in-process, without LAIT", time.perf_counter() - t)
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES, LAIT], out=tmp / "d")
            note("build in-process, with LAIT unchanged", time.perf_counter() - t)
            _clear_outcome_caches(cache)
            oa.build(raw=[RAW, OUTCOMES], out=tmp / "c")  # DfE's files read again, alone
            _clear_outcome_caches(cache)
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES], out=tmp / "e")
            note(
                "build in-process, outcome files read afresh, without LAIT", time.perf_counter() - t
            )
            _clear_outcome_caches(cache)
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES, LAIT], out=tmp / "f")
            note("build in-process, outcome files read afresh, with LAIT", time.perf_counter() - t)
            t = time.perf_counter()
            outcomes = oa.load_outcomes(tmp / "f")
            note("load_outcomes() with every measure (pandas imported)", time.perf_counter() - t)
        from ofsted_analysis.storage.store import table_file

        size = table_file("outcomes", tmp / "f").stat().st_size
        memory = outcomes.memory_usage(deep=True).sum()
    print(f"{os.cpu_count()} cores; median of {args.repeat} runs")
    print(f"{'what':62} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, t in results.items():
        print(f"{name:62} {statistics.median(t):9.2f} {min(t):7.2f} {max(t):7.2f}")
    med = {k: statistics.median(v) for k, v in results.items()}
    fresh = (
        med["build (fresh process, warm), with LAIT"]
        - med["build (fresh process, warm), without LAIT"]
    )
    warm = med["build in-process, with LAIT unchanged"] - med["build in-process, without LAIT"]
    cold = (
        med["build in-process, outcome files read afresh, with LAIT"]
        - med["build in-process, outcome files read afresh, without LAIT"]
    )
    print(
        f"LAIT adds {fresh:.2f} s to an unchanged rebuild in a fresh process, {warm:.2f} s "
        f"in-process (target <= 0.3 s), and {cold:.2f} s to a build that reads it afresh "
        "(target <= 3 s)"
    )
    print(
        f"outcomes: {len(outcomes):,} rows, {size / 1e6:.1f} MB on disk, "
        f"{memory / 1e6:.0f} MB in memory (target for load_outcomes(): < 0.5 s)"
    )


if __name__ == "__main__":
    main()
