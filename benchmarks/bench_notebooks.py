"""Time the notebooks and the main job: ``python benchmarks/bench_notebooks.py [--main-job]``.

Three measurements, each printed as a table (wall-clock seconds; "cpu" is user + system
time of the processes started, which the other users of a shared machine do not inflate):

1. **Kernel overhead**: starting one kernel, and importing pandas, matplotlib's pyplot and
   this package in it: what every notebook paid before kernels were reused.
2. **Notebooks**: every numbered notebook run as ``ofsted-analysis notebooks`` runs them
   (written to a temporary folder, so the committed notebooks are not touched), one kernel
   for all of them, then one kernel per core (the default); per notebook its seconds and its
   slowest cells, so it shows whether the time is kernel start, imports, table loads or
   drawing.
3. ``--main-job [REV ...]``: the README's main job, ``ofsted-analysis figures &&
   ofsted-analysis notebooks``, on a clean clone of each revision (default HEAD; its own
   processes, its own ``figures/`` and notebooks), each command timed, ``--repeats N`` times
   with the revisions alternating. Target: under 20 s on a 2-core machine.

``--skip-notebooks`` leaves out 1 and 2.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure the checkout this script is in, not an installed copy


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def kernel_overhead() -> None:
    from jupyter_core.utils import run_sync

    from ofsted_analysis.notebooks import NOTEBOOK_DIR
    from ofsted_analysis.notebooks.kernels import Kernel

    async def measure() -> list[tuple[str, float]]:
        kernel = Kernel(NOTEBOOK_DIR)
        t0 = time.perf_counter()
        await kernel.start()
        rows = [("start a kernel (ready, start state taken)", time.perf_counter() - t0)]
        for what, code in [
            ("import pandas", "import pandas"),
            ("import matplotlib.pyplot", "import matplotlib.pyplot"),
            (
                "import ofsted_analysis, judgements, plots",
                "import ofsted_analysis as oa\nfrom ofsted_analysis import judgements\n"
                "from ofsted_analysis.plots import trajectory, national, heatmaps, outcomes",
            ),
            ("load judgements and events", "j = oa.load(); ev = oa.load_events()"),
            (
                "load findings (themes tagged)",
                "from ofsted_analysis.findings.table import load_findings\nload_findings()",
            ),
            (
                "reset for the next notebook",
                "from ofsted_analysis.notebooks.kernels import fresh_state\nfresh_state()",
            ),
        ]:
            t0 = time.perf_counter()
            await kernel.run(code)
            rows.append((what, time.perf_counter() - t0))
        await kernel.stop()
        return rows

    rows = run_sync(measure)()
    print("Kernel overhead (one kernel, in order)")
    for what, secs in rows:
        print(f"  {what:<44} {secs:6.2f} s")


def notebooks() -> None:
    from ofsted_analysis.notebooks import default_workers, notebook_paths, run_notebooks

    runs: dict[int, tuple[dict, dict, float]] = {}
    for workers in sorted({1, default_workers()}):
        timings: dict = {}
        cells: dict = {}
        cpu = _children_cpu()
        with tempfile.TemporaryDirectory() as out:
            run_notebooks(out=out, workers=workers, timings=timings, cell_timings=cells)
        runs[workers] = (timings, cells, _children_cpu() - cpu)
    names = [p.name for p in notebook_paths()]
    width = max(map(len, names))
    print(f"\nNotebooks ({os.cpu_count()} cores): seconds per notebook, kernels reused")
    print(f"  {'notebook':<{width}}  " + "  ".join(f"{w} kernel(s)" for w in runs))
    for name in names + ["total"]:
        print(f"  {name:<{width}}  " + "  ".join(f"{runs[w][0][name]:11.2f}" for w in runs))
    print(f"  {'cpu (kernels)':<{width}}  " + "  ".join(f"{runs[w][2]:11.2f}" for w in runs))
    timings, cells, _ = runs[1]
    print("\nSlowest cells (one kernel; cell numbers as JupyterLab counts them)")
    import nbformat

    for name in names:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        first_lines = {
            i: c.source.strip().splitlines()[0]
            for i, c in enumerate(nb.cells, 1)
            if c.cell_type == "code" and c.source.strip()
        }
        top = sorted(cells[name], key=lambda c: -c[1])[:3]
        spent = sum(s for _, s in cells[name])
        print(f"  {name}: {timings[name]:.2f} s, cells {spent:.2f} s")
        for number, secs in top:
            print(f"    {secs:6.2f}  [{number}] {first_lines.get(number, '')[:64]}")


def main_job(revs: list[str], repeats: int) -> None:
    """The README's two commands on a clean clone of each revision, each a fresh process;
    revisions alternate, so a change in the machine's load falls on all of them alike."""
    results: dict[str, list[tuple[float, float, float, float]]] = {r: [] for r in revs}
    with tempfile.TemporaryDirectory() as tmp:
        for rev in revs:
            clone = Path(tmp) / rev.replace("/", "_")
            subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
            subprocess.run(["git", "checkout", "-q", rev], cwd=clone, check=True)
        for _ in range(repeats):
            for rev in revs:
                clone = Path(tmp) / rev.replace("/", "_")
                env = {**os.environ, "PYTHONPATH": str(clone)}
                env.pop("OFSTED_ANALYSIS_DATA", None)
                row = []
                for verb in ("figures", "notebooks"):
                    cpu, t0 = _children_cpu(), time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "ofsted_analysis", verb],
                        cwd=clone,
                        env=env,
                        check=True,
                        capture_output=True,
                    )
                    row += [time.perf_counter() - t0, _children_cpu() - cpu]
                results[rev].append(tuple(row))  # type: ignore[arg-type]
    print("\nMain job on a clean clone: ofsted-analysis figures && ofsted-analysis notebooks")
    print("  (seconds, best of the runs; cpu = user + system of the processes)")
    for rev, rows in results.items():
        best = min(rows, key=lambda r: r[0] + r[2])
        print(
            f"  {rev:<12} figures {best[0]:6.2f} s (cpu {best[1]:6.2f})  notebooks "
            f"{best[2]:6.2f} s (cpu {best[3]:6.2f})  total {best[0] + best[2]:6.2f} s"
        )
    print("  (target: total under 20 s)")


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--main-job",
        nargs="*",
        metavar="REV",
        help="also time the main job on a clean clone of each revision (default HEAD)",
    )
    parser.add_argument("--repeats", type=int, default=1, help="main-job runs per revision")
    parser.add_argument("--skip-notebooks", action="store_true", help="only the main job")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    if not args.skip_notebooks:
        kernel_overhead()
        notebooks()
    if args.main_job is not None:
        main_job(args.main_job or ["HEAD"], args.repeats)


if __name__ == "__main__":
    main(sys.argv[1:])
