"""DfE's Local Authority Interactive Tool (LAIT): its bulk data file (:mod:`.bulk`), the
period labels in it (:mod:`.periods`) and its data dictionary (:mod:`.dictionary`), read for
the outcomes table (``../shared/data/lait/``; recognised by content through
:mod:`ofsted_analysis.sources.formats`).
"""

from __future__ import annotations

from .bulk import PREFIX, is_lait_header, no_period, parquet_columns, read_lait
from .dictionary import FILE_NAME as DICTIONARY_NAME
from .dictionary import is_dictionary_header, read_dictionary
from .periods import read_period

__all__ = [
    "DICTIONARY_NAME",
    "PREFIX",
    "is_dictionary_header",
    "is_lait_header",
    "no_period",
    "parquet_columns",
    "read_dictionary",
    "read_lait",
    "read_period",
]
