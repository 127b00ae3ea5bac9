"""Briefing packs (issue 18): every kind of authority renders, the HTML passes axe-core's WCAG
2.2 AA rules in headless Chromium, the PDF's text is selectable and in reading order, the first
page is not blank, and bad input gets suggestions and exit status 2.

Expected values come from outside the code under test: Ofsted's reports (Leeds' 2025 report,
published 12 August 2025, Outstanding overall; the City of London's 2024 report), DfE's c1 file
(Isles of Scilly's 2025 child protection plans suppressed as ``c``), the reorganisation
(Cumbria replaced by Cumberland and Westmorland and Furness on 1 April 2023: the Cumbria
(Structural Changes) Order 2022) and our trust reference table (read here as a CSV).
"""

from __future__ import annotations

import csv
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from commands import run_cli

import ofsted_analysis as oa
from ofsted_analysis.briefing.pdf import CHROMIUM_ARGS, chromium_path

ROOT = Path(__file__).resolve().parents[1]
TRUSTS = ROOT / "data" / "reference" / "childrens_services_trusts.csv"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _trust_run() -> tuple[str, str]:
    """An authority a trust runs today and the trust's name, from the reference CSV."""
    with open(TRUSTS, newline="", encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh) if not r["to"])
    return oa.register().by_gss(row["la_code"]).la_name, row["name"]


TRUST_LA, TRUST = _trust_run()
AUTHORITIES = ["Leeds", "Isles of Scilly", "City of London", "Cumbria", "Cumberland", TRUST_LA]


@pytest.fixture(scope="module")
def packs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("briefs")
    written = oa.brief(AUTHORITIES, out=out, workers=2)
    html = [p for p in written if p.suffix == ".html"]
    pdf = [p for p in written if p.suffix == ".pdf"]
    return {name: (h, p) for name, h, p in zip(AUTHORITIES, html, pdf, strict=True)}


def _text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


class _Outline(HTMLParser):
    """Headings, images and table cells of a page, as a screen reader meets them."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.images: list[dict] = []
        self.th = 0
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("img", "svg"):
            self.images.append(a)
        if tag == "th":
            self.th += 1
        if tag == "table":
            self.tables += 1


def test_every_kind_of_authority_renders(packs):
    for name, (html, pdf) in packs.items():
        assert html.stat().st_size > 10_000 and pdf.read_bytes()[:5] == b"%PDF-", name
    leeds = _text(packs["Leeds"][0])
    # Ofsted's report on Leeds published 12 August 2025: Outstanding overall, as in 2022.
    assert "Overall effectiveness Outstanding ILACS 30 June 2025 12 August 2025" in leeds
    assert "the same as at the inspection before (Outstanding, 2022)" in leeds
    # City of London: Outstanding in 2020 and in 2024 (Ofsted's reports).
    assert "Overall effectiveness Outstanding ILACS" in _text(packs["City of London"][0])
    cumbria = _text(packs["Cumbria"][0])
    replaced = "replaced from 1 April 2023 by: Cumberland; Westmorland and Furness"
    assert replaced in cumbria.split("Latest judgements")[0]  # said at the top
    history = cumbria.split("Judgements over time")[1].split("Outcome indicators")[0]
    assert history.rstrip().endswith(replaced + ".")  # and where its history ends
    assert "compared with DfE's April 2021 statistical-neighbour model" in cumbria
    cumberland = _text(packs["Cumberland"][0])
    assert "Cumberland was created on 1 April 2023 from Cumbria" in cumberland
    assert "29 May 2012 Cumbria SLAC" in cumberland  # its history reaches back through Cumbria
    assert f"run by {TRUST}" in _text(packs[TRUST_LA][0])


def test_suppressed_values_show_dfe_code_not_zero(packs):
    scilly = _text(packs["Isles of Scilly"][0])
    # DfE's 2025 child protection plans at 31 March for the Isles of Scilly: published as c.
    assert "Child protection plans on 31 March per 10,000 children 2025 c (not published)" in (
        scilly
    )
    assert "too few to compare" in scilly  # 0.0% re-referrals of 32 referrals


def test_outcome_table_says_rank_1_is_best(packs):
    leeds = _text(packs["Leeds"][0])
    # DfE's workforce file: Leeds' turnover 7.0% in 2025 (9.0% in 2024), the lowest of its
    # eleven (the example in issue 17), so rank 1, the best; the caption says so.
    assert "Children's social worker turnover (FTE) 2025 7.0% 9.0% in 2024: better 1 of 11" in (
        leeds
    )
    assert "rank 1 = best" in leeds.split("Outcome indicators")[1]


def test_no_inspection_in_the_period_is_said(tmp_path):
    written = oa.brief("Cumberland", out=tmp_path, as_at="2024-03-31", workers=1)
    text = _text(written[0])
    assert "Cumberland had no graded inspection of its own in the data up to 31 March 2024" in (
        text
    )
    # DfE's years ended by 31 March 2024 only: no 2025 value is shown
    section = text.split("Outcome indicators")[1].split("What inspectors")[0]
    assert re.search(r"\b2024 \d", section) and not re.search(r"\b2025 \d", section)


def test_structure_lang_headings_alt_text_and_tables(packs):
    for name, (html, _) in packs.items():
        page = _Outline()
        page.feed(html.read_text(encoding="utf-8"))
        assert page.lang == "en-GB", name
        assert page.headings.count(1) == 1 and page.headings[0] == 1, name
        steps = zip(page.headings, page.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), (name, page.headings)  # no level skipped
        assert page.images, name
        # the alt text the trajectory figure writes (as figures/trajectory_leeds.alt.txt does)
        assert all(i.get("alt", "").startswith("Step chart") for i in page.images), name
        # a data table behind every chart, header cells in every table
        assert page.tables >= len(page.images) + 1 and page.th > page.tables, name
        # self-contained: the chart inside the page, no file or address fetched
        assert all(i["src"].startswith("data:image/svg+xml;base64,") for i in page.images)
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"""(?:href|src)=["'](?!data:|#)""", text), name
        assert "<link" not in text and "@import" not in text, name


def axe_violations(pages: dict[str, Path]) -> dict[str, list[tuple[str, str]]]:
    """axe-core's WCAG 2.2 AA violations on each HTML page, in headless Chromium."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        found = {}
        for name, html in pages.items():
            page.goto(html.as_uri())
            result = Axe().run(page, options=options).response
            version = tuple(int(x) for x in result["testEngine"]["version"].split(".")[:2])
            assert version >= (4, 8)  # axe-core's WCAG 2.2 rules
            found[name] = [(v["id"], v["nodes"][0]["html"][:120]) for v in result["violations"]]
        browser.close()
    return found


def test_axe_core_finds_no_wcag_22_aa_violation(packs):
    found = axe_violations({name: html for name, (html, _) in packs.items()})
    assert found == {name: [] for name in packs}


def test_pdf_text_selectable_in_reading_order_first_page_not_blank(packs):
    import pypdfium2

    for name, (_, pdf) in packs.items():
        doc = pypdfium2.PdfDocument(pdf)
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        flat = " ".join(text.split())
        order = [
            f"{oa.register().get(name).la_name}: children's services briefing",
            "Summary",
            "Latest judgements" if "no graded inspection" not in flat else "Summary",
            "Judgements over time",
            "Outcome indicators",
            "What inspectors asked",
            "Visits since",
            "Area SEND inspection",
            "Sources and caveats",
        ]
        at = [flat.index(h) for h in order]
        assert at == sorted(at), name
        image = doc[0].render(scale=0.5).to_pil().convert("L")
        dark = sum(image.histogram()[:128])
        assert dark > 0.005 * image.width * image.height, name  # text on the first page


def test_unknown_authority_suggests_and_exits_2(tmp_path):
    out = tmp_path / "briefs"
    result = run_cli("brief", "Leeds", "Leedz", "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'Leedz'" in result.stderr and "closest: Leeds" in result.stderr
    assert not out.exists()  # nothing written, not even Leeds' pack


@pytest.mark.parametrize(
    "args, words",
    [
        # the data date of the shipped tables is their latest report: nothing after it
        (("Leeds", "--as-at", "2031-01-01"), "on or before the data date"),
        (("Leeds", "--as-at", "2008-01-01"), "the first inspection in the data"),
        (("Leeds", "--neighbours", "2019"), "2021, 2025"),  # DfE's models held
        ((), "one or more authority names, or --all"),
    ],
)
def test_bad_options_exit_2_before_writing(tmp_path, args, words):
    out = tmp_path / "briefs"
    result = run_cli("brief", *args, "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr
    assert not out.exists()


def test_cli_writes_one_pack_and_says_so(tmp_path):
    result = run_cli("brief", "City of London", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "city_of_london.html",
        "city_of_london.pdf",
    ]
    assert f"wrote 1 pack (HTML and PDF) to {tmp_path}" in result.stdout


def test_all_means_every_current_authority_and_every_former_one_inspected():
    from ofsted_analysis.briefing.run import every_authority
    from ofsted_analysis.briefing.tables import Tables

    names = [a.la_name for a in every_authority(Tables.load())]
    # 153 authorities today (Ofsted's release as at 31 March 2025 lists 153), and the former
    # ones the 2023 release's second table lists with inspections
    assert sum(oa.register().get(n).current for n in names) == 153
    assert {"Cumbria", "Northamptonshire", "Bournemouth", "Poole"} <= set(names)


def test_points_to_improve_are_quoted_as_the_report_writes_them(packs):
    """Each point in Leeds' pack appears word for word in Ofsted's report, read here with pypdf
    (not the package's reader)."""
    import pypdf
    from shared_files import SHARED

    html = packs["Leeds"][0].read_text(encoding="utf-8")
    points = [unescape(p) for p in re.findall(r"<li><q>(.*?)</q></li>", html, flags=re.S)]
    assert len(points) == 2  # the 2025 report's "What needs to improve" has two
    report = pypdf.PdfReader(SHARED / "reports" / "leeds" / "2025-08-12.pdf")
    text = " ".join(" ".join(page.extract_text() for page in report.pages).split())
    for point in points:
        assert " ".join(point.split()) in text
    assert "Source: Ofsted's report, reports/leeds/2025-08-12.pdf, page 2." in _text(
        packs["Leeds"][0]
    )
