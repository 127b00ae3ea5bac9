"""The authority register (ofsted_analysis/authorities.py): spellings, former codes,
reorganisations and suggestions for a misspelt name."""

from datetime import date

import pytest

from ofsted_analysis.core.authorities import register
from ofsted_analysis.core.errors import InputError


@pytest.mark.parametrize(
    "spelling, code",
    [
        ("Bristol", "E06000023"),
        ("Bristol, City of", "E06000023"),
        ("Durham", "E06000047"),
        ("County Durham", "E06000047"),
        ("Telford & Wrekin", "E06000020"),
        ("Kingston Upon Hull", "E06000010"),
        ("kingston upon hull", "E06000010"),
        ("St Helens", "E08000013"),
        ("St. Helens", "E08000013"),
        ("Bedford", "E06000055"),
        ("Bedford Borough", "E06000055"),
        ("london corporation", "E09000001"),
        ("bournemouth, christchurch & poole", "E06000058"),
        ("windsor & maidenhead", "E06000040"),
    ],
)
def test_authority_spellings(spelling, code):
    assert register().resolve(spelling).la_code == code


def test_authority_codes_include_former_codes():
    reg = register()
    assert reg.by_gss("E08000016").la_name == "Barnsley"  # Ofsted's 2025 release code
    assert reg.by_gss("E08000038").la_name == "Barnsley"  # ONS code since 2024
    assert reg.by_gss("383").la_name == "Leeds"  # DfE number


def test_reorganisations():
    reg = register()
    assert len(reg.current) == 153
    assert reg.resolve("Dorset", date(2016, 5, 23)).la_name == "Dorset County Council"
    assert reg.resolve("Dorset", date(2021, 11, 19)).la_code == "E06000059"
    northants = reg.resolve("Northamptonshire")
    assert {reg.by_code[s].la_name for s in northants.successors} == {
        "North Northamptonshire",
        "West Northamptonshire",
    }
    cumbria = reg.resolve("Cumbria")
    assert {reg.by_code[s].la_name for s in cumbria.successors} == {
        "Cumberland",
        "Westmorland and Furness",
    }
    assert set(reg.resolve("BCP").predecessors) == {"E06000028", "E06000029", "E10000009"}


def test_unknown_authority_names_the_closest():
    with pytest.raises(InputError, match="closest: Leeds"):
        register().resolve("Leedz")


def test_authority_that_did_not_exist_at_the_date():
    with pytest.raises(InputError, match="existed on 2024-06-01.*successors"):
        register().resolve("Cumbria", date(2024, 6, 1))
    with pytest.raises(InputError, match="existed on 2015-01-01"):
        register().resolve("North Northamptonshire", date(2015, 1, 1))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # Everyday short forms of the ONS names (ONS register of local authorities).
        ("Brighton", "Brighton and Hove"),
        ("Telford", "Telford & Wrekin"),
        ("Richmond", "Richmond upon Thames"),
        ("Brighton City Council", "Brighton and Hove"),  # style words round a short form
    ],
)
def test_unknown_name_suggests_from_aliases_and_words(typed, meant):
    with pytest.raises(InputError) as caught:
        register().resolve(typed)
    closest = str(caught.value).split("closest: ", 1)[1]
    assert closest.split(", ")[0].rstrip(")") == meant


@pytest.mark.parametrize(
    ("name", "after", "successors"),
    [
        # The Bournemouth, Dorset and Poole (Structural Changes) Order 2018: from 1 April 2019.
        ("Bournemouth", "31 March 2019", ["Bournemouth, Christchurch & Poole"]),
        # The Northamptonshire (Structural Changes) Order 2020: from 1 April 2021.
        ("Northamptonshire", "31 March 2021", ["North Northamptonshire", "West Northamptonshire"]),
        # The Cumbria (Structural Changes) Order 2022: from 1 April 2023.
        ("Cumbria", "31 March 2023", ["Cumberland", "Westmorland and Furness"]),
    ],
)
def test_abolished_authority_resolves_and_says_when_it_ended(name, after, successors):
    a = register().get(name)
    assert a.la_name == name and not a.current
    assert f"ceased to exist after {after}" in a.ended
    for s in successors:
        assert s in a.ended
    assert register().get("Leeds").ended is None


def test_cli_tells_the_user_an_authority_was_abolished(capsys):
    from ofsted_analysis import cli

    assert cli.main(["trajectory", "Northamptonshire", "--area", "overall"]) == 0
    err = capsys.readouterr().err
    assert "Northamptonshire ceased to exist after 31 March 2021" in err
    assert "North Northamptonshire; West Northamptonshire" in err
