"""The stored tables' schema: every table's columns, in order, their types and key, in one place.

:func:`conform` gives a table built in memory its stored types; :func:`check` verifies a table
against its schema. The store checks every table when it writes it (a table that does not fit
is never stored) and when it reads it (a file written by another version, or edited by hand, is
refused with a message naming the file, the column and what was expected, instead of failing
later in an analysis). The design document describes what each column means.

Types are *kinds*, not pandas dtype names, so the schema reads the same on every pandas version
the package supports (pandas 3 stores text as ``str``, pandas 2 as ``object``):

======== ==================================================================
text     strings; missing allowed
cat      strings stored as a category (a column of few distinct, often repeated, values:
         read faster and held in less memory); categories sorted; missing allowed
date     ``datetime64[ns]``, no time zone; missing allowed
int      ``int64``; no missing values
int?     ``Int64`` (nullable integer)
float    ``float64``; missing allowed
bool     ``bool``
grade    ordered categorical Inadequate < Requires improvement < Good < Outstanding
bool?    ``boolean`` (nullable true/false)
send     ordered categorical systemic_failings < inconsistent < positive (area SEND outcome)
======== ==================================================================

>>> columns("events")[:3]
('inspection_id', 'la_code', 'la_name')
>>> SCHEMAS["judgements"].key
('inspection_id', 'area')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import FileError, OfstedAnalysisError

if TYPE_CHECKING:
    import pandas as pd

KINDS = ("text", "cat", "date", "int", "int?", "float", "bool", "grade", "bool?", "send")


@dataclass(frozen=True)
class Schema:
    """One table's columns (name -> kind, in stored order) and the columns that identify a
    row (``key``: no two rows may share it)."""

    name: str
    kinds: Mapping[str, str]
    key: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.kinds)


def _schema(name: str, key: tuple[str, ...], *cols: tuple[str, str]) -> Schema:
    kinds = dict(cols)
    assert len(kinds) == len(cols) and set(kinds.values()) <= set(KINDS), name
    assert set(key) <= set(kinds), name
    return Schema(name, kinds, key)


_T, _D, _I, _IN, _F, _G = "text", "date", "int", "int?", "float", "grade"
_C = "cat"
_AUTHORITY = (("la_code", _T), ("la_name", _T), ("la_number", _T), ("region", _T))
_DATES = (("start_date", _D), ("end_date", _D), ("published", _D))
#: An inspection's three dates: fieldwork start and end, and the report's publication.
INSPECTION_DATES: tuple[str, ...] = tuple(name for name, _kind in _DATES)
_PROVENANCE = (("source", _T), ("sources", _T), ("n_sources", _I))
# An area SEND inspection's findings as a source states them (area_send and its records).
_SEND_FINDINGS = (
    ("wsoa", "bool?"),
    ("significant_weaknesses", _IN),
    ("weaknesses_sufficient_progress", _IN),
    ("revisit_outcome", _T),
    ("outcome", "send"),
    ("outcome_wording", _T),
    ("priority_action_plan", "bool?"),
    ("areas_for_priority_action", _IN),
    ("previous_inspection", _D),
    ("next_inspection", _T),
)

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in (
        _schema(
            "judgements",
            ("inspection_id", "area"),
            *_AUTHORITY,
            ("inspection_id", _T),
            ("framework", _T),
            ("event", _T),
            *_DATES,
            ("area", _T),
            ("area_label", _T),
            ("grade", _G),
            ("grade_label", _T),
            *_PROVENANCE,
        ),
        _schema(
            "events",
            ("inspection_id",),
            ("inspection_id", _T),
            *_AUTHORITY,
            ("framework", _T),
            ("event", _T),
            *_DATES,
            ("date_precision", _T),
            ("theme", _T),
            ("graded", "bool"),
            ("n_judgements", _I),
            *_PROVENANCE,
        ),
        # One row per disagreement: ``field`` is ``grade`` (with ``area``) or a date field (no
        # area); ``kept_value``/``other_value`` are the values as text (grades, ISO dates);
        # ``kept_grade``/``other_grade`` repeat grade values. A grade for a judgement the
        # framework did not make at that date is listed with nothing kept (``kept_value`` empty).
        _schema(
            "conflicts",
            ("inspection_id", "field", "area", "other_source"),
            ("inspection_id", _T),
            ("la_name", _T),
            ("field", _T),
            ("area", _T),
            ("kept_value", _T),
            ("kept_source", _T),
            ("other_value", _T),
            ("other_source", _T),
            ("rule", _T),
            ("kept_grade", _G),
            ("other_grade", _G),
        ),
        # Every source record behind the tables: one row per judgement, or one row for an
        # inspection without judgements, so ``update`` re-merges exactly as ``build`` would.
        _schema(
            "observations",
            ("record", "area"),
            ("record", _I),
            ("la_code", _T),
            ("la_name_source", _T),
            ("framework", _T),
            ("event", _T),
            *_DATES,
            ("theme", _T),
            ("source_kind", _T),
            ("file", _T),
            ("sheet", _T),
            ("row", _IN),
            ("page", _IN),
            ("area", _T),
            ("area_label", _T),
            ("grade", _G),
            ("grade_label", _T),
            ("cell_row", _IN),
            ("cell_page", _IN),
            ("cell_column", _T),
            ("date_precision", _T),
            ("file_hash", _T),
        ),
        # What each release's cover states: the date its "as at" figures describe and the
        # publication cut-off they count (sources/covers.py; judgements.asat.ofsted_cut_off).
        _schema(
            "release_covers",
            ("file",),
            ("as_at", _D),
            ("published_by", _D),
            ("statement", _T),
            ("source", _T),
            ("file", _T),
            ("file_hash", _T),
        ),
        _schema(
            "findings",
            ("inspection_id", "kind", "position"),
            ("la_code", _T),
            ("la_name", _T),
            ("inspection_id", _T),
            ("framework", _T),
            ("published", _D),
            ("kind", _T),
            ("position", _I),
            ("number", _IN),
            ("group", _T),
            ("text", _T),
            ("source", _T),
            ("file", _T),
            ("page", _I),
            ("file_hash", _T),
        ),
        _schema(
            "finding_problems",
            ("file",),
            ("file", _T),
            ("framework", _T),
            ("problem", _T),
        ),
        _schema(
            "outcomes",
            ("level", "la_number", "la_code", "indicator", "year"),
            ("level", _C),
            ("la_code", _T),  # codes stay text: joined on and combined (where) freely
            ("la_number", _T),
            ("la_name", _C),
            ("region", _C),
            ("indicator", _C),
            ("year", _I),
            ("value", _F),
            ("status", _C),
            ("unit", _C),
            ("source", _T),
            ("n_authorities", _I),
            ("period", _C),  # LAIT's Years label as written ('' for DfE's own files)
            ("period_marker", _C),  # outturn, revised, provisional, final or ''
        ),
        # Every published cell read from a DfE file (``column`` is ``sheet!heading``).
        _schema(
            "outcome_measures",
            ("file", "row", "column"),
            ("level", _T),
            ("la_code", _T),
            ("la_number", _T),
            ("la_name", _T),
            ("region_code", _T),
            ("region", _T),
            ("measure", _T),
            ("year", _I),
            ("value", _F),
            ("status", _T),
            ("file", _T),
            ("row", _I),
            ("column", _T),
            ("file_hash", _T),
        ),
        # A value a later release revised: both values and both cells.
        _schema(
            "outcome_conflicts",
            ("level", "la_number", "measure", "year", "other_source"),
            ("level", _T),
            ("la_number", _T),
            ("la_name", _T),
            ("measure", _T),
            ("year", _I),
            ("kept_value", _F),
            ("kept_status", _T),
            ("kept_source", _T),
            ("other_value", _F),
            ("other_status", _T),
            ("other_source", _T),
            ("rule", _T),
        ),
        # LAIT's data dictionary: one row per LAIT measure (sources/lait/dictionary.py).
        _schema(
            "lait_measures",
            ("measure",),
            ("measure", _T),
            ("label", _T),
            ("chart_title", _T),
            ("topic", _T),
            ("topics", _T),
            ("unit", _T),
            ("polarity", _T),
            ("decimals", _IN),
            ("year_type", _T),
            ("quartiles", "bool"),
            ("description", _T),
            ("methodology", _T),
            ("source_link", _T),
            ("data_owner", _T),
            ("last_update", _D),
            ("next_update", _D),
            ("next_update_note", _T),
            ("row", _I),
            ("file", _T),
            ("file_hash", _T),
            ("in_bulk_file", "bool"),  # False: the latest bulk file no longer holds it
            ("bulk_file", _T),  # the bulk file its latest cells came from
            ("bulk_hash", _T),  # and that file's content hash (SHA-256)
            ("cells_without_period", _I),  # cells under period '0', all '-': not stored
        ),
        _schema(
            "neighbour_models",
            ("model", "la_number", "neighbour_rank"),
            ("la_number", _T),
            ("neighbour_rank", _I),
            ("neighbour_la_number", _T),
            ("closeness", _T),
            ("source", _T),
            ("file", _T),
            ("file_hash", _T),
            ("model", _I),
        ),
        # Area SEND inspections (ofsted_analysis.send): one row per inspection, revisit or
        # monitoring inspection, merged across sources.
        _schema(
            "area_send",
            ("inspection_id",),
            ("la_code", _T),
            ("la_number", _T),
            ("la_name", _T),
            ("region", _T),
            ("inspection_id", _T),
            ("framework", _T),
            ("event", _T),
            *_DATES,
            *_SEND_FINDINGS,
            ("date_precision", _T),
            *_PROVENANCE,
        ),
        # Every area SEND source record behind area_send, so `update` re-merges as `build`.
        _schema(
            "area_send_records",
            ("record",),
            ("record", _I),
            ("la_code", _T),
            ("la_name_source", _T),
            ("framework", _T),
            ("event", _T),
            *_DATES,
            *_SEND_FINDINGS,
            ("date_precision", _T),
            ("source_kind", _T),
            ("file", _T),
            ("sheet", _T),
            ("row", _IN),
            ("page", _IN),
            ("file_hash", _T),
        ),
        # One row per disagreement between area SEND sources: both values as text.
        _schema(
            "area_send_conflicts",
            ("inspection_id", "field", "other_source"),
            ("inspection_id", _T),
            ("la_name", _T),
            ("field", _T),
            ("kept_value", _T),
            ("kept_source", _T),
            ("other_value", _T),
            ("other_source", _T),
            ("rule", _T),
        ),
    )
}

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


def schema_of(name: str) -> Schema:
    """The schema of table ``name``.

    >>> schema_of("tables")
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.OfstedAnalysisError: no table 'tables'; the tables are \
judgements, ...
    """
    try:
        return SCHEMAS[name]
    except KeyError:
        raise OfstedAnalysisError(
            f"no table {name!r}; the tables are {', '.join(SCHEMAS)}"
        ) from None


def columns(name: str) -> tuple[str, ...]:
    """Table ``name``'s columns in stored order."""
    return schema_of(name).columns


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
