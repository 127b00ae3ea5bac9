"""MHCLG's revenue outturn (RSX) workbook: children's social care net current expenditure per
authority, as measure ``csc_net_expenditure``."""

from __future__ import annotations

import re
from pathlib import Path

from ...core.errors import FileError, InputError, InputErrors, Location
from .vocabulary import MEASURE_COLUMNS, published_value

RSX_COLUMN = "Children Social Care - Net Current Expenditure (C7 = C3 - C6)"


def rsx_table(path: Path, check_only: bool = False):
    """The RSX revenue outturn sheet: (rows, header index, column of children's social care
    net current expenditure), or None when the workbook has no such table."""
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises several types for files that are not workbooks
        return None
    for sheet in book.sheet_names:
        head = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=20)
        for h, row in enumerate(head):
            cells = [str(c).strip() for c in row]
            if "ONS Code" in cells and RSX_COLUMN in cells:
                if check_only:
                    return True
                rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                return sheet, rows, h, cells.index("ONS Code"), cells.index(RSX_COLUMN)
    return None


def read_rsx(path: str | Path, key: str | None = None):
    """Children's social care net current expenditure (£ thousand) per authority from
    MHCLG's revenue outturn RSX workbook, as measure ``csc_net_expenditure`` (see
    :mod:`ofsted_analysis.outcomes.indicators` for spend per child). The year is the financial
    year's end (2024-25 -> 2025), read from the sheet's title.

    Only rows whose ONS code is a children's services authority (or England) are kept.
    """
    import pandas as pd

    from ...core.authorities import register

    path = Path(path)
    name = key or str(path)
    found = rsx_table(path)
    if not found:
        raise FileError(
            name, f"has no revenue outturn table with columns 'ONS Code' and {RSX_COLUMN!r}"
        )
    sheet, rows, h, code_col, value_col = found
    title = " ".join(str(c) for r in rows[:h] for c in r)
    fy = re.search(r"(20\d\d)-(\d\d)\b", title)
    if not fy:
        raise FileError(
            name, f"sheet {sheet!r}: no financial year (such as 2024-25) in the title rows"
        )
    year = int(fy.group(1)) + 1
    reg = register()
    column = str(rows[h][value_col]).strip()
    out, errors = [], []
    for n, row in enumerate(rows[h + 1 :], start=h + 2):
        code = str(row[code_col]).strip()
        where = Location(name, sheet, n, column)
        if code.upper() == "E92000001" or str(row[code_col + 1]).strip().upper() == "ENGLAND":
            level, a = "england", None
        else:
            a = reg.by_gss(code)
            if a is None:
                continue  # a district, police or fire authority: no children's services
            level = "la"
        cell = row[value_col]
        parsed = (float(cell), "") if isinstance(cell, (int, float)) else published_value(str(cell))
        if parsed is None:
            errors.append(InputError(column, cell, "a number or a code such as [x]", where))
            continue
        out.append(
            {
                "level": level,
                "la_code": code if a else "",
                "la_number": a.la_number if a else "",
                "la_name": str(row[code_col + 1]).strip(),
                "region_code": "",
                "region": "",
                "measure": "csc_net_expenditure",
                "year": year,
                "value": parsed[0],
                "status": parsed[1],
                "file": name,
                "row": n,
                "column": f"{sheet}!{column}",
            }
        )
    if errors:
        raise InputErrors(errors)
    return pd.DataFrame(out, columns=list(MEASURE_COLUMNS))
