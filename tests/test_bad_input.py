"""A catalogue of bad input. Each kind: a clear error naming file, sheet, row, column and value
and what was expected; `build` and `update` exit non-zero with no traceback; the stored tables
stay byte-for-byte as they were. Files that are fine but unusual (cp1252, BOM, semicolons)
simply work."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil

import pytest
from commands import run_cli
from shared_files import CURATED, D2I_HISTORY, PROCESSED, RELEASE_2025, SHARED

from ofsted_analysis.core.errors import FileError, InputErrors, OfstedAnalysisError
from ofsted_analysis.sources import read_any

D2I_TEXT = D2I_HISTORY.read_text(encoding="utf-8")
LEEDS_PDF = SHARED / "reports" / "leeds" / "2025-08-12.pdf"
D2I_HEADER = D2I_TEXT.splitlines()[0]
LEEDS_2025 = next(line for line in D2I_TEXT.splitlines() if line.startswith("80481,leeds,"))
RELEASE_HEADER = [
    "Local authority name",
    "Inspection date",
    "Publication date",
    "Inspection type",
    "Overall effectiveness",
    "Impact of leaders",
    "Experiences and progress of children who need help and protection",
    "Experiences and progress of children in care",
    "Experiences and progress of care leavers",
    "Visit theme",
]
LEEDS_ROW = [
    "Leeds",
    "30/06/2025",
    "12/08/2025",
    "ILACS Short Inspection",
    "Outstanding",
    "Outstanding",
    "Good",
    "Outstanding",
    "Outstanding",
    "",
]
CURATED_HEADER = "authority,framework,event,start_date,end_date,published,area,grade,citation"
CURATED_ROW = (
    "Leeds,ilacs,short,30/06/2025,04/07/2025,12/08/2025,overall,Outstanding,Ofsted report page 1"
)


def write(tmp_path, name, text=None, data=None):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def d2i(tmp_path, name, old, new):
    assert old in D2I_TEXT, old
    return write(tmp_path, name, D2I_TEXT.replace(old, new, 1))


def release(tmp_path, name, *rows, header=RELEASE_HEADER):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return write(tmp_path, name, buffer.getvalue())


def leeds(**changes):
    row = dict(zip(RELEASE_HEADER, LEEDS_ROW, strict=True))
    row.update(changes)
    return list(row.values())


def two_sheet_conflict(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for n, grade in enumerate(["Outstanding", "Good"]):
        ws = book.active if n == 0 else book.create_sheet(f"Sheet{n + 1}")
        ws.append(RELEASE_HEADER)
        ws.append(leeds(**{"Overall effectiveness": grade}))
    path = tmp_path / "conflict.xlsx"
    book.save(path)
    return path


def fake_pdf(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure()
    fig.text(0.1, 0.5, "Minutes of the parish council meeting, 3 March 2025")
    path = tmp_path / "minutes.pdf"
    fig.savefig(path)
    plt.close(fig)
    return path


def encrypted_pdf(tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=LEEDS_PDF)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def _curated_leeds(change) -> str:
    """The project's curated Leeds 2025 record (row 2: overall, Outstanding, as the report's
    page 1 says), its lines changed by ``change``."""
    rows = (CURATED / "leeds_2025_report.csv").read_text(encoding="utf-8").splitlines()
    assert (
        rows[1].startswith("Leeds,ilacs,short,")
        and ",overall,Overall effectiveness,Outstanding," in rows[1]
    )
    change(rows)
    return "\n".join(rows) + "\n"


def _cut_after_cells(text: str, row: int, cells: int) -> str:
    """A CSV text cut off inside line ``row`` (1-based), after ``cells`` cells of it."""
    lines = text.splitlines(keepends=True)
    assert lines[0].count(",") == 14 and lines[row - 1].count(",") == 14  # 15 columns
    kept = lines[row - 1].split(",")[:cells]
    return "".join(lines[: row - 1]) + ",".join(kept)


def _zip_of_text() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("minutes.txt", "minutes of the meeting")
    return buffer.getvalue()


# kind -> (make the file, words the error must contain: file name first, expectation last)
CATALOGUE = {
    "unknown grade word": (
        lambda t: d2i(
            t, "grade.csv", "17/03/2025,21/03/2025,outstanding", "17/03/2025,21/03/2025,excellent"
        ),
        ["grade.csv", "row 2", "overall_effectiveness_grade", "'excellent'", "Outstanding"],
    ),
    "misspelt authority": (
        lambda t: d2i(t, "authority.csv", "2532283,dorset,", "2532283,dorsett,"),
        ["authority.csv", "row 2", "local_authority", "'dorsett'", "closest: Dorset"],
    ),
    "required column missing": (
        lambda t: d2i(
            t, "column.csv", D2I_HEADER, D2I_HEADER.replace("publication_date", "published_on")
        ),
        ["column.csv", "required column", "publication_date"],
    ),
    "release without a date column": (
        lambda t: release(
            t,
            "nodate.csv",
            [x for k, x in enumerate(LEEDS_ROW) if k not in (1, 2)],
            header=[h for k, h in enumerate(RELEASE_HEADER) if k not in (1, 2)],
        ),
        ["nodate.csv", "required column missing", "date"],
    ),
    "header-only file": (
        lambda t: write(t, "header_only.csv", D2I_HEADER + "\n"),
        ["header_only.csv", "no rows"],
    ),
    "zero-byte file": (lambda t: write(t, "empty.ods", data=b""), ["empty.ods", "empty"]),
    "text renamed .ods": (
        lambda t: write(t, "notes.ods", "minutes of the meeting\n"),
        ["notes.ods", "cannot be read as ODS"],
    ),
    "text renamed .xlsx": (
        lambda t: write(t, "notes.xlsx", "minutes of the meeting\n"),
        ["notes.xlsx", "cannot be read as XLSX"],
    ),
    "zip archive of other files named .xlsx": (
        lambda t: write(t, "archive.xlsx", data=_zip_of_text()),
        ["archive.xlsx", "a zip archive but not a readable ODS or XLSX workbook"],
    ),
    "CSV cut off mid-row": (
        # The scrape cut after the 10th cell of row 301 (of its header's 15 columns).
        lambda t: write(t, "cut.csv", _cut_after_cells(D2I_TEXT, row=301, cells=10)),
        ["cut.csv", "is cut off", "row 301", "after 10 of the 15 columns", "whole rows"],
    ),
    "truncated ODS": (
        lambda t: write(t, "truncated.ods", data=RELEASE_2025.read_bytes()[:40000]),
        ["truncated.ods", "damaged or truncated"],
    ),
    "binary file named .csv": (
        lambda t: write(t, "binary.csv", data=b"\x00\x01\x02garbage" * 50),
        ["binary.csv", "binary file"],
    ),
    "unsupported file type": (
        lambda t: write(t, "report.docx", "x"),
        ["report.docx", "unsupported type"],
    ),
    "duplicate rows": (
        lambda t: write(t, "dupes.csv", D2I_TEXT + LEEDS_2025 + "\n"),
        ["dupes.csv", "row 499", "duplicate row"],
    ),
    "two grades for one judgement in one file": (
        two_sheet_conflict,
        ["conflict.xlsx", "Sheet2", "row 2", "'Good'", "two different grades in one file"],
    ),
    "unparseable date": (
        lambda t: release(t, "date.csv", leeds(**{"Publication date": "12th of Smarch"})),
        ["date.csv", "row 2", "Publication date", "'12th of Smarch'", "a date such as"],
    ),
    "publication before fieldwork": (
        lambda t: release(t, "order.csv", leeds(**{"Publication date": "01/06/2025"})),
        ["order.csv", "row 2", "2025-06-01", "on or after the fieldwork start"],
    ),
    "date in the future": (
        lambda t: release(
            t,
            "future.csv",
            leeds(**{"Inspection date": "30/06/2031", "Publication date": "12/08/2031"}),
        ),
        ["future.csv", "row 2", "2031", "between 2009-01-01 and today"],
    ),
    "date before 2009": (
        lambda t: release(
            t,
            "old.csv",
            leeds(**{"Inspection date": "30/06/2005", "Publication date": "12/08/2005"}),
        ),
        ["old.csv", "row 2", "2005", "between 2009-01-01 and today"],
    ),
    "authority that did not exist then": (
        lambda t: release(t, "cumbria.csv", leeds(**{"Local authority name": "Cumbria"})),
        ["cumbria.csv", "row 2", "'Cumbria'", "existed on 2025-06-30", "successors"],
    ),
    "unknown inspection type": (
        lambda t: release(t, "type.csv", leeds(**{"Inspection type": "JTAI"})),
        ["type.csv", "row 2", "Inspection type", "'JTAI'", "focused visit"],
    ),
    "grade on an ungraded visit": (
        lambda t: release(t, "visit.csv", leeds(**{"Inspection type": "ILACS Focused Visit"})),
        ["visit.csv", "row 2", "'Outstanding'", "visits are not graded"],
    ),
    "grades under an unknown heading": (
        lambda t: release(
            t, "heading.csv", [*LEEDS_ROW, "Good"], header=[*RELEASE_HEADER, "Quality of practice"]
        ),
        ["heading.csv", "row 2", "'Quality of practice'", "judgement heading"],
    ),
    "unknown GSS code": (
        lambda t: release(
            t,
            "code.csv",
            ["E99999999", *LEEDS_ROW[1:]],
            header=["Local authority area code", *RELEASE_HEADER[1:]],
        ),
        ["code.csv", "row 2", "'E99999999'", "ONS GSS code"],
    ),
    "name and code of different authorities": (
        lambda t: release(
            t,
            "mismatch.csv",
            ["E09000001", *LEEDS_ROW],
            header=["Local authority area code", *RELEASE_HEADER],
        ),
        ["mismatch.csv", "row 2", "Leeds / E09000001", "same authority"],
    ),
    "curated row without citation": (
        lambda t: write(
            t,
            "nocite.csv",
            CURATED_HEADER + "\n" + CURATED_ROW.replace("Ofsted report page 1", "") + "\n",
        ),
        ["nocite.csv", "row 2", "citation", "a citation"],
    ),
    "curated unknown area": (
        lambda t: write(
            t, "area.csv", CURATED_HEADER + "\n" + CURATED_ROW.replace("overall", "vibes") + "\n"
        ),
        ["area.csv", "row 2", "'vibes'", "one of overall"],
    ),
    "curated judgement given twice": (
        lambda t: write(t, "twice.csv", _curated_leeds(lambda rows: rows.insert(2, rows[1]))),
        ["twice.csv", "row 3", "'I (grade)'", "overall judgement is also in row 2", "duplicate"],
    ),
    "curated judgement given two grades": (
        lambda t: write(
            t,
            "two_grades.csv",
            _curated_leeds(lambda rows: rows.insert(2, rows[1].replace(",Outstanding,", ",Good,"))),
        ),
        ["two_grades.csv", "row 3", "'Leeds overall Good'", "also in row 2 (Outstanding)"],
    ),
    "not an Ofsted report PDF": (fake_pdf, ["minutes.pdf", "not an Ofsted inspection report"]),
    "zero-byte PDF": (lambda t: write(t, "blank.pdf", data=b""), ["blank.pdf", "empty"]),
    "encrypted PDF": (encrypted_pdf, ["locked.pdf", "encrypted"]),
    "truncated PDF": (
        lambda t: write(t, "cut.pdf", data=LEEDS_PDF.read_bytes()[:30000]),
        ["cut.pdf", "truncated"],
    ),
}


# --- DfE outcome statistics (read by the outcomes builder, not read_any) --------------------

DFE_C1 = (
    SHARED / "outcomes" / "dfe" / "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
)
DFE_ROWS = list(csv.reader(io.StringIO(DFE_C1.read_text(encoding="utf-8-sig"))))
DFE_HEADER = DFE_ROWS[0]
DFE_LEEDS = next(r for r in DFE_ROWS if r[0] == "2025" and r[7] == "383")  # row 57


def dfe(tmp_path, name, *rows, header=DFE_HEADER):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return write(tmp_path, name, buffer.getvalue())


def dfe_leeds(**changes):
    row = dict(zip(DFE_HEADER, DFE_LEEDS, strict=True))
    row.update(changes)
    return list(row.values())


# kind -> (make the file, words the error must contain: file name first, expectation last)
DFE_CATALOGUE = {
    "DfE file of an unknown layout": (
        lambda t: dfe(
            t,
            "layout.csv",
            ["2025", "Reporting year", "National", "", "", "", "3"],
            header=[
                "time_period",
                "time_identifier",
                "geographic_level",
                "old_la_code",
                "new_la_code",
                "la_name",
                "widget_count",
            ],
        ),
        ["layout.csv", "unknown layout", "widget_count", "rereferral_percent"],
    ),
    "unseen suppression code": (
        lambda t: dfe(t, "code.csv", dfe_leeds(rereferral_percent="q")),
        ["code.csv", "row 2", "'rereferral_percent'", "'q'", "c, x, z, u, low, k"],
    ),
    "duplicated key": (
        lambda t: dfe(t, "dup.csv", DFE_LEEDS, DFE_LEEDS),
        ["dup.csv", "row 3", "la 383 rereferral_percent 2025", "more than once"],
    ),
    "malformed time_period": (
        lambda t: dfe(t, "period.csv", dfe_leeds(time_period="2025/26")),
        ["period.csv", "row 2", "time_period '2025/26'", "a year such as 2025"],
    ),
    "unknown geographic level": (
        lambda t: dfe(t, "level.csv", dfe_leeds(geographic_level="Ward")),
        ["level.csv", "row 2", "'Ward'", "Local authority"],
    ),
    "unknown DfE LA number": (
        lambda t: dfe(t, "number.csv", dfe_leeds(old_la_code="999")),
        ["number.csv", "row 2", "'999'", "authorities.csv"],
    ),
    # c1's Leeds row cut after its 4th cell (geographic_level), as a download cut short
    # leaves the last line: refused there, not read as an authority with blank cells
    "DfE file cut short": (
        lambda t: dfe(t, "cut.csv", DFE_LEEDS, DFE_LEEDS[:4]),
        ["cut.csv", "row 3", "column 'country_name'", f"heading line ({len(DFE_HEADER)}), found 4"],
    ),
    "DfE header without rows": (
        lambda t: dfe(t, "bare.csv"),
        ["bare.csv", "no rows under it"],
    ),
    # c1's North East row (row 3) with its region code blanked: not taken for England's
    "DfE regional row without its code": (
        lambda t: dfe(t, "region.csv", [c if i != 5 else "" for i, c in enumerate(DFE_ROWS[2])]),
        ["region.csv", "row 2", "column 'region_code'", "on a Regional row"],
    ),
    # the c1 file as DfE's 'download all data' zip holds it (under data/)
    "DfE release zipped": (
        lambda t: zipped(t / "c1.zip", f"data/{DFE_C1.name}", DFE_C1.read_bytes()),
        ["c1.zip", "unzip it"],
    ),
}


def zipped(path, member, data):
    """A zip archive of one file."""
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, data)
    return path


def test_a_zip_in_a_folder_given_is_refused_not_passed_by(tmp_path):
    """A folder walk once passed a zip by in silence: the build wrote tables without it."""
    from shared_files import RAW

    import ofsted_analysis as oa

    zipped(tmp_path / "download" / "c1.zip", f"data/{DFE_C1.name}", DFE_C1.read_bytes())
    with pytest.raises(OfstedAnalysisError, match=r"download/c1\.zip.*unzip it"):
        oa.build(raw=[RAW, tmp_path / "download"], out=tmp_path / "out", dry_run=True)


@pytest.mark.parametrize("kind", list(DFE_CATALOGUE))
def test_dfe_error_names_the_place(kind, tmp_path):
    from shared_files import RAW

    import ofsted_analysis as oa

    make, words = DFE_CATALOGUE[kind]
    path = make(tmp_path)
    with pytest.raises(OfstedAnalysisError) as info:
        oa.build(raw=[RAW, path], out=tmp_path / "out", curated=tmp_path / "none", dry_run=True)
    for word in words:
        assert word in str(info.value), (word, str(info.value))


@pytest.mark.parametrize("kind", list(DFE_CATALOGUE))
def test_dfe_update_and_build_refuse_and_keep_the_store(kind, tmp_path, store):
    from shared_files import RAW

    make, words = DFE_CATALOGUE[kind]
    path = make(tmp_path)
    before = _digest(store)
    for args in (
        ["update", path, "--out", store],
        ["build", "--raw", RAW, path, "--out", store, "--curated", tmp_path / "none"],
    ):
        result = cli(*args)
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr
        assert words[0] in result.stderr and words[-1] in result.stderr, result.stderr
        assert _digest(store) == before


@pytest.mark.parametrize("kind", list(CATALOGUE))
def test_reader_error_names_the_place(kind, tmp_path):
    make, words = CATALOGUE[kind]
    path = make(tmp_path)
    from ofsted_analysis.pipeline.merge import merge
    from ofsted_analysis.pipeline.records import check_dates

    with pytest.raises(OfstedAnalysisError) as info:
        found = read_any(path)
        problems = [p for i in found for p in check_dates(i)]
        if problems:
            raise InputErrors(problems)
        from ofsted_analysis.core.authorities import register

        merge(found, register())
    for word in words:
        assert word in str(info.value), (word, str(info.value))


def _digest(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture
def store(tmp_path):
    out = tmp_path / "processed"
    shutil.copytree(PROCESSED, out)
    return out


cli = run_cli


@pytest.mark.parametrize("kind", list(CATALOGUE))
def test_update_refuses_and_keeps_the_store(kind, tmp_path, store):
    make, words = CATALOGUE[kind]
    path = make(tmp_path)
    before = _digest(store)
    result = cli("update", path, "--out", store)
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert words[0] in result.stderr and words[-1] in result.stderr, result.stderr
    assert _digest(store) == before


@pytest.mark.parametrize(
    "kind",
    [
        "unknown grade word",
        "truncated ODS",
        "zero-byte file",
        "text renamed .xlsx",
        "misspelt authority",
    ],
)
def test_build_refuses_and_keeps_the_store(kind, tmp_path, store):
    make, words = CATALOGUE[kind]
    raw = tmp_path / "raw"
    raw.mkdir()
    path = make(tmp_path)
    shutil.copy(path, raw / path.name)
    before = _digest(store)
    result = cli("build", "--raw", raw, "--out", store, "--curated", tmp_path / "none")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and words[-1] in result.stderr
    assert _digest(store) == before


def test_truncated_xlsx(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(RELEASE_HEADER)
    book.active.append(LEEDS_ROW)
    good = tmp_path / "good.xlsx"
    book.save(good)
    assert read_any(good)[0].judgements[0].grade == "Outstanding"
    bad = write(tmp_path, "bad.xlsx", data=good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(FileError, match="bad.xlsx.*damaged or truncated"):
        read_any(bad)


def test_every_bad_row_is_listed(tmp_path):
    path = write(tmp_path, "many.csv", D2I_TEXT.replace(",outstanding,", ",superb,", 3))
    with pytest.raises(InputErrors) as info:
        read_any(path)
    assert len(info.value.errors) >= 3
    assert str(info.value).count("'superb'") >= 3


def test_cp1252_bom_and_semicolons_simply_work(tmp_path):
    cp = write(
        tmp_path, "cp1252.csv", data=D2I_TEXT.replace("Sarah Canto", "Sarah Cantó").encode("cp1252")
    )
    bom = write(tmp_path, "bom.csv", data=b"\xef\xbb\xbf" + D2I_TEXT.encode("utf-8"))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(csv.reader(io.StringIO(D2I_TEXT)))
    semicolon = write(tmp_path, "semicolon.csv", buffer.getvalue())
    expected = len(read_any(D2I_HISTORY))
    for path in (cp, bom, semicolon):
        assert len(read_any(path)) == expected


def test_build_with_no_sources_leaves_the_store(tmp_path, store):
    empty = tmp_path / "nothing"
    empty.mkdir()
    before = _digest(store)
    result = cli("build", "--raw", empty, "--out", store, "--curated", tmp_path / "none")
    assert result.returncode == 2 and "nothing to build from" in result.stderr
    assert _digest(store) == before


def test_placeholders_in_any_column_are_no_value_and_counted(tmp_path):
    """Releases write placeholders for authorities not yet inspected, dates included (issue
    10.5): they are read as no value, counted in the build report, and do not make the file
    bad; a real error in the same file is still reported, once."""
    not_yet = leeds(
        **{
            "Inspection date": "Not yet inspected",
            "Publication date": "N/A",
            "Inspection type": "Not applicable",
            "Overall effectiveness": "-",
            "Impact of leaders": "Not yet inspected",
            "Experiences and progress of children who need help and protection": "",
            "Experiences and progress of children in care": "N/A",
            "Experiences and progress of care leavers": "Not applicable",
        }
    )
    not_yet[0] = "Bradford"
    good = release(tmp_path, "placeholders.csv", leeds(), not_yet)
    result = cli("build", "--raw", good, "--out", tmp_path / "out", "--curated", tmp_path / "x")
    assert result.returncode == 0, result.stderr
    # 7 written placeholders in Bradford's row; the two blank cells are not
    assert "7 cell(s) held a placeholder" in result.stdout, result.stdout
    import ofsted_analysis as oa

    assert set(oa.load_events(tmp_path / "out").la_name) == {"Leeds"}
    bad = release(tmp_path, "bad.csv", leeds(**{"Overall effectiveness": "Superb"}), not_yet)
    refused = cli("build", "--raw", bad, "--out", tmp_path / "out2", "--curated", tmp_path / "x")
    assert refused.returncode == 2 and refused.stderr.count("'Superb'") == 1, refused.stderr


@pytest.mark.parametrize("reader", ["d2i", "curated"])
def test_sheet_readers_called_alone_raise_the_bad_rows(reader, tmp_path):
    """The sheet readers collect bad rows into the caller's list; called on their own (no list)
    they raise them, as the release reader does, rather than return the good rows alone."""
    from ofsted_analysis.sources.curated import read_curated_sheets
    from ofsted_analysis.sources.d2i import read_d2i_sheets
    from ofsted_analysis.sources.workbook import read_sheets

    if reader == "d2i":
        source, read, column = D2I_HISTORY, read_d2i_sheets, "overall_effectiveness_grade"
    else:
        source, read, column = CURATED / "leeds_2025_report.csv", read_curated_sheets, "grade"
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    rows[0][column] = "Goood"  # a misspelt grade in the file's first row
    bad = tmp_path / source.name
    with bad.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InputErrors, match="Goood"):
        read(read_sheets(bad))
    errors: list[Exception] = []
    good = read(read_sheets(bad), errors=errors)
    assert len(errors) == 1 and "Goood" in str(errors[0]) and good  # the rest still read
