"""Ofsted releases (and the D2I scrape) in forms not met before, read by rule (issue 21,
item 3): placeholders recognised by what they say, while a misspelt grade is still refused; a
sheet is a table of judgements only when its rows are authorities; a blank row or a note does
not end or join a table.

The "earlier releases" are the real 2023 release's own sheets, saved as XLSX in tmp_path with
the changes an earlier release made; every expected value is what the real sheet itself reads
as.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_files import RELEASE_2023

from ofsted_analysis.core.errors import InputError, InputErrors
from ofsted_analysis.core.grades import is_placeholder, parse_grade
from ofsted_analysis.sources.official import find_tables, read_release, read_release_sheets
from ofsted_analysis.sources.workbook import Sheet, read_sheets

HISTORY = "LA_inspections_2009-2023"
# Wordings releases use for authorities created since their last inspection, or for a
# judgement that does not apply (issue 21; the shorter ones are the releases' own).
NEW_WORDINGS = (
    "Not inspected since the LA was created",
    "LA did not exist",
    "No inspection under this framework",
    "not yet inspected",
    "not applicable",
    "N/A",
    "Authority not in existence at the time",
    "No judgement (new authority)",
)
MISSPELT = ("Goood", "Outstandng", "Requires improvment", "Inadequat", "Not good")


@pytest.fixture(scope="module")
def sheets() -> list[Sheet]:
    return read_sheets(RELEASE_2023)


def _sheet(sheets: list[Sheet], name: str) -> Sheet:
    return next(s for s in sheets if s.name == name)


def write_xlsx(path: Path, sheets: list[Sheet]) -> Path:
    """The sheets saved as an XLSX workbook, cell for cell."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(str(sheet.name))
        for row in sheet.rows:
            ws.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


def facts(inspections) -> list[tuple]:
    """What a read gives, without where it came from."""
    return sorted(
        (
            i.la_code,
            i.framework or "",
            i.event or "",
            str(i.start_date),
            str(i.published),
            tuple(sorted((j.area, j.grade, j.grade_label) for j in i.judgements)),
        )
        for i in inspections
    )


@pytest.mark.parametrize("wording", NEW_WORDINGS)
def test_placeholder_wordings_are_recognised_by_what_they_say(wording):
    assert is_placeholder(wording) and parse_grade(wording) is None


@pytest.mark.parametrize("word", MISSPELT)
def test_a_misspelt_grade_is_not_a_placeholder(word):
    assert not is_placeholder(word)
    with pytest.raises(InputError, match="expected Outstanding, Good"):
        parse_grade(word)


def test_a_grade_with_words_of_not_done_is_still_not_a_placeholder():
    # A cell with a grade word is a grade or an error, never "nothing here".
    assert not is_placeholder("Inadequate (not yet re-inspected)")
    with pytest.raises(InputError):
        parse_grade("Inadequate (not yet re-inspected)")


def _new_authority_rows(history: Sheet) -> list[int]:
    """The rows of the authorities created since 2019 in the history sheet (their early
    columns are blank in the 2023 release: they did not exist)."""
    created = {"Bournemouth, Christchurch and Poole", "North Northamptonshire"}
    created |= {"West Northamptonshire"}
    rows = [k for k, r in enumerate(history.rows) if len(r) > 1 and r[1] in created]
    assert len(rows) == 3
    return rows


def test_an_earlier_release_with_new_placeholders_reads_as_the_real_one(sheets, tmp_path):
    history = _sheet(sheets, HISTORY)
    expected = facts(read_release_sheets([history]))
    rows = [list(r) for r in history.rows]
    filled = 0
    for k in _new_authority_rows(history):
        for c in range(4, len(rows[k])):  # after name, region and type
            if rows[k][c] in ("", None):
                rows[k][c] = NEW_WORDINGS[filled % len(NEW_WORDINGS)]
                filled += 1
    assert filled > 30
    path = write_xlsx(tmp_path / "earlier_release.xlsx", [Sheet(history.file, HISTORY, rows)])
    notes: list = []
    got = read_release_sheets(read_sheets(path), notes=notes)
    assert facts(got) == expected
    assert len(notes) >= filled


def test_a_misspelt_grade_in_that_release_is_refused_naming_the_place(sheets, tmp_path):
    history = _sheet(sheets, HISTORY)
    rows = [list(r) for r in history.rows]
    barnet = next(k for k, r in enumerate(rows) if len(r) > 1 and r[1] == "Barnet")
    assert rows[barnet][5] == "Good"  # the real cell: SLAC safeguarding overall effectiveness
    rows[barnet][5] = "Goood"
    path = write_xlsx(tmp_path / "earlier_release.xlsx", [Sheet(history.file, HISTORY, rows)])
    with pytest.raises(InputErrors) as caught:
        read_release(path)
    (error,) = caught.value.errors
    text = str(error)
    assert "earlier_release.xlsx" in text and HISTORY in text
    assert f"row {barnet + 1}" in text and "SLAC Safeguarding Overall effectiveness" in text
    assert "'Goood'" in text and "expected Outstanding, Good" in text


# --- a sheet is a table of judgements only when its rows are authorities ---------------------

# The 2023 release's sheets of local authority judgements: its Contents sheet lists three
# titled "LA ..." (at 31 March, in year, inspections 2009-2023); every other sheet is about
# providers (children's homes, places, joiners and leavers) or is text.
LA_SHEETS = {"LA_level_at_31_Mar_2023", "LA_level_in_year_2022-23", HISTORY}


def test_in_the_real_2023_release_only_authority_sheets_are_tables(sheets):
    from ofsted_analysis.core.authorities import register

    listed = [r[0] for r in _sheet(sheets, "Contents").rows if str(r[0]).startswith("LA ")]
    assert len(listed) == len(LA_SHEETS) and all(n.startswith("LA_") for n in LA_SHEETS)
    skipped: list[str] = []
    found = {s.name: find_tables(s, skipped=skipped) for s in sheets}
    assert {name for name, tables in found.items() if tables} == LA_SHEETS
    reg = register()
    for tables in found.values():
        for table in tables:
            name_col = next(k for k, h in enumerate(table.headings) if h.name == "la_name")
            assert all(reg.candidates(table.sheet.rows[r][name_col]) for r in table.rows)


def _provider_sheet() -> Sheet:
    """Joiners and leavers by type of provider, as an earlier release laid it out: its
    'Local authority' column is a sector, and it carries grade words and dates."""
    from datetime import datetime

    rows: list[list[object]] = [
        ["Joiners and leavers by type of provider at 31 March", "", "", "", ""],
        ["Local authority", "Overall effectiveness", "Publication date", "Joiners", "Leavers"],
    ]
    for k, (sector, grade) in enumerate(
        [
            ("Local authority", "Good"),
            ("Private", "Outstanding"),
            ("Voluntary", "Requires improvement to be good"),
            ("Health authority", "Inadequate"),
            ("Children's home", "Good"),
        ]
    ):
        rows.append([sector, grade, datetime(2022, 3, 31 - k), 10 + k, 5 + k])
    return Sheet("", "Joiners_leavers_by_provider", rows)


def test_a_provider_sheet_with_grade_words_is_skipped_and_said_so(sheets, tmp_path):
    la_sheet = _sheet(sheets, "LA_level_at_31_Mar_2023")
    expected = facts(read_release_sheets([la_sheet]))
    path = write_xlsx(tmp_path / "earlier_release.xlsx", [la_sheet, _provider_sheet()])
    skipped: list[str] = []
    got = read_release_sheets(read_sheets(path), skipped=skipped)
    assert facts(got) == expected
    (said,) = skipped
    assert "'Joiners_leavers_by_provider', table at row 2" in said
    assert "5 of its 5 rows name no authority" in said and "'Private'" in said


def test_a_workbook_of_provider_sheets_only_is_refused_saying_why(tmp_path):
    from ofsted_analysis.core.errors import FileError

    path = write_xlsx(tmp_path / "providers.xlsx", [_provider_sheet()])
    with pytest.raises(FileError, match="rows that are authorities.*passed over: sheet 'Joi"):
        read_release(path)


def test_the_build_summary_names_the_table_passed_over(sheets, tmp_path, monkeypatch):
    import ofsted_analysis as oa

    monkeypatch.setenv("OFSTED_ANALYSIS_CACHE", str(tmp_path / "cache"))
    la_sheet = _sheet(sheets, "LA_level_at_31_Mar_2023")
    (tmp_path / "raw").mkdir()
    path = write_xlsx(tmp_path / "raw" / "earlier_release.xlsx", [la_sheet, _provider_sheet()])
    result = oa.build(raw=[path], curated=tmp_path / "none", dry_run=True, progress=False)
    assert result.passed_over and "Joiners_leavers_by_provider" in result.summary()
    assert "table passed over: " in result.summary() and "earlier_release.xlsx" in result.summary()


# --- a table runs to its sheet's end: a blank row inside it drops nothing --------------------


def test_a_blank_row_inside_a_table_drops_no_row_after_it(tmp_path):
    from shared_files import RELEASE_2025

    real = _sheet(read_sheets(RELEASE_2025), "Inspections_as_at_31_March")
    # The real sheet's last row, 156: C156 'York', E156 its inspection date, 24 February 2025.
    assert real.rows[155][2] == "York" and str(real.rows[155][4])[:10] == "2025-02-24"
    expected = facts(read_release_sheets([real]))
    rows = [list(r) for r in real.rows]
    rows.insert(80, [None] * len(rows[2]))  # a blank row half way down the table
    rows += [[], [None, "Source: Ofsted, local authority inspection outcomes"]]  # a note below
    path = write_xlsx(tmp_path / "spaced.xlsx", [Sheet("", real.name, rows)])
    got = read_release_sheets(read_sheets(path))
    assert facts(got) == expected
    york = [i for i in got if i.la_name_source == "York"]
    assert [str(i.start_date) for i in york] == ["2025-02-24"]


def test_a_note_under_the_d2i_scrape_is_no_record(tmp_path):
    from shared_files import D2I_HISTORY

    from ofsted_analysis.sources.d2i import read_d2i

    text = D2I_HISTORY.read_text(encoding="utf-8")
    # The scrape's last row, 498: worcestershire's report published 29/07/19 (cell E498)
    # and read unreadable for the one of 24/01/17 (E499 is the last line).
    assert text.splitlines()[-2].startswith("80584,worcestershire,") and ",29/07/19," in text
    path = tmp_path / "history_with_notes.csv"
    path.write_text(text + "\nSource: Ofsted reports as scraped by Data to Insight\n", "utf-8")
    got = read_d2i(path)
    assert facts(got) == facts(read_d2i(D2I_HISTORY))
    worcestershire = sorted(str(i.published) for i in got if i.la_name_source == "worcestershire")
    assert "2019-07-29" in worcestershire and "2017-01-24" in worcestershire


def test_a_row_whose_dates_are_unreadable_is_refused_once_per_cell(tmp_path):
    from shared_files import RELEASE_2025

    real = _sheet(read_sheets(RELEASE_2025), "Inspections_as_at_31_March")
    rows = [list(r) for r in real.rows]
    # Row 4 is Barking and Dagenham's (C4); E4 and F4 its inspection and publication dates.
    assert rows[3][2] == "Barking and Dagenham"
    assert rows[2][4:6] == ["Inspection date", "Publication date"]
    rows[3][4:6] = ["10 Smarch 2023", "4 Smarch 2023"]
    path = write_xlsx(tmp_path / "bad_dates.xlsx", [Sheet("", real.name, rows)])
    with pytest.raises(InputErrors) as caught:
        read_release(path)
    said = [str(e) for e in caught.value.errors]
    assert len(said) == 2  # each cell once, and no third "no date" error for the row
    assert "row 4, column 'E (Inspection date)': date '10 Smarch 2023'" in said[0]
    assert "row 4, column 'F (Publication date)': date '4 Smarch 2023'" in said[1]


def test_a_workbook_saved_under_the_other_suffix_is_read_by_its_content(sheets, tmp_path):
    # The 2023 release's as-at sheet saved as XLSX, then named .ods or .csv (and the real ODS
    # named .xlsx): each reads as the real sheet does.
    la_sheet = _sheet(sheets, "LA_level_at_31_Mar_2023")
    expected = facts(read_release_sheets([la_sheet]))
    xlsx = write_xlsx(tmp_path / "as_at.xlsx", [la_sheet])
    for suffix in (".ods", ".csv"):  # as the build's cache, keyed by content, reads it
        misnamed = tmp_path / f"as_at{suffix}"
        misnamed.write_bytes(xlsx.read_bytes())
        assert facts(read_release(misnamed)) == expected
    ods = tmp_path / "release.xlsx"
    ods.write_bytes(RELEASE_2023.read_bytes())
    assert [s.name for s in read_sheets(ods)] == [s.name for s in sheets]


# --- headings: an earlier inspection's columns, measures, R-style names -----------------------


def _as_at_2025() -> tuple[Sheet, Sheet]:
    from shared_files import RELEASE_2025

    book = read_sheets(RELEASE_2025)
    return _sheet(book, "Inspections_as_at_31_March"), _sheet(book, "ILACS_inspection_history")


def test_columns_of_the_previous_inspection_are_an_inspection_of_their_own(tmp_path):
    as_at, history = _as_at_2025()
    expected = facts(read_release_sheets([as_at]))
    # Leeds (C84 on the as-at sheet) and its inspections on the history sheet (C: name,
    # F: inspection date, I: overall effectiveness); the previous one is the one before the
    # as-at sheet's own (E84).
    rows = [list(r) for r in as_at.rows]
    leeds = next(k for k, r in enumerate(rows) if r[2] == "Leeds")
    own = rows[leeds][4]
    before = max(
        (r for r in history.rows if r[2] == "Leeds" and hasattr(r[5], "year") and r[5] < own),
        key=lambda r: r[5],
    )
    rows[2] += ["Previous inspection date", "Previous overall effectiveness"]
    for k in range(3, len(rows)):
        rows[k] += [before[5], before[8]] if k == leeds else [None, None]
    path = write_xlsx(tmp_path / "with_previous.xlsx", [Sheet("", as_at.name, rows)])
    got = facts(read_release(path))
    extra = [f for f in got if f not in expected]
    assert [f for f in got if f in expected] == expected
    assert len(extra) == 1 and extra[0][0] == "E08000035"  # Leeds
    assert extra[0][3] == str(before[5].date())
    assert [(area, label) for area, _g, label in extra[0][5]] == [("overall", before[8])]


def test_a_previous_judgement_without_its_own_date_is_refused_naming_the_column(tmp_path):
    from ofsted_analysis.core.errors import FileError

    as_at, _history = _as_at_2025()
    rows = [list(r) for r in as_at.rows]
    rows[2].append("Previous overall effectiveness")  # L3; never the row's own inspection
    for k in range(3, len(rows)):
        rows[k].append("Good")
    path = write_xlsx(tmp_path / "previous_only.xlsx", [Sheet("", as_at.name, rows)])
    with pytest.raises(
        FileError,
        match=r"no publication or inspection date column for "
        r"judgement column L \('Previous overall effectiveness'\)",
    ):
        read_release(path)


def test_a_measure_and_r_style_headings_read_as_the_real_sheet(tmp_path):
    as_at, _history = _as_at_2025()
    expected = facts(read_release_sheets([as_at]))
    rows = [list(r) for r in as_at.rows]
    # R and pandas exports write 'Local_authority_name' for C3 'Local authority name'.
    rows[2] = [c.replace(" ", "_") if isinstance(c, str) else c for c in rows[2]]
    rows[2].append("Number of children looked after")  # a count beside the judgements
    for k in range(3, len(rows)):
        rows[k].append(100 + k)
    path = tmp_path / "export.csv"
    import csv

    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    assert facts(read_release(path)) == expected


def test_curated_records_under_a_title_read_as_without_it(tmp_path):
    from shared_files import CURATED

    from ofsted_analysis.sources.curated import read_curated

    real = CURATED / "leeds_2025_report.csv"
    titled = tmp_path / "titled.csv"
    titled.write_text("Leeds 2025 report, entered by hand\n\n" + real.read_text("utf-8"), "utf-8")
    assert facts(read_curated(titled)) == facts(read_curated(real))


def test_grades_without_their_group_date_are_refused_naming_both_columns(sheets):
    history = _sheet(sheets, HISTORY)
    rows = [list(r) for r in history.rows]
    # Row 6, Barking and Dagenham: R6 its first SIF publication date, S6 that SIF's grade.
    assert rows[5][1] == "Barking and Dagenham" and str(rows[5][17])[:10] == "2014-07-07"
    assert rows[5][18] == "Requires improvement to be good"
    rows[5][17] = None
    with pytest.raises(InputErrors) as caught:
        read_release_sheets([Sheet("spaced.xlsx", HISTORY, rows)])
    (error,) = caught.value.errors
    assert "row 6, column 'S (First SIF Overall Judgement (OE))'" in str(error)
    assert "none in this row: R (Single Inspection of LA Children's Services (SIF)" in str(error)


# --- group names in the row above the headings (merged cells, as earlier releases) -----------


def _ilacs_names_above(history: Sheet, with_names: bool = True) -> list[list[object]]:
    """The history sheet with 'First ILACS framework' / 'Second ILACS framework' taken out of
    its headings (row 5, AG5:AS5) into the row above, once per group, as merged cells hold
    them."""
    rows = [list(r) for r in history.rows]
    header = rows[4]
    above: list[object] = [None] * len(header)
    for k, text in enumerate(header):
        for group in ("First ILACS framework", "Second ILACS framework"):
            if isinstance(text, str) and text.startswith(group + " "):
                header[k] = text[len(group) + 1 :]
                if group not in above:
                    above[k] = group
    assert above.count("First ILACS framework") == above.count("Second ILACS framework") == 1
    if with_names:
        rows[3] = above  # row 4 holds a note the table does not need
    return rows


def test_group_names_in_the_row_above_read_as_in_the_headings(sheets, tmp_path):
    history = _sheet(sheets, HISTORY)
    expected = facts(read_release_sheets([history]))
    rows = _ilacs_names_above(history)
    assert rows[4][33] == "publication date" and rows[4][39] == "publication date"
    path = write_xlsx(tmp_path / "merged_headings.xlsx", [Sheet("", HISTORY, rows)])
    assert facts(read_release(path)) == expected


def test_columns_that_read_as_one_judgement_twice_are_refused_naming_both(sheets, tmp_path):
    from ofsted_analysis.core.errors import FileError

    rows = _ilacs_names_above(_sheet(sheets, HISTORY), with_names=False)
    path = write_xlsx(tmp_path / "unnamed_groups.xlsx", [Sheet("", HISTORY, rows)])
    with pytest.raises(FileError) as caught:
        read_release(path)
    # Without the names, AH5 'publication date' follows Z5's SIF re-inspection group.
    assert "unnamed_groups.xlsx: sheet 'LA_inspections_2009-2023', row 5: columns Z (" in str(
        caught.value
    )
    assert "and AH (publication date) both read as the published of one inspection" in str(
        caught.value
    )


# --- government statistics' conventions: note markers and bracketed shorthand ----------------


def test_note_markers_and_bracketed_shorthand_read_as_the_real_sheet(tmp_path):
    as_at, _history = _as_at_2025()
    expected = facts(read_release_sheets([as_at]))
    rows = [list(r) for r in as_at.rows]
    # Row 3's headings: C 'Local authority name', G 'Overall effectiveness', K 'The
    # experiences and progress of care leavers' (blank before its 2023 introduction, as the
    # sheet's own note in A2 says).
    assert rows[2][2] == "Local authority name" and rows[2][6] == "Overall effectiveness"
    assert "blank cells in column K" in rows[1][0]
    shorthand = 0
    for row in rows[3:]:
        row[2] = f"{row[2]} [note 6]"
        row[6] = f"{row[6]} [note 3]"
        if not row[10]:
            row[10], shorthand = "[z]", shorthand + 1  # 'not applicable', as GSS writes it
    assert shorthand > 10
    path = write_xlsx(tmp_path / "gss_style.xlsx", [Sheet("", as_at.name, rows)])
    notes: list = []
    assert facts(read_release_sheets(read_sheets(path), notes=notes)) == expected
    assert len(notes) == shorthand


def test_a_bracketed_grade_is_not_shorthand():
    with pytest.raises(InputError, match="'\\[Good\\]' is not valid"):
        parse_grade("[Good]")


def test_a_judgement_column_the_scrape_adds_is_refused_not_dropped(tmp_path):
    import csv

    from shared_files import D2I_HISTORY

    from ofsted_analysis.sources.d2i import read_d2i

    with open(D2I_HISTORY, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    overall = rows[0].index("overall_effectiveness_grade")  # J; J2 'outstanding' (Dorset)
    assert (overall, rows[1][1], rows[1][overall]) == (9, "dorset", "outstanding")
    for k, row in enumerate(rows):  # a later version's new judgement, beside overall
        row.insert(overall + 1, "quality_of_practice_grade" if k == 0 else row[overall])
    path = tmp_path / "history_new_judgement.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(InputErrors) as caught:
        read_d2i(path)
    (error,) = caught.value.errors
    assert "row 2, column 'K (quality_of_practice_grade)'" in str(error)
    assert "holds grades but is not one of them" in str(error)
