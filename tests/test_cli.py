"""The command line as a user runs it: help, verbs, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ofsted_analysis import cli
from ofsted_analysis.frameworks import AREAS


def run(*args):
    return subprocess.run([sys.executable, "-m", "ofsted_analysis", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("verb", ["build", "update", "snapshot", "trajectory", "outcomes",
                                  "figures", "extract", "notebooks"])
def test_every_verb_has_help(verb):
    result = run(verb, "--help")
    assert result.returncode == 0 and "usage: ofsted-analysis" in result.stdout


def test_area_choices_match_the_framework_vocabulary():
    assert tuple(AREAS) == cli.AREA_NAMES


def test_snapshot_reproduces_ofsteds_march_2024_figure():
    result = run("snapshot", "--as-at", "2024-03-31", "--published-by", "2024-06-30")
    assert result.returncode == 0, result.stderr
    assert "good or outstanding: 60.3%" in result.stdout


def test_snapshot_csv_lists_every_current_authority():
    result = run("snapshot", "--as-at", "2025-03-31", "--csv")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("la_code") and len(lines) == 1 + 153


def test_trajectory_table_and_chart(tmp_path):
    out = tmp_path / "leeds.png"
    result = run("trajectory", "Leeds", "--area", "overall", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Outstanding" in result.stdout and "2015-03-27" in result.stdout
    assert out.exists() and out.with_suffix(".svg").exists()
    assert (tmp_path / "leeds.alt.txt").read_text().strip()


@pytest.mark.parametrize("args, words", [
    (("trajectory", "Leedz"), "closest: Leeds"),
    (("snapshot", "--as-at", "2024-13-45"), "date '2024-13-45'"),
    (("snapshot", "--as-at", "2024-03-31", "--area", "bogus"), "overall, leadership"),
])
def test_bad_arguments_give_a_clear_error(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_notebooks_with_a_bad_parameter_fail_cleanly():
    result = run("notebooks", "--param", "no_such_parameter=1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no_such_parameter" in result.stderr
