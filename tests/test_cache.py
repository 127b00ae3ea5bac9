"""The read cache (ofsted_analysis/cache.py): what it is keyed by."""

from __future__ import annotations

import importlib.metadata

from ofsted_analysis.storage import cache


def test_the_cache_key_changes_with_the_libraries_that_parse_files(monkeypatch):
    """python-calamine 0.2 and 0.3 number some ODS rows differently (tests/test_build.py::
    test_row_references_point_at_the_row_in_the_file): a cache filled with one must not serve
    the other, so the reader version includes the parsing libraries' versions."""
    real = importlib.metadata.version
    cache.reader_version.cache_clear()
    before = cache.reader_version()

    def older_calamine(name: str) -> str:
        return "0.2.0" if name == "python-calamine" else real(name)

    monkeypatch.setattr(importlib.metadata, "version", older_calamine)
    cache.reader_version.cache_clear()
    try:
        assert cache.reader_version() != before
    finally:
        monkeypatch.undo()
        cache.reader_version.cache_clear()
    assert cache.reader_version() == before
