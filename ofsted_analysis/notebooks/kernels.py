"""Kernels that run the notebooks: a few kept alive and reused, one notebook after another.

Starting a kernel and importing pandas, matplotlib and this package costs about two seconds of
a core per notebook, most of the work of the lighter notebooks. So each worker starts one
kernel and runs its share of the notebooks in it, putting the kernel back to the state a new
kernel has before each notebook after the first (:func:`start_state`, :func:`fresh_state`):
names deleted and execution counted from 1 again (IPython's reset), figures closed,
matplotlib's and pandas' settings and the warning filters as they were at start. Modules stay
imported and their caches warm: that is the saving. A notebook that fails, or times out,
takes its kernel with it; the next notebook gets a new one.

>>> start_state(); fresh_state()   # what the runner sends each kernel (here: no IPython)
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KERNEL = "python3"
STARTUP_TIMEOUT = 120  # seconds for a kernel to answer; more means it is not coming
_START: dict[str, Any] = {}  # in a kernel: its settings as started (see start_state)


def start_state() -> None:
    """In a new kernel: remember the settings a fresh kernel has, for :func:`fresh_state`."""
    import warnings

    import matplotlib

    # The backend and interactive mode are the inline backend's, set when the first figure
    # is drawn: a notebook's settings are put back, never those.
    rc = matplotlib.rcParams.copy()
    _START["rc"] = {k: v for k, v in rc.items() if k not in ("backend", "interactive")}
    _START["warnings"] = list(warnings.filters)


def fresh_state() -> None:
    """In a kernel that has run a notebook: back to how :func:`start_state` found it, before
    the next notebook (the modules imported stay imported)."""
    import warnings

    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython comes with the notebook tools
        shell = None
    if shell is not None:
        shell.reset(new_session=True)  # names, output history, execution count back to 1
    plt.close("all")
    with warnings.catch_warnings():  # deprecated options are reset too, silently
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_START.get("rc", {}))
        pd.reset_option("all")
    if "warnings" in _START:
        warnings.filters[:] = _START["warnings"]  # type: ignore[index]
        warnings._filters_mutated()  # type: ignore[attr-defined]  # forget "once" warnings shown


def kernel_env() -> dict:
    """Environment for the kernels: this package first on ``PYTHONPATH``, a fixed hash seed and
    the inline (PNG) backend. (matplotlib settings come from ``notebooks/matplotlibrc``, read
    from the working directory, so a user's own matplotlibrc cannot change the outputs.)"""
    from ..core.paths import PROJECT

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    env["PYTHONHASHSEED"] = "0"
    env.pop("MPLBACKEND", None)
    return env


def kernel_manager():
    """A kernel manager whose ``python3`` kernel is this interpreter (like nbval's
    ``--nbval-current-env``): a ``python3`` kernelspec installed elsewhere (a user's own, another
    environment's) can then never run the notebooks with other packages."""
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    class CurrentEnvironment(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())

    return AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=CurrentEnvironment())


@dataclass
class Job:
    """One notebook to execute: its node (executed in place), the folder it runs in, and what
    happened (seconds taken, the exception that stopped it)."""

    name: str
    nb: Any
    cwd: Path
    seconds: float = 0.0
    error: BaseException | None = None
    cells: list[tuple[int, float]] = field(default_factory=list)  # (cell number, seconds)


class Kernel:
    """One running kernel and its client."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.km: Any = None
        self.kc: Any = None
        self.used = False

    async def start(self) -> None:
        self.km = kernel_manager()
        await self.km.start_kernel(env=kernel_env(), cwd=str(self.cwd), stderr=subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        await self.run("from ofsted_analysis.notebooks.kernels import start_state\nstart_state()")
        self.used = False

    async def run(self, code: str) -> None:
        """Run code silently (no output, no execution count); raise if it fails."""
        msg_id = self.kc.execute(code, silent=True, store_history=False)
        while True:
            reply = await self.kc.get_shell_msg(timeout=STARTUP_TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        if reply["content"].get("status") != "ok":
            content = reply["content"]
            failure = f"{content.get('ename')}: {content.get('evalue')}"
            raise RuntimeError(f"kernel set-up failed: {failure}")

    async def stop(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None:
            try:
                await self.km.shutdown_kernel(now=True)
            except RuntimeError:  # already gone
                pass
        self.km = self.kc = None


async def _execute(jobs: list[Job], workers: int, timeout: int, record: bool) -> None:
    from nbclient import NotebookClient

    pending = list(jobs)

    async def ready(kernel: Kernel | None, cwd: Path) -> Kernel:
        """A kernel in ``cwd`` in the state of a new one: started, or reset if it ran one."""
        if kernel is not None and kernel.cwd == cwd:
            if kernel.used:
                await kernel.run(
                    "from ofsted_analysis.notebooks.kernels import fresh_state\nfresh_state()"
                )
            return kernel
        if kernel is not None:
            await kernel.stop()
        kernel = Kernel(cwd)
        await kernel.start()
        return kernel

    async def worker() -> None:
        kernel: Kernel | None = None
        try:
            while pending:
                job = pending.pop(0)
                started = time.perf_counter()
                try:
                    kernel = await ready(kernel, job.cwd)
                    kernel.used = True
                    client = NotebookClient(
                        job.nb,
                        km=kernel.km,
                        timeout=timeout,
                        kernel_name=KERNEL,
                        record_timing=record,
                        resources={"metadata": {"path": str(job.cwd)}},
                    )
                    client.kc = kernel.kc
                    await client.async_execute()
                except Exception as e:  # a cell's error, a timeout, a kernel that died
                    job.error = e  # the kernel goes with it: the next notebook gets a new one
                    if kernel is not None:
                        await kernel.stop()
                    kernel = None
                job.seconds = time.perf_counter() - started
                if record:
                    job.cells = _cell_seconds(job.nb)
        finally:
            if kernel is not None:
                await kernel.stop()

    await asyncio.gather(*(worker() for _ in range(max(1, min(workers, len(jobs))))))


def _cell_seconds(nb) -> list[tuple[int, float]]:
    """(cell number from 1, seconds) of each executed code cell, from nbclient's timing."""
    from datetime import datetime

    out = []
    for number, cell in enumerate(nb.cells, start=1):
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            start, end = (
                datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                for k in ("iopub.execute_input", "shell.execute_reply")
            )
            out.append((number, (end - start).total_seconds()))
    return out


def execute_jobs(
    jobs: list[Job], workers: int, timeout: int, record_timing: bool = False
) -> list[Job]:
    """Execute every job's notebook, ``workers`` kernels at once, each reused for several
    notebooks; errors are kept on the jobs (nothing raised here). Jobs are taken in the order
    given: put the slowest first so the kernels finish together."""
    from jupyter_core.utils import run_sync  # works inside a running event loop too

    run_sync(_execute)(jobs, workers, timeout, record_timing)
    return jobs
