"""A write of tables equal to those in force (ofsted_analysis/storage/store.py): nothing is
checked or written again; a write changing some tables links the others' files unchanged."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from shared_files import PROCESSED

from ofsted_analysis.core.errors import OfstedAnalysisError
from ofsted_analysis.storage import conform, schema
from ofsted_analysis.storage.store import read_table, table_digest, table_file, write_tables


@pytest.fixture
def store(tmp_path):
    """A copy of the shipped store (its current version only), written once by this code."""
    out = tmp_path / "store"
    shutil.copytree(PROCESSED, out, ignore=shutil.ignore_patterns(".previous", ".lock"))
    write_tables(_tables(out), _manifest(out), out)
    return out


def _tables(store) -> dict:
    return {name: read_table(name, store) for name in schema.SCHEMAS}


def _files(store) -> dict:
    """Every file of the store with its inode and modification time: any write shows."""
    return {
        str(p.relative_to(store)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(store.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _stored_manifest(store) -> dict:
    return json.loads((table_file("judgements", store).parent / "manifest.json").read_text())


def _manifest(store) -> dict:
    """The manifest as the build gives it to the store (the store adds digests and sizes)."""
    return {k: v for k, v in _stored_manifest(store).items() if k not in ("digests", "sizes")}


def test_the_shipped_manifest_holds_the_digest_and_size_of_every_table_it_stores():
    # The expected digests are recomputed here from the stored files themselves.
    digests = _stored_manifest(PROCESSED)["digests"]
    assert sorted(digests) == sorted(schema.SCHEMAS)
    for name, digest in digests.items():
        assert table_digest(read_table(name, PROCESSED)) == digest, name
    sizes = _stored_manifest(PROCESSED)["sizes"]  # and the size of every table's file
    assert sizes == {n: table_file(n, PROCESSED).stat().st_size for n in schema.SCHEMAS}


def test_writing_the_tables_in_force_again_writes_nothing(store):
    frames, manifest = _tables(store), _manifest(store)
    before = _files(store)
    write_tables(frames, manifest, store)
    assert _files(store) == before


def test_an_unchanged_table_is_not_checked_again(store, monkeypatch):
    frames, manifest = _tables(store), _manifest(store)
    checked: list[str] = []
    monkeypatch.setattr(conform, "check", lambda name, *a, **k: checked.append(name))
    write_tables(frames, manifest, store)
    assert checked == []
    frames["judgements"] = frames["judgements"].iloc[:-1]
    write_tables(frames, manifest, store)
    assert checked == ["judgements"]


def test_a_changed_table_makes_a_new_version_linking_the_unchanged_files(store):
    frames, manifest = _tables(store), _manifest(store)
    old_version = table_file("judgements", store).parent
    old_outcomes = (old_version / "outcomes.parquet").stat().st_ino
    frames["events"] = frames["events"].iloc[1:].reset_index(drop=True)
    write_tables(frames, manifest, store)
    new_version = table_file("judgements", store).parent
    assert new_version != old_version
    assert (new_version / "outcomes.parquet").stat().st_ino == old_outcomes  # linked, not copied
    assert (store / ".previous" / old_version.name / "outcomes.parquet").exists()
    for name in schema.SCHEMAS:  # every table reads back as written
        assert read_table(name, store).equals(frames[name]), name
    assert _stored_manifest(store)["digests"]["events"] == table_digest(frames["events"])


def test_a_change_in_the_manifest_alone_is_written(store):
    frames, manifest = _tables(store), _manifest(store)
    write_tables(frames, {**manifest, "data_date": "2030-01-01"}, store)
    assert _stored_manifest(store)["data_date"] == "2030-01-01"
    assert read_table("judgements", store).attrs["data_date"] == "2030-01-01"


def test_a_changed_table_that_does_not_fit_stores_nothing_even_beside_unchanged_ones(store):
    frames, manifest = _tables(store), _manifest(store)
    before = _files(store)
    frames["judgements"] = pd.concat([frames["judgements"], frames["judgements"].head(1)])
    with pytest.raises(OfstedAnalysisError, match=r"table judgements: 2 rows share a key"):
        write_tables(frames, manifest, store)
    assert _files(store) == before


def test_digest_sees_values_types_order_and_categories():
    base = pd.DataFrame({"a": [1, 2], "b": pd.Categorical(["x", "y"], categories=["x", "y"])})
    same = pd.DataFrame({"a": [1, 2], "b": pd.Categorical(["x", "y"], categories=["x", "y"])})
    assert table_digest(base) == table_digest(same)
    others = [
        base.assign(a=[1, 3]),  # a value
        base.assign(a=[1.0, 2.0]),  # a type
        base.iloc[::-1].reset_index(drop=True),  # the order of rows
        base.assign(b=pd.Categorical(["x", "y"], categories=["y", "x"])),  # categories' order
        base.rename(columns={"a": "c"}),  # a column's name
    ]
    assert len({table_digest(base), *map(table_digest, others)}) == len(others) + 1


@pytest.mark.parametrize("damage", ["deleted", "cut short"])
def test_a_table_file_damaged_by_hand_is_written_again_by_the_next_write(store, damage):
    frames, manifest = _tables(store), _manifest(store)
    file = table_file("events", store)
    if damage == "deleted":
        file.unlink()
    else:
        file.write_bytes(file.read_bytes()[:100])
    write_tables(frames, manifest, store)  # the same tables: a rebuild mends the store
    assert read_table("events", store).equals(frames["events"])
    assert read_table("judgements", store).equals(frames["judgements"])
