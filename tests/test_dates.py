"""The dates rule (ofsted_analysis.core.dates): numeric dates are day first, a month-first date is
refused, and a file whose dates show month-first order has its ambiguous dates refused too.

Expected dates come from outside the code: the text of the real files in ../shared/data read
with the standard library (``datetime.strptime``), typed date cells of Ofsted's ODS release, a
curated row's citation, a report's own wording, or the calendar itself.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from commands import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_files import CURATED, D2I_HISTORY, RELEASE_2025, SHARED

from ofsted_analysis.core.dates import DateOrder, parse_date
from ofsted_analysis.core.errors import InputError, InputErrors, Location
from ofsted_analysis.sources.curated import read_curated
from ofsted_analysis.sources.d2i import read_d2i
from ofsted_analysis.sources.official import read_release
from ofsted_analysis.sources.reports.common import Report, fieldwork

D2I_DATES = ("publication_date", "inspection_start_date", "inspection_end_date")

# --- one cell ---------------------------------------------------------------------------


def parse_dates(
    cells: Sequence[tuple[object, Location | None]], errors: list[Exception] | None = None
) -> list[date | None]:
    """A file's date cells read as the readers read them: one DateOrder judged from all
    cells, then each cell; bad cells raised together, or added to ``errors``."""
    order = DateOrder.of(cells)
    found: list[Exception] = []
    out: list[date | None] = []
    for value, where in cells:
        try:
            out.append(order.parse(value, where))
        except InputError as e:
            found.append(e)
            out.append(None)
    if errors is not None:
        errors.extend(found)
    elif found:
        raise InputErrors(found)
    return out


@pytest.mark.parametrize(
    "text, expected",
    [
        ("09/05/25", date(2025, 5, 9)),
        ("17/03/2025", date(2025, 3, 17)),
        ("2025-06-30", date(2025, 6, 30)),
        ("30 June 2025", date(2025, 6, 30)),
        ("4 July 2025", date(2025, 7, 4)),
        ("", None),
    ],
)
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", ["31/02/2025", "yesterday", "2025/13/45", "June"])
def test_bad_dates(bad):
    with pytest.raises(InputError, match="date"):
        parse_date(bad)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("05/09/2025", date(2025, 9, 5)),  # day first: 5 September, never 9 May
        ("5/9/2025", date(2025, 9, 5)),
        ("05-09-2025", date(2025, 9, 5)),
        ("05.09.2025", date(2025, 9, 5)),
        ("19/11/21", date(2021, 11, 19)),  # two-digit year is 20yy (D2I publication dates)
        ("01/04/09", date(2009, 4, 1)),
        ("2022-11-15 00:00:00", date(2022, 11, 15)),  # midnight, as CSV exports write it
        ("4th July 2025", date(2025, 7, 4)),
        ("18 Feb 2014", date(2014, 2, 18)),
        ("12 sept 2016", date(2016, 9, 12)),
        ("  30   June   2025 ", date(2025, 6, 30)),
        (datetime(2019, 2, 18), date(2019, 2, 18)),  # a spreadsheet date cell
        (date(2019, 4, 1), date(2019, 4, 1)),
        (45658, date(2025, 1, 1)),  # Excel: =DATE(2025,1,1) is serial 45658
        (45658.0, date(2025, 1, 1)),
        (None, None),
        (float("nan"), None),
        ("-", None),
        ("   ", None),
    ],
)
def test_single_cell_rules(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["06/30/2025", "12/31/25", "2/29/2024"])
def test_a_month_first_date_is_refused_naming_the_rule(cell):
    with pytest.raises(InputError) as caught:
        parse_date(cell)
    message = str(caught.value)
    assert "month first" in message and "day first" in message, message
    assert repr(cell) in message


def test_the_refusal_says_how_to_write_it():
    with pytest.raises(InputError, match=r"write 30/06/2025 or 2025-06-30"):
        parse_date("06/30/2025")


@pytest.mark.parametrize("cell", ["13/13/2025", "02/31/2025", "00/05/2025", 12, "45658"])
def test_neither_order_is_a_date(cell):
    with pytest.raises(InputError) as caught:
        parse_date(cell)
    assert "month first" not in str(caught.value)
    assert "expected a date" in str(caught.value)


# --- a file's dates together -------------------------------------------------------------


def _at(row: int, column: str = "B (start_date)") -> Location:
    return Location("visits.csv", None, row, column)


def test_day_first_and_ambiguous_dates_read_day_first():
    cells = [("05/09/2025", _at(2)), ("17/03/2025", _at(3)), ("2025-06-30", _at(4)), ("", _at(5))]
    assert DateOrder.of(cells).month_first is None
    assert parse_dates(cells) == [date(2025, 9, 5), date(2025, 3, 17), date(2025, 6, 30), None]


def test_month_first_order_is_found_from_any_cell():
    cells = [("05/09/2025", _at(2)), ("17 March 2025", _at(3)), ("06/30/2025", _at(4, "C"))]
    assert DateOrder.of(cells).month_first == ("06/30/2025", _at(4, "C"))


def test_an_ambiguous_date_in_a_month_first_file_is_refused_naming_everything():
    cells = [("05/09/2025", _at(2)), ("06/30/2025", _at(3, "C (end_date)"))]
    with pytest.raises(InputErrors) as caught:
        parse_dates(cells)
    ambiguous, month_first = caught.value.errors
    assert ambiguous.where == _at(2) and ambiguous.value == "05/09/2025"
    message = str(ambiguous)
    assert message.startswith("file visits.csv, row 2, column 'B (start_date)': ")
    assert "'05/09/2025'" in message
    assert "row 3, column 'C (end_date)': '06/30/2025'" in message  # the evidence
    assert "5 September 2025 or 9 May 2025" in message
    assert "day-first dates (dd/mm/yyyy) or ISO dates (yyyy-mm-dd)" in message
    assert month_first.where == _at(3, "C (end_date)") and "month first" in str(month_first)


def test_unambiguous_dates_in_a_month_first_file_are_kept():
    # 07/07/2025 reads the same either way; ISO and words carry no order.
    errors: list[Exception] = []
    cells = [("07/07/2025", _at(2)), ("2025-05-09", _at(3)), ("9 May 2025", _at(4))]
    cells.append(("06/30/2025", _at(5)))
    got = parse_dates(cells, errors)
    assert got == [date(2025, 7, 7), date(2025, 5, 9), date(2025, 5, 9), None]
    assert [e.where for e in errors] == [_at(5)]


def test_every_ambiguous_date_is_listed():
    errors: list[Exception] = []
    cells = [("01/02/2025", _at(2)), ("06/30/2025", _at(3)), ("03/04/2025", _at(4))]
    parse_dates(cells, errors)
    assert [(e.where.row, e.what) for e in errors] == [
        (2, "ambiguous date"),
        (3, "date"),
        (4, "ambiguous date"),
    ]


# A day-first date of any day this data can hold, written dd/mm/yyyy or dd/mm/yy.
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.lists(days, min_size=1, max_size=20))
def test_day_first_dates_read_back_as_themselves(written):
    cells = [(f"{d.day:02d}/{d.month:02d}/{d.year}", None) for d in written]
    short = [(f"{d.day}/{d.month}/{d.year % 100:02d}", None) for d in written]
    assert parse_dates(cells) == written
    assert parse_dates(short) == written


@settings(max_examples=300, deadline=None)
@given(days, days.filter(lambda d: d.day > 12))
def test_month_first_text_is_never_misread(d, evidence):
    # Written month first next to a date that shows the order: refused, or read correctly
    # when both orders give the same day.
    cells = [(f"{d.month:02d}/{d.day:02d}/{d.year}", None)]
    cells.append((f"{evidence.month:02d}/{evidence.day:02d}/{evidence.year}", None))
    errors: list[Exception] = []
    got = parse_dates(cells, errors)
    assert got[0] in (None, d) and got[1] is None
    assert (got[0] == d) == (d.day == d.month)


# --- real files ---------------------------------------------------------------------------


def _d2i_rows() -> list[list[str]]:
    with D2I_HISTORY.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _day(text: str) -> date | None:
    """A D2I date cell as the file writes it: dd/mm/yy or dd/mm/yyyy (standard library)."""
    if not text:
        return None
    year = text.rsplit("/", 1)[1]
    return datetime.strptime(text, "%d/%m/%y" if len(year) == 2 else "%d/%m/%Y").date()


def _month_first(text: str) -> str:
    """The same date written month first, the year as the file writes it."""
    if not text:
        return text
    d, year = _day(text), text.rsplit("/", 1)[1]
    return f"{d.month:02d}/{d.day:02d}/{year}"


def _write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture(scope="module")
def d2i_copies(tmp_path_factory):
    """The D2I history CSV as published (day first), and the same rows written month first."""
    rows = _d2i_rows()
    cols = [rows[0].index(name) for name in D2I_DATES]
    flipped = [rows[0]] + [
        [_month_first(v) if k in cols else v for k, v in enumerate(row)] for row in rows[1:]
    ]
    base = tmp_path_factory.mktemp("d2i")
    (base / "day").mkdir()
    (base / "month").mkdir()
    day = base / "day" / D2I_HISTORY.name
    month = base / "month" / D2I_HISTORY.name
    shutil.copy(D2I_HISTORY, day)
    _write_csv(month, flipped)
    return rows, cols, day, month


def test_d2i_day_first_copy_reads_the_files_own_dates(d2i_copies):
    rows, cols, day, _month = d2i_copies
    read = {i.where.row: i for i in read_d2i(day)}
    assert len(read) == len(rows) - 1
    for r, row in enumerate(rows[1:], start=2):
        published, start, end = (_day(row[k]) for k in cols)
        i = read[r]
        assert (i.published, i.start_date, i.end_date) == (published, start, end), r


def test_d2i_month_first_copy_is_refused_naming_first_ambiguous_row_and_evidence(d2i_copies):
    rows, cols, _day_copy, month = d2i_copies
    # In reading order (row by row, left to right), from the published file's own dates.
    cells = [(r, k, _day(row[k])) for r, row in enumerate(rows[1:], start=2) for k in cols]
    cells = [(r, k, d) for r, k, d in cells if d is not None]
    first_ambiguous = next((r, k, d) for r, k, d in cells if d.day <= 12 and d.day != d.month)
    evidence = next((r, k, d) for r, k, d in cells if d.day > 12)
    with pytest.raises(InputErrors) as caught:
        read_d2i(month)
    ambiguous = [e for e in caught.value.errors if e.what == "ambiguous date"]
    r, k, d = first_ambiguous
    assert ambiguous[0].where.row == r
    assert ambiguous[0].where.column.endswith(f"({rows[0][k]})")
    assert ambiguous[0].value == _month_first(rows[r - 1][k])
    er, ek, _ = evidence
    message = str(ambiguous[0])
    assert f"file {month}, row {r}, column " in message
    assert f"row {er}, column '" in message and f"({rows[0][ek]})': " in message
    assert repr(_month_first(rows[er - 1][ek])) in message
    assert "day-first dates (dd/mm/yyyy) or ISO dates (yyyy-mm-dd)" in message
    # Every ambiguous date in the file is refused, and every month-first-only one.
    n_ambiguous = sum(1 for _r, _k, d in cells if d.day <= 12 and d.day != d.month)
    assert len(ambiguous) == n_ambiguous
    month_first = [e for e in caught.value.errors if "written month first" in str(e)]
    assert len(month_first) == sum(1 for _r, _k, d in cells if d.day > 12)


def _digest(folder) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


_cli = run_cli


def test_cli_refuses_a_month_first_copy_and_keeps_the_store(d2i_copies, tmp_path):
    _rows, _cols, day, month = d2i_copies
    store, no_curated = tmp_path / "processed", tmp_path / "no-curated"
    built = _cli("build", "--raw", day.parent, "--out", store, "--curated", no_curated)
    assert built.returncode == 0, built.stderr
    before = _digest(store)
    for args in (
        ("update", month, "--out", store),
        ("build", "--raw", month.parent, "--out", store, "--curated", no_curated),
    ):
        result = _cli(*args)
        assert result.returncode == 2, (args, result.stdout)
        assert "Traceback" not in result.stderr
        assert "ambiguous date" in result.stderr and "month first" in result.stderr
        assert _digest(store) == before


def test_curated_month_first_copy_is_refused(tmp_path):
    # The citation of data/curated/leeds_2025_report.csv gives the dates: inspection
    # 30 June 2025 to 4 July 2025, published 12 August 2025.
    text = (CURATED / "leeds_2025_report.csv").read_text(encoding="utf-8")
    assert "inspection dates 30 June 2025 to 4 July 2025, published 12 August 2025" in text
    day_first = read_curated(CURATED / "leeds_2025_report.csv")
    assert {(i.start_date, i.end_date, i.published) for i in day_first} == {
        (date(2025, 6, 30), date(2025, 7, 4), date(2025, 8, 12))
    }
    flipped = text.replace("30/06/2025,04/07/2025,12/08/2025", "06/30/2025,07/04/2025,08/12/2025")
    path = tmp_path / "leeds_2025_report.csv"
    path.write_text(flipped, encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        read_curated(path)
    first = caught.value.errors[0]
    assert str(first).startswith(f"file {path}, row 2, column 'D (start_date)': date '06/30/2025'")
    assert "month first" in str(first)
    ambiguous = [e for e in caught.value.errors if e.what == "ambiguous date"]
    assert [(e.where.row, e.value) for e in ambiguous][:2] == [(2, "07/04/2025"), (2, "08/12/2025")]
    assert "row 2, column 'D (start_date)': '06/30/2025'" in str(ambiguous[0])
    assert "or a month such as" not in str(ambiguous[0])  # no month-only hint for these


def _release_as_text(order: str) -> tuple[list[list[object]], list[list[object]]]:
    """The 2025 release's ILACS history sheet, its typed date cells written as text: day or
    month first, or in a strftime format such as Excel's CSV text of a date cell."""
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(RELEASE_2025))
    rows = book.get_sheet_by_name("ILACS_inspection_history").to_python(skip_empty_area=False)

    def text(v):
        if not isinstance(v, datetime):
            return v
        if "%" in order:
            return v.strftime(order)
        if order == "serial":  # a date cell saved to CSV without its format
            return str((v - datetime(1899, 12, 30)).days)
        first, second = (v.day, v.month) if order == "day" else (v.month, v.day)
        return f"{first:02d}/{second:02d}/{v.year}"

    return rows, [[text(v) for v in row] for row in rows]


def _dates_read_are_the_ods_cells(path, cells) -> tuple[int, int, int]:
    """Check each inspection read from ``path`` has its row's typed ODS date cells; the
    heading row and the two date columns."""
    header_at = next(i for i, row in enumerate(cells) if "Publication date" in row)
    start_col = cells[header_at].index("Inspection date")
    published_col = cells[header_at].index("Publication date")
    read = read_release(path)
    assert len(read) == len(cells) - header_at - 1
    for i in read:
        row = cells[i.where.row - 1]
        assert (i.start_date, i.published) == (row[start_col].date(), row[published_col].date())
    return header_at, start_col, published_col


def test_release_saved_as_csv_with_text_dates(tmp_path):
    cells, day_rows = _release_as_text("day")
    _write_csv(tmp_path / "day.csv", day_rows)
    header_at, start_col, published_col = _dates_read_are_the_ods_cells(tmp_path / "day.csv", cells)

    _cells, month_rows = _release_as_text("month")
    _write_csv(tmp_path / "month.csv", month_rows)
    with pytest.raises(InputErrors) as caught:
        read_release(tmp_path / "month.csv")
    dated = [
        (r + 1, k, cells[r][k].date())
        for r in range(header_at + 1, len(cells))
        for k in (start_col, published_col)
    ]
    first = next((r, k) for r, k, d in dated if d.day <= 12 and d.day != d.month)
    evidence = next((r, k) for r, k, d in dated if d.day > 12)
    ambiguous = next(e for e in caught.value.errors if e.what == "ambiguous date")
    assert (ambiguous.where.row, ambiguous.where.sheet) == (first[0], None)
    assert ambiguous.where.column.endswith(f"({cells[header_at][first[1]]})")
    assert f"row {evidence[0]}, column " in str(ambiguous)


@pytest.mark.parametrize(
    "written",
    ["%d-%b-%y", "%d-%b-%Y", "%d %b %y", "%A %d %B %Y"],  # 10-May-23 (Excel's CSV text), ...
)
def test_release_saved_as_csv_with_dates_in_words(written, tmp_path):
    cells, rows = _release_as_text(written)
    _write_csv(tmp_path / "words.csv", rows)
    _dates_read_are_the_ods_cells(tmp_path / "words.csv", cells)


def test_day_numbers_in_a_csv_are_refused_saying_which_day(tmp_path):
    cells, rows = _release_as_text("serial")
    _write_csv(tmp_path / "serial.csv", rows)
    with pytest.raises(InputErrors) as caught:
        read_release(tmp_path / "serial.csv")
    first = caught.value.errors[0]
    day = cells[3][5]  # F4, Barking and Dagenham's first inspection date, a typed ODS cell
    assert (first.where.row, first.where.column) == (4, "F (Inspection date)")
    assert f"is how a spreadsheet counts the day {day.day} {day:%B %Y}" in str(first)


def test_a_weekday_that_disagrees_is_refused_saying_so():
    # 10 May 2023 was a Wednesday (the 2025 release's ILACS history: South Tyneside's report).
    assert parse_date("Wednesday 10 May 2023") == date(2023, 5, 10)
    with pytest.raises(InputError, match="10 May 2023 was a Wednesday"):
        parse_date("Monday 10 May 2023")


REDBRIDGE_2016 = SHARED / "reports" / "redbridge" / "2016-11-25.pdf"
STOKE_2015 = SHARED / "reports" / "stoke-on-trent" / "2015-08-12.pdf"


def test_report_numeric_dates_line(tmp_path):
    # Stoke-on-Trent's 2015 report says 'Inspection date: 1/06/2015 – 25/06/2015'.
    report = Report(STOKE_2015)
    page = report.text(0)
    assert "1/06/2015 – 25/06/2015" in page
    assert fieldwork(report, page) == (date(2015, 6, 1), date(2015, 6, 25))
    flipped = page.replace("1/06/2015 – 25/06/2015", "06/1/2015 – 06/25/2015")
    with pytest.raises(InputError) as caught:
        fieldwork(report, flipped)
    message = str(caught.value)
    assert message.startswith(f"file {STOKE_2015}, page 1: ambiguous date '06/1/2015'")
    assert "'06/25/2015'" in message and "month first" in message


def test_report_day_first_dates_line_reads_day_first():
    # Redbridge 2016: 'Inspection date: 12/09/2016 to 06/10/2016' (12 September to 6 October).
    report = Report(REDBRIDGE_2016)
    page = report.text(0)
    assert "12/09/2016 to 06/10/2016" in page
    assert fieldwork(report, page) == (date(2016, 9, 12), date(2016, 10, 6))


def test_a_month_first_date_typed_by_a_user_is_refused_saying_why():
    """The CLI's dates (--as-at) follow the same rule and keep its reason."""
    done = run_cli("snapshot", "--as-at", "03/31/2024")
    assert done.returncode == 2
    assert "written month first" in done.stderr and "2024-03-31" in done.stderr
