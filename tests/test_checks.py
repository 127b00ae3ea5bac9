"""User input checked one way everywhere (issue 21, "user dates checked three ways"; region
checks written three times): the command line, the notebooks' parameters and the charts give
the same answer to the same value, by one rule each in ofsted_analysis/core/checks.py."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from commands import run_in_process
from shared_files import PROCESSED

from ofsted_analysis.core.checks import check_as_at, check_region, closest, regions
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.notebooks import check_params, notebook_paths
from ofsted_analysis.plots.heatmaps import plot_grade_heatmap
from ofsted_analysis.plots.trajectory import plot_region
from ofsted_analysis.storage.store import load


def _manifest_data_date() -> str:
    """The data date the shipped tables' own manifest records (data/processed)."""
    version = json.loads((PROCESSED / "current.json").read_text())["version"]
    return json.loads((PROCESSED / version / "manifest.json").read_text())["data_date"]


def _refusals(value: str) -> dict[str, str]:
    """What each entry point says of ``value`` as a date to look at (exit 2 / InputError)."""
    said = {}
    for flag in ("--as-at", "--published-by"):
        args = ["snapshot", "--as-at", value if flag == "--as-at" else "2020-03-31"]
        done = run_in_process(*args, *([] if flag == "--as-at" else [flag, value]))
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        said[flag] = done.stderr
    with pytest.raises(InputError) as refused:
        check_params({"as_at": value}, notebook_paths())
    said["notebook as_at"] = str(refused.value)
    return said


def test_a_date_after_the_data_date_is_refused_everywhere_naming_it():
    """`snapshot --as-at` after the data date was accepted (only dates after today were
    refused) while the notebooks refused it. Now every entry point refuses the day after the
    data date the manifest records, names that date and says why."""
    data_date = _manifest_data_date()
    day_after = (date.fromisoformat(data_date) + timedelta(days=1)).isoformat()
    for where, message in _refusals(day_after).items():
        assert f"on or before the data date, {data_date}" in message, where
        assert "cannot say anything about a later date" in message, where
    assert check_as_at(data_date, load()).date().isoformat() == data_date  # the day itself


def test_a_date_before_the_first_inspection_is_refused_everywhere():
    """The first inspections in the tables are from 2009 (SLAC began in June 2009; no framework
    here inspected earlier): 31 December 2008 is refused by every entry point."""
    for where, message in _refusals("2008-12-31").items():
        assert "a date on or after 2009-" in message, where
        assert "the first inspection in the data" in message, where


def test_an_unreadable_date_is_refused_everywhere_the_same_way():
    for where, message in _refusals("31/13/2024").items():
        assert "'31/13/2024' is not valid" in message, where


def test_the_regions_are_englands_nine():
    """ONS's nine English regions (the register spells "Yorkshire and the Humber")."""
    assert regions() == [
        "East Midlands",
        "East of England",
        "London",
        "North East",
        "North West",
        "South East",
        "South West",
        "West Midlands",
        "Yorkshire and the Humber",
    ]


def test_a_region_is_checked_once_with_suggestions():
    """The notebook parameter, the heatmap and the region's small multiples refuse a region the
    same way, with the closest; case does not matter."""
    judgements = load()  # the shipped tables
    said = []
    with pytest.raises(InputError) as refused:
        check_params({"region": "Yorkshire"}, notebook_paths())
    said.append(str(refused.value))
    with pytest.raises(InputError) as refused:
        plot_grade_heatmap(judgements, region="Yorkshire")
    said.append(str(refused.value))
    with pytest.raises(InputError) as refused:
        plot_region(judgements, "Yorkshire")
    said.append(str(refused.value))
    for message in said:
        assert "'Yorkshire' is not valid" in message
        assert "closest: Yorkshire and the Humber" in message
    assert check_region("north east") == "North East"


def test_an_area_gets_the_closest_area():
    done = run_in_process("snapshot", "--as-at", "2024-03-31", "--area", "help and protection")
    assert done.returncode == 2 and "closest: help_and_protection" in done.stderr


def test_closest_is_empty_for_nothing_alike():
    assert closest("zzzz", ["overall", "leadership"]) == []
