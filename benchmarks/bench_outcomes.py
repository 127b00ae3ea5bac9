"""What the DfE outcome files add to a build, and how fast `load_outcomes()` is.

* build from the releases, scrape and curated records, warm cache, fresh process: without and
  with ../shared/data/outcomes (the difference is what the outcome files cost; target < 1.5 s);
* the same builds in-process (no interpreter start), to separate the outcome work itself;
* the in-process build with outcome files never seen before (their read and table caches
  cleared): what a new DfE release costs once;
* `load_outcomes()` in a process that has already imported pandas (target < 0.3 s).

Report PDFs are left out so the comparison isolates the outcome files (they add the same
with or without PDFs: outcome files never go through the PDF readers or their cache).

Usage: python benchmarks/bench_outcomes.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _timing import SHARED, timed  # a sibling module: scripts here run from this folder

RAW = SHARED / "raw"
OUTCOMES = SHARED / "outcomes"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    cli = [py, "-m", "ofsted_analysis"]
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "OFSTED_ANALYSIS_CACHE": str(tmp / "cache")}
        without = [*cli, "build", "--raw", str(RAW), "--out", str(tmp / "a")]
        with_outcomes = [*cli, "build", "--raw", str(RAW), str(OUTCOMES), "--out", str(tmp / "b")]
        timed(with_outcomes, env)  # warm the per-file cache and the outcome-kind memo
        for _ in range(args.repeat):
            results.setdefault("build (fresh process), without outcome files", []).append(
                timed(without, env)
            )
            results.setdefault("build (fresh process), with outcome files", []).append(
                timed(with_outcomes, env)
            )
        os.environ["OFSTED_ANALYSIS_CACHE"] = str(tmp / "cache")
        import ofsted_analysis as oa

        oa.build(raw=[RAW], out=tmp / "c")  # imports done before timing
        for _ in range(args.repeat):
            t = time.perf_counter()
            oa.build(raw=[RAW], out=tmp / "c")
            a = time.perf_counter() - t
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES], out=tmp / "d")
            b = time.perf_counter() - t
            results.setdefault("build in-process, without outcome files", []).append(a)
            results.setdefault("build in-process, with outcome files", []).append(b)
            import shutil

            for memo in (tmp / "cache").glob("outcome-*"):  # DfE files never seen before
                shutil.rmtree(memo) if memo.is_dir() else memo.unlink()
            t = time.perf_counter()
            oa.build(raw=[RAW, OUTCOMES], out=tmp / "d")
            results.setdefault("build in-process, outcome files read afresh", []).append(
                time.perf_counter() - t
            )
            t = time.perf_counter()
            oa.load_outcomes(tmp / "d")
            results.setdefault("load_outcomes() (pandas imported)", []).append(
                time.perf_counter() - t
            )
    print(f"{os.cpu_count()} cores; median of {args.repeat} runs")
    print(f"{'what':52} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, t in results.items():
        print(f"{name:52} {statistics.median(t):9.2f} {min(t):7.2f} {max(t):7.2f}")
    med = {k: statistics.median(v) for k, v in results.items()}
    without_fresh = med["build (fresh process), without outcome files"]
    without = med["build in-process, without outcome files"]
    fresh = med["build (fresh process), with outcome files"] - without_fresh
    in_process = med["build in-process, with outcome files"] - without
    afresh = med["build in-process, outcome files read afresh"] - without
    print(
        f"outcome files add {fresh:.2f} s to a fresh-process build, {in_process:.2f} s "
        f"in-process, {afresh:.2f} s when read afresh (target < 1.5 s)"
    )


if __name__ == "__main__":
    main()
