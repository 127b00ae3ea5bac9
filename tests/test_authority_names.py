"""Authority names read by rule (ofsted_analysis/core/names.py, core/authorities.py): every
combination of council style around every name in the register, the names that stripping
must not confuse, and the children's services trusts as dated aliases."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from shared_files import SHARED

from ofsted_analysis.core.authorities import TRUSTS, Authority, register
from ofsted_analysis.core.errors import InputError

# Councils' styles as they write them (ONS's and Ofsted's lists, the reports' titles, the
# councils' legal names): before the name...
PREFIXES = (
    "",
    "The ",
    "City of ",
    "County of ",
    "Borough of ",
    "Royal Borough of ",
    "The Royal Borough of ",
    "London Borough of ",
    "the London Borough of ",
    "Metropolitan Borough of ",
    "City and County of ",
    "Council of the ",
    "Council of the City of ",
    "The Council of the Borough of ",
    "The Borough Council of ",
    "The County Council of ",
    "The Metropolitan Borough Council of ",
    "The Mayor and Burgesses of the London Borough of ",
    "The Lord Mayor and Citizens of the City of ",
)
# ... and after it, including the inverted forms of the published lists.
SUFFIXES = (
    "",
    " Council",
    " City Council",
    " County Council",
    " Borough Council",
    " District Council",
    " Metropolitan Borough Council",
    " Metropolitan District Council",
    " Metropolitan Council",
    " Metropolitan Borough",
    " Unitary Authority",
    " Local Authority",
    " City",
    " County",
    " Borough",
    " Corporation",
    " Children's Services",
    ", City of",
    ", County of",
    ", Royal Borough of",
    ", London Borough of",
)


def _a_day_of(a: Authority) -> date:
    """A day the authority existed on."""
    return a.exists_to or a.exists_from or date(2020, 1, 1)


AUTHORITIES = register().authorities


@pytest.mark.parametrize("authority", AUTHORITIES, ids=lambda a: a.la_name)
def test_every_style_around_every_name_means_that_authority_and_nothing_else(authority):
    # A styled form that is, as written, another authority's registered name ("Dorset" +
    # " County Council" is the county abolished in 2019) means this one on a day only this
    # one existed.
    reg = register()
    when = _a_day_of(authority)
    wrong = []
    for name in (authority.la_name, *authority.aliases):
        for prefix in PREFIXES:
            for suffix in SUFFIXES:
                styled = f"{prefix}{name}{suffix}"
                found = reg.matches(styled, when)
                if found != [authority]:
                    wrong.append((styled, [a.la_name for a in found]))
    assert not wrong, wrong[:10]


def test_no_style_form_is_left_untested():
    # The generated test covers len(PREFIXES) x len(SUFFIXES) forms of each of the
    # register's names: 19 x 21 per name.
    names = sum(1 + len(a.aliases) for a in AUTHORITIES)
    assert len(PREFIXES) * len(SUFFIXES) * names > 50_000


@pytest.mark.parametrize(
    ("name", "when", "code"),
    [
        # Issue 20 item 9: the council's own names for itself.
        ("Bradford Council", None, "E08000032"),
        ("City of Bradford", None, "E08000032"),
        ("City of Bradford Metropolitan District Council", None, "E08000032"),
        # A name that is itself styled is found as written, never shortened.
        ("City of London", None, "E09000001"),
        ("City of London Corporation", None, "E09000001"),
        ("The Mayor and Commonalty and Citizens of the City of London", None, "E09000001"),
        ("Bristol, City of", None, "E06000023"),
        ("Kingston upon Hull, City of", None, "E06000010"),
        ("Herefordshire, County of", None, "E06000019"),
        ("County Durham", None, "E06000047"),
        ("Durham County Council", None, "E06000047"),
        # Distinctive words are never taken off: "North East" stays.
        ("North East Lincolnshire Council", None, "E06000012"),
        ("North Lincolnshire Council", None, "E06000013"),
        ("Lincolnshire County Council", None, "E10000019"),
        ("Westmorland and Furness Council", date(2024, 1, 1), "E06000064"),
        # The name a reorganised county shares with its successor, by date.
        ("Dorset County Council", date(2016, 5, 23), "E10000009"),
        ("Dorset Council", date(2021, 11, 19), "E06000059"),
    ],
)
def test_styled_names_that_must_not_be_confused(name, when, code):
    assert register().resolve(name, when).la_code == code


@pytest.mark.parametrize(
    ("name", "when", "expected"),
    [
        ("London", None, "a known authority name"),  # a region, not the City of London
        ("London Borough", None, "a known authority name"),
        ("City Council", None, "a known authority name"),
        ("Westmorland", date(2024, 1, 1), "closest: Westmorland and Furness"),
        ("Kingston", None, "closest: Kingston upon"),
        ("Lincolnshire North", None, "a known authority name"),
        ("Northamptonshire County Council", date(2022, 1, 1), "successors North"),
    ],
)
def test_unknown_or_stripped_to_nothing_stays_an_error(name, when, expected):
    with pytest.raises(InputError, match=expected):
        register().resolve(name, when)


# --- children's services trusts ---------------------------------------------------------------

TRUST_ROWS = list(csv.DictReader(open(TRUSTS, encoding="utf-8")))

# The trusts and companies that have run an authority's children's services, with the
# authority each ran, as the published sources name them (each row of
# data/reference/childrens_services_trusts.csv cites its own):
# - DfE written answer to PQ 113550 (2017): trusts in Doncaster and Slough established by the
#   department; Sunderland's "Together for Children"; Achieving for Children, set up by
#   Richmond and Kingston, expanded to the Royal Borough of Windsor and Maidenhead;
# - Doncaster's trust from 1 October 2014 (Thorne Gazette, 2014) back in house by 30 September
#   2022 (Local Government Lawyer, 2022); Slough's from 1 October 2015, Slough Children First,
#   owned by the council, from 1 April 2021 (Slough Borough Council; Slough Observer, 2021);
# - Freeths, "Children's Social Care: Alternative Delivery Models" (2018): Sandwell Children's
#   Trust and Birmingham Children's Trust launched on 1 April 2018;
# - Community Care (1 Oct 2019; 2024): Worcestershire Children First, 1 October 2019 to
#   30 September 2024; Community Care (9 Oct 2020): Northamptonshire's trust ("Children First
#   Northamptonshire" as first announced) from 1 November 2020;
# - Together for Children from 1 April 2017 (SR News, 2017); Bradford Children and Families
#   Trust, "Bradford Children's Trust" as announced, from 1 April 2023 (Bradford Zone; BBC News).
PUBLISHED = {
    "Achieving for Children": {
        "Kingston upon Thames",
        "Richmond upon Thames",
        "Windsor and Maidenhead",
    },
    "Doncaster Children's Services Trust": {"Doncaster"},
    "Doncaster Children's Trust": {"Doncaster"},
    "Slough Children's Services Trust": {"Slough"},
    "Slough Children First": {"Slough"},
    "Together for Children": {"Sunderland"},
    "Birmingham Children's Trust": {"Birmingham"},
    "Sandwell Children's Trust": {"Sandwell"},
    "Worcestershire Children First": {"Worcestershire"},
    "Northamptonshire Children's Trust": {
        "Northamptonshire",
        "North Northamptonshire",
        "West Northamptonshire",
    },
    "Children First Northamptonshire": {
        "Northamptonshire",
        "North Northamptonshire",
        "West Northamptonshire",
    },
    "Bradford Children and Families Trust": {"Bradford"},
    "Bradford Children's Trust": {"Bradford"},
}


def test_the_trust_table_is_the_published_list():
    reg = register()
    table: dict[str, set[str]] = {}
    for row in TRUST_ROWS:
        assert row["source"].strip(), row
        table.setdefault(row["name"], set()).add(reg.by_code[row["la_code"]].la_name)
    assert table == PUBLISHED


@pytest.mark.parametrize("row", TRUST_ROWS, ids=lambda r: f"{r['name']}-{r['la_code']}")
def test_a_trust_name_means_its_authority_only_within_its_dates(row):
    reg = register()
    start = date.fromisoformat(row["from"])
    end = date.fromisoformat(row["to"]) if row["to"] else date(2026, 12, 31)
    for when in (start, end):
        found = reg.matches(row["name"], when)
        assert reg.by_code[row["la_code"]] in found
        if len(PUBLISHED[row["name"]]) == 1:
            assert reg.resolve(row["name"], when).la_code == row["la_code"]
        # and with any council style around it
        assert reg.matches(f"The {row['name']} Limited", when) == found
    assert reg.by_code[row["la_code"]] not in reg.matches(row["name"], start - timedelta(days=1))
    if row["to"]:
        after = end + timedelta(days=1)
        assert reg.by_code[row["la_code"]] not in reg.matches(row["name"], after)


def test_a_trust_outside_its_dates_is_refused_naming_its_years():
    # Before 2014 "Doncaster Children's Services Trust" did not run Doncaster's services;
    # the children's trust *partnerships* of 2004-2010 were another thing (Children Act 2004).
    with pytest.raises(InputError, match=r"ran those of Doncaster 2014-10-01 to 2022-09-30"):
        register().resolve("Doncaster Children's Services Trust", date(2012, 6, 1))
    # In 2008 "Bradford Children's Trust" was the council's partnership, not the body running
    # its services that took the name in 2023 (BBC News, 2022).
    with pytest.raises(InputError, match="ran those of Bradford 2023-04-01 to now"):
        register().resolve("Bradford Children's Trust", date(2008, 1, 1))


@pytest.mark.parametrize(
    ("name", "when", "several"),
    [
        ("Achieving for Children", date(2015, 6, 1), "Kingston upon Thames, Richmond upon Thames"),
        ("Achieving for Children", date(2019, 10, 21), "Windsor and Maidenhead"),
        ("Northamptonshire Children's Trust", date(2022, 1, 1), "North Northamptonshire, West"),
    ],
)
def test_a_trust_that_ran_several_authorities_is_refused_never_guessed(name, when, several):
    with pytest.raises(InputError, match=f"names .*{several}"):
        register().resolve(name, when)


def test_northamptonshire_trust_before_the_split_is_the_county():
    # The trust started on 1 November 2020; the county was replaced on 1 April 2021.
    assert register().resolve("Northamptonshire Children's Trust", date(2021, 1, 10)).la_name == (
        "Northamptonshire"
    )


# --- report titles ----------------------------------------------------------------------------

REPORTS = SHARED / "reports"


def _read_with_header(path: Path, old: str, new: str, monkeypatch):
    """The report read with the authority's name above its title written another way."""
    from ofsted_analysis.sources import reports

    real = reports._Report.text
    page1 = reports._Report(path).text(0)
    assert old in page1
    monkeypatch.setattr(
        reports._Report,
        "text",
        lambda self, i: page1.replace(old, new, 1) if i == 0 else real(self, i),
    )
    return reports.read_report(path)


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        # The report's own page 1 names the trust; the title names the council.
        ("sunderland/2021-08-20.pdf", "Sunderland City Council", "Together for Children"),
        (
            "richmond-upon-thames/2025-08-12.pdf",
            "Inspection of Richmond upon Thames \n",
            "Inspection of Achieving for Children \n",
        ),
        ("windsor-maidenhead/2020-02-24.pdf", "The Royal Borough of", "Achieving for Children ("),
        (
            "kingston-upon-thames/2019-12-19.pdf",
            "Royal Borough of Kingston upon \nThames",
            "The Council of the Royal Borough of Kingston upon Thames",
        ),
        (
            "bradford/2023-01-31.pdf",
            "City of Bradford\nMetropolitan Borough Council",
            "The Council of the City of Bradford\nMetropolitan District",
        ),
    ],
)
def test_report_titles_in_new_forms_read_as_the_same_authority(path, old, new, monkeypatch):
    from ofsted_analysis.sources.reports import read_report

    expected = read_report(REPORTS / path)
    got = _read_with_header(REPORTS / path, old, new, monkeypatch)
    assert got.la_code == expected.la_code
    assert [(j.area, j.grade) for j in got.judgements] == [
        (j.area, j.grade) for j in expected.judgements
    ]


def test_a_report_naming_only_a_shared_trust_is_refused(monkeypatch):
    # Kingston's 2019 report with "Achieving for Children" for its name: page 1 then names
    # neither Kingston nor Richmond (nor Windsor and Maidenhead), so it is not guessed.
    with pytest.raises(InputError, match="names 3: Kingston upon Thames"):
        _read_with_header(
            REPORTS / "kingston-upon-thames/2019-12-19.pdf",
            "Royal Borough of Kingston upon \nThames",
            "Achieving for Children",
            monkeypatch,
        )
