"""Grade words (ofsted_analysis/grades.py): every spelling a source uses, placeholders, and
unknown words refused."""

import pytest

from ofsted_analysis.core.errors import InputError
from ofsted_analysis.core.grades import parse_grade


@pytest.mark.parametrize(
    "word, grade",
    [
        ("Outstanding", "Outstanding"),
        ("good", "Good"),
        (" Good ", "Good"),
        ("Requires improvement to be good", "Requires improvement"),
        ("requires improvement", "Requires improvement"),
        ("Adequate", "Requires improvement"),
        ("Inadequate", "Inadequate"),
        ("2", "Good"),
        (4.0, "Inadequate"),
    ],
)
def test_grade_words(word, grade):
    assert parse_grade(word) == grade


@pytest.mark.parametrize(
    "placeholder",
    [
        "",
        " -",
        "-",
        None,
        "data_unreadable",
        "inspection_pre_dates_judgement",
        "not_reported_post_reform",
        "Not reported (2026 framework change)",
        float("nan"),
    ],
)
def test_placeholders_are_not_grades(placeholder):
    assert parse_grade(placeholder) is None


def test_unknown_grade_word_is_an_error_naming_the_word():
    with pytest.raises(InputError, match="'Excellent'.*expected Outstanding, Good"):
        parse_grade("Excellent")
