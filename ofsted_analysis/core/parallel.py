"""Work spread over the machine's cores when there is enough of it: one rule for every step
that handles many files one by one (recognising each file's format, reading inspection
sources, reading area SEND files).

>>> map_on_cores(len, ["a", "bb", "ccc"])  # too few to be worth a worker process
[1, 2, 3]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: Below this many items per core, starting worker processes costs more than it saves (a
#: report PDF takes 2 ms to recognise and about 50 ms to read).
PARALLEL_FROM = 8


def map_on_cores(
    work: Callable[[Any], T], items: Sequence[Any], done: Callable[[], object] | None = None
) -> list[T]:
    """``[work(x) for x in items]``, in order, on every core when there are at least
    :data:`PARALLEL_FROM` items a core (``work`` must be a module-level function, and items
    and results picklable); ``done`` is called after each item (a progress bar's update)."""
    workers = min(os.cpu_count() or 1, len(items) // PARALLEL_FROM)
    out: list[T] = []
    if workers < 2:
        for item in items:
            out.append(work(item))
            if done:
                done()
        return out
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        for result in pool.map(work, items, chunksize=4):
            out.append(result)
            if done:
                done()
    return out
