"""No traceback, ever (issue 20, item 1): every verb (but ``brief``, which drives a browser,
tested in test_brief*), for any authority in the register
(current or former), any indicator, area, date and export, exits 0 or 2 (bad input, with a
message) and never with a traceback.

Running every verb for every authority and indicator takes about twenty minutes, so
Hypothesis samples the combinations, and every run includes, as explicit examples, the
commands that crashed (suppressed and missing years: Bradford's child protection plans of
2 years or more in 2023, DfE's ``c``; Isles of Scilly and City of London looked-after
rates) and the authorities that were abolished or created (Northamptonshire, Cumbria,
Cumberland, North Northamptonshire). The command line runs in this process
(:func:`commands.run_in_process`), where an unexpected exception fails the test with its
traceback.
"""

from __future__ import annotations

from datetime import date

import pytest
from commands import run_in_process
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ofsted_analysis.core.authorities import register
from ofsted_analysis.core.frameworks import AREAS
from ofsted_analysis.outcomes.indicators import INDICATORS, TOPICS
from ofsted_analysis.outcomes.profile import profile_topics

AUTHORITIES = sorted(a.la_name for a in register().authorities)
INDICATOR_IDS = [i.id for i in INDICATORS]
PROFILE_TOPICS = profile_topics()  # ours and LAIT's
# Said by issue 20 to crash (suppressed or missing years), and the reorganised authorities.
CRASHED = [
    ("Bradford", "cpp_2_years_or_more"),
    ("Isles of Scilly", "cla_rate"),
    ("City of London", "cla_rate"),
    ("Birmingham", "sw_agency_rate"),
    ("Hackney", "rereferral_rate"),
    ("North Northamptonshire", "rereferral_rate"),
    ("Cumberland", "cin_rate"),
]
REORGANISED = ["Northamptonshire", "North Northamptonshire", "Cumbria", "Cumberland"]

authorities = st.sampled_from(AUTHORITIES)
areas = st.sampled_from(list(AREAS))
csv = st.sampled_from([[], ["--csv", "-"]])
# From before the first inspection to after the data date: both ends must be refused cleanly.
dates = st.dates(min_value=date(2005, 1, 1), max_value=date(2035, 12, 31)).map(str)


@st.composite
def commands(draw) -> list[str]:
    """One command line, as a user might type it."""
    verb = draw(
        st.sampled_from(
            ["outcomes", "trajectory", "findings", "snapshot", "indicators", "profile", "send"]
        )
    )
    if verb == "outcomes":
        ids = draw(st.lists(st.sampled_from(INDICATOR_IDS), min_size=1, max_size=3))
        return [
            "outcomes",
            draw(authorities),
            *[w for i in ids for w in ("--indicator", i)],
            *draw(st.sampled_from([[], ["--model", "2021"], ["--model", "latest"]])),
            *draw(st.sampled_from([[], ["--area", draw(areas)]])),
            *draw(csv),
        ]
    if verb == "trajectory":
        return [
            "trajectory",
            *draw(st.lists(authorities, min_size=1, max_size=3)),
            *draw(st.sampled_from([[], ["--area", draw(areas)]])),
            *draw(csv),
        ]
    if verb == "findings":
        return ["findings", draw(authorities)]
    if verb == "profile":
        return [
            "profile",
            draw(authorities),
            "--topic",
            draw(st.sampled_from(PROFILE_TOPICS)),
            *draw(st.sampled_from([[], ["--year", str(draw(st.integers(2010, 2030)))]])),
            *draw(st.sampled_from([[], ["--neighbours", "2021"]])),
            *draw(st.sampled_from([[], ["--area", draw(areas)]])),
            *draw(csv),
        ]
    if verb == "send":
        return [
            "send",
            *draw(st.sampled_from([[], [draw(authorities)]])),
            *draw(st.sampled_from([[], ["--as-at", draw(dates)]])),
            *draw(st.sampled_from([[], ["--include-predecessors"]])),
            *draw(csv),
        ]
    if verb == "snapshot":
        return [
            "snapshot",
            "--as-at",
            draw(dates),
            "--area",
            draw(areas),
            *draw(st.sampled_from([[], ["--by", "region"]])),
            *draw(csv),
        ]
    return ["indicators", *draw(st.sampled_from([[], *[["--topic", t] for t in TOPICS]]))]


def _explicit(test):
    """Every crash issue 20 names (table and chart), and every verb for the reorganised
    authorities, as examples Hypothesis always runs."""
    for name, indicator in CRASHED:
        test = example(["outcomes", name, "--indicator", indicator])(test)
        test = example(["outcomes", name, "--indicator", indicator, "--csv", "-"])(test)
    for name in REORGANISED:
        test = example(["outcomes", name, "--indicator", "rereferral_rate"])(test)
        test = example(["outcomes", name, "--indicator", "cla_rate", "--model", "2021"])(test)
        test = example(["trajectory", name, "--csv", "-"])(test)
        test = example(["findings", name])(test)
        # a measure DfE publishes for North and West Northamptonshire together: none of
        # their own (it crashed on 5 December 2026, found by this test)
        test = example(["outcomes", name, "--indicator", "sw_turnover_rate"])(test)
    return test


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,  # the sample is random each run; a failure prints the command to replay
)
@_explicit
@given(commands())
def test_every_verb_exits_cleanly(argv):
    done = run_in_process(*argv)
    assert done.returncode in (0, 2), (argv, done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr, (argv, done.stderr)
    if done.returncode == 2:
        assert done.stderr.startswith(("error:", "usage:")), (argv, done.stderr)


@pytest.mark.parametrize("name, indicator", CRASHED)
def test_the_charts_of_the_crashing_commands_draw(tmp_path, name, indicator):
    """The same commands with ``--out`` (the chart reads the same suppressed rows)."""
    out = tmp_path / f"{indicator}.png"
    done = run_in_process("outcomes", name, "--indicator", indicator, "--out", out)
    assert done.returncode == 0, done.stderr
    assert out.exists() and out.with_suffix(".svg").exists()
