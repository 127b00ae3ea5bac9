"""re-execute the notebooks against the current data

Re-execute the notebooks in notebooks/ against the stored tables, optionally with parameters,
and write HTML copies. Without parameters or --data the committed notebooks are refreshed in
place; with them, executed copies go to build/notebooks/ (or --out) unless --in-place.
Parameters are checked before anything runs; the notebooks are written only when all of them
ran, so a failure (naming the notebook and cell) leaves them as they were.
"""

from __future__ import annotations

import argparse
import sys

from .options import data_option


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "names",
        nargs="*",
        metavar="NOTEBOOK",
        help="run only these notebooks, by number or name (e.g. 03 06); default all",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NOTEBOOK",
        help="run only this notebook, by number or name (repeatable; as NOTEBOOK)",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter, e.g. authorities=Leeds,Bradford or "
        "as_at=2024-03-31 (repeatable)",
    )
    p.add_argument(
        "--out",
        metavar="DIR",
        help="write the executed notebooks here (default: build/notebooks/ for a run with "
        "parameters or --data; the committed notebooks otherwise)",
    )
    p.add_argument(
        "--in-place",
        action="store_true",
        help="write the executed notebooks over the committed ones, even with parameters",
    )
    p.add_argument("--html", metavar="DIR", help="also write HTML copies here")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="kernels run at once, each reused for several notebooks (default: one per core)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check the parameters and exit without running anything",
    )
    data_option(p)


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from ..core.words import plural
    from ..notebooks import (
        NotebookError,
        canonical_params,
        check_params,
        destination,
        notebook_paths,
        parse_params,
        require_notebook_tools,
        run_notebooks,
        select_notebooks,
    )

    require_notebook_tools()
    params = canonical_params(parse_params(args.param))
    only = list(getattr(args, "names", []) or []) + list(getattr(args, "only", []) or [])
    in_place = True if getattr(args, "in_place", False) else None
    out = getattr(args, "out", None)
    if getattr(args, "dry_run", False):
        paths = select_notebooks(notebook_paths(), only)
        data = None
        if args.data is not None:  # checked as the run checks it (--data is a folder of tables)
            data = str(Path(args.data).resolve())
            check_params({"data": data}, paths)
        check_params(params, paths, data)
        target = destination(paths[0].parent, params, data, out, in_place)
        print(
            f"parameters valid for {plural(len(paths), 'notebook')}; they would be written to "
            f"{_shown(target)}; nothing was run (--dry-run)"
        )
        return 0
    started = time.perf_counter()
    try:
        written = run_notebooks(
            params=params,
            html_dir=args.html,
            data=args.data,
            workers=getattr(args, "workers", None),
            only=only,
            out=out,
            in_place=in_place,
        )
    except NotebookError as e:  # which notebook and cell failed, and why; no traceback
        print(f"error: a notebook failed: {e}\nNo notebook was changed.", file=sys.stderr)
        return 1
    print(
        f"re-ran {plural(len(written), 'notebook')} in {time.perf_counter() - started:.1f} s; "
        f"written to {_shown(written[0].parent)}"
        + (f"; HTML copies in {args.html}" if args.html else "")
    )
    return 0


def _shown(folder) -> str:
    """A folder as the user would type it: relative to the working folder when inside it."""
    from pathlib import Path

    try:
        return str(Path(folder).resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(folder) + "/"
