"""Frameworks and harmonised areas (ofsted_analysis/frameworks.py): report headings and event
types."""

import pytest

from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.frameworks import classify_heading, harmonised_area, parse_event_type


@pytest.mark.parametrize(
    "heading, area, group",
    [
        (
            "SLAC Safeguarding Overall effectiveness (OE)",
            "help_and_protection",
            ("slac", "full", None, "safeguarding"),
        ),
        (
            "SLAC Looked After Children Overall Effectiveness (OE)",
            "children_in_care",
            ("slac", "full", None, "looked_after"),
        ),
        (
            "CPI Overall Effectiveness (OE)",
            "help_and_protection",
            ("child_protection", "full", None, None),
        ),
        ("TLAC Overall Effectiveness (OE)", "children_in_care", ("tlac", "full", None, None)),
        (
            " SIF Re-inspection CLA Sub: Adoption Performance",
            "adoption",
            ("sif", "reinspection", None, None),
        ),
        (
            "Second ILACS framework experiences and progress of care leavers",
            "care_leavers",
            ("ilacs", "full", 2, None),
        ),
        (
            "First ILACS framework experiences and progress of children in care and care leavers",
            "children_in_care",
            ("ilacs", "full", 1, None),
        ),
        ("Impact of leaders", "leadership", (None, None, None, None)),
        (
            "The impact of leaders on social work practice with children and families",
            "leadership",
            (None, None, None, None),
        ),
    ],
)
def test_heading_vocabulary(heading, area, group):
    h = classify_heading(heading)
    assert h.kind == "judgement"
    assert harmonised_area(h.name, h.framework, h.subgroup) == area
    assert h.group == group


def test_event_types():
    assert parse_event_type("ILACS Standard Inspection") == ("ilacs", "standard")
    assert parse_event_type("ILACS Focused Visit") == ("ilacs", "focused_visit")
    assert parse_event_type("LA Monitoring visit") == (None, "monitoring_visit")
    with pytest.raises(InputError, match="inspection type"):
        parse_event_type("Joint targeted area inspection")
