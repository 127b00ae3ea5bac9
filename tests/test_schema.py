"""The stored tables' schema (ofsted_analysis/schema.py): one definition of every table's columns
and types, checked when a table is written and when it is read."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest
from commands import run_cli
from shared_files import PROCESSED, PROJECT

from ofsted_analysis.core.errors import FileError, OfstedAnalysisError
from ofsted_analysis.storage import conform, schema
from ofsted_analysis.storage.store import read_table, table_file, write_tables

DESIGN = PROJECT.parent / "shared" / "design.md"


def _design_columns(table: str) -> list[str]:
    """The columns design.md requires of a table: its markdown table's rows for ``judgements``,
    the backquoted names of its paragraph for the others."""
    text = DESIGN.read_text()
    if table == "judgements":
        section = text.split("`judgements`: one row", 1)[1].split("`events`", 1)[0]
        names = []
        for cells in re.findall(r"^\| (`[^|]+) \|", section, flags=re.M):
            names += re.findall(r"`([a-z_]+)`", cells)
        return names
    paragraph = text.split(f"`{table}`: one row", 1)[1].split("\n\n", 1)[0]
    stop = {"outcomes": "Joined", "findings": "themes from"}[table]
    return [n for n in re.findall(r"`([a-z_]+)`", paragraph.split(stop)[0]) if n not in _VALUES]


# Backquoted values (not columns) in design.md's paragraphs.
_VALUES = {"england", "region", "la", "rereferral_rate", "time_period"}


@pytest.mark.parametrize("table", ["judgements", "outcomes", "findings"])
def test_the_schema_holds_every_column_the_design_requires(table):
    required = _design_columns(table)
    assert len(required) >= 8  # the parse found the design's list
    assert set(required) <= set(schema.columns(table)), set(required) - set(schema.columns(table))


def test_grade_is_the_ordered_four_point_scale_as_the_design_says():
    # design.md: "`grade` | ordered categorical: Inadequate < Requires improvement < Good <
    # Outstanding"
    assert schema.SCHEMAS["judgements"].kinds["grade"] == "grade"
    dtype = conform.empty("judgements")["grade"].dtype
    assert dtype.ordered
    assert list(dtype.categories) == ["Inadequate", "Requires improvement", "Good", "Outstanding"]


def test_every_shipped_table_fits_its_schema_and_keys():
    folder = table_file("judgements", PROCESSED).parent
    stored = sorted(p.stem for p in folder.glob("*.parquet"))
    assert stored == sorted(schema.SCHEMAS)
    manifest = json.loads((folder / "manifest.json").read_text())
    for name in stored:
        frame = read_table(name, PROCESSED)
        conform.check(name, frame, keys=True)
        assert len(frame) == manifest["tables"][name]


@pytest.mark.parametrize("name", sorted(schema.SCHEMAS))
def test_an_empty_table_keeps_its_types_through_a_parquet_file(name, tmp_path):
    file = tmp_path / f"{name}.parquet"
    conform.empty(name).to_parquet(file, index=False)
    conform.check(name, conform.restore(name, pd.read_parquet(file), str(file)), str(file))


@pytest.fixture
def store_copy(tmp_path):
    """A copy of the shipped store to break."""
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    return out


def test_a_stored_table_of_another_type_is_refused_with_file_and_column(store_copy):
    file = table_file("judgements", store_copy)
    frame = pd.read_parquet(file)
    frame["published"] = frame["published"].dt.strftime("%d/%m/%Y")  # dates as text
    frame.to_parquet(file, index=False)
    with pytest.raises(FileError) as e:
        read_table("judgements", store_copy)
    message = str(e.value)
    assert str(file) in message
    assert "column 'published'" in message and "expected dates" in message
    cli = run_cli("snapshot", "--as-at", "2024-03-31", "--data", store_copy)
    assert cli.returncode != 0
    assert "column 'published'" in cli.stderr and "Traceback" not in cli.stderr


def test_a_stored_table_missing_a_column_is_refused(store_copy):
    file = table_file("events", store_copy)
    pd.read_parquet(file).drop(columns="theme").to_parquet(file, index=False)
    with pytest.raises(FileError, match=r"missing theme"):
        read_table("events", store_copy)


def test_a_stored_grade_that_is_not_a_grade_is_refused_not_dropped(store_copy):
    file = table_file("judgements", store_copy)
    frame = pd.read_parquet(file)
    frame["grade"] = frame["grade"].astype(str).replace("Good", "Excellent")
    frame.to_parquet(file, index=False)
    with pytest.raises(FileError, match=r"column 'grade' holds 'Excellent' \(row \d+\)"):
        read_table("judgements", store_copy)


def test_a_write_with_a_duplicate_key_stores_nothing(store_copy):
    frames = {name: read_table(name, store_copy) for name in schema.SCHEMAS}
    before = (store_copy / "current.json").read_text()
    leeds = frames["judgements"][frames["judgements"]["la_name"] == "Leeds"].head(1)
    frames["judgements"] = pd.concat([frames["judgements"], leeds], ignore_index=True)
    shared = r"table judgements: 2 rows share a key \(inspection_id, area\)"
    with pytest.raises(OfstedAnalysisError, match=shared):
        write_tables(frames, {"data_date": "2026-01-01"}, store_copy)
    assert (store_copy / "current.json").read_text() == before
    assert not list(store_copy.glob(".staging-*"))


def test_a_write_with_a_wrong_type_stores_nothing(store_copy):
    frames = {name: read_table(name, store_copy) for name in schema.SCHEMAS}
    before = (store_copy / "current.json").read_text()
    frames["outcomes"]["year"] = frames["outcomes"]["year"].astype(str)
    with pytest.raises(OfstedAnalysisError, match=r"table outcomes, column 'year'"):
        write_tables(frames, {"data_date": "2026-01-01"}, store_copy)
    assert (store_copy / "current.json").read_text() == before


def test_conform_refuses_a_missing_or_unknown_column():
    frame = conform.empty("finding_problems")
    with pytest.raises(OfstedAnalysisError, match="problem"):
        conform.conform("finding_problems", frame.drop(columns="problem"))
    with pytest.raises(OfstedAnalysisError, match="colour"):
        conform.conform("finding_problems", frame.assign(colour=[]))
