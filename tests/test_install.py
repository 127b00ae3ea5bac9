"""An installed copy (a wheel, not this checkout) works from any folder: it carries the shipped
tables and reference tables inside the package (ofsted_analysis.core.paths)."""

from __future__ import annotations

import os
import subprocess
import sys

from shared_files import PROJECT

import ofsted_analysis as oa


def test_installed_wheel_works_from_any_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(PROJECT)],
        check=True,
        capture_output=True,
    )
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            *map(str, wheels.glob("*.whl")),
        ],
        check=True,
        capture_output=True,
    )

    # every subpackage is in the wheel (a missing one was imported from the editable install)
    def packages(root):
        return {i.parent.relative_to(root).as_posix() for i in root.rglob("__init__.py")}

    assert packages(PROJECT / "ofsted_analysis") - packages(site / "ofsted_analysis") == set()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFSTED_ANALYSIS_")}
    env["PYTHONPATH"] = str(site)  # ahead of this checkout's editable install
    code = (
        "import ofsted_analysis as oa, ofsted_analysis.core.paths as p\n"
        "assert p.CHECKOUT is None, p.CHECKOUT\n"
        "print(oa.__file__)\n"
        "print(len(oa.load()), len(oa.load_outcomes()), len(oa.register().current))\n"
        # the briefing packs' templates and stylesheet are package data
        "from ofsted_analysis.briefing.render import stylesheet, template\n"
        "assert '@page' in stylesheet() and template('brief.html.j2')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    where, counts = run.stdout.splitlines()
    assert where.startswith(str(site))
    # the same tables as the checkout ships
    assert counts.split() == [
        str(len(oa.load())),
        str(len(oa.load_outcomes())),
        str(len(oa.register().current)),
    ]
    cli = subprocess.run(
        [sys.executable, "-m", "ofsted_analysis", "snapshot", "--as-at", "2025-03-31"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert cli.returncode == 0, cli.stderr
    assert "good or outstanding" in cli.stdout
