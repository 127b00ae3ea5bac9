"""Re-run the analysis notebooks in ``notebooks/`` when new data arrives.

- :mod:`.params`: the notebooks' parameters, read, checked before anything runs, injected;
- :mod:`.runner`: which notebooks run, where the executed copies go, all or nothing;
- :mod:`.kernels`: the kernels, reused one notebook after another;
- :mod:`.tidy`: what an executed notebook keeps, so an unchanged re-run changes no byte.

>>> from ofsted_analysis.notebooks import run_notebooks, parse_params
>>> parse_params(["authorities=Bradford,Leeds"])
{'authorities': 'Bradford,Leeds'}

Not run here (it re-executes every notebook, into build/notebooks/):

>>> run_notebooks(params=parse_params(["authorities=Bradford,Leeds"]))   # doctest: +SKIP
"""

from __future__ import annotations

from ..core.paths import NOTEBOOKS as NOTEBOOK_DIR
from .kernels import KERNEL, kernel_env
from .params import (
    ALIASES,
    INJECTED_TAG,
    PARAMETERS_TAG,
    canonical_params,
    check_params,
    declared_parameters,
    inject_parameters,
    notebook_parameters,
    notebook_paths,
    one_authority,
    parse_params,
)
from .runner import (
    CELL_TIMEOUT,
    DEFAULT_OUT,
    NOTEBOOK_TOOLS,
    NotebookError,
    default_workers,
    destination,
    execute_notebook,
    export_html,
    require_notebook_tools,
    run_notebooks,
    select_notebooks,
)

__all__ = [
    "ALIASES",
    "CELL_TIMEOUT",
    "DEFAULT_OUT",
    "INJECTED_TAG",
    "KERNEL",
    "NOTEBOOK_DIR",
    "NOTEBOOK_TOOLS",
    "PARAMETERS_TAG",
    "NotebookError",
    "canonical_params",
    "check_params",
    "declared_parameters",
    "default_workers",
    "destination",
    "execute_notebook",
    "export_html",
    "inject_parameters",
    "kernel_env",
    "notebook_parameters",
    "notebook_paths",
    "one_authority",
    "parse_params",
    "require_notebook_tools",
    "run_notebooks",
    "select_notebooks",
]
