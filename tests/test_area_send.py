"""The area_send table and its readers against the sources' own cells and the report PDFs.

Expected values come from the files themselves, read here with pandas (not the package's
readers), or typed from a cell or page looked at (named beside each value).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from shared_files import SEND

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputError, InputErrors
from ofsted_analysis.sources import formats
from ofsted_analysis.sources.send.report import read_send_report

OFFICIAL = SEND / "ofsted" / "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
MI = SEND / "ofsted" / "mi_ofsted_winter_2223.csv"
ADCS = SEND / "adcs" / "SEND_Outcomes_Summary_www.xlsx"
D2I = SEND / "d2i" / "ofsted_csc_send_overview.xlsx"
REPORTS = sorted((SEND / "reports").glob("*/*.pdf"))
SHEET = "Area_SEND_up_to_31_Aug_2022"


@pytest.fixture(scope="module")
def send(built):
    return oa.load_area_send(built)


@pytest.fixture(scope="module")
def official_cells():
    # the heading row is the sheet's 5th (typed: row 5 reads "Web link to Ofsted local
    # authority webpage", "Local authority code", ...)
    return pd.read_excel(OFFICIAL, sheet_name=SHEET, header=4, engine="calamine")


@pytest.fixture(scope="module")
def reports():
    return {path: read_send_report(path) for path in REPORTS}


def _official(send):
    return send[send.source.str.startswith(f"../shared/data/send/ofsted/{OFFICIAL.name}:{SHEET}")]


# --- the files are recognised by their content -------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name"),
    [(OFFICIAL, "send_table"), (MI, "send_table"), (ADCS, "send_table"), (D2I, "send_table")],
)
def test_each_send_file_is_recognised_by_content(path, name):
    assert formats.identify(path).name == name


def test_a_send_report_pdf_is_recognised_and_a_childrens_report_is_not():
    assert formats.identify(REPORTS[0]).name == "send_report"
    leeds = SEND.parent / "reports" / "leeds" / "2025-08-12.pdf"
    assert formats.identify(leeds).name == "report"
    # Data to Insight's children's services scrape is still its own format, not SEND's
    assert formats.identify(SEND.parent / "raw" / "d2i" / "ofsted_csc_ilacs_history.csv").name == (
        "d2i"
    )


# --- Ofsted's official statistics ---------------------------------------------------------------


def test_every_official_row_is_one_inspection_and_every_revisit_dated_one_more(
    send, official_cells
):
    cells = official_cells
    rows = _official(send)
    full = rows[rows.event == "full"]
    revisits = rows[rows.event == "revisit"]
    assert len(full) == len(cells) == 149
    dated = cells["Revisit start date"].map(lambda v: isinstance(v, (pd.Timestamp, date)))
    assert len(revisits) == int(dated.sum())
    wsoa = cells["Inspection outcome: written statement of action required?"]
    assert int(full.wsoa.sum()) == int((wsoa == "Yes").sum())
    # codes changed since (Somerset's E10000027 is now E06000066, ...) are the register's
    register = oa.register()
    assert set(full.la_code) == {register.by_gss(c).la_code for c in cells["Local authority code"]}
    assert (full.framework == "area_send_2016").all()


def test_each_area_has_one_2016_inspection_and_adcs_revisits_called_inspections_are_revisits(
    send, built, official_cells
):
    # The 2016 framework inspected each area once (the official sheet: one row per area, 149,
    # plus the two areas of its notes, Dorset County Council and Northamptonshire).
    full_2016 = send[(send.framework == "area_send_2016") & (send.event == "full")]
    assert not full_2016.la_code.duplicated().any()
    assert len(full_2016) == 149 + 2
    # ADCS's Sheet1 row 198 (typed: "Central Bedfordshire | E | SEND | 04/07/2022 |
    # 21/09/2022") is the revisit the official sheet dates 4 July 2022 (row of E06000056).
    cells = official_cells[official_cells["Local authority code"] == "E06000056"].iloc[0]
    revisit = send[(send.la_name == "Central Bedfordshire") & (send.event == "revisit")]
    assert revisit.start_date.tolist() == [pd.Timestamp(cells["Revisit start date"])]
    assert f"{ADCS.name}:Sheet1:r198" not in " ".join(full_2016.source)
    conflicts = oa.load_area_send_conflicts(built)
    called = conflicts[(conflicts.field == "event") & conflicts.other_source.str.endswith("r198")]
    assert called[["kept_value", "other_value", "rule"]].values.tolist() == [
        ["revisit", "full", "official before adcs"]
    ]


def test_birmingham_as_the_official_row_states_it(send):
    # Area_SEND_up_to_31_Aug_2022 row 12: E08000025 Birmingham, inspection 25/06/2018 published
    # 10/09/2018, WSoA Yes, 13 weaknesses; revisit 24/05/2021 published 14/07/2021, "Some",
    # sufficient progress in 1, not in 12.
    b = send[send.la_name.eq("Birmingham") & send.framework.eq("area_send_2016")]
    full = b[b.event == "full"].iloc[0]
    revisit = b[b.event == "revisit"].iloc[0]
    assert (full.start_date, full.published) == (
        pd.Timestamp(2018, 6, 25),
        pd.Timestamp(2018, 9, 10),
    )
    assert bool(full.wsoa) and full.significant_weaknesses == 13
    assert revisit.start_date == pd.Timestamp(2021, 5, 24)
    assert revisit.published == pd.Timestamp(2021, 7, 14)
    assert revisit.revisit_outcome == "some" and revisit.weaknesses_sufficient_progress == 1


def test_dorset_and_northamptonshire_follow_the_register_as_the_notes_say(send):
    # Notes sheet, note 2 (row 5): Dorset inspected January 2017, WSoA required; revisit
    # February 2019, sufficient progress in some weaknesses. Note 3 (row 6): Northamptonshire
    # inspected May 2017, no WSoA. ADCS Sheet1 rows 23, 89, 35 give the days: 23/01/2017,
    # 04/02/2019, 15/05/2017.
    dorset = send[send.la_code.eq("E10000009")].set_index("event")
    assert dorset.loc["full", "la_name"] == "Dorset County Council"
    assert dorset.loc["full", "start_date"] == pd.Timestamp(2017, 1, 23)
    assert bool(dorset.loc["full", "wsoa"])
    assert dorset.loc["revisit", "start_date"] == pd.Timestamp(2019, 2, 4)
    assert dorset.loc["revisit", "revisit_outcome"] == "some"
    assert "Notes:r5" in dorset.loc["revisit", "sources"]
    northants = send[send.la_code.eq("E10000021")].iloc[0]
    assert (northants.la_name, northants.start_date) == (
        "Northamptonshire",
        pd.Timestamp(2017, 5, 15),
    )
    assert not bool(northants.wsoa)
    # The 2024 inspections are the new authorities' (Dorset's D2I row gives the old county's
    # number, 835; the register's successor named "dorset" existing then is Dorset, E06000059)
    new = send[send.framework.eq("area_send_2023")]
    assert set(new[new.la_name.str.contains("Dorset|Northamptonshire")].la_code) == {
        "E06000059",
        "E06000061",
        "E06000062",
    }


# --- the 2023 framework: management information, the scrape and the reports -------------------


def test_management_information_outcomes_are_kept(send):
    mi = pd.read_csv(MI)
    words = {
        "Typically positive experiences and outcomes": "positive",
        "Inconsistent experiences and outcomes": "inconsistent",
        "Widespread and/or systemic failings": "systemic_failings",
    }
    new = send[send.framework == "area_send_2023"]
    assert len(mi) == 16
    for _, row in mi.iterrows():
        start = pd.to_datetime(row["Inspection.start.date"], dayfirst=True)
        # the register writes Telford & Wrekin
        name = row["Local.area.partnership"].replace("Telford and Wrekin", "Telford & Wrekin")
        near = (new.start_date - start).abs().le(pd.Timedelta(days=7))
        match = new[new.la_name.eq(name) & near]
        assert len(match) == 1, name
        assert match.outcome.iloc[0] == words[row["Inspection.outcome"]]
        assert bool(match.priority_action_plan.iloc[0]) == (
            row["Priority.action.plan.required."] == "Yes"
        )


def test_hertfordshire_as_the_management_information_states_it(send):
    # mi_ofsted_winter_2223.csv row 8: Hertfordshire, 10/07/2023, published 10/11/2023,
    # "Widespread and/or systemic failings", priority action plan Yes, 2 areas
    h = send[send.la_name.eq("Hertfordshire") & send.framework.eq("area_send_2023")].iloc[0]
    assert (h.start_date, h.published) == (pd.Timestamp(2023, 7, 10), pd.Timestamp(2023, 11, 10))
    assert h.outcome == "systemic_failings" and h.areas_for_priority_action == 2


def test_outcome_is_ordered_worst_first(send):
    assert send.outcome.cat.ordered
    assert send.outcome.cat.categories.tolist() == ["systemic_failings", "inconsistent", "positive"]


# Typed from page 1 of each report: fieldwork, previous inspection's first day, outcome.
TYPED = {
    "bury/2024-05-07.pdf": ((2024, 2, 12), (2024, 2, 16), (2019, 5, 13), "systemic_failings"),
    "bedford/2025-02-04.pdf": ((2024, 11, 18), (2024, 11, 22), (2018, 3, 19), "positive"),
    "dorset/2024-05-15.pdf": ((2024, 3, 11), (2024, 3, 15), (2017, 1, 23), "positive"),
    "durham/2024-09-03.pdf": ((2024, 6, 24), (2024, 6, 28), (2020, 1, 22), "inconsistent"),
    "greenwich/2023-07-11.pdf": ((2023, 5, 11), (2023, 5, 19), (2017, 7, 10), "positive"),
    "west-northamptonshire/2024-07-12.pdf": (
        (2024, 3, 18),
        (2024, 3, 22),
        None,
        "systemic_failings",
    ),
}


@pytest.mark.parametrize("name", TYPED)
def test_report_page_1_as_typed(reports, name):
    # page 1: "Inspection dates: ...", "Dates of previous inspection: ..." (Bedford: "The
    # previous full inspection was on 19 March 2018"; West Northamptonshire: "Not previously
    # inspected") and the outcome sentence under "Inspection outcome"
    start, end, previous, outcome = TYPED[name]
    r = reports[SEND / "reports" / name]
    assert (r.start_date, r.end_date) == (date(*start), date(*end))
    assert r.previous_inspection == (date(*previous) if previous else None)
    assert r.outcome == outcome and r.page == 1
    assert r.priority_action_plan == (outcome == "systemic_failings")


def test_bury_next_inspection_as_page_1_words_it(reports):
    r = reports[SEND / "reports" / "bury" / "2024-05-07.pdf"]
    assert r.next_inspection == (
        "A monitoring inspection will be carried out within approximately 18 months. The next "
        "full reinspection will be within approximately three years."
    )


def _d2i():
    return pd.read_excel(D2I, dtype=str, engine="calamine")


def _d2i_date(cell):
    """A D2I date cell: dd/mm/yy, or dd/mm/yyyy for previous inspections; 01/01/1900 = none."""
    if pd.isna(cell) or cell in ("", "01/01/1900"):
        return None
    return pd.to_datetime(cell, format="%d/%m/%Y" if len(cell) == 10 else "%d/%m/%y").date()


_D2I_OUTCOME = {"1.0": "positive", "2.0": "inconsistent", "3.0": "systemic_failings"}
_NUMBERS = {"three": "3", "five": "5"}


def test_every_report_agrees_with_the_d2i_scrape(reports):
    """All 38 reports are read, and each agrees with Data to Insight's row for its area on the
    outcome, the fieldwork, the publication date and when the next inspection is due. Two
    differences, both gaps in the scrape: D2I's row for Derbyshire has no inspection dates
    (blank cells; the report's page 1 gives 23 to 27 September 2024), and its row for Enfield
    no next inspection ("Next inspection time frame not found": the report words it "will take
    place within approximately 3 years", not "will be within")."""
    d2i = _d2i()
    assert len(reports) == 38
    for path, r in reports.items():
        rows = d2i[(d2i.ltla23cd == r.la_code) | (d2i.local_authority == r.la_name_source.lower())]
        assert len(rows) == 1, path
        row = rows.iloc[0]
        assert _D2I_OUTCOME[row.outcome_grade] == r.outcome, path
        assert _d2i_date(row.publication_date) == r.published, path
        if path.parent.name == "derbyshire":
            assert pd.isna(row.inspection_start_date) and pd.isna(row.inspection_end_date)
        else:
            assert _d2i_date(row.inspection_start_date) == r.start_date, path
            assert _d2i_date(row.inspection_end_date) == r.end_date, path
        sentence = re.sub(r"\b(three|five)\b", lambda m: _NUMBERS[m.group(1)], r.next_inspection)
        if path.parent.name == "enfield":
            assert row.next_inspection_by_date == "Next inspection time frame not found"
            assert "take place within approximately 3 years" in sentence
        else:
            assert f"within approximately {row.next_inspection}" in sentence, path


def test_a_report_whose_outcome_cannot_be_read_is_refused_naming_file_and_page(monkeypatch):
    from ofsted_analysis.sources.reports import common

    path = SEND / "reports" / "dorset" / "2024-05-15.pdf"
    real = common.Report.text

    def text(self, index):
        page = real(self, index)
        return page.replace("typically lead to positive", "lead to") if index == 0 else page

    monkeypatch.setattr(common.Report, "text", text)
    with pytest.raises(InputError) as e:
        read_send_report(path)
    assert str(path) in str(e.value) and "page 1" in str(e.value)
    assert "inspection outcome" in str(e.value)


def test_d2i_previous_inspection_is_its_last_day_so_it_is_not_read(reports):
    # D2I row for Bolton: previous_inspection_date 27/05/2016; the report's page 1: "23 to 27
    # May 2016". The table keeps the first day, as the reports give it.
    d2i = _d2i().set_index("local_authority")
    bolton = reports[SEND / "reports" / "bolton" / "2024-08-30.pdf"]
    assert _d2i_date(d2i.loc["bolton", "previous_inspection_date"]) == date(2016, 5, 27)
    assert bolton.previous_inspection == date(2016, 5, 23)


# --- the merged table: one precedence, conflicts kept ---------------------------------------


def test_disagreements_are_kept_and_the_precedence_is_one(built, send):
    conflicts = oa.load_area_send_conflicts(built)
    # Greenwich: the report's page 1 says 11 to 19 May 2023; the management information's row 6
    # says 15/05/2023. The report is kept, the other kept as a conflict.
    g = conflicts[conflicts.la_name.eq("Greenwich") & conflicts.field.eq("start_date")].iloc[0]
    assert (g.kept_value, g.other_value) == ("2023-05-11", "2023-05-15")
    assert g.kept_source.endswith("greenwich/2023-07-11.pdf:p1")
    assert g.other_source.endswith("mi_ofsted_winter_2223.csv:r6")
    order = ["official", "report", "management_information", "scrape", "adcs"]
    for rule in conflicts.rule:
        kept, other = rule.split(" before ")
        assert order.index(kept) < order.index(other)
    assert send.inspection_id.is_unique
    assert (send.n_sources == send.sources.str.count("; ") + 1).all()


# --- findings ------------------------------------------------------------------------------


def test_priority_actions_match_the_management_information_counts(reports):
    # mi_ofsted_winter_2223.csv: Oxfordshire (row 11) and Plymouth (row 12) 5 areas each
    for name in ("oxfordshire/2023-09-15.pdf", "plymouth/2023-08-22.pdf"):
        r = reports[SEND / "reports" / name]
        assert sum(p.kind == "send_priority_action" for p in r.findings) == 5
        assert r.areas_for_priority_action == 5


def test_bedford_areas_for_improvement_as_typed(reports):
    # bedford/2025-02-04.pdf page 5, "Areas for improvement": two paragraphs
    points = reports[SEND / "reports" / "bedford" / "2025-02-04.pdf"].findings
    assert [(p.kind, p.page) for p in points] == [("send_improve", 5)] * 2
    assert points[0].text.startswith("The partnership should establish more effective processes")
    assert points[0].text.endswith("SEND at risk of exclusion are helped more proactively.")
    assert points[1].text.startswith("Some children and young people with SEND wait too long")


def test_bury_priority_actions_as_typed(reports):
    # bury/2024-05-07.pdf pages 8-9: six rows, each "Bury Metropolitan Borough Council and NHS
    # Greater Manchester ICB"; the second row's bullets run on; the last is about EHC plans
    points = [
        p
        for p in reports[SEND / "reports" / "bury" / "2024-05-07.pdf"].findings
        if p.kind == "send_priority_action"
    ]
    assert len(points) == 6
    assert {p.group for p in points} == {
        "Bury Metropolitan Borough Council and NHS Greater Manchester ICB"
    }
    assert points[1].text.endswith("an effective, well-resourced educational psychology service.")
    assert points[5].text.startswith("Leaders across the partnership should further improve")


def test_every_point_starts_a_sentence(reports):
    for path, r in reports.items():
        assert r.findings, path
        for p in r.findings:
            assert p.text[:1].isupper(), (path, p.text[:60])


def test_send_points_are_in_findings_with_their_inspection(built, send):
    f = oa.load_findings(built, themes=False, area_send=True)
    points = f[f.kind.isin(["send_improve", "send_priority_action"])]
    assert set(points.inspection_id) <= set(send.inspection_id)
    assert points.file.nunique() == 38
    # by default the children's services analyses see only their own reports' points
    assert not oa.load_findings(built, themes=False).kind.str.startswith("send").any()


def test_send_themes_on_real_text():
    from ofsted_analysis.findings.themes import themes_of

    # bury/2024-05-07.pdf p9 (priority action bullet, area for improvement), suffolk p7
    assert "ehc_plans" in themes_of(
        "improving the timeliness and quality of updated EHC plans following annual reviews",
        kind="send_priority_action",
    )
    assert "preparation_for_adulthood" in themes_of(
        "Leaders across the partnership should improve preparation for adulthood from the "
        "earliest ages for all children and young people with SEND in Bury.",
        kind="send_priority_action",
    )
    assert "alternative_provision" in themes_of(
        "Leaders across the partnership should continue to develop the range of suitable AP "
        "available to children and young people in Bury.",
        kind="send_improve",
    )
    suffolk = themes_of(
        "Leaders across the partnership should use performance data and information "
        "effectively to inform their evaluation, sufficiency planning and joint commissioning "
        "of SEND services.",
        kind="send_improve",
    )
    assert "joint_commissioning" in suffolk
    # children's services themes are not looked for in SEND points ("partnership" is not
    # corporate parenting there), nor SEND's in children's services points
    assert "corporate_parenting" not in suffolk
    assert "ehc_plans" not in themes_of("Annual reviews of EHC plans.", kind="improve")


# --- extract, update and bad input ------------------------------------------------------------


def test_extract_writes_a_send_report_as_csv(tmp_path):
    from commands import run_cli

    out = tmp_path / "bury.csv"
    result = run_cli("extract", SEND / "reports" / "bury" / "2024-05-07.pdf", "--csv", out)
    assert result.returncode == 0, result.stderr
    row = pd.read_csv(out).iloc[0]
    assert (row.framework, row.outcome, row.start_date) == (
        "area_send_2023",
        "systemic_failings",
        "2024-02-12",
    )


def test_update_reports_what_a_send_file_changes_and_twice_changes_nothing(tmp_path):
    store = tmp_path / "store"
    oa.build(
        raw=[SEND / "ofsted", SEND.parent / "raw" / "d2i"], out=store, curated=tmp_path / "none"
    )
    before = len(oa.load_area_send(store))
    first = oa.update([D2I], out=store)
    assert first.written
    lines = first.report.send_changes
    after = oa.load_area_send(store)
    new = [line for line in lines if line.startswith("new: ")]
    assert len(after) == before + len(new) > before
    assert "new: Bedford area_send_2023 full of 2024-11-18" in lines  # D2I row 2: 18/11/24
    again = oa.update([D2I], out=store)
    assert not again.written and not again.report.send_changes


def test_a_bad_send_file_is_refused_naming_file_row_column_and_value(tmp_path):
    store = tmp_path / "store"
    oa.build(
        raw=[SEND / "ofsted", SEND.parent / "raw" / "d2i"], out=store, curated=tmp_path / "none"
    )
    pointer = (store / "current.json").read_text()
    bad = tmp_path / "mi.csv"
    bad.write_text(MI.read_text(encoding="utf-8").replace('"13/03/2023"', '"31/02/2023"'))
    with pytest.raises(InputErrors) as e:
        oa.update([bad], out=store)
    message = str(e.value)
    assert str(bad) in message and "row 7" in message
    assert "Inspection.start.date" in message and "31/02/2023" in message
    assert (store / "current.json").read_text() == pointer


def test_an_unknown_area_is_refused_with_suggestions(tmp_path):
    bad = tmp_path / "mi.csv"
    bad.write_text(MI.read_text(encoding="utf-8").replace('"Cornwall"', '"Cornwal"'))
    from ofsted_analysis.sources.send.tables import read_send_table

    with pytest.raises(InputErrors) as e:
        read_send_table(bad)
    assert "row 3" in str(e.value) and "Cornwal" in str(e.value) and "Cornwall" in str(e.value)


def test_build_without_send_files_has_an_empty_area_send(tmp_path):
    store = tmp_path / "store"
    oa.build(raw=[SEND.parent / "raw" / "d2i"], out=store, curated=tmp_path / "none")
    assert len(oa.load_area_send(store)) == 0
    assert Path(store).exists()


def test_yes_and_no_shortened_to_initials_read_as_the_official_cells(tmp_path, official_cells):
    """The official statistics' sheet re-saved with every Yes / No written Y / N (as a table
    edited by hand may have it): each inspection's WSoA and each revisit's outcome are the
    real sheet's own cells."""
    from ofsted_analysis.sources.send.tables import read_send_table

    wsoa = "Inspection outcome: written statement of action required?"
    progress = "Revisit outcome: sufficient progress in addressing all significant weaknesses?"
    short = official_cells.copy()
    for column in (wsoa, progress):
        short[column] = short[column].replace({"Yes": "Y", "No": "N"})
    assert (short[wsoa] == "Y").any() and (short[progress] == "N").any()
    path = tmp_path / "area_send_short.csv"
    short.to_csv(path, index=False, date_format="%d/%m/%Y")
    records = read_send_table(path)
    full = {r.row: r.wsoa for r in records if r.event == "full"}  # heading is row 1
    assert full == {i + 2: cell == "Yes" for i, cell in enumerate(official_cells[wsoa])}
    revisit = {r.row: r.revisit_outcome for r in records if r.event == "revisit"}
    outcome = {"Yes": "all", "Some": "some", "No": "none"}
    stated = official_cells[progress].map(lambda c: isinstance(c, str) and c in outcome)
    assert revisit == {i + 2: outcome[c] for i, c in official_cells[progress][stated].items()}


def test_a_total_row_is_refused_as_a_total_not_as_a_misspelt_area(tmp_path):
    """Ofsted's management information with England's and a region's total rows added (copies
    of its Cornwall row, renamed): refused naming them as totals (the message once offered
    "Redcar and Cleveland" as the closest authority to England)."""
    from ofsted_analysis.sources.send.tables import read_send_table

    lines = MI.read_text(encoding="utf-8").splitlines(keepends=True)
    cornwall = next(line for line in lines if '"Cornwall"' in line)
    totals = [cornwall.replace('"Cornwall"', f'"{name}"') for name in ("England", "North West")]
    path = tmp_path / "mi_with_totals.csv"
    path.write_text("".join([*lines, *totals]), encoding="utf-8")
    with pytest.raises(InputErrors) as e:
        read_send_table(path)
    message = str(e.value)
    for row, name in ((len(lines) + 1, "England"), (len(lines) + 2, "North West")):
        assert f"row {row}, column 'C (Local.area.partnership)': area '{name}'" in message
    assert message.count("are totals, never an inspected area") == 2
    assert "Redcar" not in message


def test_an_adcs_row_without_its_type_is_refused_not_passed_by(tmp_path):
    """ADCS's summary with the Type of its Knowsley inspection row blanked: that row states
    neither an inspection nor a revisit, and is refused (it was passed by in silence)."""
    import openpyxl

    from ofsted_analysis.sources.send.tables import read_send_table
    from ofsted_analysis.sources.workbook import read_sheets

    sheet = read_sheets(ADCS)[0]
    rows = [list(r) for r in sheet.rows]
    header = next(i for i, r in enumerate(rows) if "Type" in r)
    k = next(i for i, r in enumerate(rows) if r[0] == "Knowsley" and r[2] == "SEND")
    rows[k][rows[header].index("Type")] = None
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    path = tmp_path / "adcs_no_type.xlsx"
    book.save(path)
    with pytest.raises(InputErrors) as e:
        read_send_table(path)
    assert f"row {k + 1}, column 'C (Type)': Type '' is not valid" in str(e.value)
    assert len(e.value.errors) == 1
