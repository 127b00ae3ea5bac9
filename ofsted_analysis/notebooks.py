"""Re-run the analysis notebooks in ``notebooks/`` when new data arrives.

>>> from ofsted_analysis.notebooks import run_notebooks, parse_params
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
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

PROJECT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = PROJECT / "notebooks"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
CELL_TIMEOUT = 600  # seconds per cell; a cell that takes longer is stuck
KERNEL = "python3"


# --- parameters ------------------------------------------------------------------------------

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
            raise InputError("--param", item, "name=value, e.g. authorities=Leeds or "
                             "as_at=2024-03-31")
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
        raise InputError("notebook", nb.metadata.get("title", "?"),
                         "a first code cell tagged 'parameters'")
    out = {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
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
        from .errors import FileError

        raise FileError(str(folder), "holds no numbered notebooks (01_*.ipynb ...)")
    return paths


def kernel_env() -> dict:
    """Environment for the kernels: this package first on ``PYTHONPATH``, a fixed hash seed and
    the inline (PNG) backend. (matplotlib settings come from ``notebooks/matplotlibrc``, read
    from the working directory, so a user's own matplotlibrc cannot change the outputs.)"""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
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


def execute_notebook(path: str | Path, params: dict | None = None, data: object = None,
                     timeout: int = CELL_TIMEOUT) -> dict:
    """Execute one notebook in place (parameters injected); returns the parameters injected.

    Raises nbclient's ``CellExecutionError`` (with the failing cell's traceback) when a cell
    fails; the notebook file is then left as it was.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    wanted = dict(params or {})
    if data is not None:
        wanted["data"] = str(Path(data).resolve())
    used = inject_parameters(nb, wanted)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=KERNEL, record_timing=False, km=_kernel_manager(),
        resources={"metadata": {"path": str(path.parent.resolve())}})
    # The kernel's stderr carries only start-up chatter (ipykernel warns about unencrypted
    # local TCP); errors in cells come back as cell outputs and raise CellExecutionError.
    client.execute(env=kernel_env(), cwd=str(path.parent.resolve()),
                   stderr=subprocess.DEVNULL)
    _clean(nb)
    tmp = path.with_suffix(".ipynb.tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, path)
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


def run_notebooks(notebook_dir: str | Path | None = None, params: dict | None = None,
                  html_dir: str | Path | None = None, data: str | Path | None = None,
                  timings: dict | None = None) -> list[Path]:
    """Re-execute every numbered notebook in place against the current tables.

    ``notebook_dir``: default the project's ``notebooks/``. ``params``: values for the
    notebooks' ``parameters`` cells (see :func:`parse_params`); each notebook receives the ones
    it declares, and a name no notebook declares is an error (a typo would otherwise be silently
    ignored). ``data``: folder of the tidy tables (default ``data/processed``), injected as the
    ``data`` parameter. ``html_dir``: also write an HTML copy of each notebook there.
    ``timings``, if given, is filled with seconds per notebook. Returns the notebooks run.

    Raises :class:`InputError` for an unknown parameter before running anything.
    """
    import nbformat

    paths = notebook_paths(notebook_dir)
    params = dict(params or {})
    declared: dict[str, list[str]] = {}
    for p in paths:
        for name in notebook_parameters(nbformat.read(p, as_version=4)):
            declared.setdefault(name, []).append(p.stem)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise InputError("notebook parameter", ", ".join(unknown),
                         "one of " + ", ".join(sorted(declared)))
    for p in paths:
        t0 = time.perf_counter()
        execute_notebook(p, params, data)
        if html_dir is not None:
            export_html(p, html_dir)
        if timings is not None:
            timings[p.name] = time.perf_counter() - t0
    return paths
