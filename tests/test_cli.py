"""The command line as a user runs it: help, verbs, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest
from commands import run_cli

from ofsted_analysis import cli
from ofsted_analysis.core.frameworks import AREAS

run = run_cli


@pytest.mark.parametrize(
    "verb",
    [
        "build",
        "update",
        "snapshot",
        "trajectory",
        "outcomes",
        "indicators",
        "figures",
        "extract",
        "findings",
        "notebooks",
        "brief",
    ],
)
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
    result = run("snapshot", "--as-at", "2025-03-31", "--csv", "-")
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("la_code") and len(lines) == 1 + 153


def test_trajectory_table_and_chart(tmp_path):
    out = tmp_path / "leeds.png"
    result = run("trajectory", "Leeds", "--area", "overall", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Outstanding" in result.stdout and "2015-03-27" in result.stdout
    assert out.exists() and out.with_suffix(".svg").exists()
    assert (tmp_path / "leeds.alt.txt").read_text().strip()


@pytest.mark.parametrize(
    "args, words",
    [
        (("trajectory", "Leedz"), "closest: Leeds"),
        (("snapshot", "--as-at", "2024-13-45"), "date '2024-13-45'"),
        (("snapshot", "--as-at", "2024-03-31", "--area", "bogus"), "overall, leadership"),
    ],
)
def test_bad_arguments_give_a_clear_error(args, words):
    result = run(*args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_notebooks_with_a_bad_parameter_fail_cleanly():
    result = run("notebooks", "--param", "no_such_parameter=1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no_such_parameter" in result.stderr


def test_readme_trajectory_example_draws_two_authorities(tmp_path, capsys):
    """README, Command line: `trajectory Leeds "City of London" --out ...` (crashed on the
    City of London's ungraded 2022 focused visit)."""
    out = tmp_path / "leeds_and_city.png"
    assert cli.main(["trajectory", "Leeds", "City of London", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Front door" in printed  # the City of London's focused visit (theme), a visit row
    assert out.exists() and out.with_suffix(".svg").exists()


def test_trajectory_runs_for_every_authority_in_the_register(capsys):
    """Every authority in data/reference/authorities.csv, current or former, prints its
    trajectory through the command line (one in-process call; 82 of them have ungraded
    visits, which used to crash the table)."""
    from ofsted_analysis.core.authorities import register

    names = [a.la_name for a in register().authorities]
    assert cli.main(["trajectory", *names]) == 0
    printed = capsys.readouterr().out
    for name in names:
        assert name in printed


# --- snapshot edges (issue 9, item 9) -------------------------------------------------------


def _release_2025_overall() -> list[tuple[str, str]]:
    """(Ofsted region, overall effectiveness) per authority, straight from the cells of
    Ofsted's release "LA inspection outcomes as at 31 March 2025", sheet
    Inspections_as_at_31_March (cover: "with a report published by 30 June 2025")."""
    from python_calamine import CalamineWorkbook
    from shared_files import RELEASE_2025

    rows = (
        CalamineWorkbook.from_path(str(RELEASE_2025))
        .get_sheet_by_name("Inspections_as_at_31_March")
        .to_python()
    )
    header = rows[2]
    region, overall = header.index("Ofsted region"), header.index("Overall effectiveness")
    return [(r[region], r[overall]) for r in rows[3:] if r[overall]]


def test_snapshot_says_which_cut_off_it_used_and_how_to_match_ofsted(capsys):
    """Ofsted's release as at 31 March 2025 counts reports published by 30 June 2025 (its
    cover); its overall grades give the good-or-outstanding share computed here from its
    cells (67.3%). The default cut-off (the as-at date) gives a different figure, so the
    command must say which cut-off it used and how to match Ofsted's."""
    cells = _release_2025_overall()
    ofsted = 100 * sum(g in ("Good", "Outstanding") for _r, g in cells) / len(cells)
    assert round(ofsted, 1) == 67.3  # the figure the issue quotes from Ofsted
    assert cli.main(["snapshot", "--as-at", "2025-03-31"]) == 0
    default = capsys.readouterr().out
    assert "reports published by 2025-03-31" in default
    assert "add --published-by 2025-06-30" in default
    assert cli.main(["snapshot", "--as-at", "2025-03-31", "--published-by", "2025-06-30"]) == 0
    matched = capsys.readouterr().out
    assert f"good or outstanding: {ofsted:.1f}%" in matched
    assert "add --published-by" not in matched


def test_snapshot_by_region_prints_the_share_in_each_region(capsys):
    """London's share good or outstanding at 31 March 2025 from the release's own cells
    (Ofsted's London region is the ONS London region)."""
    london = [g for r, g in _release_2025_overall() if r == "London"]
    share = 100 * sum(g in ("Good", "Outstanding") for g in london) / len(london)
    assert (
        cli.main(
            ["snapshot", "--as-at", "2025-03-31", "--published-by", "2025-06-30", "--by", "region"]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "good or outstanding %" in printed
    line = next(x for x in printed.splitlines() if x.strip().startswith("London"))
    assert line.split()[-1] == f"{share:.1f}"


@pytest.mark.parametrize(
    "args, words",
    [
        # Before the first inspection (2009), and before the first overall effectiveness
        # judgement (SIF began November 2013: none in the data before 2014).
        (("--as-at", "2005-03-31"), "the first inspection in the data"),
        (("--as-at", "2012-03-31"), "first in the data is from"),
        (("--as-at", "2099-03-31"), "on or before the data date"),
        (("--as-at", "2025-03-31", "--published-by", "2025-01-31"), "on or after --as-at"),
    ],
)
def test_snapshot_refuses_dates_that_cannot_give_a_snapshot(args, words):
    result = run("snapshot", *args)
    assert result.returncode == 2, result.stdout
    assert words in result.stderr and "Traceback" not in result.stderr
    assert "nan" not in result.stdout + result.stderr


def test_snapshot_csv_into_a_closed_pipe_stops_quietly():
    """`snapshot --csv | head`: the reader closes the pipe early; no BrokenPipe traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_analysis"]
        + ["snapshot", "--as-at", "2025-03-31", "--csv", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # like `head` exiting before the command writes
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_snapshot_csv_names_the_cut_off_on_stderr_only():
    result = run("snapshot", "--as-at", "2025-03-31", "--csv", "-")
    assert result.returncode == 0
    assert result.stdout.startswith("la_code,")
    assert "--published-by 2025-06-30" in result.stderr


def test_every_verb_names_the_neighbour_model_neighbours_and_outcomes_keeps_model():
    """One spelling of the option in every verb that compares with statistical neighbours;
    ``outcomes`` still takes its first spelling, ``--model``, with the same result."""
    from commands import run_in_process

    for verb in ("outcomes", "profile", "brief"):
        assert "--neighbours MODEL" in run_in_process(verb, "--help").stdout, verb
    by_new = run_in_process("outcomes", "Leeds", "--indicator", "cla_rate", "--neighbours", "2021")
    by_old = run_in_process("outcomes", "Leeds", "--indicator", "cla_rate", "--model", "2021")
    assert by_new.returncode == 0, by_new.stderr
    assert by_new.stdout == by_old.stdout
    assert "2021" in by_new.stdout  # the model named in the output is the one asked for


def test_outcomes_gives_the_grade_in_force_where_the_authority_has_no_figure_of_its_own():
    """DfE publishes North and West Northamptonshire's workforce together, so North
    Northamptonshire has no turnover figure of its own; its grade in force at each 30 September
    is still shown. Expected: D2I's ILACS history, North Northamptonshire's first inspection
    (fieldwork from 03/10/2022, report 25/11/2022, overall "requires improvement")."""
    import csv
    import io

    from shared_files import D2I_HISTORY

    rows = [r for r in csv.reader(D2I_HISTORY.open()) if r[1:2] == ["north northamptonshire"]]
    first = min(rows, key=lambda r: r[7][-4:] + r[7][3:5] + r[7][:2])  # fieldwork start
    assert first[7] == "03/10/2022" and first[9] == "requires improvement"
    result = run(
        "outcomes", "North Northamptonshire", "--indicator", "sw_turnover_rate", "--csv", "-"
    )
    assert result.returncode == 0, result.stderr
    table = {r["year"]: r for r in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))}
    assert table["2022"]["value"] == "" and table["2022"]["grade_in_force"] == ""  # not yet
    assert (
        table["2023"]["value"] == "" and table["2023"]["grade_in_force"] == "Requires improvement"
    )
    assert table["2023"]["period_end"] == "2023-09-30"
