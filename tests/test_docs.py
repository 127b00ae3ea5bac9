"""The reference in docs/ cannot drift from the code: the table reference is generated from the
schema, every column of every stored table is described, and the README stays a short read."""

from __future__ import annotations

from shared_files import PROJECT

from ofsted_analysis.storage.descriptions import COLUMNS, TABLES, column_description, table_docs
from ofsted_analysis.storage.schema import SCHEMAS


def test_every_stored_column_is_described():
    missing = []
    for name, schema in SCHEMAS.items():
        if name not in TABLES:
            missing.append(name)
        for column in schema.columns:
            try:
                column_description(name, column)
            except KeyError:
                missing.append(f"{name}.{column}")
    assert not missing, f"describe these in storage/descriptions.py: {missing}"
    # No description of a column a table does not have (a renamed column left behind).
    stale = [f"{t}.{c}" for t, cols in COLUMNS.items() for c in cols if c not in SCHEMAS[t].kinds]
    assert not stale, stale


def test_docs_tables_md_is_current():
    current = (PROJECT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert current == table_docs(), "run: python scripts/make_table_docs.py"
