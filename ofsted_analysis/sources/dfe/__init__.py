"""DfE children's social care statistics and the files read beside them, for the outcomes
table: the tidy open-data CSVs (:mod:`.tidy`, read through :mod:`.vocabulary`), MHCLG's
revenue outturn workbook (:mod:`.rsx`) and DfE's statistical-neighbour model
(:mod:`.neighbours`). Which reader a file needs is decided by the format registry
(:mod:`ofsted_analysis.sources.formats`).
"""

from __future__ import annotations

from .neighbours import is_neighbour_model_header, neighbour_model_year, read_neighbour_model
from .rsx import RSX_COLUMN, read_rsx, rsx_table
from .tidy import csv_header, is_dfe_header, read_dfe
from .vocabulary import MEASURES  # the vocabulary itself: ofsted_analysis.sources.dfe.vocabulary

__all__ = [
    "MEASURES",
    "RSX_COLUMN",
    "csv_header",
    "is_dfe_header",
    "is_neighbour_model_header",
    "neighbour_model_year",
    "read_dfe",
    "read_neighbour_model",
    "read_rsx",
    "rsx_table",
]
