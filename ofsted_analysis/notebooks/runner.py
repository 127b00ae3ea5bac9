"""Re-execute the analysis notebooks in ``notebooks/`` against the current tables.

Where the executed notebooks go: the committed notebooks hold the run on the shipped tables
with every default, so a run without parameters or ``--data`` refreshes them in place (the
main job: ``ofsted-analysis notebooks``); a run with parameters or other data writes executed
copies to ``build/notebooks/`` (git-ignored) or ``out``, and changes the committed ones only
when asked (``in_place=True``). Either way it is all or nothing: the notebooks run into a
staging folder and replace their targets only when every one of them ran.

Notebooks run with nbclient in a few kernels reused one notebook after another (see
:mod:`.kernels`), with the notebooks folder as the working directory and this package first
on the kernel's ``PYTHONPATH`` (the kernel uses the same code as the caller). Outputs are
kept deterministic (:mod:`.tidy`) so ``pytest --nbval`` can check the stored outputs and a
re-run on unchanged data changes no byte: a fixed hash seed, fixed figure sizes (set by the
plot functions), and ``notebooks/matplotlibrc`` (read from the kernel's working directory,
also by nbval and JupyterLab) fixing matplotlib's settings, ``svg.hashsalt`` included.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from ..core.errors import InputError, OfstedAnalysisError
from ..core.paths import PROJECT
from .kernels import Job, execute_jobs
from .params import (
    canonical_params,
    check_param,
    check_params,
    inject_parameters,
    load_nbformat,
    notebook_paths,
)

CELL_TIMEOUT = 600  # seconds per cell; a cell that takes longer is stuck
DEFAULT_OUT = PROJECT / "build" / "notebooks"  # executed copies of a run with parameters
NOTEBOOK_TOOLS = ("nbformat", "nbclient", "nbconvert", "ipykernel")


class NotebookError(OfstedAnalysisError):
    """A notebook cell failed: names the notebook, the cell (its number, counting every cell
    from 1 as JupyterLab lists them, and its first line) and the error.

    >>> print(NotebookError("03_national_picture.ipynb", 7, "snap = as_at(j, when)",
    ...                     "InputError: date '31/13/2024' is not valid"))
    03_national_picture.ipynb, cell 7 (`snap = as_at(j, when)`): InputError: date ...
    """

    def __init__(self, notebook: str, cell: int | None, line: str, error: str):
        self.notebook, self.cell, self.line, self.error = notebook, cell, line, error
        where = notebook if cell is None else f"{notebook}, cell {cell} (`{line}`)"
        super().__init__(f"{where}: {error}")

    def __reduce__(self):
        return (type(self), (self.notebook, self.cell, self.line, self.error))

    @classmethod
    def from_failure(cls, name: str, nb, exc: BaseException) -> NotebookError:
        """Locate the failed cell in an executed notebook (the first with an error output, else
        the first code cell left unexecuted, e.g. after a timeout)."""
        code = [(i, c) for i, c in enumerate(nb.cells, start=1) if c.cell_type == "code"]
        failed = next(
            ((i, c) for i, c in code if any(o.get("output_type") == "error" for o in c.outputs)),
            next(((i, c) for i, c in code if c.get("execution_count") is None), (None, None)),
        )
        number, cell = failed
        line = ""
        if cell is not None:
            line = next((ln.strip() for ln in cell.source.splitlines() if ln.strip()), "")
        ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
        if ename:
            error = f"{ename}: {evalue}" if evalue else str(ename)
        else:
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc))
            lines = [ln for ln in text.splitlines() if ln.strip()]
            error = lines[-1] if lines else type(exc).__name__
        return cls(name, number, line, error)


def require_notebook_tools() -> None:
    """Refuse clearly when the optional notebook tools are not installed.

    The library itself needs none of them; ``pip install "ofsted-analysis[notebooks]"`` adds
    them (the ``test`` extra includes them).

    >>> require_notebook_tools()  # the tools are installed: nothing to say
    """
    import importlib.util

    missing = [m for m in NOTEBOOK_TOOLS if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(
            "notebook tools",
            "not installed (" + ", ".join(missing) + ")",
            'the notebooks extra: pip install "ofsted-analysis[notebooks]"',
        )


def select_notebooks(paths: list[Path], only: list[str] | str | None) -> list[Path]:
    """The notebooks of ``paths`` named in ``only`` (each its number, ``03``, or its name, with
    or without ``.ipynb``), in notebook order; all of them when ``only`` is empty.

    >>> [p.name for p in select_notebooks(notebook_paths(), ["6", "03_national_picture"])]
    ['03_national_picture.ipynb', '06_outcomes_and_inspections.ipynb']

    Raises :class:`InputError` for a name that matches no notebook, listing them.
    """
    if not only:
        return list(paths)
    wanted = [only] if isinstance(only, str) else list(only)
    chosen: set[Path] = set()
    for name in wanted:
        key = str(name).strip().removesuffix(".ipynb")
        hits = [
            p
            for p in paths
            if key in (p.stem, p.stem[:2]) or (key.isdigit() and int(key) == int(p.stem[:2]))
        ]
        if not hits:
            raise InputError(
                "notebook", name, "a number or name of " + ", ".join(p.stem for p in paths)
            )
        chosen.update(hits)
    return [p for p in paths if p in chosen]


def destination(
    folder: Path,
    params: dict,
    data: str | Path | None,
    out: str | Path | None,
    in_place: bool | None,
) -> Path:
    """Where a run writes the executed notebooks (see the module's docstring).

    >>> from ofsted_analysis.core.paths import NOTEBOOKS
    >>> destination(NOTEBOOKS, {}, None, None, None) == NOTEBOOKS
    True
    >>> destination(NOTEBOOKS, {"authorities": "Bradford"}, None, None, None) == DEFAULT_OUT
    True
    """
    if in_place and out is not None:
        raise InputError("--out", str(out), "no --out with --in-place (the notebooks' own folder)")
    if in_place or (in_place is None and out is None and not params and _default_data(data)):
        return folder
    return Path(out) if out is not None else DEFAULT_OUT


def _default_data(data: str | Path | None) -> bool:
    """Whether ``data`` is the tables the committed notebooks show (the default store)."""
    if data is None:
        return True
    from ..storage.store import data_dir

    return Path(data).resolve() == data_dir(None).resolve()


def _execute_one(path: Path, params: dict, data: str | Path | None) -> tuple[Any, dict]:
    """The notebook read, its old outputs cleared and the parameters injected."""
    nbformat = load_nbformat()

    nb = nbformat.read(path, as_version=4)
    wanted = dict(params)
    if data is not None:
        wanted["data"] = str(Path(data).resolve())
    used = inject_parameters(nb, wanted)
    for cell in nb.cells:  # so a failure is found by its error output, not an old one
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb, used


def _write(nb, target: Path) -> None:
    nbformat = load_nbformat()

    from .tidy import normalise

    normalise(nb)
    tmp = target.with_suffix(".ipynb.tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, target)


def execute_notebook(
    path: str | Path,
    params: dict | None = None,
    data: str | Path | None = None,
    timeout: int = CELL_TIMEOUT,
    out: str | Path | None = None,
) -> dict:
    """Execute one notebook (parameters injected) and write it to ``out`` (default: in place);
    returns the parameters injected.

    The kernel's working directory is the notebook's own folder, whatever ``out`` is, so
    relative paths and ``matplotlibrc`` resolve as they do in JupyterLab. Raises
    :class:`NotebookError` naming the notebook and the cell that failed; nothing is written
    then.

    Not run here (it starts a kernel and runs the notebook, seconds):

    >>> execute_notebook("notebooks/02_authority_trajectories.ipynb",
    ...                  {"authorities": ["Bradford"]}, out="/tmp/02.ipynb")  # doctest: +SKIP
    {'authorities': ['Bradford']}
    """
    path = Path(path)
    nb, used = _execute_one(path, canonical_params(params or {}), data)
    job = execute_jobs([Job(path.name, nb, path.parent.resolve())], 1, timeout)[0]
    if job.error is not None:
        raise NotebookError.from_failure(path.name, nb, job.error) from None
    _write(nb, Path(out) if out is not None else path)
    return used


def export_html(path: str | Path, html_dir: str | Path) -> Path:
    """Write an HTML copy of an (executed) notebook into ``html_dir``; return its path."""
    nbformat = load_nbformat()
    from nbconvert import HTMLExporter

    path = Path(path)
    out = Path(html_dir)
    out.mkdir(parents=True, exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(nbformat.read(path, as_version=4))
    target = out / (path.stem + ".html")
    target.write_text(body, encoding="utf-8")
    return target


def default_workers() -> int:
    """Kernels run at once: one per core (each notebook is one single-threaded kernel)."""
    return max(1, os.cpu_count() or 1)


def _slowest_first(paths: list[Path]) -> list[Path]:
    """The order the kernels take the notebooks in: by the size of the figures they stored
    last time (drawing is most of a notebook's work), largest first, so that one kernel is not
    left drawing alone at the end. The order changes no output."""
    import json

    def drawn(p: Path) -> int:
        try:
            cells = json.loads(p.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            return 0
        return sum(
            len(out.get("data", {}).get("image/png", ""))
            for c in cells
            for out in c.get("outputs", [])
        )

    return sorted(paths, key=drawn, reverse=True)


def _writable(what: str, folder: str | Path) -> Path:
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as e:
        expected = f"a folder that can be written ({e.strerror})"
        raise InputError(what, str(folder), expected) from None
    return Path(folder)


def run_notebooks(
    notebook_dir: str | Path | None = None,
    params: dict | None = None,
    html_dir: str | Path | None = None,
    data: str | Path | None = None,
    timings: dict | None = None,
    workers: int | None = None,
    *,
    only: list[str] | str | None = None,
    out: str | Path | None = None,
    in_place: bool | None = None,
    cell_timings: dict | None = None,
) -> list[Path]:
    """Re-execute the numbered notebooks against the current tables; all or nothing. Returns
    the executed notebooks written.

    ``notebook_dir``: default the project's ``notebooks/``. ``params``: values for the
    notebooks' ``parameters`` cells (see :func:`.parse_params`); each notebook receives the
    ones it declares. ``data``: folder of the tidy tables (default ``data/processed``),
    injected as the ``data`` parameter. ``only``: the notebooks to run (numbers or names;
    default all). ``out`` / ``in_place``: where the executed notebooks go (:func:`destination`:
    in place when there are no parameters and ``data`` is the default store, else
    ``build/notebooks/``).
    ``html_dir``: also write an HTML copy of each there. ``workers``: kernels at once (default
    one per core). ``timings``, if given, is filled with seconds per notebook (and ``total``);
    ``cell_timings`` with each notebook's ``[(cell number, seconds), ...]``.

    Every parameter is checked first (:func:`.check_params`): a parameter none of the chosen
    notebooks takes is refused, naming those that take it. A misspelt authority is refused
    before any kernel starts:

    >>> run_notebooks(params={"authorities": "Bradfrod"})
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: notebook parameter authorities 'Bradfrod' is not \
valid; expected a known authority name; closest: Bradford

    Not run here (it re-executes every notebook, into build/notebooks/):

    >>> run_notebooks(params={"authorities": "Bradford,Kirklees"})  # doctest: +SKIP

    Raises :class:`InputError` for a bad parameter, before running anything, and
    :class:`NotebookError` naming the notebook and cell that failed (the first, in notebook
    order, when several did); no notebook is written then.
    """
    paths = select_notebooks(notebook_paths(notebook_dir), only)
    params = canonical_params(dict(params or {}))
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise InputError("workers", workers, "a whole number of kernels, 1 or more")
    folder = paths[0].parent
    if data is not None:
        data = Path(data).resolve()
        check_param("data", str(data), None, folder)
        if _default_data(data):  # the tables the notebooks read anyway: nothing to inject
            data = None
    check_params(params, paths, data)
    target = _writable("--out folder", destination(folder, params, data, out, in_place))
    if html_dir is not None:
        _writable("--html folder", html_dir)
    started = time.perf_counter()
    jobs = {}
    for p in paths:
        nb, _ = _execute_one(p, params, data)
        jobs[p] = Job(p.name, nb, folder.resolve())
    execute_jobs(
        [jobs[p] for p in _slowest_first(paths)],
        workers or default_workers(),
        CELL_TIMEOUT,
        record_timing=cell_timings is not None,
    )
    for p, job in jobs.items():  # the first failure in notebook order
        if job.error is not None:
            raise NotebookError.from_failure(p.name, job.nb, job.error) from None
    stage = Path(tempfile.mkdtemp(prefix=".run-", dir=target))
    try:
        for p, job in jobs.items():
            _write(job.nb, stage / p.name)
        if target.resolve() != folder.resolve() and (folder / "matplotlibrc").exists():
            shutil.copy(folder / "matplotlibrc", target / "matplotlibrc")  # opens the same
        written = [target / p.name for p in paths]
        for p in paths:
            os.replace(stage / p.name, target / p.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if timings is not None:
        timings.update({p.name: jobs[p].seconds for p in paths})
        timings["total"] = time.perf_counter() - started
    if cell_timings is not None:
        cell_timings.update({p.name: jobs[p].cells for p in paths})
    if html_dir is not None:
        for p in written:
            export_html(p, html_dir)
    return written
