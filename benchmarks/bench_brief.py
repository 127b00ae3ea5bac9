"""Time the briefing packs: ``python benchmarks/bench_brief.py [--all]``.

Prints, on this machine: ``ofsted-analysis brief Leeds`` (HTML and PDF) as a user runs it, a
fresh process each time, the first run and the runs after it (target: under 5 s after the
first); in one process, each of six packs once the tables are loaded and the browser is open;
and with ``--all``, every authority's pack on both cores (target: under 5 minutes).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _timing import PROJECT, timed

sys.path.insert(0, str(PROJECT))  # measure the checkout this script is in
PACKS = [
    "Leeds",
    "Isles of Scilly",
    "City of London",
    "Cumbria",
    "Cumberland",
    "Kingston upon Thames",
]


def timed_cpu(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one command in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str]) -> None:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    with tempfile.TemporaryDirectory() as out:
        cli = [sys.executable, "-m", "ofsted_analysis", "brief", "Leeds", "--out", out]
        runs, cpus = zip(*(timed_cpu(cli, env) for _ in range(4)), strict=True)
        print(
            f"brief Leeds, fresh process: first {runs[0]:.2f} s; after it "
            f"{statistics.median(runs[1:]):.2f} s wall, "
            f"{statistics.median(cpus[1:]):.2f} s CPU (median of {len(runs) - 1}: "
            + ", ".join(f"{r:.2f}" for r in runs[1:])
            + ")"
        )

        from ofsted_analysis.briefing.pdf import Printer
        from ofsted_analysis.briefing.run import write_pack
        from ofsted_analysis.briefing.tables import Tables
        from ofsted_analysis.core.checks import resolve_authority
        from ofsted_analysis.core.neighbours import resolve_model

        t0 = time.perf_counter()
        tables = Tables.load()
        print(f"load the tables: {time.perf_counter() - t0:.2f} s")
        model = resolve_model("latest")
        with Printer() as printer:
            for name in PACKS:
                t0, c0 = time.perf_counter(), time.process_time()
                write_pack(tables, resolve_authority(name), Path(out), None, model, printer)
                print(
                    f"  {name}: {time.perf_counter() - t0:.2f} s wall, "
                    f"{time.process_time() - c0:.2f} s CPU in this process (HTML and PDF; "
                    "the browser's CPU is not counted)"
                )
        if "--all" in argv:
            cli = [sys.executable, "-m", "ofsted_analysis", "brief", "--all", "--out", out]
            seconds = timed(cli, env)
            packs = len(list(Path(out).glob("*.pdf")))
            print(f"brief --all: {seconds:.1f} s for {packs} packs on {os.cpu_count()} cores")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main(sys.argv[1:])
