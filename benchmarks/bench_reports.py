"""Time reading every Ofsted report PDF in the shared data (``sources.reports``).

    python benchmarks/bench_reports.py [reports-dir] [--repeats N]

Prints one row per repeat (files, files read, files refused, total seconds, ms per file), the
best and median runs, and the mean time per file by layout (framework). Refused files (not
PDFs, ...) count: refusing them is part of the job.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # benchmark this checkout, not an installed copy

from ofsted_analysis.core.errors import FileError, InputError  # noqa: E402
from ofsted_analysis.sources.reports import find_reports, read_report  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "reports"


def run_once(paths: list[Path], by_layout: dict[str, list[float]]) -> tuple[float, int, int]:
    """Read every file once; (seconds, read, refused). Adds each file's time to by_layout."""
    read = refused = 0
    t0 = time.perf_counter()
    for path in paths:
        t = time.perf_counter()
        try:
            layout = read_report(path).framework
            read += 1
        except (FileError, InputError):
            layout = "skipped or refused"
            refused += 1
        by_layout.setdefault(layout, []).append(time.perf_counter() - t)
    return time.perf_counter() - t0, read, refused


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    paths = find_reports(args.directory)
    print(f"{'run':>4} {'files':>6} {'read':>5} {'refused':>8} {'total s':>8} {'ms/file':>8}")
    times = []
    by_layout: dict[str, list[float]] = {}
    for k in range(1, args.repeats + 1):
        seconds, read, refused = run_once(paths, by_layout)
        times.append(seconds)
        print(
            f"{k:>4} {len(paths):>6} {read:>5} {refused:>8} {seconds:>8.2f} "
            f"{1000 * seconds / len(paths):>8.1f}"
        )
    for name, value in (("best", min(times)), ("median", statistics.median(times))):
        print(
            f"{name:>6}: {value:.2f} s for {len(paths)} files, "
            f"{1000 * value / len(paths):.1f} ms per file"
        )
    print(f"\n{'layout':<11} {'files':>6} {'ms/file':>8}  (mean over all runs)")
    for layout, spent in sorted(by_layout.items()):
        print(f"{layout:<11} {len(spent) // args.repeats:>6} {1000 * statistics.mean(spent):>8.1f}")


if __name__ == "__main__":
    main()
