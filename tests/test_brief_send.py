"""The briefing pack's area SEND section (issues 18 and 19): the latest area SEND inspection
known at the pack's date, its history, the predecessor's inspections named as such, what is not
held said plainly, and no WCAG 2.2 AA violation (axe-core in Chromium).

Expected values come from the published files, read here without the package's readers:
Ofsted's official table (``Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods``, sheet
``Area_SEND_up_to_31_Aug_2022``, headings on the sheet's row 5) for the 2016 framework; Bury's
report (``reports/bury/2024-05-07.pdf``, page 1: "Inspection dates", "Inspection outcome"; the
file is named for its publication date); Data to Insight's scrape
(``ofsted_csc_send_overview.xlsx``: ``outcome_grade`` 2 = inconsistent, dates dd/mm/yy) for
Cumberland, whose report is not in ../shared/data/send; the Cumbria (Structural Changes) Order
2022 for Cumberland's creation on 1 April 2023.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from shared_files import PROCESSED, SEND
from test_brief import _text, axe_violations

from ofsted_analysis.briefing.pack import make_pack
from ofsted_analysis.briefing.render import render_html
from ofsted_analysis.briefing.send_section import send_section
from ofsted_analysis.briefing.tables import Tables
from ofsted_analysis.core.checks import resolve_authority

OFFICIAL = SEND / "ofsted" / "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
SHEET = "Area_SEND_up_to_31_Aug_2022"
D2I = SEND / "d2i" / "ofsted_csc_send_overview.xlsx"
BURY_REPORT = SEND / "reports" / "bury" / "2024-05-07.pdf"
WSOA = "Inspection outcome: written statement of action required?"
WEAKNESSES = "Number significant weaknesses identified in written statement of action"
PROGRESS = "Number significant weaknesses where sufficient progress has been made"


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.load()


def _write(tables: Tables, name: str, out: Path, as_at=None) -> Path:
    pack = make_pack(tables, name, as_at)
    path = out / f"{pack.slug}.html"
    path.write_text(render_html(pack), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def packs(tables, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("send_briefs")
    return {name: _write(tables, name, out) for name in ("Leeds", "Bury", "Devon", "Cumberland")}


@pytest.fixture(scope="module")
def no_send_pack(tmp_path_factory) -> Path:
    """Leeds' pack from a copy of the shipped store without its area SEND tables (a store
    built without the area SEND files)."""
    store = tmp_path_factory.mktemp("store_without_send")
    version = (PROCESSED / "current.json").read_text()
    shutil.copy(PROCESSED / "current.json", store)
    folder = next(p for p in PROCESSED.iterdir() if p.is_dir() and p.name in version)
    shutil.copytree(folder, store / folder.name)
    for table in (store / folder.name).glob("area_send*.parquet"):
        table.unlink()
    tables = Tables.load(store)
    assert tables.area_send is not None and tables.area_send.empty
    return _write(tables, "Leeds", store)


def _section(path: Path) -> str:
    """The area SEND section's text."""
    return _text(path).split("Area SEND inspection", 1)[1].split("Sources and caveats")[0]


def _official(code: str) -> tuple[int, pd.Series]:
    """An area's row of Ofsted's official table and its row number on the sheet."""
    cells = pd.read_excel(OFFICIAL, sheet_name=SHEET, header=4, engine="calamine")
    rows = cells[cells["Local authority code"] == code]
    assert len(rows) == 1, code
    return int(rows.index[0]) + 6, rows.iloc[0]  # headings on row 5, first area on row 6


def _d2i() -> pd.DataFrame:
    return pd.read_excel(D2I, dtype=str, engine="calamine")


def _day(cell) -> str:
    when = pd.Timestamp(cell)
    return f"{when.day} {when:%B %Y}"


def _latest_2023_publication(by: str | None = None) -> str:
    """The newest 2023-framework publication (by a date) in the files: D2I's
    publication_date cells and the report PDFs' names."""
    d2i = pd.to_datetime(_d2i()["publication_date"], format="%d/%m/%y", errors="coerce")
    reports = [pd.Timestamp(p.stem) for p in (SEND / "reports").glob("*/*.pdf")]
    held = [d for d in [*d2i.dropna(), *reports] if by is None or d <= pd.Timestamp(by)]
    return _day(max(held))


def test_leeds_as_the_official_row_states_it_and_not_yet_inspected_under_2023(packs):
    # row 74: E08000035 Leeds, inspection 05/12/2016 published 16/02/2017, WSoA "No"
    number, row = _official("E08000035")
    assert number == 74 and row[WSOA] == "No"
    start, published = _day(row["Inspection start date"]), _day(row["Inspection publication date"])
    section = _section(packs["Leeds"])
    assert (
        f"latest area SEND inspection of Leeds done and published by then was under the 2016 "
        f"framework (May 2016 to December 2022): fieldwork {start}, report published "
        f"{published}. Result: no written statement of action required." in section
    )
    assert (
        f"{start} Leeds 2016 framework Full inspection No written statement of action "
        f"required {published}" in section
    )
    # no 2023-framework inspection of Leeds in any file: said plainly, with what the table holds
    assert "leeds" not in set(_d2i()["local_authority"].str.lower())
    assert not (SEND / "reports" / "leeds").exists()
    said = re.search(
        r"Leeds had not been inspected under the 2023 framework \(from January 2023\) by "
        r"\d{1,2} \w+ \d{4}: no such inspection done and published by then is in the table "
        r"\(the table holds that framework's reports published up to ([^)]+)\)",
        section,
    )
    assert said and said.group(1) == _latest_2023_publication()
    assert (
        f"Source: Ofsted and CQC area SEND inspections, as held in the area_send table: "
        f"send/ofsted/{OFFICIAL.name}, sheet {SHEET}, row 74." in section
    )


def _wsoa_row(row: pd.Series, area: str) -> str:
    """The history table's row for an official row's inspection that required a WSoA."""
    return (
        f"{_day(row['Inspection start date'])} {area} 2016 framework Full inspection Written "
        f"statement of action required ({int(row[WEAKNESSES])} significant weaknesses) "
        f"{_day(row['Inspection publication date'])}"
    )


def _bury_page_1() -> str:
    import pypdf

    return " ".join(pypdf.PdfReader(BURY_REPORT).pages[0].extract_text().split())


def test_bury_2023_outcome_in_the_reports_words_and_its_2016_history(packs):
    page = _bury_page_1()
    dates = re.search(r"Inspection dates: (\d+) to (\d+ \w+ \d{4})", page)
    assert dates and dates.groups() == ("12", "16 February 2024")
    wording = re.search(r"Inspection outcome (.+?urgently\.)", page)
    assert wording
    section = _section(packs["Bury"])
    assert (
        "was under the 2023 framework (from January 2023): fieldwork 12 to 16 February 2024, "
        f"report published {_day(BURY_REPORT.stem)}. Result: widespread and/or systemic "
        "failings, priority action plan required" in section
    )
    assert f"The outcome in the inspectors' own words: {wording.group(1)}" in section
    # row 24: Bury, inspection 12/06/2017 published 31/07/2017, WSoA Yes, 8 weaknesses;
    # revisit 13/05/2019 published 27/06/2019, "Some": progress in 5 (page 1: "Dates of
    # previous inspection: 13 to 15 May 2019")
    number, row = _official("E08000002")
    assert number == 24 and row[WSOA] == "Yes"
    assert _wsoa_row(row, "Bury") in section
    assert (
        f"{_day(row['Revisit start date'])} Bury 2016 framework Revisit Sufficient progress in "
        f"some weaknesses ({int(row[PROGRESS])} of {int(row[WEAKNESSES])} significant "
        f"weaknesses) {_day(row['Revisit publication date'])}" in section
    )
    assert "Dates of previous inspection: 13 to 15 May 2019" in page
    assert "Bury: inspected June 2017 (2016 framework" in section  # the sentence from the rows


def test_bury_known_at_the_packs_date_only_once_published(tables):
    """The pack's rule: an inspection counts once its fieldwork had started and its report was
    published. Bury's fieldwork ended 16 February 2024 and its report came out 7 May 2024."""
    bury = resolve_authority("Bury")
    before = send_section(tables, bury, pd.Timestamp("2024-05-06"))
    assert "under the 2016 framework" in before.latest and "Then a revisit" in before.latest
    assert before.frameworks == [
        "Bury had not been inspected under the 2023 framework (from January 2023) by 6 May "
        "2024: no such inspection done and published by then is in the table (the table "
        f"holds that framework's reports published up to {_latest_2023_publication('2024-05-06')})."
    ]
    assert before.table is not None and len(before.table.rows) == 2 and not before.wording
    on = send_section(tables, bury, pd.Timestamp(BURY_REPORT.stem))
    assert "under the 2023 framework" in on.latest and on.frameworks == []
    assert on.table is not None and len(on.table.rows) == 3


def test_devon_2016_only_with_its_revisit_as_the_official_row_states_it(packs):
    # row 39: E10000008 Devon, inspection 10/12/2018 published 05/02/2019, WSoA Yes, 4
    # weaknesses; revisit 23/05/2022 published 11/07/2022, "No": progress in 0
    number, row = _official("E10000008")
    assert number == 39 and row[WSOA] == "Yes"
    assert row[
        "Revisit outcome: sufficient progress in addressing all significant weaknesses?"
    ] == ("No")
    section = _section(packs["Devon"])
    weak, done = int(row[WEAKNESSES]), int(row[PROGRESS])
    assert (
        f"fieldwork {_day(row['Inspection start date'])}, report published "
        f"{_day(row['Inspection publication date'])}. Result: written statement of action "
        f"required ({weak} significant weaknesses). Then a revisit (fieldwork "
        f"{_day(row['Revisit start date'])}, report published "
        f"{_day(row['Revisit publication date'])}): sufficient progress in no weakness "
        f"({done} of {weak} significant weaknesses)." in section
    )
    assert "devon" not in set(_d2i()["local_authority"].str.lower())
    assert "Devon had not been inspected under the 2023 framework" in section
    assert "The outcome in the inspectors' own words" not in section  # none under 2016


def test_cumberland_2023_outcome_and_cumbrias_inspection_named_as_the_predecessors(packs):
    d2i = _d2i()
    rows = d2i[d2i["local_authority"] == "cumberland"]
    assert list(rows.index) == [10]  # the sheet's row 12 (headings on row 1)
    row = rows.iloc[0]
    assert row["outcome_grade"] == "2.0"  # 2: inconsistent experiences and outcomes
    day = {
        c: _day(pd.to_datetime(row[c], format="%d/%m/%y"))
        for c in ("inspection_start_date", "inspection_end_date", "publication_date")
    }
    assert (day["inspection_start_date"], day["inspection_end_date"]) == (
        "7 July 2025",
        "11 July 2025",
    )
    section = _section(packs["Cumberland"])
    assert (
        "latest area SEND inspection of Cumberland done and published by then was under the "
        f"2023 framework (from January 2023): fieldwork 7 to 11 July 2025, report published "
        f"{day['publication_date']}. Result: inconsistent experiences and outcomes" in section
    )
    words = " ".join(row["inspection_outcome_text"].split())
    assert f"The outcome in the inspectors' own words: {words}" in section
    assert (
        "Cumberland was created on 1 April 2023, after the 2016 framework (May 2016 to "
        "December 2022) ended: it was not inspected under it." in section
    )
    # row 35: E10000006 Cumbria, inspection 18/03/2019 published 22/05/2019, WSoA Yes, 9
    number, cumbria = _official("E10000006")
    assert number == 35 and cumbria[WSOA] == "Yes"
    assert _wsoa_row(cumbria, "Cumbria (predecessor area)") in section
    assert "with those of Cumbria, the area it replaced" in section  # the table's caption
    assert "Before it was created its area belonged to Cumbria" in section
    assert "row 35 and send/d2i/ofsted_csc_send_overview.xlsx, sheet" in section  # the source


def test_kept_apart_from_the_grades_with_the_caveat(packs):
    text = _text(packs["Leeds"])
    section = _section(packs["Leeds"])
    assert section.startswith(" This is a different inspection from the children's services")
    assert "Its result is not a grade on the children's services scale." in section
    for grade in ("Outstanding", "Good", "Requires improvement", "Inadequate"):
        assert grade not in section
    caveats = text.split("Caveats", 1)[1]
    assert "they come from different inspections, and the SEND result is not on the grade" in (
        caveats
    )
    assert "This is an association, not a cause" in caveats
    html = packs["Bury"].read_text(encoding="utf-8")
    part = html.split('id="s-send"', 1)[1].split('aria-labelledby="s-about"')[0]
    assert "grade-" not in part  # no grade colour on a SEND result
    assert part.count("<caption>") == 1 and part.count('<th scope="col">') == 6


def test_a_store_without_send_files_says_so(no_send_pack):
    section = _section(no_send_pack)
    assert "The stored tables hold no area SEND inspections (they were built without the area" in (
        section
    )
    assert "this pack cannot say whether or how Leeds's area was inspected" in section
    assert "Source: Ofsted and CQC area SEND inspections, as held in the area_send table: none" in (
        section
    )


def test_axe_core_finds_no_wcag_22_aa_violation_in_the_send_section(packs, no_send_pack):
    # Leeds' and Cumberland's full packs are checked in test_brief; here the 2023 outcome
    # quoted (Bury), a revisit (Devon) and the store without SEND files
    pages = {"Bury": packs["Bury"], "Devon": packs["Devon"], "no SEND": no_send_pack}
    assert axe_violations(pages) == {name: [] for name in pages}
