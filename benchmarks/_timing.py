"""What the build benchmarks share: where the project and the shared data are, and a timer
that runs a command in a fresh process."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "data"


def timed(cmd: list[str], env: dict | None = None) -> float:
    """Seconds one command takes, run from the project folder (output captured)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=PROJECT, env=env)
    return time.perf_counter() - start
