"""Running the command line as a user does: a fresh process, ``python -m ofsted_analysis``
(:func:`run_cli`), or, where many commands must run quickly, the same entry point inside the
test process (:func:`run_in_process`)."""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout


def run_cli(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    """``ofsted-analysis ARGS`` in a new process (arguments turned into text)."""
    return subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_in_process(*args: object) -> subprocess.CompletedProcess:
    """``ofsted-analysis ARGS`` through :func:`ofsted_analysis.cli.main` in this process, its
    output captured: what the console script does, without a new interpreter per command.

    argparse's usage errors (exit 2) and ``--help`` (exit 0) are returned as exit codes; any
    other exception propagates, so a bug fails the test with its traceback.
    """
    from ofsted_analysis import cli

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
