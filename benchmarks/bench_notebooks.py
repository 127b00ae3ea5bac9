"""Time re-executing the notebooks: ``python benchmarks/bench_notebooks.py [processed_dir]``.

Runs every numbered notebook as ``ofsted-analysis notebooks`` does, on a temporary copy (so the
committed notebooks are not touched), twice: one kernel at a time, then one kernel per core
(the default). Prints the core count, seconds per notebook (kernel start, every cell, writing
the file; with parallel kernels these overlap) and the wall-clock total of each run. Target:
under 60 s for all notebooks on a 2-core machine.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the checkout this script is in, not an installed copy


def _run(data: Path | None, workers: int) -> dict[str, float]:
    from ofsted_analysis.notebooks import NOTEBOOK_DIR, notebook_paths, run_notebooks

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for p in notebook_paths(NOTEBOOK_DIR):
            shutil.copy(p, tmp)
        shutil.copy(NOTEBOOK_DIR / "matplotlibrc", tmp)
        t0 = time.perf_counter()
        run_notebooks(tmp, data=data, timings=timings, workers=workers)
        timings["total"] = time.perf_counter() - t0
    return timings


def main(argv: list[str]) -> None:
    from ofsted_analysis.notebooks import default_workers

    data = Path(argv[0]) if argv else None
    cores = os.cpu_count()
    runs = {1: _run(data, 1)}
    runs[default_workers()] = _run(data, default_workers())
    names = [k for k in runs[1] if k != "total"]
    width = max(len(k) for k in names)
    print(f"{cores} cores")
    print(f"{'notebook':<{width}}  " + "  ".join(f"{w} kernel(s)" for w in runs))
    for name in names + ["total"]:
        print(f"{name:<{width}}  " + "  ".join(f"{runs[w][name]:11.2f}" for w in runs))
    print("(target: total < 60 s)")


if __name__ == "__main__":
    main(sys.argv[1:])
