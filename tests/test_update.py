"""`update`: change report, idempotence and order independence (property tests over the real
sources), skip-bad-rows, rollback, and a write killed midway."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_files import CURATED, D2I_HISTORY, D2I_OVERVIEW, RELEASE_2023, RELEASE_2025

import ofsted_analysis as oa
from ofsted_analysis.core.errors import InputErrors
from ofsted_analysis.pipeline.run import build, update
from ofsted_analysis.storage.store import TABLES, table_file

LATER_FILES = [RELEASE_2023, D2I_HISTORY, D2I_OVERVIEW]


def digest(folder):
    """Every file of the store (but the writers' lock), by path: any write shows."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def current_digest(folder):
    """The files of the version the store points to."""
    version = table_file("judgements", folder).parent
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(version.iterdir())}


def read_tables(folder):
    return {name: pd.read_parquet(table_file(name, folder)) for name in TABLES}


def assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """Tables built from the 2025 release and the curated records only."""
    out = tmp_path_factory.mktemp("base")
    build(raw=[RELEASE_2025], out=out, curated=CURATED)
    return out


@pytest.fixture
def store(base, tmp_path):
    import shutil

    out = tmp_path / "store"
    shutil.copytree(base, out)
    return out


def test_change_report_lists_new_inspections_and_conflicts(store):
    result = update([D2I_HISTORY], out=store)
    text = result.report.text()
    assert result.written
    assert "Derby: ilacs short, fieldwork 2025-05-19, published 2025-07-08" in text
    assert "North Northamptonshire: ilacs_2026 standard" in text
    assert "St Helens" in text and "kept Requires improvement" in text  # official wins
    assert "Authorities newly covered" not in text or "(E" in text
    # the Leeds 2025 care-leavers judgement arrived from the scrape
    j = oa.load(store)
    assert ((j.la_name == "Leeds") & (j.published == "2025-08-12")).sum() == 5


def test_dry_run_writes_nothing(store):
    before = digest(store)
    result = update([D2I_HISTORY], out=store, dry_run=True)
    assert result.report.changed and not result.written
    assert digest(store) == before


def test_updating_twice_changes_nothing(store):
    update([D2I_HISTORY], out=store)
    after_first = digest(store)
    second = update([D2I_HISTORY], out=store)
    assert not second.report.changed and not second.written
    assert "No changes" in second.report.text()
    assert digest(store) == after_first


REPORTS = RELEASE_2025.parents[2] / "reports"


def test_reports_that_share_a_file_name_are_different_sources(store):
    """Report PDFs are named by publication date, so two authorities' reports can share a
    name (Haringey's and Torbay's both 2026-02-24.pdf): updating with one must not remove
    the other's records (issue 9.2; the bug reported "value unchanged" and lost Haringey)."""
    haringey = REPORTS / "haringey" / "2026-02-24.pdf"
    torbay = REPORTS / "torbay" / "2026-02-24.pdf"
    first = update([haringey], out=store)
    assert "Haringey" in "\n".join(first.report.new_inspections)
    second = update([torbay], out=store)
    assert "Torbay" in "\n".join(second.report.new_inspections)
    assert not second.report.removed_inspections and not second.report.removed_judgements
    ev = oa.load_events(store)
    for name in ("Haringey", "Torbay"):
        assert ((ev.la_name == name) & (ev.published == "2026-02-24")).sum() == 1, name
    # and the same file again, under any path, changes nothing
    assert not update([torbay], out=store).report.changed


def test_a_corrected_file_replaces_its_former_version(tmp_path):
    """A file re-issued at the same path with other content replaces what it gave before:
    the change report lists the moved date and the changed grade (here a copy of the D2I
    scrape whose Leeds 2025 row, line 174 of the file, is edited)."""
    scrape = tmp_path / "d2i" / "ofsted_csc_ilacs_history.csv"
    scrape.parent.mkdir()
    scrape.write_text(D2I_HISTORY.read_text())
    out = tmp_path / "store"
    build(raw=[scrape], out=out, curated=tmp_path / "no-curated")
    leeds = "80481,leeds,https://files.ofsted.gov.uk/v1/file/50284438,children's services "
    row = (
        "inspection - 12 august 2025.pdf,12/08/25,short,Catherine Heron,30/06/2025,"
        "04/07/2025,outstanding,outstanding,good,outstanding,outstanding,1"
    )
    text = scrape.read_text()
    assert leeds + row in text
    scrape.write_text(
        text.replace(
            leeds + row,
            leeds
            + row.replace("12/08/25", "13/08/25").replace(
                "outstanding,outstanding,good", "outstanding,good,good"
            ),
        )
    )
    report = update([scrape], out=out).report
    assert any(
        "Leeds" in d and "published 2025-08-12 -> 2025-08-13" in d for d in report.changed_dates
    ), report.text()
    assert any(
        "Leeds" in c and "leadership: Outstanding" in c and "-> Good" in c
        for c in report.changed_judgements
    ), report.text()
    assert not report.new_inspections and not report.removed_inspections


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    build(raw=[RELEASE_2025, *LATER_FILES], out=out, curated=CURATED)
    return read_tables(out)


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(order=st.permutations(LATER_FILES), repeat=st.sampled_from(LATER_FILES))
def test_any_order_and_repeats_give_the_same_tables(order, repeat, base, tmp_path_factory, full):
    import shutil

    out = tmp_path_factory.mktemp("order")
    shutil.rmtree(out)
    shutil.copytree(base, out)
    for path in [*order, repeat]:
        update([path], out=out)
    assert_same_tables(read_tables(out), full)


def test_rollback_restores_the_previous_tables(store):
    before = current_digest(store)
    update([D2I_HISTORY], out=store)
    after = current_digest(store)
    assert after != before
    result = subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", "update", "--rollback", "--out", str(store)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert current_digest(store) == before
    # and the rollback can itself be undone
    subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", "update", "--rollback", "--out", str(store)],
        check=True,
        capture_output=True,
    )
    assert current_digest(store) == after


def bad_d2i(tmp_path):
    text = D2I_HISTORY.read_text()
    text = text.replace("17/03/2025,21/03/2025,outstanding", "17/03/2025,21/03/2025,superb", 1)
    text = text.replace("80481,leeds,", "80481,leedz,", 1)
    path = tmp_path / "ofsted_csc_ilacs_history.csv"
    path.write_text(text)
    return path


def test_bad_rows_refuse_the_whole_file_and_list_every_one(store, tmp_path):
    before = digest(store)
    with pytest.raises(InputErrors) as info:
        update([bad_d2i(tmp_path)], out=store)
    message = str(info.value)
    assert "'superb'" in message and "'leedz'" in message and "closest: Leeds" in message
    assert digest(store) == before


def test_skip_bad_rows_stores_the_good_ones_and_writes_rejects(store, tmp_path):
    rejects = tmp_path / "rejects.csv"
    result = update([bad_d2i(tmp_path)], out=store, skip_bad_rows=True, rejects=rejects)
    assert result.written and result.rejects_file == rejects
    refused = pd.read_csv(rejects)
    assert len(refused) == 2
    assert set(refused.value) == {"superb", "leedz"}
    assert refused.problem.str.contains("expected").all()
    j = oa.load(store)
    leeds_2025 = j[(j.la_name == "Leeds") & (j.published == "2025-08-12")]
    assert not leeds_2025.sources.str.contains("ofsted_csc_ilacs_history").any()  # refused
    assert ((j.la_name == "North Northamptonshire") & (j.published == "2026-07-07")).any()


def test_cli_update_exit_codes(store, tmp_path):
    cmd = [sys.executable, "-m", "ofsted_analysis", "update", "--out", str(store)]
    bad = subprocess.run([*cmd, str(bad_d2i(tmp_path))], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "superb" in bad.stderr
    good = subprocess.run([*cmd, str(D2I_HISTORY)], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert "New inspections and visits" in good.stdout
    assert "ofsted-analysis notebooks" in good.stdout


@pytest.mark.parametrize("point", ["swap", "between"])
def test_killed_mid_write_leaves_the_previous_tables_whole(store, point):
    """Killed with every table staged ("swap"), or with the new version complete but not yet
    switched to ("between"): every table is still the previous version, never a mix, and the
    next write clears what the killed one left."""
    old = read_tables(store)
    env = {**os.environ, "OFSTED_ANALYSIS_WRITE_PAUSE": f"{point}:60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_analysis", "update", str(D2I_HISTORY), "--out", str(store)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    current = table_file("judgements", store).parent.name

    def reached() -> bool:
        staged = [p for p in store.glob(".staging-*") if (p / "manifest.json").exists()]
        published = [p for p in store.glob("tables-*") if p.name != current]
        return bool(staged) if point == "swap" else bool(published)

    deadline = time.time() + 60
    while time.time() < deadline and not reached():
        time.sleep(0.05)
    assert reached(), "the update never reached the write"
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_same_tables(read_tables(store), old)
    update([D2I_HISTORY], out=store)
    assert not list(store.glob(".staging-*"))
    assert [p.name for p in store.glob("tables-*")] == [table_file("judgements", store).parent.name]


def test_a_write_leaves_another_live_writers_staging_alone(store):
    """A staging folder of a process that is still running is not touched; one of a process
    that has gone is removed."""
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        theirs = store / f".staging-{live.pid}-abcd"
        theirs.mkdir()
        (theirs / "judgements.parquet").write_bytes(b"being written")
        gone = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        dead = store / f".staging-{int(gone.stdout)}-abcd"
        dead.mkdir()
        update([D2I_HISTORY], out=store)
        assert (theirs / "judgements.parquet").read_bytes() == b"being written"
        assert not dead.exists()
    finally:
        live.kill()


def test_change_report_describes_a_date_conflict(built):
    """A date disagreement reads as one line naming the date, both values and the rule."""
    import ofsted_analysis as oa
    from ofsted_analysis.pipeline.changes import describe_conflict

    conflicts = oa.load_conflicts(built)
    row = next(
        conflicts[
            (conflicts.la_name == "Nottingham") & (conflicts.field == "published")
        ].itertuples()
    )
    line = describe_conflict(row)
    assert "published: kept 2022-09-05" in line and "not 2022-11-05" in line
    assert line.endswith("later release over earlier")


def test_every_list_of_the_change_report_is_printed_under_its_heading():
    """A kind of change added to the report but not to its sections would never be shown."""
    from dataclasses import fields

    from ofsted_analysis.pipeline.changes import SECTIONS, ChangeReport

    lists = [
        f.name for f in fields(ChangeReport) if f.name != "files" and f.type.startswith("list")
    ]
    assert sorted(name for name, _title, _counts in SECTIONS) == sorted(lists)
    report = ChangeReport(files=["x.csv"], **{name: [f"a {name}"] for name in lists})
    text = report.text()
    for name, title, _counts in SECTIONS:
        assert f"{title} (1):\n  a {name}" in text
    # a report of notes alone (what was read, not a change) says nothing changed
    notes = ChangeReport(files=["x.csv"], skipped=["y.txt: not a source"], lait_notes=["z"])
    assert not notes.changed and "No changes" in notes.text()
    assert ChangeReport(files=["x.csv"], send_changes=["Leeds"]).changed
