"""The notebooks: re-run on other data, parameters, and opened through a real JupyterLab.

(nbval checks the committed notebooks' stored outputs against the shipped tables; see the
README's test command.)
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest
from shared_files import OUTCOMES, PROJECT, RELEASE_2023, RELEASE_2025

from ofsted_analysis.core.errors import InputError
from ofsted_analysis.notebooks import (
    DEFAULT_OUT,
    INJECTED_TAG,
    check_params,
    destination,
    inject_parameters,
    notebook_parameters,
    notebook_paths,
    parse_params,
    run_notebooks,
    select_notebooks,
)
from ofsted_analysis.notebooks.tidy import merge_streams

NOTEBOOKS = PROJECT / "notebooks"
LEEDS_2025 = "2025-08-12"  # publication date of Leeds' ILACS short inspection (June 2025)


def _text(path: Path) -> str:
    """All text outputs of a notebook (streams and text/plain), in order."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            elif "data" in out:
                parts.append(out["data"].get("text/plain", ""))
    return "\n".join(parts)


def _copy_notebooks(dest: Path, names: list[str] | None = None) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for p in notebook_paths(NOTEBOOKS):
        if names is None or p.name[:2] in names:
            shutil.copy(p, dest / p.name)
    shutil.copy(NOTEBOOKS / "matplotlibrc", dest / "matplotlibrc")
    return dest


# --- parameters (no kernel) ------------------------------------------------------------------


def test_parse_params():
    assert parse_params(
        [
            "authorities=Leeds,Bradford",
            "as_at=2024-03-31",
            "data=None",
            "area = help_and_protection",
            'x=["a, b", "c"]',
            "n=3",
        ]
    ) == {
        "authorities": "Leeds,Bradford",
        "as_at": "2024-03-31",
        "data": None,
        "area": "help_and_protection",
        "x": ["a, b", "c"],
        "n": 3,
    }
    assert parse_params(None) == {}
    for bad in ("authorities", "=Leeds", "two words=1"):
        with pytest.raises(InputError):
            parse_params([bad])


def test_every_notebook_has_a_parameters_cell_first():
    for p in notebook_paths(NOTEBOOKS):
        nb = nbformat.read(p, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert "parameters" in first.metadata.get("tags", []), p.name
        assert notebook_parameters(nb)["data"] is None, p.name
        # Stored as committed: run with the defaults, so no injected cell.
        assert not any(INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells), p.name


def test_inject_parameters_replaces_and_removes():
    nb = nbformat.read(NOTEBOOKS / "02_authority_trajectories.ipynb", as_version=4)
    n = len(nb.cells)
    used = inject_parameters(nb, {"authorities": "Bradford, Kirklees", "as_at": "2020-01-01"})
    # Only what the notebook declares; a list parameter given as text is split on commas.
    assert used == {"authorities": ["Bradford", "Kirklees"]}
    i = next(k for k, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    assert INJECTED_TAG in nb.cells[i + 1].metadata["tags"]
    assert "authorities = ['Bradford', 'Kirklees']" in nb.cells[i + 1].source
    inject_parameters(nb, {"authorities": ["Leeds"]})
    assert len(nb.cells) == n + 1 and "['Leeds']" in nb.cells[i + 1].source
    inject_parameters(nb, {})
    assert len(nb.cells) == n


def test_unknown_parameter_is_refused_before_running(tmp_path):
    folder = _copy_notebooks(tmp_path / "nb")
    before = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    with pytest.raises(InputError, match="authorites"):
        run_notebooks(folder, params={"authorites": "Leeds"})
    assert before == {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}


# --- re-running on other data ----------------------------------------------------------------


@pytest.fixture(scope="module")
def without_newest(tmp_path_factory):
    """Tables built from the two official releases only: no D2I scrape, no curated record
    (and DfE's outcome files, which notebook 06 reads)."""
    import ofsted_analysis as oa

    root = tmp_path_factory.mktemp("older")
    empty = root / "curated"
    empty.mkdir()
    oa.build(raw=[RELEASE_2023, RELEASE_2025, OUTCOMES], out=root / "processed", curated=empty)
    return root / "processed"


def test_rerun_on_older_tables_changes_outputs(tmp_path, without_newest):
    committed = {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}
    folder = _copy_notebooks(tmp_path / "nb")
    copies = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    html = tmp_path / "html"
    ran = run_notebooks(folder, data=without_newest, html_dir=html, out=tmp_path / "out")
    assert [p.name for p in ran] == sorted(committed)
    # Other data than the shipped tables: executed copies elsewhere, the notebooks untouched.
    assert {p.parent for p in ran} == {tmp_path / "out"}
    assert copies == {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    folder = tmp_path / "out"
    assert sorted(p.name for p in html.glob("*.html")) == [p.stem + ".html" for p in ran]

    # Leeds' August 2025 report is only in the scrape and a curated record: gone.
    shipped, older = (
        _text(NOTEBOOKS / "02_authority_trajectories.ipynb"),
        _text(folder / "02_authority_trajectories.ipynb"),
    )
    assert LEEDS_2025 in shipped
    assert LEEDS_2025 not in older
    assert "2022-05-09" in older  # Leeds' February 2022 inspection, in the 2025 release
    # The data date and the sources follow the tables.
    overview = _text(folder / "01_data_overview.ipynb")
    assert "Data date: 2025-05-14" in overview
    assert "Built from 2 files" in overview and "ofsted_csc_ilacs_history" not in overview
    # Ofsted's headline figures come from the official releases: still reproduced.
    national = _text(folder / "03_national_picture.ipynb")
    assert national.count("match: True") == 2
    assert "As at 14 May 2025" in national
    # The injected cell records the data the notebook was run on; the committed notebooks
    # are untouched.
    nb = nbformat.read(folder / "04_transitions.ipynb", as_version=4)
    injected = [c for c in nb.cells if INJECTED_TAG in c.metadata.get("tags", [])]
    assert len(injected) == 1 and str(without_newest) in injected[0].source
    # Notebook 06 puts the grade in force from these older tables beside DfE's indicators.
    assert "Leeds, 2025: overall grade in force at 31 March 2025: Outstanding" in _text(
        folder / "06_outcomes_and_inspections.ipynb"
    )
    assert committed == {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}


def test_rerun_on_shipped_tables_with_a_parameter(tmp_path):
    folder = _copy_notebooks(tmp_path / "nb", names=["02"])
    run_notebooks(folder, params=parse_params(["authorities=Leeds,Bradford"]), in_place=True)
    text = _text(folder / "02_authority_trajectories.ipynb")
    assert LEEDS_2025 in text  # Leeds August 2025 report: present with the shipped data
    assert "Bradford" in text and "City of London" not in text


# --- JupyterLab ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str, timeout: float = 5) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (loopback only)
        return resp.status, resp.read()


def test_jupyterlab_lists_and_opens_the_notebooks(tmp_path):
    token = secrets.token_hex(16)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    runtime = tmp_path / "runtime"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(runtime),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
    }
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--ServerApp.token={token}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={NOTEBOOKS}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
        "--ServerApp.terminals_enabled=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers often run as root; Jupyter refuses otherwise
    log = open(tmp_path / "lab.log", "wb")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        listing = None
        while time.monotonic() < deadline:
            assert server.poll() is None, (tmp_path / "lab.log").read_text()[-2000:]
            try:
                status, body = _get(f"{base}/api/contents", token)
                listing = json.loads(body)
                break
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "JupyterLab did not answer within 60 s"
        names = sorted(item["name"] for item in listing["content"] if item["type"] == "notebook")
        assert names == [p.name for p in notebook_paths(NOTEBOOKS)]
        status, body = _get(f"{base}/api/contents/01_data_overview.ipynb", token)
        model = json.loads(body)
        assert status == 200 and model["type"] == "notebook"
        cells = model["content"]["cells"]
        assert "parameters" in cells[1]["metadata"]["tags"]
        assert any(
            "Data date" in "".join(o.get("text", ""))
            for c in cells
            if c["cell_type"] == "code"
            for o in c["outputs"]
        )
        # The lab front end itself is served.
        status, _ = _get(f"{base}/lab", token)
        assert status == 200
        # Without the token, the API refuses.
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{base}/api/contents", timeout=5)  # noqa: S310
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


# --- all or nothing: parameters checked first, failures named, nothing half-written ---------

BAD_PARAMS = [  # (--param item, text the error must name)
    ("as_at=31/13/2024", "'31/13/2024'"),  # month 13 (issue 9, item 4)
    ("as_at=2024", "2024"),
    ("as_at=2030-01-01", "data date"),  # after the data: nothing is known then
    ("as_at=2013-06-30", "first overall judgement"),  # before any overall grade (SIF, 2014)
    ("authorities=Leeds,Narnia", "'Narnia'"),
    ("area=everything", "'everything'"),
    ('area=["overall", "ofsted"]', "'ofsted'"),
    ("region=Atlantis", "'Atlantis'"),
    ("include_predecessors=maybe", "'maybe'"),
    ("data=no/such/folder", "'no/such/folder'"),
    ("indicators=rereferral_rate,rereferal_rate", "'rereferal_rate'"),
    ("themes=care_leaver", "closest: care_leavers"),
    ("years=(2026, 2018)", "(2026, 2018)"),
    # DfE's files held end in 2025, LAIT's bulk file (../shared/data/lait) with its 2025-26
    # budget periods in 2026
    ("year=2030", "2013 to 2026"),
    ("authority=Narnia", "'Narnia'"),  # the other spelling of authorities, checked the same
]


@pytest.mark.parametrize("item,named", BAD_PARAMS)
def test_bad_parameter_value_is_refused_before_running(tmp_path, item, named):
    folder = _copy_notebooks(tmp_path / "nb")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    name = {"authority": "authorities"}.get(item.split("=", 1)[0], item.split("=", 1)[0])
    with pytest.raises(InputError) as e:
        run_notebooks(folder, params=parse_params([item]))
    assert f"notebook parameter {name}" in str(e.value) and named in str(e.value)
    # Nothing ran: every notebook as it was, no staging folder left behind.
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}


def test_cli_bad_date_exits_2_naming_it_and_changes_no_notebook(capsys):
    from ofsted_analysis.cli import main

    committed = {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}
    assert main(["notebooks", "--param", "as_at=31/13/2024"]) == 2
    err = capsys.readouterr().err
    assert "as_at '31/13/2024'" in err and "Traceback" not in err
    assert committed == {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}


def test_cli_dry_run_checks_parameters_only(capsys):
    from ofsted_analysis.cli import main

    committed = {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}
    assert (
        main(
            [
                "notebooks",
                "--param",
                "authorities=Bradford",
                "--param",
                "as_at=2023-03-31",
                "--dry-run",
            ]
        )
        == 0
    )
    assert "nothing was run" in capsys.readouterr().out
    assert (
        main(["notebooks", "--param", "authorities=Bradford as_at=2023-03-31", "--dry-run"]) == 2
    )  # one --param per value: the old notebook 05 example
    assert "'Bradford as_at=2023-03-31'" in capsys.readouterr().err
    assert committed == {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}


def test_failing_cell_is_named_and_no_notebook_is_replaced(tmp_path):
    from ofsted_analysis.notebooks import NotebookError

    folder = _copy_notebooks(tmp_path / "nb")
    # A cell that fails at run time although every parameter is valid: a date the analysis
    # cannot read, placed after notebook 03's first code cell.
    path = folder / "03_national_picture.ipynb"
    nb = nbformat.read(path, as_version=4)
    bad = nbformat.v4.new_code_cell('snap = judgements.as_at(j, "31/13/2024")')
    at = next(i for i, c in enumerate(nb.cells) if "import ofsted_analysis" in c.source) + 1
    nb.cells.insert(at, bad)
    nbformat.write(nb, path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(NotebookError) as e:
        run_notebooks(folder, params={"as_at": "2024-03-31"}, workers=2, out=tmp_path / "out")
    err = e.value
    assert err.notebook == "03_national_picture.ipynb"
    assert err.cell == at + 1 + 1  # counted from 1, after the injected parameters cell
    assert err.line == 'snap = judgements.as_at(j, "31/13/2024")'
    assert "InputError" in err.error and "'31/13/2024'" in err.error
    assert str(err).startswith(f"03_national_picture.ipynb, cell {at + 2} (`snap = ")
    # Notebooks 01, 02, 04 and 05 ran fine, but none was written: all or nothing.
    assert before == {p.name: p.read_bytes() for p in folder.iterdir()}
    assert not list((tmp_path / "out").glob("*.ipynb"))


def test_notebook_02_introduces_the_authorities_it_was_run_for(tmp_path):
    # Issue 9, item 6: after --param authorities=Coventry,Nottinghamshire, notebook 02 still
    # introduced Leeds and the City of London.
    folder = _copy_notebooks(tmp_path / "nb", names=["02"])
    run_notebooks(folder, params=parse_params(["authorities=Coventry,Nottinghamshire"]), out=folder)
    nb = nbformat.read(folder / "02_authority_trajectories.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    outputs = _text(folder / "02_authority_trajectories.ipynb")
    for stale in ("Leeds", "City of London"):
        assert stale not in markdown and stale not in outputs
    intro = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    ]
    assert intro[0].startswith("**Coventry**: ") and intro[1].startswith("**Nottinghamshire**: ")


def test_cli_names_the_failed_notebook_and_cell_and_changes_nothing(tmp_path):
    # The command line on a copy of the project (its package first on PYTHONPATH, so the
    # copy's notebooks are the ones run), with a cell in notebook 04 that fails at run time.
    copy = tmp_path / "project"
    shutil.copytree(
        PROJECT / "ofsted_analysis",
        copy / "ofsted_analysis",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(PROJECT / "data" / "processed", copy / "data" / "processed")
    shutil.copytree(PROJECT / "data" / "reference", copy / "data" / "reference")
    _copy_notebooks(copy / "notebooks")
    path = copy / "notebooks" / "04_transitions.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("judgements.journeys(j, 'everything')"))
    nbformat.write(nb, path)
    before = {p.name: p.read_bytes() for p in (copy / "notebooks").iterdir()}
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ofsted_analysis",
            "notebooks",
            "--param",
            "area=help_and_protection",
        ],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr
    # The last cell, counted from 1, after the injected-parameters cell the run adds.
    assert (
        f"04_transitions.ipynb, cell {len(nb.cells) + 1} "
        "(`judgements.journeys(j, 'everything')`): InputError"
    ) in done.stderr
    assert "No notebook was changed" in done.stderr and "Traceback" not in done.stderr
    assert before == {p.name: p.read_bytes() for p in (copy / "notebooks").iterdir()}


def test_notebooks_verb_names_the_extra_when_the_tools_are_missing(monkeypatch, capsys):
    """The library runs without the notebook tools; the verb that needs them says which extra
    to install, exit 2, before touching anything."""
    import importlib.util

    from ofsted_analysis.cli import main

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "nbclient" else real(name, *a)
    )
    assert main(["notebooks", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "nbclient" in err and "ofsted-analysis[notebooks]" in err


# --- one name per parameter, the notebooks a run takes, where the copies go ----------------


def test_one_name_per_parameter_across_notebooks():
    # Issue 20, item 3: 06 and 07 read `authority` while 02 and 05 read `authorities`, so
    # `--param authorities=Bradford` left 06 and 07 on Leeds. Every name has one kind of
    # default wherever it is declared.
    kinds: dict[str, set] = {}
    for p in notebook_paths(NOTEBOOKS):
        for name, default in notebook_parameters(nbformat.read(p, as_version=4)).items():
            kinds.setdefault(name, set()).add(type(default).__name__)
    assert "authority" not in kinds
    assert kinds["authorities"] == {"list"}
    takers = [
        p.name[:2]
        for p in notebook_paths(NOTEBOOKS)
        if "authorities" in notebook_parameters(nbformat.read(p, as_version=4))
    ]
    assert takers == ["02", "05", "06", "07", "08", "09"]


def test_a_parameter_only_other_notebooks_take_is_refused_naming_them():
    only_03 = select_notebooks(notebook_paths(NOTEBOOKS), ["03"])
    with pytest.raises(InputError) as e:
        check_params({"authorities": "Bradford"}, only_03)
    assert "notebooks run (03)" in str(e.value)
    assert "02_authority_trajectories, 05_neighbours_and_region" in str(e.value)
    # In a run that includes a notebook taking it, the others simply do not receive it.
    check_params(
        {"authorities": "Bradford"}, select_notebooks(notebook_paths(NOTEBOOKS), ["3", "5"])
    )
    with pytest.raises(InputError, match="authorities and authority, not both"):
        check_params({"authority": "Leeds", "authorities": "Leeds"}, only_03)


def test_select_notebooks_by_number_or_name():
    paths = notebook_paths(NOTEBOOKS)
    assert [p.name[:2] for p in select_notebooks(paths, ["07", "3", "01_data_overview.ipynb"])] == [
        "01",
        "03",
        "07",
    ]
    assert select_notebooks(paths, None) == paths
    with pytest.raises(InputError, match="'99'.*01_data_overview"):
        select_notebooks(paths, ["99"])


def test_where_a_run_writes():
    # The committed notebooks hold the shipped tables with every default: only such a run
    # refreshes them, unless asked.
    assert destination(NOTEBOOKS, {}, None, None, None) == NOTEBOOKS
    assert destination(NOTEBOOKS, {"as_at": "2024-03-31"}, None, None, None) == DEFAULT_OUT
    assert destination(NOTEBOOKS, {}, "/elsewhere", None, None) == DEFAULT_OUT
    assert destination(NOTEBOOKS, {"as_at": "2024"}, None, None, True) == NOTEBOOKS
    assert destination(NOTEBOOKS, {}, None, "/tmp/x", None) == Path("/tmp/x")
    assert DEFAULT_OUT == PROJECT / "build" / "notebooks"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(DEFAULT_OUT / "02_authority_trajectories.ipynb")],
        cwd=PROJECT,
    )
    assert ignored.returncode == 0  # the executed copies are never committed by mistake
    with pytest.raises(InputError, match="--in-place"):
        destination(NOTEBOOKS, {}, None, "/tmp/x", True)


def test_cli_dry_run_says_where_the_notebooks_would_go(capsys):
    from ofsted_analysis.cli import main

    assert main(["notebooks", "--param", "authorities=Bradford", "--dry-run"]) == 0
    assert "written to build/notebooks/" in capsys.readouterr().out
    assert main(["notebooks", "03", "--param", "authorities=Bradford", "--dry-run"]) == 2
    assert "taken by 02_authority_trajectories" in capsys.readouterr().err


def test_authorities_reach_notebooks_06_and_07_and_the_committed_ones_stay(tmp_path, capsys):
    """Issue 20, items 3 and 4: `--param authorities=Bradford` ran 06 and 07 for Leeds, and
    every run with parameters rewrote the committed notebooks. Given as `authority` (the
    other spelling) with two names: 06 shows the first and names the other, 07 lists both."""
    from ofsted_analysis.cli import main

    committed = {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}
    out = tmp_path / "out"
    args = ["notebooks", "06", "--only", "7", "--param", "authority=Bradford,Kirklees"]
    assert main([*args, "--out", str(out)]) == 0
    assert "re-ran 2 notebooks" in capsys.readouterr().out
    assert sorted(p.name for p in out.glob("*.ipynb")) == [
        "06_outcomes_and_inspections.ipynb",
        "07_findings.ipynb",
    ]
    assert committed == {p.name: p.read_bytes() for p in notebook_paths(NOTEBOOKS)}
    outcomes = _text(out / "06_outcomes_and_inspections.ipynb")
    # Bradford's ILACS inspection of November 2022 (Ofsted's report, published 31 January
    # 2023: ../shared/data/reports/bradford/2023-01-31.pdf) judged it Inadequate overall; the
    # next graded inspection was in January 2026, so that was the grade at 31 March 2025.
    assert "Bradford, 2025: overall grade in force at 31 March 2025: Inadequate" in outcomes
    assert "not shown: Kirklees" in outcomes
    assert "Leeds," not in outcomes
    findings = _text(out / "07_findings.ipynb")
    assert "Bradford" in findings and "Kirklees" in findings


def test_profile_notebook_takes_authority_topic_and_year(tmp_path, capsys):
    """Notebook 08 run for Cumberland's workforce in 2025 shows Cumberland's profile (its
    sentence computed, naming the topic and year); an unknown topic is refused before
    anything runs, with the closest topic."""
    from ofsted_analysis.cli import main

    args = ["notebooks", "08", "--param", "authority=Cumberland", "--param", "topic=Workforce"]
    assert main([*args, "--param", "year=2025", "--out", str(tmp_path)]) == 0
    text = _text(tmp_path / "08_profile.ipynb")
    assert "Cumberland, workforce: 5 measures, 2025." in text and "Leeds," not in text
    capsys.readouterr()
    assert main(["notebooks", "08", "--param", "topic=workfarce", "--dry-run"]) == 2
    assert "closest: workforce" in capsys.readouterr().err


def test_merge_streams_joins_only_neighbouring_outputs_of_one_stream():
    def stream(name, text):
        return nbformat.v4.new_output("stream", name=name, text=text)

    image = nbformat.v4.new_output("display_data", data={"text/plain": "<Figure>"})
    outputs = [
        stream("stdout", "a\n"),
        stream("stdout", "b\n"),
        stream("stderr", "w\n"),
        stream("stdout", "c\n"),
        image,
        stream("stdout", "d\n"),
    ]
    merged = merge_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a\nb\n"),
        ("stream", "stderr", "w\n"),
        ("stream", "stdout", "c\n"),
        ("display_data", None, None),
        ("stream", "stdout", "d\n"),
    ]


def test_rerun_is_byte_identical_and_one_kernel_serves_several(tmp_path):
    """Issue 21, item 4: re-running unchanged notebooks changes no byte. 01 prints several
    streams in one cell; 04 prints and draws. Run once with a fresh kernel each, once both in
    one reused kernel: the files are identical to each other and to the committed ones
    (which the main job wrote the same way)."""
    fresh, reused = tmp_path / "fresh", tmp_path / "reused"
    run_notebooks(NOTEBOOKS, only=["01", "04"], out=fresh, workers=2)
    run_notebooks(NOTEBOOKS, only=["01", "04"], out=reused, workers=1)
    for name in ("01_data_overview.ipynb", "04_transitions.ipynb"):
        assert (fresh / name).read_bytes() == (reused / name).read_bytes(), name
        assert (fresh / name).read_bytes() == (NOTEBOOKS / name).read_bytes(), name
    nb = nbformat.read(fresh / "04_transitions.ipynb", as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "version" not in nb.metadata["language_info"]  # not the Python that ran it
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert any("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def test_every_name_the_notebooks_call_from_judgements_is_a_function():
    # `judgements.coverage_text` was the module of that name once `coverage_text.py` had been
    # imported for another name, so notebook 03 failed.
    from ofsted_analysis import judgements

    assert callable(judgements.quarter_series)  # imports judgements/coverage_text.py
    assert callable(judgements.coverage_text)


def test_regional_chart_drawn_from_the_table_the_notebook_shows():
    # Notebook 03 computes the national picture by region for its table and hands it to the
    # chart, which computed it again (a third of the notebook's time): the same chart.
    import matplotlib.pyplot as plt

    import ofsted_analysis as oa
    from ofsted_analysis import judgements
    from ofsted_analysis.plots import national
    from ofsted_analysis.plots.style import alt_text

    j = oa.load()
    quarters = judgements.quarter_ends("2016-03-31", "2025-03-31")
    regional = judgements.national_picture(j, quarters, by="region")
    given = national.plot_national_picture_by_region(j, quarters, picture=regional)
    computed = national.plot_national_picture_by_region(j, quarters)
    assert alt_text(given.flat[0].figure) == alt_text(computed.flat[0].figure)
    assert [a.get_title(loc="left") for a in given.flat] == [
        a.get_title(loc="left") for a in computed.flat
    ]
    plt.close("all")


def test_notebook_tools_load_without_building_iri_parsers():
    """The notebooks' runner imports nbformat without the optional rfc3987-syntax (it builds
    38 IRI parsers as jsonschema imports it: over a second before any notebook could start),
    and nbformat still reads and validates the committed notebooks; a fresh interpreter, so
    nothing imported by the tests counts."""
    code = (
        "import sys\n"
        "from ofsted_analysis.notebooks.params import load_nbformat\n"
        "nbformat = load_nbformat()\n"
        f"nb = nbformat.read({str(NOTEBOOKS / '01_data_overview.ipynb')!r}, as_version=4)\n"
        "nbformat.validate(nb)\n"
        "print('rfc3987_syntax' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "True"]
