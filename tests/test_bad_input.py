"""Bad input: a clear error naming file, sheet, row, column and value; the CLI exits non-zero
with no traceback; the stored tables stay byte-for-byte as they were."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest
from conftest import D2I_HISTORY, PROCESSED, RELEASE_2025

from ofsted_analysis.errors import FileError, InputErrors
from ofsted_analysis.sources import read_any


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob("*")) if p.is_file()}


@pytest.fixture
def store(tmp_path):
    """A copy of the shipped tables for the CLI to (fail to) overwrite."""
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    return out


def run_build(raw, out):
    return subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", "build", "--raw", str(raw), "--out", str(out),
         "--curated", str(raw.parent / "no-curated")],
        capture_output=True, text=True, timeout=120)


def d2i_with(tmp_path, old, new, name="d2i.csv"):
    text = D2I_HISTORY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _bad_files(tmp_path):
    """name -> (file, words the error must contain)."""
    cases = {}
    cases["unknown grade"] = (
        d2i_with(tmp_path, "17/03/2025,21/03/2025,outstanding", "17/03/2025,21/03/2025,excellent",
                 "grade.csv"),
        ["grade.csv", "row 2", "overall_effectiveness_grade", "'excellent'", "Outstanding"])
    cases["unknown authority"] = (
        d2i_with(tmp_path, "2532283,dorset,", "2532283,dorsett,", "authority.csv"),
        ["authority.csv", "row 2", "local_authority", "'dorsett'", "closest: Dorset"])
    header = D2I_HISTORY.read_text().splitlines()[0]
    cases["missing column"] = (
        d2i_with(tmp_path, header, header.replace("publication_date", "published_on"),
                 "column.csv"),
        ["column.csv", "required column", "publication_date"])
    empty = tmp_path / "empty.ods"
    empty.write_bytes(b"")
    cases["empty file"] = (empty, ["empty.ods", "empty"])
    text = tmp_path / "notes.xlsx"
    text.write_text("this is not a spreadsheet\n")
    cases["not a spreadsheet"] = (text, ["notes.xlsx", "cannot be read as XLSX"])
    truncated = tmp_path / "truncated.ods"
    truncated.write_bytes(RELEASE_2025.read_bytes()[:40000])
    cases["truncated ODS"] = (truncated, ["truncated.ods", "damaged or truncated"])
    header_only = tmp_path / "header_only.csv"
    header_only.write_text(header + "\n")
    cases["header only"] = (header_only, ["header_only.csv", "no rows"])
    return cases


CASES = ["unknown grade", "unknown authority", "missing column", "empty file",
         "not a spreadsheet", "truncated ODS", "header only"]


@pytest.mark.parametrize("case", CASES)
def test_reader_error_names_the_place(case, tmp_path):
    path, words = _bad_files(tmp_path)[case]
    with pytest.raises((FileError, InputErrors)) as info:
        read_any(path)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("case", CASES)
def test_cli_refuses_bad_input_and_keeps_the_store(case, tmp_path, store):
    path, words = _bad_files(tmp_path)[case]
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(path, raw / path.name)
    before = _digest(store)
    result = run_build(raw, store)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert path.name in result.stderr and words[-1] in result.stderr
    assert _digest(store) == before


def test_truncated_xlsx(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Local authority name", "Publication date", "Overall effectiveness"])
    book.active.append(["Leeds", "09/05/2022", "Outstanding"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    assert read_any(good)[0].judgements[0].grade == "Outstanding"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FileError, match="bad.xlsx.*damaged or truncated"):
        read_any(bad)


def test_every_bad_row_is_listed(tmp_path):
    text = D2I_HISTORY.read_text()
    text = text.replace(",outstanding,", ",superb,", 3)
    path = tmp_path / "many.csv"
    path.write_text(text)
    with pytest.raises(InputErrors) as info:
        read_any(path)
    assert len(info.value.errors) >= 3
    assert str(info.value).count("'superb'") >= 3


def test_cp1252_and_bom_csv_simply_work(tmp_path):
    text = D2I_HISTORY.read_text(encoding="utf-8")
    cp = tmp_path / "cp1252.csv"
    cp.write_bytes(text.replace("Sarah Canto", "Sarah Cantó").encode("cp1252"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    semicolon = tmp_path / "semicolon.csv"
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    semicolon.write_text(buffer.getvalue())
    expected = len(read_any(D2I_HISTORY))
    for path in (cp, bom, semicolon):
        assert len(read_any(path)) == expected


def test_build_with_no_sources_leaves_the_store(tmp_path, store):
    empty = tmp_path / "nothing"
    empty.mkdir()
    before = _digest(store)
    result = run_build(empty, store)
    assert result.returncode == 2 and "nothing to build from" in result.stderr
    assert _digest(store) == before
