"""Measure the checks CI runs besides the tests, each in a fresh process:

* mypy over the package with an empty cache (cold) and again with the cache it left (warm);
* the package's docstring examples (``pytest ofsted_analysis``).

Usage: python benchmarks/bench_checks.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import timed  # a sibling module: scripts here run from this folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    results: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as cache:
            mypy = [py, "-m", "mypy", "--cache-dir", str(Path(cache) / "mypy")]
            results.setdefault("mypy, cold cache", []).append(timed(mypy))
            results.setdefault("mypy, warm cache", []).append(timed(mypy))
        doctests = [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", "ofsted_analysis"]
        results.setdefault("docstring examples (pytest ofsted_analysis)", []).append(
            timed(doctests)
        )
    width = max(map(len, results))
    print(f"median of {args.repeat} runs, each a fresh process")
    print(f"{'what':<{width}}  median s   min s   max s")
    for what, times in results.items():
        print(
            f"{what:<{width}}  {statistics.median(times):8.2f}"
            f"  {min(times):6.2f}  {max(times):6.2f}"
        )


if __name__ == "__main__":
    main()
