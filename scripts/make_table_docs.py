"""Write docs/tables.md from the schema and the column descriptions (run after changing either)."""

from pathlib import Path

from ofsted_analysis.storage.descriptions import table_docs

DOCS = Path(__file__).resolve().parent.parent / "docs" / "tables.md"

if __name__ == "__main__":
    DOCS.write_text(table_docs(), encoding="utf-8")
    print(f"wrote {DOCS}")
