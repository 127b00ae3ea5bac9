"""Sentences the notebooks state about the data (judgements/provenance.py, narrative.py),
checked against independent sources: the official releases' own cells (read here with pandas,
not with the package's readers), the Data to Insight scrape's own rows, ONS's count of
authorities per region, the README's documented rules, and hand-made tables whose answers are
worked out by hand below."""

from __future__ import annotations

import pandas as pd
import pytest
import synthetic
from shared_files import CURATED, D2I_HISTORY, PROJECT, RAW, RELEASE_2023, RELEASE_2025

from ofsted_analysis.core.words import Prose
from ofsted_analysis.judgements.narrative import (
    areas_text,
    coverage_text,
    dates_text,
    quarter_series,
    region_sizes_text,
    thin_years_text,
    trajectory_text,
    visits_text,
)
from ofsted_analysis.judgements.provenance import (
    conflicts_text,
    data_date_text,
    precedence_text,
)

ENGLAND_LAS_BEFORE_2019 = 152  # DfE: 152 local authorities with children's services, 2009-2019


@pytest.fixture(scope="module")
def releases_only(tmp_path_factory):
    """Tables built from Ofsted's two official releases only."""
    import ofsted_analysis as oa

    root = tmp_path_factory.mktemp("releases")
    (root / "curated").mkdir()
    oa.build(raw=[RELEASE_2023, RELEASE_2025], out=root / "processed", curated=root / "curated")
    return oa.load(root / "processed")


@pytest.fixture(scope="module")
def raw_tables(tmp_path_factory):
    """Tables built from every release, the scrape and the curated records (no report PDFs)."""
    import ofsted_analysis as oa
    from ofsted_analysis.storage import store

    out = tmp_path_factory.mktemp("raw") / "processed"
    oa.build(raw=[RAW], out=out, curated=CURATED)
    return oa.load(out), oa.load_events(out), store.load_observations(out), oa.load_conflicts(out)


def _release_2023_la_sheet() -> pd.DataFrame:
    sheet = pd.read_excel(
        RELEASE_2023, sheet_name="LA_inspections_2009-2023", engine="calamine", header=4
    )
    sheet.columns = [" ".join(str(c).split()) for c in sheet.columns]
    return sheet


def _ilacs_history_2025() -> pd.DataFrame:
    return pd.read_excel(
        RELEASE_2025, sheet_name="ILACS_inspection_history", engine="calamine", header=2
    )


def test_prose_is_markdown_and_the_same_plain_text():
    text = Prose("**11** authorities")
    assert text._repr_markdown_() == "**11** authorities" == repr(text) == str(text)


def test_coverage_text_matches_the_2023_release(releases_only):
    # The 2023 release's LA_inspections_2009-2023 sheet: one row per authority, with the
    # publication date of its first SIF inspection and its overall effectiveness grade.
    sheet = _release_2023_la_sheet()
    pub_col = next(
        c for c in sheet.columns if c.startswith("Single Inspection of LA") and "First SIF" in c
    )
    oe_col = next(c for c in sheet.columns if c.startswith("First SIF Overall"))
    first_sif = pd.to_datetime(sheet.loc[sheet[oe_col].notna(), pub_col], errors="coerce")
    at_march_2014 = int((first_sif <= "2014-03-31").sum())
    quarters = pd.date_range("2014-03-31", "2018-03-31", freq="QE-DEC")
    half = next(q for q in quarters if (first_sif <= q).sum() >= ENGLAND_LAS_BEFORE_2019 / 2)

    text = coverage_text(releases_only, "overall")
    assert f"At 31 March 2014, {at_march_2014} authorities had one" in text
    assert f"fewer than half did until {half:%B %Y}" in text
    assert "from SIF" in text


def test_thin_years_text_matches_the_2025_release(releases_only):
    # Ofsted's ILACS inspection history (2025 release), one row per graded inspection:
    # inspections by year of the inspection date.
    history = _ilacs_history_2025()
    per_year = pd.to_datetime(history["Inspection date"]).dt.year.value_counts()
    text = thin_years_text(releases_only)
    assert f"2020 ({per_year[2020]}) and 2021 ({per_year[2021]})" in text


def test_areas_text_care_leavers_start_matches_the_2025_release(releases_only):
    # The first ILACS inspection with a care-leavers grade in Ofsted's own history table.
    history = _ilacs_history_2025()
    graded = history[history["The experiences and progress of care leavers"].notna()]
    first = graded.assign(d=pd.to_datetime(graded["Inspection date"])).sort_values("d").iloc[0]
    text = areas_text(releases_only)
    assert (
        f"care leavers are a judgement of their own from the inspection of "
        f"{first['Local authority name']} ({first['d'].day} {first['d']:%B %Y})"
    ) in text
    assert "Adoption and LSCB were judged under SIF only" in text  # the design's area table


def test_data_date_text_names_the_release_end_and_what_only_the_scrape_holds(raw_tables):
    j, _, observations, _ = raw_tables
    release_end = pd.to_datetime(_ilacs_history_2025()["Publication date"]).max()
    scrape = pd.read_csv(D2I_HISTORY)
    published = pd.to_datetime(scrape["publication_date"], format="%d/%m/%y")
    newer = scrape[published > release_end].drop_duplicates(["local_authority", "publication_date"])
    text = data_date_text(observations, j)
    assert f"The data date is **{published.max().day} {published.max():%B %Y}**" in text
    assert f"Ofsted's latest official release runs to {release_end.day} {release_end:%B %Y}" in text
    assert f"the {len(newer)} inspections published since" in text
    assert "come only from the Data to Insight scrape" in text


def test_region_sizes_text_matches_ons_counts(raw_tables):
    from ofsted_analysis.judgements.compare import compare_region

    j = raw_tables[0]
    # ONS local authority districts with children's services, 2024: London 32 boroughs plus
    # the City; East Midlands 10 (North and West Northamptonshire since 2021).
    by_region = compare_region(j, "2024-03-31")
    text = region_sizes_text(by_region)
    assert text.startswith("Regions hold 10 (East Midlands) to 33 (London) authorities")


def test_precedence_text_follows_the_readme():
    readme = (PROJECT / "docs" / "building.md").read_text(encoding="utf-8")
    # docs/building.md, "Merging and precedence": release > report PDF > scrape > curated records.
    assert "the official release wins over a report PDF, which wins over the scrape" in (
        " ".join(readme.split())
    )
    text = precedence_text()
    order = [
        text.index(w)
        for w in ("official release", "report PDF", "Data to Insight", "curated record")
    ]
    assert order == sorted(order)


# --- hand-made tables: every expected sentence worked out from synthetic.INSPECTIONS ---------


def test_trajectory_text_on_the_hand_made_table():
    j = synthetic.judgements()
    # Leeds: L1 2010 SLAC (help & protection Inadequate), L2 2015 SIF (overall Good),
    # L3 2018 ILACS (overall Outstanding), L4 2026 (help & protection Good).
    assert trajectory_text(j, "leeds", ["overall", "help_and_protection"]) == (
        "**Leeds**: 4 graded inspections, 2010 to 2026. Overall: Good (2015); Outstanding "
        "(2018). Help & protection: Inadequate (2010); Good (2026)."
    )
    assert trajectory_text(j, "Barking and Dagenham", "overall") == (
        "**Barking and Dagenham**: 3 graded inspections, 2014 to 2019. Overall: Inadequate "
        "(2014); Requires improvement (2016); Good (2019)."
    )
    assert trajectory_text(j, "Coventry", "overall") == (
        "**Coventry**: no graded inspection in overall effectiveness."
    )


def test_visits_and_dates_text_on_the_hand_made_tables():
    ev = synthetic.events()  # one focused visit: Leeds, June 2021
    assert visits_text(ev).startswith(
        "Ungraded focused and monitoring visits are listed for June 2021 (1, source not "
        "recorded). Visits at other dates (before June 2021 and after June 2021) are not in "
        "the sources read"
    )
    j = synthetic.judgements()
    j.loc[j["framework"] == "slac", "start_date"] = pd.NaT  # SLAC: publication date only
    text = dates_text(j)
    assert text.startswith(
        "Fieldwork dates are known for all SIF, ILACS and ILACS 2026 "
        "inspections and for no SLAC inspection."
    )


def test_conflicts_text_on_a_hand_made_table():
    observations = pd.DataFrame(
        {
            "file": ["rel.ods", "scrape.csv", "mine.csv"],
            "source_kind": ["official", "scrape", "curated"],
        }
    )
    conflicts = pd.DataFrame(
        {
            "inspection_id": ["a", "a", "b", "b", "c"],
            "la_name": ["Leeds", "Leeds", "Barnet", "Barnet", "Hull"],
            "field": ["grade", "grade", "grade", "published", "grade"],
            "kept_source": [
                "rel.ods:S:r2:E",
                "rel.ods:S:r2:F",
                "scrape.csv:r9",
                "rel.ods:S:r3",
                None,
            ],
            "other_source": [
                "scrape.csv:r4",
                "scrape.csv:r4",
                "mine.csv:r2",
                "scrape.csv:r9",
                "scrape.csv:r7",
            ],
            "rule": ["official over scrape"] * 2
            + ["scrape over curated", "official over scrape"]
            + ["not a judgement of ILACS for fieldwork before January 2023"],
        }
    )
    # By hand: five rows, three inspections, three authorities; grades kept: two official
    # over the scrape, one scrape over curated; one date (official over scrape); one grade with
    # nothing kept, from the scrape.
    assert conflicts_text(conflicts, observations) == (
        "5 disagreements on 3 inspections of 3 authorities. Grades kept from: 2 official "
        "releases over the Data to Insight scrape and 1 the Data to Insight scrape over "
        "curated records. Dates kept from: 1 official releases over the Data to Insight "
        "scrape. Left out: 1 grade from the Data to Insight scrape (not a judgement of ILACS "
        "for fieldwork before January 2023)."
    )
    assert conflicts_text(conflicts.iloc[:0], observations) == (
        "The sources never disagreed on a grade."
    )


def test_quarter_series_starts_at_the_first_judgement_in_the_area():
    j = synthetic.judgements()
    # First overall judgement: Barking and Dagenham, January 2014 (B1); first help and
    # protection: Leeds, January 2010 (L1).
    assert quarter_series(j, "2014-12-31") == list(
        pd.to_datetime(["2014-03-31", "2014-06-30", "2014-09-30", "2014-12-31"])
    )
    assert quarter_series(j, "2010-06-30", "help_and_protection") == list(
        pd.to_datetime(["2010-03-31", "2010-06-30"])
    )
    # Before any judgement: the date alone, so a snapshot there shows no one judged.
    assert quarter_series(j, "2009-01-01") == [pd.Timestamp("2009-01-01")]


# Numbers a notebook's markdown may state, each a definition or a citation that data cannot
# change (the rest must be outputs of ofsted_analysis.judgements): framework and grouping
# dates, Ofsted's published headline figures and their dates (notebook 03 checks them against
# the data), the pandemic pause, and references to other notebooks.
ALLOWED_IN_MARKDOWN = {
    "March 2020",
    "COVID-19",  # Ofsted suspended routine inspections
    "April 2026",
    "April 2021",
    "(since 2018)",  # ILACS 2026 start; DfE groupings; ILACS start
    "**60%**",
    "31 March 2024",
    "30 June 2024",  # Ofsted's published figures (notebook 03)
    "**49%**",
    "August 2019",
    "30 September 2019",
    "notebook 2",
    "notebook 3",
    "(%)",
    "31 March.",
    "(1 = highest)",
    "offset 0",
    "to 31 March,",
    "by 31 March",  # notebook 06's definitions
    "2016 framework",
    "2016-framework",
    "2023 framework",
    "2023-framework",
    "(May 2016 to December 2022)",
    "(from January 2023)",  # the area SEND frameworks' names and dates (notebook 09)
}


def test_notebook_markdown_states_no_number_that_data_could_change():
    import re

    import nbformat

    found = []
    for path in sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "markdown":
                continue
            text = re.sub(r"`[^`]*`", "", cell.source)  # commands and names
            text = re.sub(r"^#+ \d+\..*$", "", text, flags=re.M)  # "# 3. The national picture"
            for allowed in ALLOWED_IN_MARKDOWN:
                text = text.replace(allowed, "")
            found += [
                f"{path.name}, cell {i}: {line.strip()}"
                for line in text.splitlines()
                if re.search(r"\d", line)
            ]
    assert not found, "typed facts in markdown; make them judgements outputs:\n" + "\n".join(found)
