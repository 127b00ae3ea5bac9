"""For which periods ungraded focused and monitoring visits are held, on the shipped events.

Expected values come from the files themselves, read here without the project's readers: the
in-year sheets of Ofsted's 2023 and 2025 releases (each visit a row, "Inspection/Visit type"
"ILACS Focused Visit" or "LA Monitoring visit", with its "Inspection/Visit date"), the curated
CSV of 2018 visits, and the D2I history's latest publication date.
"""

from __future__ import annotations

import csv
from datetime import datetime

import pandas as pd
from commands import run_cli
from shared_files import CURATED, D2I_HISTORY, RELEASE_2023, RELEASE_2025

import ofsted_analysis as oa
from ofsted_analysis.judgements.coverage import visit_coverage

IN_YEAR = {RELEASE_2023: "LA_level_in_year_2022-23", RELEASE_2025: "In-year_inspections"}


def _release_visits(release) -> pd.Series:
    sheet = pd.read_excel(release, sheet_name=IN_YEAR[release], engine="calamine", header=2)
    visits = sheet[sheet["Inspection/Visit type"].str.contains("visit", case=False, na=False)]
    return pd.to_datetime(visits["Inspection/Visit date"])


def _months(dates: pd.Series) -> tuple[pd.Period, pd.Period]:
    return dates.min().to_period("M"), dates.max().to_period("M")


def _words(first: pd.Period, last: pd.Period) -> str:
    return f"{first:%B %Y} to {last:%B %Y}"


def test_visit_coverage_matches_the_releases_in_year_sheets():
    cover = visit_coverage(oa.load_events())
    periods = []
    for release, sheet in IN_YEAR.items():
        dates = _release_visits(release)
        first, last = _months(dates)
        periods.append((first, last))
        assert f"{_words(first, last)} ({len(dates)}, {release.name}, sheet {sheet})" in cover.text
        row = cover.table[cover.table["sheet"] == sheet].iloc[0]
        assert (row.visits, row.full_list) == (len(dates), True)
    assert [(a.to_period("M"), b.to_period("M")) for a, b in cover.periods] == sorted(periods)
    (p1_first, p1_last), (p2_first, p2_last) = sorted(periods)
    curated = _curated_months()
    assert cover.label == (
        f"Visits held for {p1_first:%b %Y}–{p1_last:%b %Y} and {p2_first:%b %Y}–{p2_last:%b %Y}"
        f" (and {len(curated)} single records in {curated.min().year})"
    )
    # What no list covers: before the first, between the two, after the second (the D2I
    # history runs later, to its latest publication).
    with open(D2I_HISTORY, newline="", encoding="utf-8") as fh:
        latest = max(
            datetime.strptime(r["publication_date"], "%d/%m/%y") for r in csv.DictReader(fh)
        )
    assert latest > p2_last.end_time
    assert (
        f"Visits at other dates (before {p1_first:%B %Y}, from {_words(p1_last + 1, p2_first - 1)}"
        f" and after {p2_last:%B %Y}) are not in the sources read"
    ) in cover.text


SEEDS = CURATED / "focused_visits_2018_seeds.csv"


def _curated_months() -> pd.DatetimeIndex:
    """data/curated/focused_visits_2018_seeds.csv: one cited visit a row, dated by month (all
    in 2018)."""
    with open(SEEDS, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return pd.to_datetime([r["start_date"] or r["published"] for r in rows], format="%B %Y")


def test_curated_visits_are_single_records_not_a_full_list():
    months = _curated_months()
    path = SEEDS
    cover = visit_coverage(oa.load_events())
    row = cover.table[cover.table["source"].str.endswith(path.name)].iloc[0]
    assert (row.visits, row.full_list) == (len(months), False)
    assert all(not (a <= months.min() <= b) for a, b in cover.periods)
    assert (
        f"{len(months)} more, {months.min():%B} to {months.max():%B %Y}, are single records "
        f"({path.name}), not a full list"
    ) in cover.text


def test_no_visits_is_said_as_missing_not_zero():
    events = oa.load_events()
    cover = visit_coverage(events[events["graded"]])
    assert cover.table.empty and cover.periods == []
    assert "missing, not absent" in cover.text


def test_trajectory_prints_the_visit_note():
    result = run_cli("trajectory", "Bradford", "--area", "overall")
    assert result.returncode == 0, result.stderr
    assert "note: Ungraded focused and monitoring visits are listed for" in result.stderr
