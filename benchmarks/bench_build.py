"""Measure `build` and `update` on everything the project ships from, each in a fresh process.

* cold build: releases, scrape, curated records, every report PDF, DfE's files, LAIT and the
  area SEND files (the README's build command), with an empty cache;
* rebuild when nothing changed (the per-file cache is warm);
* `update` with one report PDF new to the store;
* `import ofsted_analysis` and `ofsted-analysis --help`.

Usage: python benchmarks/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import SHARED, timed  # a sibling module: scripts here run from this folder

# What the README's build command reads: everything the shipped tables are built from.
SOURCES = [SHARED / d for d in ("raw", "reports", "outcomes", "lait", "send")]
NEW_PDF = SHARED / "reports" / "torbay" / "2026-02-24.pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    cli = [py, "-m", "ofsted_analysis"]
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # every report but one, as links, so `update` can add the one
        others = tmp / "reports"
        for pdf in sorted((SHARED / "reports").rglob("*.pdf")):
            if pdf != NEW_PDF:
                link = others / pdf.relative_to(SHARED / "reports")
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(pdf)
        for n in range(args.repeat):
            env = {**os.environ, "OFSTED_ANALYSIS_CACHE": str(tmp / f"cache{n}")}
            out = tmp / f"out{n}"
            build = [*cli, "build", "--raw", *map(str, SOURCES), "--out", str(out)]
            results.setdefault("cold build (everything the README builds from)", []).append(
                timed(build, env)
            )
            results.setdefault("rebuild, nothing changed", []).append(timed(build, env))
            store = tmp / f"store{n}"
            timed(
                [*cli, "build", "--raw", str(SHARED / "raw"), str(others), "--out", str(store)], env
            )
            results.setdefault("update with one new report PDF", []).append(
                timed([*cli, "update", str(NEW_PDF), "--out", str(store)], env)
            )
            results.setdefault("import ofsted_analysis", []).append(
                timed([py, "-c", "import ofsted_analysis"])
            )
            results.setdefault("ofsted-analysis --help", []).append(timed([*cli, "--help"]))
    print(f"{os.cpu_count()} cores; median of {args.repeat} runs, each a fresh process")
    print(f"{'what':52} {'median s':>9} {'min s':>7} {'max s':>7}")
    for name, t in results.items():
        print(f"{name:52} {statistics.median(t):9.2f} {min(t):7.2f} {max(t):7.2f}")


if __name__ == "__main__":
    main()
