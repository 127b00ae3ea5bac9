"""Measure: build from all raw sources, `import ofsted_analysis`, `ofsted-analysis --help`.

Each is run in a fresh Python process (so imports count), several times; prints a table.
Usage: python benchmarks/bench_build.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
RAW = PROJECT.parent / "shared" / "data" / "raw"


def timed(cmd: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=PROJECT)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as out:
        cases = {
            "build (all raw sources + curated)": [
                py, "-m", "ofsted_analysis", "build", "--raw", str(RAW), "--out", out],
            "import ofsted_analysis": [py, "-c", "import ofsted_analysis"],
            "ofsted-analysis --help": [py, "-m", "ofsted_analysis", "--help"],
        }
        print(f"{'what':40} {'median s':>9} {'min s':>7} {'max s':>7}  (n={args.repeat})")
        for name, cmd in cases.items():
            t = timed(cmd, args.repeat)
            print(f"{name:40} {statistics.median(t):9.3f} {min(t):7.3f} {max(t):7.3f}")


if __name__ == "__main__":
    main()
