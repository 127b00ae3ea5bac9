"""What analysts take out of the command line (issue 20, items 1, 8 and 9): suppressed years
shown with DfE's own code, CSV exports that mean the same in every verb and open cleanly in
Excel, the indicator list, indicator names suggested, and the standard figures for any
authority."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from commands import run_in_process
from shared_files import DFE, PROJECT

from ofsted_analysis.sources.dfe.vocabulary import STATUS_CODES

BOM = b"\xef\xbb\xbf"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _dfe_cells(file: str, authority: str, column: str, **where: str) -> dict[int, str]:
    """{year: cell} of one column of a DfE file for one authority, read with the csv module."""
    with open(DFE / file, encoding="utf-8-sig", newline="") as f:
        return {
            int(r["time_period"]): r[column]
            for r in csv.DictReader(f)
            if r["geographic_level"] == "Local authority"
            and r["la_name"] == authority
            and all(r[k] == v for k, v in where.items())
        }


def _printed_values(stdout: str, indicator: str) -> dict[int, str]:
    """{year: value column} of the rows ``outcomes`` prints for ``indicator``."""
    rows = (line.split() for line in stdout.splitlines())
    return {int(r[1]): r[2] for r in rows if len(r) > 2 and r[0] == indicator}


@pytest.mark.parametrize(
    "authority, indicator, file, column, where",
    [
        # d5: Bradford's 2023 row is "c" in every duration column.
        (
            "Bradford",
            "cpp_2_years_or_more",
            "d5_cpps_at31march_by_duration_2013_to_2025.csv",
            "2_years_or_more_percent",
            {},
        ),
        # cla_number_and_rate_per_10k_children: the Isles of Scilly's rate is "z" each year.
        (
            "Isles of Scilly",
            "cla_rate",
            "cla_number_and_rate_per_10k_children.csv",
            "rate_per_10000",
            {"population_type": "Children looked after on 31 March each year"},
        ),
    ],
)
def test_outcomes_prints_dfes_code_for_a_suppressed_year(authority, indicator, file, column, where):
    """Each year as DfE's own file has it: the number (to one decimal place), or DfE's code
    where it published none, never 0; the codes used are explained; the CSV keeps the value
    empty and the code in ``status``."""
    cells = _dfe_cells(file, authority, column, **where)
    codes = {year: cell for year, cell in cells.items() if cell in STATUS_CODES}
    assert codes, f"{file} has no suppressed cell for {authority}"
    done = run_in_process("outcomes", authority, "--indicator", indicator)
    assert done.returncode == 0, done.stderr
    printed = _printed_values(done.stdout, indicator)
    for year, cell in cells.items():
        expected = cell if cell in STATUS_CODES else f"{float(cell):.1f}"
        assert printed[year] == expected, (year, cell, printed[year])
    for code in set(codes.values()):
        assert f"{code} = {STATUS_CODES[code]}" in done.stdout
    table = run_in_process("outcomes", authority, "--indicator", indicator, "--csv", "-")
    rows = {int(r["year"]): r for r in csv.DictReader(table.stdout.splitlines())}
    for year, code in codes.items():
        assert rows[year]["value"] == "" and rows[year]["status"] == code


# --- CSV exports ------------------------------------------------------------------------------

EXPORTS = {
    # verb: (arguments, a column holding dates, or None)
    "snapshot": (["snapshot", "--as-at", "2025-03-31"], "published"),
    "trajectory": (["trajectory", "Leeds", "Northamptonshire"], "date"),
    "outcomes": (["outcomes", "Leeds", "--indicator", "csc_spend_per_child"], None),
    "findings": (["findings", "Leeds"], "published"),
    "indicators": (["indicators"], None),
}


@pytest.mark.parametrize("verb", [*EXPORTS, "extract"])
def test_csv_means_a_path_or_the_screen_in_every_verb(verb):
    """`--csv PATH` in every verb that prints a table, `-` for the screen (it was a flag in
    snapshot and outcomes and a path in findings and extract)."""
    usage = run_in_process(verb, "--help").stdout
    assert "--csv PATH" in usage and "or - to print" in " ".join(usage.split())


@pytest.mark.parametrize("verb", EXPORTS)
def test_a_csv_file_opens_cleanly_in_excel(verb, tmp_path):
    """Written to a file: UTF-8 with a byte-order mark (Excel then reads the pound sign and
    accents right), dates as YYYY-MM-DD, the same rows as `--csv -` prints (without a mark)."""
    args, date_column = EXPORTS[verb]
    path = tmp_path / f"{verb}.csv"
    done = run_in_process(*args, "--csv", path)
    assert done.returncode == 0, done.stderr
    assert f"to {path}" in done.stdout
    raw = path.read_bytes()
    assert raw.startswith(BOM) and not raw[3:].startswith(BOM)
    screen = run_in_process(*args, "--csv", "-")
    assert not screen.stdout.encode().startswith(BOM)
    assert raw[3:].decode("utf-8").splitlines() == screen.stdout.splitlines()
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows
    if date_column:
        dates = [r[date_column] for r in rows if r[date_column]]
        assert dates and all(ISO_DATE.fullmatch(d) for d in dates), dates[:3]


def test_csv_text_keeps_its_characters():
    """The indicator list names the pound sign (``£ per child``, the unit of net spending per
    child in MHCLG's revenue outturn): written to a file it reads back unchanged."""
    done = run_in_process("indicators", "--csv", "-")
    assert "£ per child" in done.stdout


def test_leeds_trajectory_csv_has_ofsteds_dates(tmp_path):
    """Leeds' SIF inspection: fieldwork from 20 January 2015, report published 27 March 2015
    (Ofsted's report; the trajectory example of docs/command-line.md)."""
    path = tmp_path / "leeds.csv"
    assert run_in_process("trajectory", "Leeds", "--csv", path).returncode == 0
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    sif = [r for r in rows if r["framework"] == "sif" and r["area"] == "overall"]
    assert [(r["date"], r["published"], r["grade"]) for r in sif] == [
        ("2015-01-20", "2015-03-27", "Good")
    ]


def test_csv_to_a_folder_that_does_not_exist_is_refused(tmp_path):
    done = run_in_process("snapshot", "--as-at", "2025-03-31", "--csv", tmp_path / "no" / "x.csv")
    assert done.returncode == 2 and "--csv" in done.stderr and "no/x.csv" in done.stderr


# --- indicators: the list and the names --------------------------------------------------------


def _documented_indicator_ids() -> list[str]:
    """The ids in the first cell of the indicator table of docs/using.md ("| `id`, `id` | what |
    ..."), a shortened ``..._17_18`` completed from the id before it."""
    text = (PROJECT / "docs" / "using.md").read_text(encoding="utf-8")
    table = text.split("| id | what | DfE file and cells |", 1)[1].split("\n\n", 1)[0]
    ids: list[str] = []
    for cell in re.findall(r"^\| (`[^|]+`) \|", table, flags=re.M):
        for name in re.findall(r"`([\w.]+)`", cell):
            if name.startswith("..."):  # the previous id with its last two parts replaced
                name = ids[-1].rsplit("_", 2)[0] + name[3:]
            ids.append(name)
    return ids


def test_indicators_lists_every_id_the_documentation_names():
    documented = _documented_indicator_ids()
    assert len(documented) >= 13
    done = run_in_process("indicators")
    assert done.returncode == 0, done.stderr
    listed = re.findall(r"^  (\w+) ", done.stdout, flags=re.M)
    assert sorted(listed) == sorted(documented)
    assert "source: csww_indicators `turnover_rate_fte`" in done.stdout


def test_indicators_by_topic():
    """DfE's children's social work workforce release (csww_indicators) gives the five
    workforce indicators: turnover, agency, vacancy, caseload and absence."""
    done = run_in_process("indicators", "--topic", "workforce", "--csv", "-")
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert {r["source"].split()[0] for r in rows} == {"csww_indicators"}
    assert len(rows) == 5
    bad = run_in_process("indicators", "--topic", "looked after")
    assert bad.returncode == 2 and "closest: children looked after" in bad.stderr


@pytest.mark.parametrize(
    "typed, first",
    [
        ("children looked after rate", "cla_rate"),
        ("re-referals", "rereferral_rate"),
        ("social worker turnover", "sw_turnover_rate"),
        ("caseload", "sw_caseload"),
    ],
)
def test_an_unknown_indicator_suggests_ids_by_id_and_label(typed, first):
    """Issue 20 item 9: "children looked after rate" got no suggestion of `cla_rate`."""
    done = run_in_process("outcomes", "Leeds", "--indicator", typed)
    assert done.returncode == 2
    # each suggestion is an id with its label: "closest: cla_rate (Children looked after ...)"
    suggested = re.findall(r"([\w:]+) \(", re.search(r"closest: (.*?);", done.stderr).group(1))
    assert first in suggested, done.stderr
    assert "ofsted-analysis indicators" in done.stderr


def test_outcomes_help_points_to_the_indicators_verb():
    usage = run_in_process("outcomes", "--help").stdout
    assert "ofsted-analysis indicators" in usage and "python -c" not in usage


# --- figures for any authority ------------------------------------------------------------------


def test_figures_for_authorities_of_every_kind(tmp_path):
    """A tiny authority (Isles of Scilly), an abolished one (Cumbria, to 31 March 2023), its
    new successor (Cumberland) and one created in 2021 (North Northamptonshire): each gets its
    trajectory, neighbours and re-referrals, in files named after it, and its region's heatmap
    (the register's ONS regions: South West, North West, East Midlands), not Leeds'."""
    names = ["Isles of Scilly", "Cumbria", "Cumberland", "North Northamptonshire"]
    args = [w for n in names for w in ("--authority", n)]
    done = run_in_process("figures", *args, "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    drawn = {p.stem for p in Path(tmp_path).glob("*.png")}
    for slug in ("isles_of_scilly", "cumbria", "cumberland", "north_northamptonshire"):
        assert {f"trajectory_{slug}", f"neighbours_{slug}", f"outcome_rereferral_rate_{slug}"} <= (
            drawn
        )
    assert {"heatmap_south_west", "heatmap_north_west", "heatmap_east_midlands"} <= drawn
    assert "heatmap_yorkshire_and_the_humber" not in drawn and "trajectory_leeds" not in drawn
    assert "not drawn" not in done.stdout


def test_figures_the_data_cannot_give_are_named_with_the_reason(tmp_path):
    """A store without the tables a figure needs (an empty folder as ``data``, where the
    neighbour models and outcome counts are read; the shipped tables otherwise): those figures
    are named as not drawn, each with the missing file, and the others are drawn."""
    from ofsted_analysis.figures import make_standard_set
    from ofsted_analysis.outcomes.table import load_outcomes
    from ofsted_analysis.storage.store import load, load_events

    no_models = tmp_path / "no-models"
    no_models.mkdir()
    not_drawn: dict[str, str] = {}
    paths = make_standard_set(
        load(),
        load_events(),
        tmp_path / "out",
        outcomes=load_outcomes(),
        data=no_models,
        authorities=["Isles of Scilly"],
        not_drawn=not_drawn,
    )
    assert "outcome_rereferral_rate_isles_of_scilly" in not_drawn
    for reason in not_drawn.values():
        assert str(no_models) in reason and "does not exist" in reason, reason
    assert "trajectory_isles_of_scilly" in {p.stem for p in paths}


def test_every_indicator_has_a_topic():
    from ofsted_analysis.outcomes.indicators import INDICATORS, TOPICS

    assert {i.topic for i in INDICATORS} == set(TOPICS)
