"""DfE's statistical-neighbour model in its wide CSV form (``sn_model_YYYY_wide.csv``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ...core.errors import FileError, InputError, Location


def is_neighbour_model_header(columns: Sequence[object]) -> bool:
    """DfE's statistical-neighbour model (wide): old_la_code then SN_1, SN_1P, ... SN_10P."""
    cols = {str(c).strip().lstrip("\ufeff").lower() for c in columns}
    return "old_la_code" in cols and {f"sn_{i}" for i in range(1, 11)} <= cols


def neighbour_model_year(name: str | Path) -> int:
    """The year of a statistical-neighbour model file, from its name as DfE gives it (the
    file says it nowhere else).

    >>> neighbour_model_year("outcomes/dfe/sn_model_2025_wide.csv")
    2025
    """
    year = re.search(r"sn_model_(\d{4})", Path(name).name.lower())
    if year is None:
        raise FileError(
            str(name),
            "is a statistical-neighbour model, whose year its name must give as DfE names "
            "them (sn_model_YYYY_wide.csv)",
        )
    return int(year.group(1))


def read_neighbour_model(path: str | Path, key: str | None = None):
    """DfE's statistical-neighbour model in its wide CSV form, long: one row per authority x
    neighbour (``la_number``, ``neighbour_rank``, ``neighbour_la_number``, ``closeness``,
    ``model``: the model's year, from the file's name as DfE gives it)."""
    import pandas as pd

    from ..workbook import csv_table

    path = Path(path)
    name = key or str(path)
    year = neighbour_model_year(name)
    raw = csv_table(path, name)
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    out = []
    for n, r in enumerate(raw.itertuples(index=False), start=2):
        rec = r._asdict()
        for rank in range(1, 11):
            nb = str(rec[f"sn_{rank}"]).strip()
            if not nb.isdigit():  # a blank too: DfE's model gives every authority ten
                raise InputError(
                    f"SN_{rank}",
                    nb,
                    "a DfE three-digit LA number (DfE's model names ten neighbours for each "
                    "authority)",
                    Location(name, row=n, column=f"SN_{rank}"),
                )
            out.append(
                {
                    "la_number": rec["old_la_code"].strip(),
                    "neighbour_rank": rank,
                    "neighbour_la_number": nb,
                    "closeness": str(rec.get(f"sn_{rank}p", "")).strip().lower(),
                    "source": f"{name}:r{n}:SN_{rank}",
                    "file": name,
                    "model": year,
                }
            )
    return pd.DataFrame(out)
