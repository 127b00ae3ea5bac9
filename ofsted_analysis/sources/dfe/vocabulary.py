"""The vocabulary DfE files are read through, whatever the release: column names, filter
labels, suppression codes, and the *measures* read (one indicator column under fixed filter
labels).

Each release renames columns and filter labels: an earlier release's ``Referrals``,
``Re_referrals_percent``, ``Category``, ``number``, "at 31 March" or "Aged 19 to 21" read as
today's ``referral_count``, ``rereferral_percent``, ``category``, ``children_count``, "on 31
March" and "19 to 21 years". A name releases used for two things (``population_count``: a
population count in one file, the population type in an earlier looked-after children file)
is told apart by the file's cells.

>>> canonical_column("Re_referrals_percent"), canonical_label("Aged 19 to 21")
('rereferral_percent', '19 to 21 years')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

#: Suppression and symbol codes DfE (and MHCLG, in brackets) publish in place of a number.
STATUS_CODES: dict[str, str] = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "rounds to zero",
    "k": "rounds to zero",
}
_BRACKETED = {f"[{c}]": c for c in STATUS_CODES}

LEVELS: dict[str, str] = {"national": "england", "regional": "region", "local authority": "la"}

#: Columns every DfE tidy file has (after the vocabulary).
ID_COLUMNS = ("time_period", "time_identifier", "geographic_level")

#: Filter columns the measures select on.
FILTER_COLUMNS = (
    "category",
    "population_type",
    "cla_group",
    "placement_stability",
    "care_leaver_age",
    "breakdown",
    "age_group",
)

#: Names a release has used -> the name used here (compared case-insensitively). A name that
#: releases have used for two things has both, the measure first: which one a file means is
#: read from its cells (numbers: the measure; labels: the filter), see :func:`column_roles`.
COLUMN_ALIASES: dict[str, str | tuple[str, str]] = {
    # identifiers
    "time_period": "time_period",
    "time_identifier": "time_identifier",
    "geographic_level": "geographic_level",
    "region_code": "region_code",
    "region_name": "region_name",
    "old_la_code": "old_la_code",
    "la_code": "old_la_code",
    "new_la_code": "new_la_code",
    "la_name": "la_name",
    # filters
    "category": "category",
    "population_type": "population_type",
    "cla_group": "cla_group",
    "placement_stability": "placement_stability",
    "care_leaver_age": "care_leaver_age",
    "age": "care_leaver_age",
    "breakdown": "breakdown",
    "age_group": "age_group",
    # children in need, referrals, child protection
    "at31_episodes": "at31_episodes",
    "at_31_march_episodes": "at31_episodes",
    "referral_count": "referral_count",
    "referrals": "referral_count",
    "rereferral_percent": "rereferral_percent",
    "re_referrals_percent": "rereferral_percent",
    "rereferral_count": "rereferral_count",
    "re_referrals": "rereferral_count",
    "cpp_subsequent_percent": "cpp_subsequent_percent",
    "cpp_start": "cpp_start",
    "cpp_at31": "cpp_at31",
    "2_years_or_more_percent": "cpp_2_years_or_more_percent",
    # children looked after
    "rate_per_10000": "rate_per_10000",
    "children_count": "children_count",
    "number": "children_count",
    "children_percent": "children_percent",
    "percent": "children_percent",
    # care leavers
    "care_leaver_percent": "care_leaver_percent",
    "care_leaver_count": "care_leaver_count",
    # population
    "population_estimate": "population_estimate",
    # an ONS population file's count; in an earlier looked-after children release, the
    # population type ("Children looked after at 31 March each year")
    "population_count": ("population_estimate", "population_type"),
    # workforce
    "turnover_rate_fte": "turnover_rate_fte",
    "agency_rate_fte": "agency_rate_fte",
    "vacancy_rate_fte": "vacancy_rate_fte",
    "caseload_fte": "caseload_fte",
    "absence_rate_fte": "absence_rate_fte",
}

#: Filter labels a release has used -> the label used here (after :func:`_label_key`).
LABEL_ALIASES: dict[str, str] = {
    "aged 17 to 18": "17 to 18 years",
    "17 to 18": "17 to 18 years",
    "aged 19 to 21": "19 to 21 years",
    "19 to 21": "19 to 21 years",
    "total in education employment or training": "Total in education, employment or training",
    "accommodation considered suitable": "Accommodation considered suitable",
}


def _label_key(label: object) -> str:
    text = re.sub(r"\s+", " ", str(label).strip().lower())
    text = text.replace(" at 31 march", " on 31 march")
    return re.sub(r"[^a-z0-9 ]", "", text).strip()


def _heading_key(name: object) -> str:
    return str(name).strip().lstrip("\ufeff").lower()


def canonical_column(name: object) -> str:
    """The vocabulary's name for a column heading (unknown headings come back lower-cased);
    for a name with two roles, the first (see :func:`column_roles` for the one a file means).

    >>> canonical_column("Referrals"), canonical_column("population_count")
    ('referral_count', 'population_estimate')
    """
    key = _heading_key(name)
    role = COLUMN_ALIASES.get(key, key)
    return role if isinstance(role, str) else role[0]


def column_roles(headings: Sequence[str], holds_labels: Callable[[str], bool]) -> list[str]:
    """The vocabulary's name of each column of a file, a name with two roles taking the
    filter's when its cells are labels (``holds_labels(heading)``), the measure's otherwise.

    >>> column_roles(["population_count", "number"], lambda h: h == "population_count")
    ['population_type', 'children_count']
    """
    out = []
    for heading in headings:
        role = COLUMN_ALIASES.get(_heading_key(heading), _heading_key(heading))
        if not isinstance(role, str):
            measure, label = role
            role = label if holds_labels(heading) else measure
        out.append(role)
    return out


def published_value(cell: str) -> tuple[float, str] | None:
    """(value, status) of a published cell, or None when it is neither number nor code.

    >>> published_value("1,234"), published_value("[c]")[1], published_value("n/a")
    ((1234.0, ''), 'c', None)
    """
    text = cell.strip()
    try:
        return float(text.replace(",", "")), ""
    except ValueError:
        pass
    code = _BRACKETED.get(text.lower(), text.lower() if text.lower() in STATUS_CODES else None)
    if code is None:
        return None
    return float("nan"), code


def canonical_label(label: object) -> str:
    """The vocabulary's form of a filter label: "at 31 March" reads as "on 31 March".

    >>> canonical_label("Children looked after at 31 March each year")
    'children looked after on 31 march each year'
    """
    key = _label_key(label)
    return LABEL_ALIASES.get(key, key)


@dataclass(frozen=True)
class Measure:
    """One published figure: a column under fixed filter labels."""

    id: str
    column: str
    filters: tuple[tuple[str, str], ...] = ()

    def wanted(self) -> dict[str, str]:
        return {k: canonical_label(v) for k, v in self.filters}


#: Every figure read from the DfE files (indicators in :mod:`ofsted_analysis.outcomes.indicators`
#: are these, or ratios of these).
MEASURES: tuple[Measure, ...] = (
    Measure("cin_at31", "at31_episodes"),
    Measure("referrals", "referral_count"),
    Measure("rereferral_percent", "rereferral_percent"),
    Measure("cpp_starts", "cpp_start"),
    Measure("cpp_subsequent_percent", "cpp_subsequent_percent"),
    Measure("cpp_at31", "cpp_at31"),
    Measure("cpp_2_years_or_more_percent", "cpp_2_years_or_more_percent"),
    Measure(
        "cla_on31_rate",
        "rate_per_10000",
        (("population_type", "Children looked after on 31 March each year"),),
    ),
    Measure(
        "cla_on31_count",
        "children_count",
        (("population_type", "Children looked after on 31 March each year"),),
    ),
    Measure(
        "cla_starting_rate",
        "rate_per_10000",
        (("population_type", "Children starting to be looked after each year"),),
    ),
    Measure(
        "placements_3plus_percent",
        "children_percent",
        (
            ("cla_group", "CLA on 31 March"),
            ("placement_stability", "With 3 or more placements during the year"),
        ),
    ),
    Measure(
        "long_term_stability_percent",
        "children_percent",
        (
            (
                "cla_group",
                "Children looked after continuously for at least 2.5 years on "
                "31 March aged under 16 years",
            ),
            ("placement_stability", "Living with the same carer for at least 2 years"),
        ),
    ),
    Measure(
        "care_leavers_eet_19_21",
        "care_leaver_percent",
        (
            ("care_leaver_age", "19 to 21 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Measure(
        "care_leavers_eet_17_18",
        "care_leaver_percent",
        (
            ("care_leaver_age", "17 to 18 years"),
            ("breakdown", "Total in education, employment or training"),
        ),
    ),
    Measure(
        "care_leavers_suitable_accommodation_19_21",
        "care_leaver_percent",
        (("care_leaver_age", "19 to 21 years"), ("breakdown", "Accommodation considered suitable")),
    ),
    Measure(
        "care_leavers_suitable_accommodation_17_18",
        "care_leaver_percent",
        (("care_leaver_age", "17 to 18 years"), ("breakdown", "Accommodation considered suitable")),
    ),
    Measure("sw_turnover_rate", "turnover_rate_fte"),
    Measure("sw_agency_rate", "agency_rate_fte"),
    Measure("sw_vacancy_rate", "vacancy_rate_fte"),
    Measure("sw_caseload", "caseload_fte"),
    Measure("sw_absence_rate", "absence_rate_fte"),
    Measure(
        "population_0_17", "population_estimate", (("age_group", "Children aged 0 to 17 years"),)
    ),
)

#: The columns of what the reader returns (one row per published cell read).
MEASURE_COLUMNS = (
    "level",
    "la_code",
    "la_number",
    "la_name",
    "region_code",
    "region",
    "measure",
    "year",
    "value",
    "status",
    "file",
    "row",
    "column",
)
