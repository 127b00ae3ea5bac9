"""The stored tables' schema: every table's columns, in order, their types and key, in one place.

:mod:`.conform` gives a table built in memory its stored types and checks a table against its
schema. The store checks every table when it writes it (a table that does not fit
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

from ..core.errors import OfstedAnalysisError

if TYPE_CHECKING:
    pass

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
