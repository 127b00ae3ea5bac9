"""Tables given their stored types (:func:`conform`, :func:`empty`, :func:`restore` after a
parquet read) and checked against their schema (:func:`check`); the schema itself, the kinds
and what each means, is :mod:`.schema`.

>>> empty("outcome_conflicts")["year"].dtype
dtype('int64')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.errors import FileError, OfstedAnalysisError
from .schema import columns, schema_of

if TYPE_CHECKING:
    import pandas as pd

_DTYPE_NAMES = {
    "text": "text (str)",
    "cat": "text stored as a category (categorical of str)",
    "date": "dates (datetime64[ns])",
    "int": "whole numbers (int64) with no blanks",
    "int?": "whole numbers (Int64)",
    "float": "numbers (float64)",
    "bool": "true/false (bool)",
    "grade": "grades (ordered categorical)",
    "bool?": "true/false (boolean)",
    "send": "area SEND outcomes (ordered categorical)",
}


def empty(name: str) -> pd.DataFrame:
    """Table ``name`` with no rows, every column of its stored type.

    >>> empty("outcome_conflicts")["year"].dtype
    dtype('int64')
    """
    import pandas as pd

    return conform(name, pd.DataFrame({c: [] for c in columns(name)}))


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with table ``name``'s columns, in order, each converted to its stored type.

    A missing or extra column is an error; values that cannot take the type raise pandas'
    own error.

    >>> import pandas as pd
    >>> conform("finding_problems", pd.DataFrame({"problem": ["x"], "file": ["a.pdf"],
    ...     "framework": [None]})).columns.tolist()
    ['file', 'framework', 'problem']
    """
    import pandas as pd

    from ..core.grades import grade_dtype

    schema = schema_of(name)
    missing = [c for c in schema.columns if c not in frame]
    if missing:
        raise OfstedAnalysisError(
            f"table {name}: column(s) {', '.join(missing)} missing; "
            f"expected {', '.join(schema.columns)}"
        )
    extra = [c for c in frame if c not in schema.kinds]
    if extra:
        raise OfstedAnalysisError(
            f"table {name}: column(s) {', '.join(map(str, extra))} not in its schema "
            f"({', '.join(schema.columns)})"
        )
    out = frame[list(schema.columns)].copy()
    for col, kind in schema.kinds.items():
        s = out[col]
        if kind == "date":
            out[col] = pd.to_datetime(s).astype("datetime64[ns]")
        elif kind == "int":
            out[col] = s.astype("int64")
        elif kind == "int?":
            out[col] = s.astype("Int64")
        elif kind == "float":
            out[col] = s.astype("float64")
        elif kind == "bool":
            out[col] = s.astype("bool")
        elif kind == "grade":
            out[col] = s.astype(grade_dtype())
        elif kind == "bool?":
            out[col] = s.astype("boolean")
        elif kind == "send":
            from ..core.send import send_outcome_dtype

            out[col] = s.astype(object).astype(send_outcome_dtype())
        elif kind == "cat":
            from .categories import as_category

            out[col] = as_category(s)
        elif s.isna().all() and not isinstance(s.dtype, pd.StringDtype):
            # a blank text column (no value, or all missing), typed as a read gives it back
            blank = pd.Series([None] * len(s), index=s.index, dtype=object)
            out[col] = blank.astype("str") if pd.Series(["a"]).dtype != object else blank
    return out


def restore(name: str, frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """``frame`` as read from table ``name``'s parquet ``file``, with what parquet does not
    keep put back: the grade categories (an empty or all-missing grade column comes back
    without them). A value that is not a grade is a :class:`FileError`, never dropped."""
    from ..core.grades import GRADES, grade_dtype

    for col, kind in schema_of(name).kinds.items():
        if kind == "send" and col in frame and not _fits(frame[col], "send"):
            from ..core.send import send_outcome_dtype

            frame[col] = frame[col].astype(object).astype(send_outcome_dtype())
        if kind != "grade" or col not in frame or _fits(frame[col], "grade"):
            continue
        values = frame[col].dropna().astype(str)
        bad = values[~values.isin(GRADES)]
        if len(bad):
            raise FileError(
                file,
                f"table {name}, column {col!r} holds {bad.iloc[0]!r} (row {bad.index[0] + 1}); "
                f"expected one of {', '.join(GRADES)}",
            )
        frame[col] = frame[col].astype(object).astype(grade_dtype())
    return frame


def _fits(series: pd.Series, kind: str) -> bool:
    import pandas as pd

    dtype = series.dtype
    if kind == "text":
        if isinstance(dtype, pd.StringDtype):
            return True
        if dtype.kind != "O":
            return False
        values = series.dropna()
        return bool(values.map(type).eq(str).all()) if len(values) else True
    if kind == "cat":
        return isinstance(dtype, pd.CategoricalDtype) and (
            len(dtype.categories) == 0 or dtype.categories.inferred_type == "string"
        )
    if kind == "grade":
        from ..core.grades import GRADES

        return (
            isinstance(dtype, pd.CategoricalDtype)
            and bool(dtype.ordered)
            and tuple(dtype.categories) == GRADES
        )
    if kind == "send":
        from ..core.send import SEND_OUTCOMES

        return (
            isinstance(dtype, pd.CategoricalDtype)
            and bool(dtype.ordered)
            and tuple(dtype.categories) == SEND_OUTCOMES
        )
    expected = {
        "bool?": "boolean",
        "date": "datetime64[ns]",
        "int": "int64",
        "int?": "Int64",
        "float": "float64",
        "bool": "bool",
    }[kind]
    return str(dtype) == expected


def check(name: str, frame: pd.DataFrame, file: str | None = None, keys: bool = False) -> None:
    """Raise unless ``frame`` is table ``name`` exactly as stored: its columns in order, each of
    its kind, and (with ``keys``) no two rows sharing the key. ``file`` names the file in the
    message (a :class:`FileError`).

    >>> import pandas as pd
    >>> check("finding_problems", pd.DataFrame({"file": ["a.pdf"], "problem": ["x"]}), "t.parquet")
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.FileError: file t.parquet: table finding_problems has columns \
file, problem; expected file, framework, problem (missing framework)
    """
    schema = schema_of(name)

    def fail(problem: str) -> None:
        if file is None:
            raise OfstedAnalysisError(f"table {name}: {problem}")
        raise FileError(file, problem)

    found = [str(c) for c in frame.columns]
    if found != list(schema.columns):
        missing = [c for c in schema.columns if c not in found]
        extra = [c for c in found if c not in schema.kinds]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in the schema: {', '.join(extra)}" if extra else "",
                "in another order" if not missing and not extra else "",
            )
            if part
        )
        fail(
            f"table {name} has columns {', '.join(found)}; expected "
            f"{', '.join(schema.columns)} ({detail})"
        )
    for col, kind in schema.kinds.items():
        if not _fits(frame[col], kind):
            fail(
                f"table {name}, column {col!r} holds {frame[col].dtype}; expected "
                f"{_DTYPE_NAMES[kind]}"
            )
    if keys and schema.key:
        twice = frame.duplicated(list(schema.key), keep=False)
        if twice.any():
            first = frame.loc[twice, list(schema.key)].iloc[0].tolist()
            fail(
                f"{int(twice.sum())} rows share a key "
                f"({', '.join(schema.key)}), e.g. {first}; each row must be unique"
            )
