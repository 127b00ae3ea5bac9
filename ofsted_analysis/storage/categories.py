"""Text stored as categories (the schema's kind ``cat``): a column of few distinct, often
repeated words (603k LAIT cells name 427 measures, 66 periods, 170 areas) is kept as codes into
its sorted words, so it is read and held in a fraction of the time and memory, and tables are
joined without writing the words out row by row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def as_category(column: pd.Series) -> pd.Series:
    """A text column as a category whose categories are its distinct values, sorted (so
    equal tables are stored byte for byte alike, whatever order they were built in).

    >>> import pandas as pd
    >>> as_category(pd.Series(["b", "a", "b"])).cat.categories.tolist()
    ['a', 'b']
    """
    import pandas as pd

    text = pd.Series(["a"]).dtype  # str on pandas 3, object on pandas 2
    if isinstance(column.dtype, pd.CategoricalDtype):  # only the categories are looked at
        import numpy as np

        codes = column.cat.codes.to_numpy()
        held = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories)) > 0
        used = column if held.all() else column.cat.set_categories(column.cat.categories[held])
        words = pd.Index(used.cat.categories.astype(str), dtype=text)
        renamed = used.cat.rename_categories(words) if len(set(words)) == len(words) else None
        if renamed is not None:
            ordered = sorted(words)
            if list(words) == ordered:
                return renamed
            return renamed.cat.reorder_categories(ordered)
        column = column.astype(object)
    values = sorted(str(v) for v in column.dropna().unique())
    return column.astype(pd.CategoricalDtype(pd.Index(values, dtype=text)))


def concat(frames: list[pd.DataFrame], categories: list[str]) -> pd.DataFrame:
    """Frames with the same columns one after the other, the ``categories`` columns joined as
    categories (their categories united and sorted), never written out as text row by row
    (``pd.concat`` would, for categories of differing sets)."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    out = pd.concat([f.drop(columns=categories) for f in frames], ignore_index=True)
    for col in categories:
        out[col] = union_categoricals([f[col] for f in frames], sort_categories=True)
    return out[list(frames[0].columns)]
