"""Ofsted's publication cut-off, one rule: each release's cover says which reports its "as at"
figures count; the covers are read by rule, stored, and give `ofsted_cut_off`, which every
"as at" view that matches Ofsted's figures uses. The expected values are the releases' own
sheets, read here with python-calamine, never through the package's readers."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook
from shared_files import CURATED, D2I_HISTORY, RELEASE_2023, RELEASE_2025

import ofsted_analysis as oa
from ofsted_analysis.core.authorities import register
from ofsted_analysis.core.errors import OfstedAnalysisError
from ofsted_analysis.judgements.asat import as_at, ofsted_cut_off
from ofsted_analysis.pipeline.run import build, update
from ofsted_analysis.sources import source_key
from ofsted_analysis.sources.covers import read_cover
from ofsted_analysis.sources.workbook import Sheet
from ofsted_analysis.storage.store import load_release_covers

# The release's grade words, as its sheets write them, to the harmonised grades.
GRADE_WORDS = {
    "Outstanding": "Outstanding",
    "Good": "Good",
    "Requires improvement to be good": "Requires improvement",
    "Inadequate": "Inadequate",
}


def _rows(path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _overall_by_authority(path, sheet: str) -> dict[str, str]:
    """Each authority's overall effectiveness on a release's "as at" sheet, keyed by the
    register's name for the authority the sheet names."""
    rows = _rows(path, sheet)
    header_at = next(k for k, r in enumerate(rows) if "Local authority name" in r)
    header = rows[header_at]
    name, overall = header.index("Local authority name"), header.index("Overall effectiveness")
    reg = register()
    return {
        reg.get(r[name]).la_name: GRADE_WORDS[r[overall].strip()]
        for r in rows[header_at + 1 :]
        if r[name] and r[overall]
    }


def _differences(snapshot: pd.DataFrame, expected: dict[str, str]) -> dict[str, tuple]:
    got = dict(zip(snapshot["la_name"], snapshot["grade"].astype(object), strict=True))
    return {
        name: (got.get(name), grade) for name, grade in expected.items() if got.get(name) != grade
    }


# --- the cover, read by rule --------------------------------------------------------------


def _cover_of(*rows: list) -> tuple | None:
    cover = read_cover([Sheet("release.ods", "Cover", [list(r) for r in rows])])
    return None if cover is None else (cover.as_at, cover.published_by)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 2023 and 2025 releases' own words
        ("As at 31 March 2023, published by 30 April 2023", (date(2023, 3, 31), date(2023, 4, 30))),
        (
            "Inspections as at 31 March 2025, with a report published by 30 June 2025",
            (date(2025, 3, 31), date(2025, 6, 30)),
        ),
        # wordings not met yet: other words between, ordinals, line breaks, lower case
        (
            "Local authority inspections as at 31st March 2027\nwhere the inspection report "
            "was published by 30th June 2027",
            (date(2027, 3, 31), date(2027, 6, 30)),
        ),
        (
            "as at 30 September 2026 (reports published by 31 December 2026)",
            (date(2026, 9, 30), date(2026, 12, 31)),
        ),
        # the 2023 release's statement with its dates written as numbers, ISO or Excel text
        ("As at 31/03/2023, published by 30/04/2023", (date(2023, 3, 31), date(2023, 4, 30))),
        ("As at 2023-03-31, published by 2023-04-30", (date(2023, 3, 31), date(2023, 4, 30))),
        ("As at 31-Mar-23, published by 30-Apr-23", (date(2023, 3, 31), date(2023, 4, 30))),
        # no cut-off stated: no statement
        ("As at 31 March 2023", None),
        ("01 April 2022 to 31 March 2023", None),
    ],
)
def test_a_cover_statement_is_read_by_rule_not_by_example(text, expected):
    assert _cover_of(["Period covered:", text]) == expected


def test_the_local_authorities_statement_wins_and_disagreeing_ones_are_not_guessed():
    """The 2023 cover states periods for providers too; the row naming local authorities is
    the one for these tables. Two different cut-offs and no such row: no cover is taken."""
    providers = ["Period covered - providers:", "As at 31 March 2023, published by 31 May 2023"]
    councils = [
        "Period covered - Inspection outcomes for local authority children's services:",
        "As at 31 March 2023, published by 30 April 2023",
    ]
    assert _cover_of(providers, councils) == (date(2023, 3, 31), date(2023, 4, 30))
    other = ["Period covered - homes:", "As at 31 March 2023, published by 30 June 2023"]
    assert _cover_of(providers, other) is None


# --- the stored covers --------------------------------------------------------------------


def test_each_release_cover_is_stored_with_its_cell(built):
    """The build stores each release's statement verbatim with the cell it came from: the
    same text as the release's Cover sheet holds in that cell."""
    covers = load_release_covers(built).set_index("file")
    assert len(covers) == 2
    for path, as_at_date, published_by in (
        (RELEASE_2023, "2023-03-31", "2023-04-30"),
        (RELEASE_2025, "2025-03-31", "2025-06-30"),
    ):
        row = covers.loc[next(f for f in covers.index if f.endswith(path.name))]
        assert (row.as_at, row.published_by) == (
            pd.Timestamp(as_at_date),
            pd.Timestamp(published_by),
        )
        _file, sheet, r, column = row.source.rsplit(":", 3)
        cell = _rows(path, sheet)[int(r[1:]) - 1][ord(column) - ord("A")]
        assert " ".join(cell.split()) == row.statement


def test_the_judgements_carry_their_stores_covers(built, judgements):
    assert judgements.attrs["release_covers"] == [
        {"as_at": "2023-03-31", "published_by": "2023-04-30"},
        {"as_at": "2025-03-31", "published_by": "2025-06-30"},
    ]


# --- one cut-off ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_", "cut_off"),
    [
        ("2023-03-31", "2023-04-30"),  # the 2023 release's cover
        ("2025-03-31", "2025-06-30"),  # the 2025 release's cover
        # No release held covers these: the latest release's lag (three months) applies.
        # Ofsted's 2024 figures count reports published by 30 June 2024.
        ("2024-03-31", "2024-06-30"),
        ("2024-02-29", "2024-05-31"),  # a month's end gives a month's end
        ("2024-05-15", "2024-08-15"),
    ],
)
def test_ofsted_cut_off_is_the_cover_s_or_the_latest_release_s_lag(judgements, date_, cut_off):
    assert ofsted_cut_off(date_, judgements) == pd.Timestamp(cut_off)


def test_without_a_release_cover_the_cut_off_is_refused_not_guessed():
    with pytest.raises(OfstedAnalysisError, match="no Ofsted release cover is held"):
        ofsted_cut_off("2024-03-31", [])


def test_the_2023_snapshot_is_the_2023_release_s_own_sheet(judgements):
    """As at 31 March 2023 with the cover's cut-off (30 April 2023), every authority's overall
    grade is the one on the release's `LA_level_at_31_Mar_2023` sheet, but South Tyneside's.
    Ofsted's sheet gives South Tyneside its Inadequate ILACS grade, though that report came
    out on 10 May 2023 (the 2025 release's ILACS history), after the cover's cut-off: the
    sheet breaks its own cover's rule there, and the snapshot keeps to the rule. With 30 June
    (three months) Liverpool, Middlesbrough and West Sussex would differ instead."""
    expected = _overall_by_authority(RELEASE_2023, "LA_level_at_31_Mar_2023")
    assert len(expected) == 152
    cut_off = ofsted_cut_off("2023-03-31", judgements)
    snap = as_at(judgements, "2023-03-31", published_by=cut_off)
    assert _differences(snap, expected) == {"South Tyneside": ("Good", "Inadequate")}
    history = _rows(RELEASE_2025, "ILACS_inspection_history")
    header = history[2]
    name, published = header.index("Local authority name"), header.index("Publication date")
    south_tyneside = [r[published] for r in history[3:] if r[name] == "South Tyneside"]
    assert any(d.date() == date(2023, 5, 10) for d in south_tyneside)
    assert date(2023, 5, 10) > cut_off.date()
    three_months = as_at(judgements, "2023-03-31", published_by="2023-06-30")
    assert set(_differences(three_months, expected)) == {
        "Liverpool",
        "Middlesbrough",
        "West Sussex",
    }


def test_the_2025_snapshot_is_the_2025_release_s_own_sheet(judgements):
    """As at 31 March 2025 with the cover's cut-off (30 June 2025), every authority's overall
    grade is the one on the release's `Inspections_as_at_31_March` sheet."""
    expected = _overall_by_authority(RELEASE_2025, "Inspections_as_at_31_March")
    assert len(expected) == 153
    snap = as_at(judgements, "2025-03-31", published_by="ofsted")
    assert _differences(snap, expected) == {}


def test_with_grades_counts_as_ofsted_s_2023_sheet(outcomes, judgements):
    """The grade beside each outcome of 2023 (Ofsted's cut-off) is the 2023 release's own, but
    South Tyneside's (see above)."""
    graded = oa.with_grades(outcomes[outcomes.year == 2023], judgements, published_by="ofsted")
    la = graded[(graded.level == "la") & (graded.n_authorities == 1)]
    la = la.drop_duplicates("la_name")
    expected = _overall_by_authority(RELEASE_2023, "LA_level_at_31_Mar_2023")
    in_both = la[la.la_name.isin(list(expected))]
    assert len(in_both) >= 150
    assert _differences(in_both, expected) == {"South Tyneside": ("Good", "Inadequate")}


# --- written by build and update ------------------------------------------------------------


def test_update_stores_a_release_s_cover_and_a_moved_copy_replaces_it(tmp_path):
    out = tmp_path / "store"
    build(raw=[D2I_HISTORY], out=out, curated=CURATED)
    assert load_release_covers(out).empty
    with pytest.raises(OfstedAnalysisError):
        ofsted_cut_off("2025-03-31", oa.load(out))
    report = update([RELEASE_2025], out=out).report
    assert any(
        "as at 2025-03-31, reports published by 2025-06-30 (added)" in c
        for c in report.cover_changes
    )
    assert ofsted_cut_off("2025-03-31", oa.load(out)) == pd.Timestamp("2025-06-30")
    moved = tmp_path / "elsewhere" / RELEASE_2025.name
    moved.parent.mkdir()
    shutil.copy(RELEASE_2025, moved)
    update([moved], out=out)
    assert load_release_covers(out)["file"].tolist() == [source_key(moved)]


def test_the_snapshot_command_names_the_cover_s_cut_off(built, capsys):
    """As at 31 March 2023 Ofsted counted reports published by 30 April 2023 (its cover):
    the command's hint says so, and `--published-by ofsted` applies it."""
    from ofsted_analysis import cli

    assert cli.main(["snapshot", "--as-at", "2023-03-31", "--data", str(built)]) == 0
    assert "add --published-by 2023-04-30 to match them" in capsys.readouterr().out
    args = ["snapshot", "--as-at", "2023-03-31", "--published-by", "ofsted", "--data", str(built)]
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "reports published by 2023-04-30" in out and "add --published-by" not in out


def test_without_a_release_the_snapshot_command_says_the_cut_off_is_unknown(tmp_path, capsys):
    from ofsted_analysis import cli

    out = tmp_path / "store"
    build(raw=[D2I_HISTORY], out=out, curated=CURATED)
    assert cli.main(["snapshot", "--as-at", "2024-03-31", "--data", str(out)]) == 0
    assert "Ofsted's own cut-off is not known (no release cover is held)" in capsys.readouterr().out
    args = ["snapshot", "--as-at", "2024-03-31", "--published-by", "ofsted", "--data", str(out)]
    assert cli.main(args) == 2
    assert "no Ofsted release cover is held" in capsys.readouterr().err


def test_a_table_without_its_store_s_covers_is_refused_not_matched_to_another_store(judgements):
    made_in_memory = judgements.copy()
    made_in_memory.attrs = {}  # as a table built in memory has
    with pytest.raises(OfstedAnalysisError, match="carries no release covers"):
        as_at(made_in_memory, "2025-03-31", published_by="ofsted")
