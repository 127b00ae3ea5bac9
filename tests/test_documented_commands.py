"""Every command the documentation tells a user to run, read from the documents themselves and
run: README.md, docs/*.md, notebooks/README.md and the notebooks' own markdown (issue 9's guard).

Commands are taken from fenced ``bash`` blocks (each line; ``&&`` chains split) and from inline
code that starts like a command (``ofsted-analysis ...``, ``.venv/bin/...``, ``jupyter ...``,
``pytest ...``); an inline fragment that starts with ``--`` (``--param as_at=2025-03-31``)
belongs to the last ``ofsted-analysis`` verb named before it in the same document. Each runs in
a throw-away copy of the project (its ``../shared`` pointing at the real data), in document
order, and fails on a non-zero exit or a traceback. A new command in the documents is picked up
without editing this file; one that cannot be run as written must be given a rule in
:func:`runnable`, which says how it is run and why.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from shared_files import PROJECT, SHARED

# docs/building.md last: its `build` and `update` rewrite the copy's tables from data/raw alone
# (no DfE files), which the outcome commands of the other documents need.
BUILDING = PROJECT / "docs" / "building.md"
DOCS = [
    PROJECT / "README.md",
    *sorted(set((PROJECT / "docs").glob("*.md")) - {BUILDING}),
    PROJECT / "notebooks" / "README.md",
    *sorted((PROJECT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
    BUILDING,
]
STARTS = ("ofsted-analysis", ".venv/bin/", "jupyter ", "pytest", "python3 ")
# A real report to stand for the placeholder report.pdf, and a new file for NEW_FILE.
REPORT = SHARED / "reports" / "bradford" / "2023-01-31.pdf"
NEW_FILE = "reports/bradford/2023-01-31.pdf"  # copied into data/raw/ of the copy
VENV_BIN = Path(sys.executable).parent
# Checked by another test, which starts a real JupyterLab server and opens the notebooks.
JUPYTER_TEST = ("test_notebooks.py", "test_jupyterlab_lists_and_opens_the_notebooks")


def _text(doc: Path) -> str:
    if doc.suffix == ".ipynb":
        nb = nbformat.read(doc, as_version=4)
        return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return doc.read_text(encoding="utf-8")


def documented_commands(doc: Path) -> list[str]:
    """The shell commands a document shows, in order of appearance."""
    text = _text(doc)
    fence = re.compile(r"```(\w*)\n(.*?)```", re.S)
    pieces: list[tuple[int, str]] = []
    for m in fence.finditer(text):
        if m.group(1) not in ("bash", "sh", "shell", "console"):
            continue
        for line in m.group(2).splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                pieces += [(m.start(), part.strip()) for part in line.split(" && ")]
    prose = fence.sub(lambda m: " " * len(m.group(0)), text)  # keep positions
    verb, last_end = None, -1
    for m in re.finditer(r"`([^`]+)`", prose):
        code = " ".join(m.group(1).split())
        if code.startswith("--"):
            # An option listed right after a command, e.g. "`ofsted-analysis notebooks`
            # (`--param as_at=2025-03-31`, `--html DIR`)": that command with the option.
            if verb and re.fullmatch(r"[\s(,]*", prose[last_end : m.start()]):
                pieces.append((m.start(), f"{verb} {code}"))
                last_end = m.end()
            continue
        if code.startswith(STARTS):
            pieces.append((m.start(), code))
            found = re.match(r"((?:\.venv/bin/)?ofsted-analysis \w+)", code)
            verb, last_end = (found.group(1), m.end()) if found else (None, -1)
        else:
            verb = None
    return [code for _, code in sorted(pieces, key=lambda p: p[0])]


def runnable(command: str) -> tuple[str, str]:
    """How a documented command is run here: ``(shell command, note)``.

    Placeholders become real things: ``report.pdf`` a real Ofsted report, ``NEW_FILE`` a report
    new to the shipped tables, ``DIR`` a folder, ``path/to/processed`` the shipped tables. A
    synopsis (``[--param NAME=VALUE ...]``, ``build | update``) runs each verb it names in its
    plainest form. Three commands are not run as written, each for a reason given in the note.
    """
    cmd = command.replace("NEW_FILE", NEW_FILE)
    cmd = cmd.replace("--data DIR", "--data data/processed").replace("--html DIR", "--html html")
    cmd = cmd.replace("data=path/to/processed", "data=../data/processed")
    cmd = re.sub(r"\s+\[--[^\]]*\]", "", cmd)  # optional parts of a synopsis
    if " | " in cmd:
        head, *rest = cmd.split(" | ")
        prog = head.rsplit(" ", 1)[0]
        verbs = [head.rsplit(" ", 1)[1], *rest]
        return " && ".join(f"{prog} {v.strip()} --help" for v in verbs), "synopsis: --help"
    words = shlex.split(cmd)
    name = Path(words[0]).name if words else ""
    if words[:3] == ["python3", "-m", "venv"]:
        return cmd, "run in a scratch folder (never over the tests' own environment)"
    if name == "pip" and "install" in words:
        return cmd.replace(" install ", " install --dry-run ", 1), (
            "--dry-run: resolves and builds the project's requirements without replacing the "
            "environment these tests run in"
        )
    if name == "pytest":
        return cmd + " --collect-only", (
            "--collect-only: collecting every test and notebook proves the command; running "
            "the suite from inside itself would recurse"
        )
    if name == "jupyter":
        return "", f"served and opened by {'::'.join(JUPYTER_TEST)}"
    if words[1:] == ["update"]:
        return cmd + " --help", (
            "named as a verb (after `build` or `update`); its runnable forms, with a file or "
            "--rollback, are run from the README"
        )
    if words[1:2] == ["notebooks"] and len(words) > 2 and "--help" not in words:
        return cmd + " --dry-run", (
            "--dry-run: the parameters are checked exactly as a run checks them, before any "
            "kernel starts; the plain `ofsted-analysis notebooks` is run in full"
        )
    return cmd, ""


def _cases() -> list:
    """One case per distinct command (``.venv/bin/`` aside), in document order, with every
    document that shows it."""
    where: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for doc in DOCS:
        rel = doc.relative_to(PROJECT).as_posix()
        for command in documented_commands(doc):
            key = runnable(command)[0].removeprefix(".venv/bin/")
            first.setdefault(key, command)
            where.setdefault(key, [])
            if rel not in where[key]:
                where[key].append(rel)
    return [pytest.param(", ".join(where[k]), first[k], id=first[k][:70]) for k in first]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    """The project's tracked files (as in the working tree) in a temporary folder next to a
    ``shared`` link to the real data, with this environment as ``.venv``, the real releases,
    scrape and DfE files in ``data/raw/`` (as the docs say to put them), a real report as
    ``report.pdf`` and a report the shipped tables lack under ``data/raw/reports/``."""
    root = tmp_path_factory.mktemp("docs")
    copy = root / "project"
    files = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    for rel in files:
        src = PROJECT / rel
        if src.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy / rel)
    (root / "shared").symlink_to(SHARED.parent)
    (copy / ".venv").symlink_to(VENV_BIN.parent)
    for folder in sorted((SHARED / "raw").iterdir()):  # "put files in data/raw/"
        if folder.is_dir():
            (copy / "data" / "raw" / folder.name).symlink_to(folder)
    # DfE's files too, so a plain `ofsted-analysis build` keeps the outcomes the other
    # documented commands use.
    (copy / "data" / "raw" / "outcomes").symlink_to(SHARED / "outcomes")
    shutil.copy(REPORT, copy / "report.pdf")
    new = copy / "data" / "raw" / NEW_FILE
    new.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPORT, new)
    (root / "scratch").mkdir()
    return copy


def _env(copy: Path) -> dict:
    env = dict(os.environ)
    # The copy's package, not the installed one, so nothing is written into the project.
    env["PYTHONPATH"] = str(copy)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["OFSTED_ANALYSIS_CACHE"] = str(PROJECT / "data" / "cache")  # keyed by content + code
    env.pop("MPLBACKEND", None)
    return env


def test_the_documents_show_commands():
    readme = documented_commands(PROJECT / "README.md")
    reference = documented_commands(PROJECT / "docs" / "command-line.md")
    assert "ofsted-analysis snapshot --as-at 2024-03-31 --csv snapshot.csv" in reference
    assert "ofsted-analysis figures --authority Bradford --out bradford/" in reference
    assert "ofsted-analysis indicators --topic workforce" in reference
    assert ".venv/bin/ofsted-analysis notebooks" in readme
    nbs = [c for d in DOCS[2:] for c in documented_commands(d)]
    assert "ofsted-analysis notebooks --param authorities=Bradford --param as_at=2023-03-31" in nbs
    # The inline fragments of notebooks/README.md belong to `ofsted-analysis notebooks`.
    assert "ofsted-analysis notebooks --param as_at=2025-03-31" in documented_commands(
        PROJECT / "notebooks" / "README.md"
    )


def test_the_jupyter_commands_are_covered_by_a_real_server_test():
    name, func = JUPYTER_TEST
    assert f"def {func}(" in (PROJECT / "tests" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("doc,command", _cases())
def test_documented_command_runs(project_copy, doc, command):
    shell, note = runnable(command)
    if not shell:  # jupyter: see test_the_jupyter_commands_are_covered_by_a_real_server_test
        assert "served and opened by" in note
        return
    scratch = shell.startswith("python3 -m venv")
    cwd = project_copy.parent / "scratch" if scratch else project_copy
    done = subprocess.run(
        shell,
        shell=True,
        cwd=cwd,
        env=_env(project_copy),
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, (
        f"{doc}: `{command}` ran as `{shell}`: exit {done.returncode}\n{output[-3000:]}"
    )
    assert "Traceback (most recent call last)" not in output, f"{doc}: `{command}`\n{output}"
