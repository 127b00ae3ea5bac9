"""``ofsted-analysis notebooks``: re-execute the notebooks against the current data."""

from __future__ import annotations

import argparse
import sys

from .options import data_option


def add_parser(sub) -> None:
    p = sub.add_parser(
        "notebooks",
        help="re-execute the notebooks against the current data",
        description="Re-execute every notebook in notebooks/ against the stored "
        "tables, optionally with parameters, and write HTML copies. Parameters "
        "are checked before anything runs; the notebooks are replaced only when "
        "all of them ran, so a failure (naming the notebook and cell) leaves "
        "them as they were.",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter, e.g. authorities=Leeds,Bradford or "
        "as_at=2024-03-31 (repeatable)",
    )
    p.add_argument("--html", metavar="DIR", help="also write HTML copies here")
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="notebooks run at once, one kernel each (default: one per core)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="check the parameters and exit without running anything",
    )
    data_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from ..notebooks import (
        NotebookError,
        check_params,
        notebook_paths,
        parse_params,
        require_notebook_tools,
        run_notebooks,
    )

    require_notebook_tools()
    params = parse_params(args.param)
    if getattr(args, "dry_run", False):
        paths = notebook_paths()
        data = None
        if args.data is not None:  # checked as the run checks it (--data is a folder of tables)
            data = str(Path(args.data).resolve())
            check_params({"data": data}, paths)
        check_params(params, paths, data)
        print(f"parameters valid for {len(paths)} notebooks; nothing was run (--dry-run)")
        return 0
    started = time.perf_counter()
    try:
        paths = run_notebooks(
            params=params,
            html_dir=args.html,
            data=args.data,
            workers=getattr(args, "workers", None),
        )
    except NotebookError as e:  # which notebook and cell failed, and why; no traceback
        print(f"error: a notebook failed: {e}\nNo notebook was changed.", file=sys.stderr)
        return 1
    print(
        f"re-ran {len(paths)} notebooks in {time.perf_counter() - started:.1f} s"
        + (f"; HTML copies in {args.html}" if args.html else "")
    )
    return 0
