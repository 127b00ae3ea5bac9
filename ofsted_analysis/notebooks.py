"""Re-run the analysis notebooks in ``notebooks/`` when new data arrives.

>>> from ofsted_analysis.notebooks import run_notebooks, parse_params
>>> parse_params(["authorities=Bradford,Leeds"])
{'authorities': 'Bradford,Leeds'}

Not run here (it re-executes every notebook, a minute's work, and rewrites them):

>>> run_notebooks(params=parse_params(["authorities=Bradford,Leeds"]))   # doctest: +SKIP

Each notebook's first code cell is tagged ``parameters`` and holds its defaults (``data =
None`` meaning ``data/processed``, ``authorities``, ``as_at``, ``area`` ...). Parameters are
given papermill-style: a cell tagged ``injected-parameters`` is written after the
``parameters`` cell (replacing one left by an earlier run; removed when no parameter applies),
so the notebook shows which values it was run with. Notebooks are executed in place with
nbclient, one kernel each, with the notebooks folder as the working directory and this
package first on the kernel's ``PYTHONPATH`` (the kernel uses the same code as the caller).

Outputs are kept deterministic so ``pytest --nbval`` can check the stored outputs: no timing
metadata, a fixed hash seed, fixed figure sizes (set by the plot functions), and
``notebooks/matplotlibrc`` (read from the kernel's working directory, also by nbval and
JupyterLab) fixing matplotlib's settings, ``svg.hashsalt`` included.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .core.errors import InputError, OfstedAnalysisError
from .core.paths import NOTEBOOKS as NOTEBOOK_DIR
from .core.paths import PROJECT

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
CELL_TIMEOUT = 600  # seconds per cell; a cell that takes longer is stuck
KERNEL = "python3"


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
    def from_failure(cls, name: str, nb, exc: Exception) -> NotebookError:
        """Locate the failed cell in an executed notebook (the first with an error output, else
        the first code cell left unexecuted, e.g. after a timeout)."""
        import re

        failed: tuple[int | None, Any] | None = None  # (cell number, nbformat cell)
        for i, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                failed = (i, cell)
                break
        if failed is None:
            failed = next(
                (
                    (i, c)
                    for i, c in enumerate(nb.cells, start=1)
                    if c.cell_type == "code" and c.get("execution_count") is None
                ),
                (None, None),
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


# --- parameters ------------------------------------------------------------------------------

NOTEBOOK_TOOLS = ("nbformat", "nbclient", "nbconvert", "ipykernel")


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


def parse_params(items: Iterable[str] | None) -> dict:
    """Read ``--param name=value`` strings into a dict.

    A value is read as a Python literal when it is one (``None``, ``2024``, ``True``,
    ``["Leeds", "Bristol, City of"]``), otherwise kept as text (``Leeds``, ``2024-03-31``,
    ``help_and_protection``). Text given for a parameter whose default is a list is split on
    commas when the notebooks are run (``authorities=Leeds,Bradford``).

    >>> parse_params(["authorities=Leeds,Bradford", "as_at=2024-03-31", "data=None"])
    {'authorities': 'Leeds,Bradford', 'as_at': '2024-03-31', 'data': None}
    >>> parse_params(['area=["overall", "care_leavers"]'])
    {'area': ['overall', 'care_leavers']}

    Raises :class:`InputError` for an item without ``=`` or whose name is not an identifier.
    """
    out: dict = {}
    for item in items or []:
        name, sep, text = str(item).partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise InputError(
                "--param", item, "name=value, e.g. authorities=Leeds or as_at=2024-03-31"
            )
        text = text.strip()
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = text
        out[name] = value
    return out


def notebook_parameters(nb) -> dict:
    """The defaults a notebook's ``parameters`` cell assigns (simple ``name = literal`` lines).

    Raises :class:`InputError` when the notebook has no cell tagged ``parameters``.
    """
    cell = _tagged(nb, PARAMETERS_TAG)
    if cell is None:
        raise InputError(
            "notebook", nb.metadata.get("title", "?"), "a first code cell tagged 'parameters'"
        )
    out = {}
    for node in ast.parse(cell.source).body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                out[node.targets[0].id] = None
    return out


def _tagged(nb, tag: str):
    for cell in nb.cells:
        if cell.cell_type == "code" and tag in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def _coerce(value, default):
    if isinstance(default, (list, tuple)) and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _check_one(name: str, value, default, folder: Path):
    """Check one parameter value as the notebooks will use it; return it (lists coerced)."""
    from .core.checks import check_area, check_region, resolve_authority, to_timestamp

    value = _coerce(value, default)
    what = f"notebook parameter {name}"
    if name == "data":
        if value is None:
            return value
        if not isinstance(value, (str, os.PathLike)):
            raise InputError(what, value, "a folder of tidy tables (or None: data/processed)")
        from .storage import store

        where = Path(value) if Path(value).is_absolute() else folder / value
        try:
            store.load(where)
        except (OSError, OfstedAnalysisError) as e:
            raise InputError(what, value, f"a folder of tidy tables ({e})") from None
        return value
    if name == "as_at":
        if value is not None:
            to_timestamp(value, what)
        return value
    if name == "authorities":
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, (list, tuple)) or not names:
            raise InputError(what, value, "one or more authority names, e.g. Leeds,Bradford")
        for one in names:
            try:
                resolve_authority(one)
            except InputError as e:
                raise InputError(what, one, e.expected) from None
        return list(names)
    if name == "area":
        if isinstance(default, (list, tuple)):
            areas = [value] if isinstance(value, str) else value
            if not isinstance(areas, (list, tuple)) or not areas:
                raise InputError(what, value, "one or more areas, e.g. overall,leadership")
            return [check_area(a, what) for a in areas]
        return check_area(value, what)
    if name == "model":  # which years are stored depends on the data: checked when it runs
        if not re.fullmatch(r"latest|\d{4}", str(value).strip().lower()):
            raise InputError(what, value, "latest, 2021 or the year of a stored DfE model")
        return str(value)
    if name == "region":
        return None if value is None else check_region(value, what)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputError(what, value, "True or False")
        return value
    if default is not None and not isinstance(value, type(default)):
        raise InputError(what, value, f"a value like the default, {default!r}")
    return value


def check_params(params: dict, paths: Iterable[str | Path], data: str | Path | None = None) -> None:
    """Check every parameter value against every notebook that declares it, before anything
    runs: names the notebooks declare, dates that can be read (``as_at`` no later than the
    data date of ``data``, or of the ``data`` parameter), authorities and areas that exist,
    regions of the register, a ``data`` folder that holds tables.

    >>> check_params({"as_at": "31/13/2024"}, notebook_paths())
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: notebook parameter as_at '31/13/2024' is not valid; \
expected a date such as 30/06/2025, 30/06/25, 2025-06-30 or 30 June 2025

    Raises :class:`InputError` naming the parameter, the value and what was expected.
    """
    import nbformat

    declared: dict[str, list[tuple[Path, object]]] = {}
    for p in map(Path, paths):
        for name, default in notebook_parameters(nbformat.read(p, as_version=4)).items():
            declared.setdefault(name, []).append((p, default))
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise InputError(
            "notebook parameter", ", ".join(unknown), "one of " + ", ".join(sorted(declared))
        )
    for name, value in params.items():
        for p, default in declared[name]:
            _check_one(name, value, default, p.parent)
    if params.get("as_at") is not None:
        for p, _ in declared["as_at"]:
            defaults = dict((n, d) for n, pairs in declared.items() for q, d in pairs if q == p)
            area = _coerce(params.get("area", defaults.get("area")), defaults.get("area"))
            _check_as_at(params["as_at"], params.get("data", data), p, area)


def _check_as_at(value, data, notebook: Path, area) -> None:
    """``as_at`` must fall within the data: not after the data date (the tables cannot say
    what was known then), not before the first judgement in the notebook's area (there would
    be nothing to show)."""
    from .core.checks import check_as_at
    from .core.frameworks import AREA_COLUMNS
    from .judgements.prepare import area_rows
    from .storage import store

    if data is not None and not Path(data).is_absolute():
        data = notebook.parent / data
    what = "notebook parameter as_at"
    judgements = store.load(data)
    when = check_as_at(value, judgements, what)
    for one in [area] if isinstance(area, str) else list(area or []):
        rows = area_rows(judgements, one)
        first = _first_published(rows)
        if first is not None and when < first:
            raise InputError(
                what,
                value,
                f"a date on or after {first:%Y-%m-%d}, the first "
                f"{AREA_COLUMNS[one].lower()} judgement published ("
                f"{notebook.name} shows area {one!r})",
            )


def _first_published(rows):
    """Earliest publication date in ``rows`` (None when there is none)."""
    import pandas as pd

    first = pd.to_datetime(rows["published"]).min()
    return None if pd.isna(first) else first.normalize()


def inject_parameters(nb, params: dict) -> dict:
    """Write (or replace, or remove) the ``injected-parameters`` cell after ``parameters``.

    Only parameters the notebook declares are injected; returns those injected.
    """
    import nbformat

    defaults = notebook_parameters(nb)
    used = {k: _coerce(v, defaults[k]) for k, v in params.items() if k in defaults}
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    if used:
        lines = ["# Parameters injected by `ofsted-analysis notebooks`"]
        lines += [f"{k} = {v!r}" for k, v in used.items()]
        cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell.metadata["tags"] = [INJECTED_TAG]
        cell.id = "injected-parameters"
        at = nb.cells.index(_tagged(nb, PARAMETERS_TAG))
        nb.cells.insert(at + 1, cell)
    return used


# --- running ---------------------------------------------------------------------------------


def notebook_paths(notebook_dir: str | Path | None = None) -> list[Path]:
    """The numbered notebooks (``01_*.ipynb`` ...) in order."""
    folder = Path(notebook_dir) if notebook_dir is not None else NOTEBOOK_DIR
    paths = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        from .core.errors import FileError

        raise FileError(str(folder), "holds no numbered notebooks (01_*.ipynb ...)")
    return paths


def kernel_env() -> dict:
    """Environment for the kernels: this package first on ``PYTHONPATH``, a fixed hash seed and
    the inline (PNG) backend. (matplotlib settings come from ``notebooks/matplotlibrc``, read
    from the working directory, so a user's own matplotlibrc cannot change the outputs.)"""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    env["PYTHONHASHSEED"] = "0"
    env.pop("MPLBACKEND", None)
    return env


def _kernel_manager():
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

    The notebooks it is given by :func:`run_notebooks`:

    >>> [p.name for p in notebook_paths()][:2]
    ['01_data_overview.ipynb', '02_authority_trajectories.ipynb']

    Not run here (it starts a kernel and runs the notebook, seconds):

    >>> execute_notebook("notebooks/02_authority_trajectories.ipynb",
    ...                  {"authorities": ["Bradford"]}, out="/tmp/02.ipynb")  # doctest: +SKIP
    {'authorities': ['Bradford']}
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    wanted = dict(params or {})
    if data is not None:
        wanted["data"] = str(Path(data).resolve())
    used = inject_parameters(nb, wanted)
    for cell in nb.cells:  # so a failure is found by its error output, not an old one
        if cell.cell_type == "code":
            cell.outputs = []
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        record_timing=False,
        km=_kernel_manager(),
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    # The kernel's stderr carries only start-up chatter (ipykernel warns about unencrypted
    # local TCP); errors in cells come back as cell outputs and raise CellExecutionError.
    try:
        client.execute(env=kernel_env(), cwd=str(path.parent.resolve()), stderr=subprocess.DEVNULL)
    except (CellExecutionError, CellTimeoutError) as e:
        raise NotebookError.from_failure(path.name, nb, e) from None
    _clean(nb)
    target = Path(out) if out is not None else path
    tmp = target.with_suffix(".ipynb.tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, target)
    return used


def _clean(nb) -> None:
    """Drop run-specific metadata so re-running unchanged data leaves the file unchanged."""
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)


def export_html(path: str | Path, html_dir: str | Path) -> Path:
    """Write an HTML copy of an (executed) notebook into ``html_dir``; return its path."""
    import nbformat
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


def run_notebooks(
    notebook_dir: str | Path | None = None,
    params: dict | None = None,
    html_dir: str | Path | None = None,
    data: str | Path | None = None,
    timings: dict | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Re-execute every numbered notebook against the current tables; all or nothing.

    ``notebook_dir``: default the project's ``notebooks/``. ``params``: values for the
    notebooks' ``parameters`` cells (see :func:`parse_params`); each notebook receives the ones
    it declares. ``data``: folder of the tidy tables (default ``data/processed``), injected as
    the ``data`` parameter. ``html_dir``: also write an HTML copy of each notebook there.
    ``timings``, if given, is filled with seconds per notebook (and ``total``). ``workers``:
    notebooks executed at once, each in its own kernel (default: one per core).

    Every parameter is checked first (:func:`check_params`); the notebooks are executed into
    a staging folder and replace the originals only when all of them succeeded, so a failure
    leaves every notebook as it was. Returns the notebooks run.

    A misspelt authority is refused by the check made before any kernel starts:

    >>> run_notebooks(params={"authorities": "Bradfrod"})
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: notebook parameter authorities 'Bradfrod' is not \
valid; expected a known authority name; closest: Bradford

    Not run here (it re-executes every notebook and rewrites them):

    >>> run_notebooks(params={"authorities": "Bradford,Kirklees"})  # doctest: +SKIP

    Raises :class:`InputError` for a bad parameter, before running anything, and
    :class:`NotebookError` naming the notebook and cell that failed (the first, in notebook
    order, when several did).
    """
    import shutil
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    paths = notebook_paths(notebook_dir)
    params = dict(params or {})
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise InputError("workers", workers, "a whole number of kernels, 1 or more")
    if data is not None:
        data = Path(data).resolve()
        _check_one("data", str(data), None, paths[0].parent)
    check_params(params, paths, data)
    if html_dir is not None:
        try:
            Path(html_dir).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(
                "--html folder", str(html_dir), f"a folder that can be written ({e.strerror})"
            ) from None
    started = time.perf_counter()
    stage = Path(tempfile.mkdtemp(prefix=".run-", dir=paths[0].parent))
    try:

        def one(p: Path) -> float:
            t0 = time.perf_counter()
            execute_notebook(p, params, data, out=stage / p.name)
            return time.perf_counter() - t0

        n = min(len(paths), workers or default_workers())
        with ThreadPoolExecutor(max_workers=n) as pool:
            futures = [pool.submit(one, p) for p in paths]
        failures = [exc for f in futures if (exc := f.exception()) is not None]
        if failures:
            raise failures[0]
        for p in paths:
            os.replace(stage / p.name, p)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    if timings is not None:
        for p, f in zip(paths, futures, strict=True):
            timings[p.name] = f.result()
        timings["total"] = time.perf_counter() - started
    if html_dir is not None:
        for p in paths:
            export_html(p, html_dir)
    return paths
