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
from conftest import CURATED, D2I_HISTORY, D2I_OVERVIEW, RELEASE_2023, RELEASE_2025
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ofsted_analysis as oa
from ofsted_analysis.errors import InputErrors
from ofsted_analysis.pipeline import build, update
from ofsted_analysis.store import TABLES

LATER_FILES = [RELEASE_2023, D2I_HISTORY, D2I_OVERVIEW]


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def read_tables(folder):
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}


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


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    build(raw=[RELEASE_2025, *LATER_FILES], out=out, curated=CURATED)
    return read_tables(out)


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    before = digest(store)
    update([D2I_HISTORY], out=store)
    after = digest(store)
    assert after != before
    result = subprocess.run([sys.executable, "-m", "ofsted_analysis", "update", "--rollback",
                             "--out", str(store)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert digest(store) == before
    # and the rollback can itself be undone
    subprocess.run([sys.executable, "-m", "ofsted_analysis", "update", "--rollback", "--out",
                    str(store)], check=True, capture_output=True)
    assert digest(store) == after


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
def test_killed_mid_write_leaves_readable_tables(store, point, tmp_path):
    import shutil

    old = read_tables(store)
    shutil.copytree(store, tmp_path / "expected")
    update([D2I_HISTORY], out=tmp_path / "expected")
    new = read_tables(tmp_path / "expected")
    env = {**os.environ, "OFSTED_ANALYSIS_WRITE_PAUSE": f"{point}:60"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ofsted_analysis", "update", str(D2I_HISTORY), "--out", str(store)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    staged = None
    while time.time() < deadline:
        staging = list(store.glob(".staging-*"))
        if staging and (staging[0] / "manifest.json").exists():
            staged = staging[0]
            if point == "swap" or not (staged / "judgements.parquet").exists():
                break
        time.sleep(0.05)
    assert staged is not None, "the update never reached the write"
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    now = read_tables(store)
    for name in TABLES:
        if point == "swap":
            pd.testing.assert_frame_equal(now[name], old[name])
        else:  # each table is whole: either the previous or the new version
            assert now[name].equals(old[name]) or now[name].equals(new[name]), name
    # the next write clears what the killed one left
    update([D2I_HISTORY], out=store)
    assert not list(store.glob(".staging-*"))
