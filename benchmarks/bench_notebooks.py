"""Time re-executing the notebooks: ``python benchmarks/bench_notebooks.py [processed_dir]``.

Runs every numbered notebook (as ``ofsted-analysis notebooks`` does: one kernel each, in
order) on a temporary copy, so the committed notebooks are not touched, and prints seconds per
notebook (kernel start, every cell, writing the file) and the total. Target: under 60 s for
all notebooks on a 2-core machine.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the checkout this script is in, not an installed copy


def main(argv: list[str]) -> None:
    from ofsted_analysis.notebooks import NOTEBOOK_DIR, notebook_paths, run_notebooks

    data = Path(argv[0]) if argv else None
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for p in notebook_paths(NOTEBOOK_DIR):
            shutil.copy(p, tmp)
        shutil.copy(NOTEBOOK_DIR / "matplotlibrc", tmp)
        t0 = time.perf_counter()
        run_notebooks(tmp, data=data, timings=timings)
        total = time.perf_counter() - t0
    width = max(len(k) for k in timings)
    print(f"{'notebook':<{width}}  seconds")
    print(f"{'-' * width}  -------")
    for name, secs in timings.items():
        print(f"{name:<{width}}  {secs:7.2f}")
    print(f"{'-' * width}  -------")
    print(f"{'total':<{width}}  {total:7.2f}   (target < 60 s)")


if __name__ == "__main__":
    main(sys.argv[1:])
