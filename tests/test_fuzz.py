"""Fuzz the parsers: any input gives a value or the documented error type, never another
exception."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ofsted_analysis.core.authorities import register
from ofsted_analysis.core.dates import parse_date
from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.frameworks import classify_heading, parse_event_type
from ofsted_analysis.core.grades import GRADES, parse_grade

cells = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(
        [
            "Good",
            " good ",
            "Requires improvement to be good",
            "-",
            "adequate",
            "09/05/25",
            "31/02/2025",
            "30 June 2025",
            "2025-06-30",
            "Leeds",
            "St. Helens",
            "E08000035",
            "to requires improvement",
            "data_unreadable",
        ]
    ),
)


@settings(max_examples=500, deadline=None)
@given(cells)
def test_grade_parser(value):
    try:
        grade = parse_grade(value)
    except InputError as e:
        assert "expected" in str(e)
    else:
        assert grade is None or grade in GRADES


@settings(max_examples=500, deadline=None)
@given(cells)
def test_date_parser(value):
    try:
        parsed = parse_date(value)
    except InputError as e:
        assert "expected a date" in str(e)
    else:
        assert parsed is None or isinstance(parsed, date)
        if isinstance(value, datetime):
            assert parsed == value.date()


@settings(max_examples=300, deadline=None)
@given(
    cells, st.one_of(st.none(), st.dates(min_value=date(2009, 1, 1), max_value=date(2026, 12, 31)))
)
def test_authority_resolver(value, when):
    reg = register()
    try:
        authority = reg.resolve(value, when)
    except InputError as e:
        assert "expected" in str(e)
    else:
        assert authority.la_code in reg.by_code
        if when is not None:
            assert authority.exists_on(when)


@settings(max_examples=300, deadline=None)
@given(cells)
def test_heading_and_event_type_readers(value):
    assert classify_heading(value if isinstance(value, str) or value is None else str(value)).kind
    try:
        framework, event = parse_event_type(value)
    except InputError:
        pass
    else:
        assert event
