"""What inspectors asked to improve: points read from real report PDFs, and the themes.

Every expected point below was typed from the report PDF itself (file and page cited at each
test), not copied from the program's output.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from commands import run_cli

from ofsted_analysis.core.errors import InputErrors
from ofsted_analysis.findings.themes import TAXONOMY, load_taxonomy, themes_of
from ofsted_analysis.sources.reports import find_reports, read_report
from ofsted_analysis.sources.reports.common import Report
from ofsted_analysis.sources.reports.findings import read_findings
from ofsted_analysis.sources.send.report import read_send_report

REPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reports"
SEND_REPORTS = REPORTS.parent / "send" / "reports"


def points(name: str, framework: str):
    return read_findings(Report(REPORTS / name), framework)


def test_ilacs_2018_leeds():
    # leeds/2018-12-18.pdf, page 2, "What needs to improve": four bullets.
    found = points("leeds/2018-12-18.pdf", "ilacs")
    assert found.problem is None
    texts = [p.text for p in found.points]
    assert len(texts) == 4
    assert texts[0] == "The consistent involvement of health agencies in strategy discussions."
    assert texts[1] == (
        "The consideration given to children\u2019s culture and identity in all assessments."
    )
    assert texts[3] == (
        "Pathway planning to be better reflected in case records and pathway "
        "plans to be reviewed to ensure that they are meaningful documents for "
        "young people."
    )
    assert {p.page for p in found.points} == {2}
    assert [p.position for p in found.points] == [1, 2, 3, 4]
    assert {p.kind for p in found.points} == {"improve"}


def test_ilacs_2025_leeds_footnote_mark_and_framework_reference():
    # leeds/2025-08-12.pdf, page 2: "What needs to improve?" with footnote mark 1, two bullets
    # ending with their national framework cross-reference; the footnote is not a point.
    found = points("leeds/2025-08-12.pdf", "ilacs")
    assert [p.text for p in found.points] == [
        "The quality and accuracy of children\u2019s records to reflect the work that is being "
        "completed (enabler 3, national framework)",
        "Consistency in the response to all children experiencing neglect (outcome 1, "
        "national framework)",
    ]


def test_ilacs_2026_brent():
    # brent/2026-06-17.pdf (ILACS from April 2026), page 2: four bullets.
    found = points("brent/2026-06-17.pdf", "ilacs_2026")
    assert [p.text for p in found.points] == [
        "The consistency with which work with children subject to care proceedings, and the "
        "pre-proceedings stage of the Public Law Outline (PLO) is progressed, in particular "
        "the management oversight and decision making of this work. (Outcome 2, national "
        "framework)",
        "The consideration of children\u2019s previous history in decision-making in the Brent "
        "family front door. (Outcome 2, national framework)",
        "The consistency and quality of life-story work for children in long-term care. "
        "(Outcome 4, national framework)",
        "The completion of mandatory training for approved foster carers. (Outcome 4, "
        "national framework)",
    ]


def test_sif_2015_leeds_areas_for_improvement_with_subheadings():
    # leeds/2015-03-27.pdf, pages 4-5: "There are no priority or immediate actions." then
    # "Areas for improvement" 1-15 under five sub-headings; page 5 then opens "The local
    # authority's strengths" (16-), which are not points.
    found = points("leeds/2015-03-27.pdf", "sif")
    assert [p.number for p in found.points] == list(range(1, 16))
    assert {p.kind for p in found.points} == {"improve"}
    assert [p.group for p in found.points] == (
        ["Leadership, Management and Governance"] * 3
        + ["Help and protection"] * 3
        + ["Looked After children"] * 5
        + ["Adoption"] * 2
        + ["Care leavers"] * 2
    )
    assert found.points[14].page == 5
    assert found.points[14].text == (
        "Ensure that all young people have information in relation "
        "to their health history and about their entitlements."
    )
    assert found.points[5].text == (
        "Improve access and waiting times for CAMHS for children in need of help and protection."
    )
    assert found.points[7].text == (
        "Ensure that all foster carers have access to training in child sexual exploitation."
    )


def test_sif_2017_barnet_recommendations():
    # barnet/2017-07-07.pdf, page 8: "Recommendations", numbered from 1.
    found = points("barnet/2017-07-07.pdf", "sif")
    assert {p.kind for p in found.points} == {"recommendation"}
    assert found.points[0].number == 1 and found.points[0].page == 8
    assert found.points[3].text == (
        "Ensure that all children identified as being at risk of "
        "harm benefit from effective child protection enquiries."
    )
    assert found.points[11].text == (
        "Ensure that connected carers are thoroughly assessed within regulatory timescales."
    )


def test_sif_2014_nottingham_runs_over_pages_and_skips_no_priority_statement():
    # nottingham/2014-05-14.pdf, pages 9-11: "65. The inspection did not find any areas for
    # priority and immediate action." (not a point), then areas for improvement 66 to 91.
    found = points("nottingham/2014-05-14.pdf", "sif")
    assert [p.number for p in found.points] == list(range(66, 92))
    assert found.points[-1].page == 11
    assert found.points[-1].text == (
        "Develop a comprehensive performance management and quality assurance framework that "
        "focuses on outcomes as well as outputs and improves the experiences of children, "
        "young people and families."
    )


def test_sif_2014_barnsley_list_ends_before_strengths():
    # barnsley/2014-08-08.pdf, pages 4-7: areas for improvement 10-34; page 7 then opens
    # "The local authority has the following strengths:" (35-51), which are not points.
    found = points("barnsley/2014-08-08.pdf", "sif")
    assert [p.number for p in found.points] == list(range(10, 35))


def test_sif_2015_sunderland_preamble_is_not_a_point():
    # sunderland/2015-07-20.pdf, page 8: "Recommendations", a paragraph "The following
    # recommendations are those that inspectors considered to be the priorities for
    # Sunderland. ...", then points numbered from 1.
    found = points("sunderland/2015-07-20.pdf", "sif")
    assert found.points[0].number == 1 and found.points[0].page == 8
    assert found.points[0].text == (
        "Take urgent action to review the cases of all children and young people who do not "
        "have an allocated social worker or who are not being actively worked with, and "
        "provide immediate and appropriate assessment and help as necessary. (Para 31)"
    )
    assert found.points[2].text == (
        "Increase the capacity, quality and focus of the MASH to "
        "meet the demand for service. (Paras 29, 30, 31, 32, 33)"
    )


def test_a_paragraph_instead_of_a_list_is_reported():
    # north-lincolnshire/2022-11-25.pdf, page 2: under "What needs to improve?" a paragraph
    # ("There are an extremely small number of areas of variability ..."), no bullet.
    found = points("north-lincolnshire/2022-11-25.pdf", "ilacs")
    assert found.points == [] and "does not start with a bullet" in found.problem


def test_tlac_2013_kent_bullets_under_timescales():
    # kent/2013-08-23.pdf (TLAC), PDF pages 8-9 (printed 6-7): "Areas for improvement",
    # "22. In order to improve ... the local authority should take the following action.",
    # then 3 bullets "Immediately:", 6 "Within three months:", 3 "Within six months:".
    found = points("kent/2013-08-23.pdf", "tlac")
    assert [p.group for p in found.points] == (
        ["Immediately"] * 3 + ["Within three months"] * 6 + ["Within six months"] * 3
    )
    assert found.points[0].text == (
        "improve the quality of supervision and management oversight in casework"
    )
    assert found.points[0].page == 8
    assert found.points[8].text == "improve the timeliness of care proceedings."
    assert found.points[-1].page == 9
    assert found.points[-1].text == (
        "review the arrangements for the independent reviewing services to ensure that the "
        "case loads of the independent reviewing officers (IROs) are manageable."
    )


def test_report_without_the_section_is_reported_not_guessed():
    # thurrock/2024-10-29.pdf (ILACS, outstanding): no "What needs to improve" heading.
    found = points("thurrock/2024-10-29.pdf", "ilacs")
    assert found.points == [] and "What needs to improve" in found.problem


def test_every_ilacs_report_yields_points_or_a_reason():
    read = 0
    for path in find_reports(REPORTS):
        try:
            inspection = read_report(path)
        except Exception:
            continue  # not a report this reader reads: listed by the build with its reason
        if inspection.framework not in ("ilacs", "ilacs_2026"):
            continue
        read += 1
        assert inspection.findings or inspection.findings_problem, path
        assert not (inspection.findings and inspection.findings_problem), path
        for p in inspection.findings:
            assert p.text and "\n" not in p.text and "\uf06e" not in p.text, (path, p)
    assert read >= 280  # 275 ILACS and 11 ILACS 2026 reports in ../shared/data/reports


# --- the taxonomy ---------------------------------------------------------------------------


def test_taxonomy_file_is_valid_and_every_theme_is_used():
    taxonomy = load_taxonomy()
    with open(TAXONOMY, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [t.theme for t in taxonomy] == [r["theme"] for r in rows]
    points = [p for path in find_reports(REPORTS) for p in _points_or_none(path)]
    # the area SEND reports' points, for the themes looked for in them
    points += [p for path in find_reports(SEND_REPORTS) for p in read_send_report(path).findings]
    used = {theme for p in points for theme in themes_of(p.text, taxonomy, p.kind)}
    assert used == {t.theme for t in taxonomy}


def _points_or_none(path):
    try:
        return read_report(path).findings
    except Exception:
        return []


def test_themes_of_typed_points():
    # Points typed above: leeds/2018-12-18.pdf p2 and brent/2026-06-17.pdf p2.
    assert "strategy_discussions" in themes_of(
        "The consistent involvement of health agencies in strategy discussions."
    )
    brent = themes_of(
        "The consistency with which work with children subject to care "
        "proceedings, and the pre-proceedings stage of the Public Law Outline "
        "(PLO) is progressed, in particular the management oversight and decision "
        "making of this work."
    )
    assert {"pre_proceedings", "management_oversight"} <= set(brent)


# Points from the shipped findings that speak of sufficiency, sorted by reading them: the
# report (file:page) and what the point is about. Workforce sufficiency is staffing; placement
# sufficiency is enough placements, homes, accommodation or carers for children in care.
_WORKFORCE_SUFFICIENCY = {
    "bradford/2023-01-31.pdf:p2": "The sufficiency and stability of the workforce",
    "dudley/2023-01-13.pdf:p2": "Frontline workforce sufficiency.",
    "solihull/2023-01-13.pdf:p2": "The sufficiency and stability of the social care workforce",
    "southampton/2014-09-15.pdf:p7": "Continue to review the sufficiency of the social care",
    "herefordshire/2018-07-23.pdf:p3": "The sufficiency of social workers and managers",
}
_PLACEMENT_SUFFICIENCY = {
    "bradford/2018-10-29.pdf:p2": "sufficiency of local placements",
    "stockton-on-tees/2023-05-09.pdf:p2": "Sufficiency of suitable foster homes for children.",
    "croydon/2024-12-03.pdf:p2": "Sufficiency of accommodation for children in care",
    "redcar-and-cleveland/2026-01-28.pdf:p2": "The sufficiency of homes for children in care.",
    "west-berkshire/2022-05-04.pdf:p2": "The update and implementation of a sufficiency strategy",
}


def _themes_of_point(findings, source: str, start: str) -> set[str]:
    rows = findings[
        findings["source"].str.endswith(source) & findings["text"].str.startswith(start)
    ]
    assert len(rows) == 1, (source, start)
    return set(rows["themes"].iloc[0].split("; "))


def test_workforce_sufficiency_is_workforce_and_placement_sufficiency_is_placements():
    import ofsted_analysis as oa

    findings = oa.load_findings()  # themes from the current taxonomy
    for source, start in _WORKFORCE_SUFFICIENCY.items():
        themes = _themes_of_point(findings, source, start)
        assert "workforce" in themes and "placement_sufficiency" not in themes, source
    for source, start in _PLACEMENT_SUFFICIENCY.items():
        themes = _themes_of_point(findings, source, start)
        assert "placement_sufficiency" in themes and "workforce" not in themes, source
    # herefordshire/2022-09-21.pdf p2 asks for both: staff across the workforce, and foster
    # carers.
    both = _themes_of_point(
        findings, "herefordshire/2022-09-21.pdf:p2", "The sufficiency and stability of staff"
    )
    assert {"workforce", "placement_sufficiency"} <= both


def test_bad_taxonomy_names_file_row_and_column(tmp_path):
    bad = tmp_path / "themes.csv"
    bad.write_text(
        "theme,label,pattern,note\nfront_door,Front door,front door,\n"
        "Bad Id,Label,x,\nok_theme,Label,(unclosed,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputErrors) as e:
        load_taxonomy(bad)
    message = str(e.value)
    assert "row 3" in message and "theme" in message and "Bad Id" in message
    assert "row 4" in message and "pattern" in message and "(unclosed" in message


# --- the findings table in the build ----------------------------------------------------------


def _rows_of(findings, report: str):
    return findings[findings["file"].str.endswith(report)].sort_values("position")


def test_build_writes_findings_joined_to_judgements(built, judgements):
    from ofsted_analysis.findings.table import load_findings

    findings = load_findings(built)
    assert set(findings["inspection_id"]) <= set(judgements["inspection_id"])
    # leeds/2018-12-18.pdf (published 18 December 2018, as Ofsted's reports site dates it),
    # page 2: four points; Ofsted judged Leeds outstanding overall then.
    leeds = _rows_of(findings, "leeds/2018-12-18.pdf")
    assert leeds["position"].tolist() == [1, 2, 3, 4]
    assert leeds["source"].str.endswith(":p2").all()
    assert leeds["text"].iloc[0] == (
        "The consistent involvement of health agencies in strategy discussions."
    )
    (inspection_id,) = set(leeds["inspection_id"])
    own = judgements[judgements["inspection_id"] == inspection_id]
    assert own["la_name"].unique().tolist() == ["Leeds"]
    assert str(own.loc[own["area"] == "overall", "grade"].iloc[0]) == "Outstanding"
    assert own["published"].iloc[0].date().isoformat() == "2018-12-18"
    assert {
        "la_code",
        "la_name",
        "framework",
        "published",
        "kind",
        "position",
        "text",
        "source",
        "themes",
    } <= set(findings.columns)


def test_build_lists_reports_whose_list_is_not_delimited(built):
    from ofsted_analysis.findings.table import load_finding_problems

    problems = load_finding_problems(built)
    files = problems["file"].tolist()
    # thurrock/2024-10-29.pdf has no "What needs to improve" section; north-lincolnshire/
    # 2022-11-25.pdf has a paragraph there, not a list.
    assert any(f.endswith("thurrock/2024-10-29.pdf") for f in files)
    assert any(f.endswith("north-lincolnshire/2022-11-25.pdf") for f in files)
    assert problems["problem"].str.len().gt(10).all()


def test_update_adds_a_reports_points_and_keeps_the_others(tmp_path):
    from shared_files import CURATED, RELEASE_2025

    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.pipeline.run import build, update

    out = tmp_path / "store"
    build(raw=[RELEASE_2025, REPORTS / "leeds" / "2018-12-18.pdf"], out=out, curated=CURATED)
    assert len(_rows_of(load_findings(out), "leeds/2022-05-09.pdf")) == 0
    update([REPORTS / "leeds" / "2022-05-09.pdf"], out=out)
    after = load_findings(out)
    # leeds/2022-05-09.pdf, page 2: two points; the 2018 report's four are kept.
    assert _rows_of(after, "leeds/2022-05-09.pdf")["text"].tolist() == [
        "Contingency planning in children\u2019s written plans.",
        "Consistent decision-making for strategy discussions.",
    ]
    assert len(_rows_of(after, "leeds/2018-12-18.pdf")) == 4
    update([REPORTS / "leeds" / "2022-05-09.pdf"], out=out)  # the same file again
    assert load_findings(out).equals(after)


# --- analysis, charts, command line ------------------------------------------------------------


def _frame(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["la_code", "inspection_id", "published", "text"])


def test_theme_shares_count_reports_not_points():
    from ofsted_analysis.findings.table import theme_shares

    f = _frame(
        [
            # report A (2020): strategy discussions named twice -> one report
            ("E08000035", "A", "2020-05-01", "The quality of strategy discussions."),
            ("E08000035", "A", "2020-05-01", "Attendance at strategy meetings."),
            # report B (2020): private fostering only
            ("E08000032", "B", "2020-07-01", "Awareness of private fostering."),
            # report C (2021): strategy discussions
            ("E08000032", "C", "2021-02-01", "Strategy discussions with police."),
        ]
    )
    shares = theme_shares(f, by="year").set_index(["year", "theme"])
    assert shares.loc[(2020, "strategy_discussions"), "reports"] == 2
    assert shares.loc[(2020, "strategy_discussions"), "naming"] == 1
    assert shares.loc[(2020, "strategy_discussions"), "share"] == 0.5
    assert shares.loc[(2020, "private_fostering"), "share"] == 0.5
    assert shares.loc[(2021, "strategy_discussions"), "share"] == 1.0
    assert shares.loc[(2021, "private_fostering"), "share"] == 0.0
    by_region = theme_shares(f, by="region").set_index(["region", "theme"])
    # Leeds (E08000035) and Bradford (E08000032) are both in Yorkshire and the Humber
    assert by_region.loc[("Yorkshire and the Humber", "strategy_discussions"), "share"] == 2 / 3


def test_themes_by_grade_change_hand_counted():
    import pandas as pd

    from ofsted_analysis.findings.table import themes_by_grade_change

    j = pd.DataFrame(
        {
            "la_code": ["X", "X", "X", "Y", "Y"],
            "area": ["overall"] * 5,
            "inspection_id": ["x1", "x2", "x3", "y1", "y2"],
            "published": pd.to_datetime(
                ["2015-01-01", "2019-01-01", "2023-01-01", "2016-01-01", "2020-01-01"]
            ),
            "start_date": pd.NaT,
            "grade": ["Good", "Inadequate", "Good", "Good", "Good"],
        }
    )
    f = _frame(
        [
            ("X", "x2", "2019-01-01", "Management oversight of plans."),
            ("X", "x3", "2023-01-01", "Private fostering."),
            ("Y", "y2", "2020-01-01", "Private fostering arrangements."),
            ("X", "x1", "2015-01-01", "Private fostering (first inspection: no change)."),
        ]
    )
    t = themes_by_grade_change(f, j).set_index(["change", "theme"])
    assert t.loc[("fell", "management_oversight"), "share"] == 1.0
    assert t.loc[("rose", "private_fostering"), "share"] == 1.0
    assert t.loc[("same", "private_fostering"), "share"] == 1.0
    assert set(t.index.get_level_values("change")) == {"fell", "rose", "same"}


def test_authority_findings_marks_recurring_themes(built):
    from ofsted_analysis.findings.table import authority_findings, load_findings

    leeds = authority_findings(load_findings(built), "Leeds")
    # leeds/2018-12-18.pdf p2 point 1 and leeds/2022-05-09.pdf p2 point 2 both name strategy
    # discussions: the 2022 point recurs.
    point = leeds[leeds["text"] == "Consistent decision-making for strategy discussions."]
    assert "strategy_discussions" in point["recurring"].iloc[0]
    first = leeds[leeds["inspection_id"] == leeds["inspection_id"].iloc[0]]
    assert (first["recurring"] == "").all()


def test_charts_return_axes_with_title_alt_text_and_source(built, judgements):
    import matplotlib.pyplot as plt

    from ofsted_analysis.findings.table import (
        load_findings,
        theme_shares,
        themes_by_grade_change,
    )
    from ofsted_analysis.plots.findings import plot_theme_change, plot_theme_heatmap
    from ofsted_analysis.plots.style import alt_text

    findings = load_findings(built)
    shares = theme_shares(findings, by="year")
    ax = plot_theme_heatmap(shares)
    # the most often named theme, counted here from the findings directly
    per_theme = {}
    for theme in shares["theme"].unique():
        per_theme[theme] = findings.loc[
            findings["themes"].str.split("; ").apply(lambda ts, t=theme: t in ts), "inspection_id"
        ].nunique()
    top = max(per_theme, key=per_theme.get)
    label = shares.loc[shares["theme"] == top, "theme_label"].iloc[0]
    assert f"Most often named overall: {label}" in alt_text(ax.figure)
    assert any("Source: Ofsted" in t.get_text() for t in ax.figure.texts)
    plt.close(ax.figure)
    _, axes = plt.subplots()
    assert plot_theme_change(themes_by_grade_change(findings, judgements), ax=axes) is axes
    assert "grade fell" in alt_text(axes.figure)
    plt.close(axes.figure)


def test_cli_findings(built, tmp_path):
    run = run_cli
    assert run("findings", "--help").returncode == 0
    result = run("findings", "Leeds", "--data", str(built))
    assert result.returncode == 0, result.stderr
    assert "The consistent involvement of health agencies in strategy discussions." in result.stdout
    out = tmp_path / "pf.csv"
    result = run(
        "findings", "--theme", "private_fostering", "--csv", str(out), "--data", str(built)
    )
    assert result.returncode == 0, result.stderr
    import pandas as pd

    rows = pd.read_csv(out)
    assert len(rows) and rows["themes"].str.contains("private_fostering").all()
    bad = run("findings", "--theme", "no_such_theme", "--data", str(built))
    assert bad.returncode == 2 and "no_such_theme" in bad.stderr and "Traceback" not in bad.stderr


def test_warm_rebuild_takes_findings_from_the_cache_in_under_5_s(built, tmp_path):
    from shared_files import CURATED, SHIPPED_INPUTS

    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.pipeline.run import build

    again = build(raw=SHIPPED_INPUTS, out=tmp_path / "again", curated=CURATED)
    assert again.from_cache == len(again.files)  # no PDF opened again
    assert again.seconds < 5
    assert load_findings(tmp_path / "again").equals(load_findings(built))
    assert again.findings == len(load_findings(built))


# --- coverage: which inspections' points are held, and how to add the rest ----------------------


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


def _d2i_reports(authority: str) -> list:
    """Publication dates of an authority's reports in the D2I history (dd/mm/yy), read here
    with the csv module, not the project's reader."""
    from datetime import datetime

    from shared_files import D2I_HISTORY

    with open(D2I_HISTORY, newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["local_authority"] == authority]
    return sorted(datetime.strptime(r["publication_date"], "%d/%m/%y").date() for r in rows)


def _release_2023_row(name: str):
    """An authority's row of the 2023 release's LA_inspections_2009-2023 sheet."""
    import pandas as pd
    from shared_files import RELEASE_2023

    sheet = pd.read_excel(
        RELEASE_2023, sheet_name="LA_inspections_2009-2023", engine="calamine", header=4
    )
    sheet.columns = [" ".join(str(c).split()) for c in sheet.columns]
    return sheet[sheet["Local authority name"] == name].iloc[0]


def _shipped_coverage(authority):
    import ofsted_analysis as oa
    from ofsted_analysis.findings.report_coverage import coverage
    from ofsted_analysis.findings.table import load_finding_problems

    return coverage(oa.load_findings(themes=False), oa.load(), authority, load_finding_problems())


def test_coverage_says_which_of_bradfords_reports_are_held_and_how_to_add_the_rest():
    # Bradford's reports as the D2I history lists them (2014, 2018, 2023 and the January 2026
    # ILACS inspection published 21 May 2026); the report PDFs held are those in
    # ../shared/data/reports/bradford. Its 2012 SLAC inspection is in the 2023 release.
    published = _d2i_reports("bradford")
    pdfs = {p.stem for p in (REPORTS / "bradford").glob("*.pdf")}
    assert published and any(d.isoformat() not in pdfs for d in published)
    slac = _release_2023_row("Bradford")[
        "Safeguarding & Looked After Children (SLAC) Inspection publication date"
    ].date()

    table, text = _shipped_coverage("Bradford")
    by_date = {d.date(): r for d, r in zip(table["published"], table.itertuples(), strict=True)}
    for day in published:
        row = by_date[day]
        if day.isoformat() in pdfs:
            assert row.status == "held" and row.points > 0
            assert row.report.endswith(f"bradford/{day.isoformat()}.pdf")
        else:
            assert row.status == "not held" and row.points == 0
            pdf = f"data/raw/reports/bradford/{day.isoformat()}.pdf"
            # ILACS: every report in the D2I history after 2018 is one (its framework column)
            assert (
                f"the report of the ILACS inspection published {_long(day)} is not held: put "
                f"the report PDF under data/raw/reports (as {pdf}"
            ) in text
            assert f"run `ofsted-analysis update {pdf}`" in text
    assert by_date[slac].status == "not read" and "SLAC reports" in by_date[slac].note
    held = sum(d.isoformat() in pdfs for d in published)
    assert text.startswith(
        f"Bradford: points to improve are held for {held} of {len(published) + 1} graded "
        "inspections"
    )


def test_coverage_of_an_abolished_authority_names_its_inspections_and_successors():
    # The 2023 release's row for Northamptonshire (former authorities' table): TLAC published
    # 23 August 2013, first SIF 27 April 2016, first ILACS 29 July 2019, SLAC 6 May 2011, CPI
    # 20 March 2013. No report PDF of Northamptonshire is held.
    row = _release_2023_row("Northamptonshire")
    assert not (REPORTS / "northamptonshire").exists()
    to_add = {
        "TLAC": row["Targeted Looked After Children (TLAC) inspection publication date"],
        "SIF": row["Single Inspection of LA Children's Services (SIF) First SIF publication date"],
        "ILACS": row["First ILACS framework publication date"],
    }
    not_read = {
        "SLAC": row["Safeguarding & Looked After Children (SLAC) Inspection publication date"],
        "CPI": row["Child Protection Inspections (CPI) publication date"],
    }
    table, text = _shipped_coverage("Northamptonshire")
    assert len(table) == len(to_add) + len(not_read)
    assert (table["points"] == 0).all()
    for name, day in to_add.items():
        assert f"the report of the {name} inspection published {_long(day)} is not held" in text
        assert f"`ofsted-analysis update data/raw/reports/northamptonshire/{day:%Y-%m-%d}.pdf`" in (
            text
        )
    for name, day in not_read.items():
        assert f"the {name} inspection published {_long(day)}: points are not read" in text
    # Northamptonshire was replaced by North and West Northamptonshire on 1 April 2021 (both
    # are authorities of their own in the same release).
    assert "replaced from 1 April 2021 by: North Northamptonshire; West Northamptonshire" in text
    assert '`ofsted-analysis findings "North Northamptonshire"`' in text
    _, after = _shipped_coverage("North Northamptonshire")
    assert after.startswith(
        "North Northamptonshire exists from 1 April 2021, replacing Northamptonshire"
    )


def test_coverage_gives_the_reason_a_held_reports_list_was_not_read():
    # thurrock/2024-10-29.pdf has no "What needs to improve" section (pages 1-5 read by eye).
    table, text = _shipped_coverage("Thurrock")
    row = table[table["report"].str.endswith("thurrock/2024-10-29.pdf")].iloc[0]
    assert row.status == "no list read" and row.points == 0
    assert "What needs to improve" in row.note and row.note in text


def test_following_the_coverage_instruction_adds_the_points(tmp_path):
    # Tables from the 2025 release alone hold no points; Leeds' ILACS inspection published
    # 9 May 2022 (the release's ILACS_inspection_history) is then "not held". Updating with
    # its report, as the note says, adds its two points (leeds/2022-05-09.pdf, page 2).
    from shared_files import CURATED, RELEASE_2025

    import ofsted_analysis as oa
    from ofsted_analysis.findings.report_coverage import coverage
    from ofsted_analysis.findings.table import load_findings
    from ofsted_analysis.pipeline.run import build, update

    out = tmp_path / "store"
    build(raw=[RELEASE_2025], out=out, curated=CURATED)
    before = coverage(load_findings(out, themes=False), oa.load(out), "Leeds")
    row = before.table[before.table["published"] == "2022-05-09"].iloc[0]
    assert row.status == "not held"
    assert "`ofsted-analysis update data/raw/reports/leeds/2022-05-09.pdf`" in before.text
    update([REPORTS / "leeds" / "2022-05-09.pdf"], out=out)
    after = coverage(load_findings(out, themes=False), oa.load(out), "Leeds")
    row = after.table[after.table["published"] == "2022-05-09"].iloc[0]
    assert (row.status, row.points) == ("held", 2)
    assert "published 9 May 2022 is not held" not in after.text


def test_cli_findings_says_what_is_missing(tmp_path):
    import ofsted_analysis as oa

    # Northamptonshire: inspected (SIF published 27 April 2016, ILACS 29 July 2019: the 2023
    # release), no report held.
    result = run_cli("findings", "Northamptonshire")
    assert result.returncode == 0, result.stderr
    assert "no points" in result.stdout
    assert "the report of the SIF inspection published 27 April 2016 is not held" in result.stdout
    assert "the report of the ILACS inspection published 29 July 2019 is not held" in result.stdout
    # Bradford: the D2I history's report of 21 May 2026 is not among the PDFs held.
    assert not (REPORTS / "bradford" / "2026-05-21.pdf").exists()
    result = run_cli("findings", "Bradford")
    assert "the report of the ILACS inspection published 21 May 2026 is not held" in result.stdout
    # Every authority, to a CSV: the count goes to stderr, beside the file.
    result = run_cli("findings", "--theme", "workforce", "--csv", tmp_path / "workforce.csv")
    graded = oa.load()["inspection_id"].nunique()
    held = oa.load_findings(themes=False)["inspection_id"].nunique()
    assert f"Points to improve are held for {held} of {graded} graded inspections" in (
        result.stderr
    )
