"""What the area SEND files (../shared/data/send) add to a build.

* cold build (empty cache, fresh process) of everything the shipped tables are built from,
  without and with ../shared/data/send (target: SEND adds < 2 s);
* the same build with nothing changed (the cache warm, and the store it writes to already
  holding the same tables), without and with SEND (target: nothing measurable);
* the part of a cold build that every PDF pays for SEND whether or not SEND files are given:
  recognising an area SEND report by its first page (the registry asks it of every PDF once;
  the answer is cached by content).

Each build is timed twice: wall clock, and the CPU time of the build's processes (user +
system, workers included), which a busy shared machine disturbs far less.

Usage: python benchmarks/bench_send.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import PROJECT, SHARED  # a sibling module: scripts here run from this folder

INPUTS = [SHARED / "raw", SHARED / "reports", SHARED / "outcomes", SHARED / "lait"]
SEND = SHARED / "send"


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (the command's processes, workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=PROJECT, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "ofsted_analysis", "build"]
    results: dict[str, list[float]] = {}

    def build(out: Path, cache: Path, send: bool) -> tuple[float, float]:
        env = {**os.environ, "OFSTED_ANALYSIS_CACHE": str(cache)}
        inputs = [*INPUTS, SEND] if send else INPUTS
        return timed([*cli, "--raw", *map(str, inputs), "--out", str(out)], env)

    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        for n in range(args.repeat):
            for send in (False, True):
                label = "with" if send else "without"
                cold = tmp / f"cold-{n}-{label}"  # an empty cache and an empty store
                wall, cpu = build(cold / "out", cold / "cache", send)
                results.setdefault(f"cold build, {label} SEND", []).append(wall)
                results.setdefault(f"cold build, {label} SEND (CPU)", []).append(cpu)
        # Unchanged: the cache warm and each variant's store already holding its tables.
        warm = tmp / "warm"
        for send in (False, True):
            build(warm / f"out-{send}", warm / "cache", send)
        for _ in range(args.repeat):
            for send in (False, True):
                label = "with" if send else "without"
                wall, cpu = build(warm / f"out-{send}", warm / "cache", send)
                results.setdefault(f"unchanged build, {label} SEND", []).append(wall)
                results.setdefault(f"unchanged build, {label} SEND (CPU)", []).append(cpu)
    from ofsted_analysis.sources.send.report import first_page_text, is_send_report

    pdfs = sorted((SHARED / "reports").glob("*/*.pdf"))
    for _ in range(args.repeat):
        start, cpu = time.perf_counter(), time.process_time()
        found = sum(is_send_report(first_page_text(p)) for p in pdfs)
        results.setdefault(f"recognising {len(pdfs)} children's PDFs", []).append(
            time.perf_counter() - start
        )
        results.setdefault(f"recognising {len(pdfs)} children's PDFs (CPU)", []).append(
            time.process_time() - cpu
        )
        assert found == 0
    print(f"{os.cpu_count()} cores; median of {args.repeat} runs")
    print(f"{'what':44} {'median s':>9} {'min s':>7} {'max s':>7}")
    for what, t in results.items():
        print(f"{what:44} {statistics.median(t):9.2f} {min(t):7.2f} {max(t):7.2f}")
    med = {k: statistics.median(v) for k, v in results.items()}
    for suffix, unit in (("", "s"), (" (CPU)", "CPU s")):
        cold = med[f"cold build, with SEND{suffix}"] - med[f"cold build, without SEND{suffix}"]
        warm = (
            med[f"unchanged build, with SEND{suffix}"]
            - med[f"unchanged build, without SEND{suffix}"]
        )
        print(
            f"SEND adds {cold:.2f} {unit} to a cold build (target < 2 s), {warm:.2f} {unit} "
            "to an unchanged one"
        )


if __name__ == "__main__":
    main()
