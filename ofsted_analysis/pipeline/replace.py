"""Which stored rows a file given to ``update`` replaces: the one rule for every table that keeps
rows per source file (observations, findings, finding problems, release covers, outcome cells,
neighbour models).

A file is known by its key (its path relative to the project, :func:`sources.source_key`) and
by its content (SHA-256). A new file replaces the stored rows of the same path (a new version of
the file) and the rows of a file with the same content (the same file moved or renamed), so
applying a file twice, or from another folder, changes nothing; any other file's rows stay.

>>> import pandas as pd
>>> stored = pd.DataFrame({"file": ["a.ods", "b.ods", "c.ods"], "file_hash": ["1", "2", "3"]})
>>> kept_rows(stored, {"a.ods": "9", "moved/b.ods": "2"})["file"].tolist()
['c.ods']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def kept_rows(stored: pd.DataFrame, incoming: Mapping[str, str]) -> pd.DataFrame:
    """The rows of ``stored`` that the files of ``incoming`` (key -> content hash) do not
    replace. A table without a ``file_hash`` column (finding problems) is matched by path alone."""
    gone = stored["file"].isin(list(incoming))
    if "file_hash" in stored:
        gone |= stored["file_hash"].isin(list(incoming.values()))
    return stored[~gone]
