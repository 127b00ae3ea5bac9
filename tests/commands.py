"""Running the command line as a user does: a fresh process, ``python -m ofsted_analysis``."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    """``ofsted-analysis ARGS`` in a new process (arguments turned into text)."""
    return subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
