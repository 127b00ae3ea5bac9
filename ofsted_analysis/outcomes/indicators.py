"""The outcome indicators: ids (the API), what each measures, and where each number comes from.

One table, :data:`INDICATORS`; :func:`ofsted_analysis.outcomes.catalogue.indicator_table`
(``oa.indicator_table()``) shows it as a DataFrame, beside LAIT's measures. An indicator is
either a figure DfE publishes (``measure``: one column of one file under fixed filter labels,
see :data:`ofsted_analysis.sources.dfe.MEASURES`) or a rate this package computes from two
published figures (``numerator`` per ``per`` of ``denominator``, the denominator taken from
the year ``denominator_lag`` years before).

>>> from ofsted_analysis.outcomes.indicators import INDICATORS, get
>>> get("cin_rate").unit
'per 10,000 children'
>>> len(INDICATORS) >= 13
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import InputError


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    unit: str
    source: str  # the published file and columns (or the computation)
    measure: str = ""  # a published figure read as it is ...
    numerator: str = ""  # ... or a rate computed from two
    denominator: str = ""
    per: float = 1.0
    denominator_lag: int = 0
    higher_is_better: bool | None = None  # None: no direction is implied
    topic: str = ""  # one of TOPICS: how LAIT and DfE's releases group the indicators
    # The published count of children behind the figure (the children a percentage is of, or
    # those a rate per 10,000 counts), where the files read hold it: a figure on a small count
    # is flagged as not comparable (outcomes.small_numbers). "": no count is held.
    count: str = ""
    decimals: int | None = None  # as DfE publishes it (a rate computed here: as DfE shows it)
    year_type: str = "Financial Year"  # in LAIT's words: the year to 31 March
    data_owner: str = "DfE"

    @property
    def phrase(self) -> str:
        """The label for use inside a sentence (first letter lower-cased, acronyms kept).

        >>> get("sw_caseload").phrase
        "average caseload per children's social worker (FTE)"
        """
        return self.label[:1].lower() + self.label[1:]

    @property
    def is_count(self) -> bool:
        """Whether the figure is a count (LAIT's "Number ..." and "Entries" units): an
        authority's count is not comparable with England's or its region's total.

        >>> get("cla_rate").is_count
        False
        """
        return self.unit.strip().lower().startswith(("number", "entries"))

    @property
    def computed(self) -> bool:
        return bool(self.numerator)


#: Topics, in the order DfE's releases (and LAIT) take a child through the system.
TOPICS: tuple[str, ...] = (
    "referrals",
    "children in need",
    "child protection",
    "children looked after",
    "care leavers",
    "workforce",
    "spending",
)

_POP = (
    "ONS mid-year population aged 0-17 of the previous mid-year "
    "(ons_mid-year_population_estimates `population_estimate`, 'Children aged 0 to 17 "
    "years'): 31 March 2025 uses mid-2024"
)


def _per_10000_children(
    id: str, what: str, numerator: str, published: str, topic: str
) -> Indicator:
    """A rate this package computes: ``numerator`` (DfE's count, ``published`` naming its file
    and column) per 10,000 children aged 0-17 (:data:`_POP`). The count behind the rate is
    its numerator."""
    return Indicator(
        id,
        f"{what} per 10,000 children",
        "per 10,000 children",
        f"computed: {published} x 10,000 / {_POP}",
        numerator=numerator,
        denominator="population_0_17",
        per=10_000,
        denominator_lag=1,
        topic=topic,
        count=numerator,
        decimals=1,
    )


def _care_leavers(id: str, label: str, file: str, ages: str, category: str) -> Indicator:
    """The percentage of care leavers of ``ages`` in ``category`` (DfE's care leavers files:
    higher is better); its measure is its id."""
    return Indicator(
        id,
        label,
        "%",
        f"{file} `care_leaver_percent`, '{ages}' x '{category}'",
        measure=id,
        higher_is_better=True,
        topic="care leavers",
        decimals=0,
    )


def _workforce(id: str, label: str, column: str, unit: str = "%") -> Indicator:
    """A figure of DfE's children's social work workforce indicators (``csww_indicators``):
    for each of them, lower is better; its measure is its id."""
    return Indicator(
        id,
        label,
        unit,
        f"csww_indicators `{column}`",
        measure=id,
        higher_is_better=False,
        topic="workforce",
        decimals=1,
        year_type="Annual (end of Sept)",
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "rereferral_rate",
        "Re-referrals within 12 months",
        "%",
        "c1 children in need referrals: `rereferral_percent` (earlier `Re_referrals_percent`)",
        measure="rereferral_percent",
        higher_is_better=False,
        topic="referrals",
        count="referrals",
        decimals=1,
    ),
    _per_10000_children(
        "referral_rate",
        "Referrals",
        numerator="referrals",
        published="c1 `referral_count` (earlier `Referrals`)",
        topic="referrals",
    ),
    _per_10000_children(
        "cin_rate",
        "Children in need on 31 March",
        numerator="cin_at31",
        published="b1 children in need `At31_episodes`",
        topic="children in need",
    ),
    _per_10000_children(
        "cpp_rate",
        "Child protection plans on 31 March",
        numerator="cpp_at31",
        published="d5 `CPP_At31`",
        topic="child protection",
    ),
    Indicator(
        "repeat_cpp_rate",
        "Child protection plans that were a second or later plan",
        "%",
        "d3 `CPP_subsequent_percent`",
        measure="cpp_subsequent_percent",
        higher_is_better=False,
        topic="child protection",
        count="cpp_starts",
        decimals=1,
    ),
    Indicator(
        "cpp_2_years_or_more",
        "Child protection plans on 31 March lasting 2 years or more",
        "%",
        "d5 `2_years_or_more_percent`",
        measure="cpp_2_years_or_more_percent",
        higher_is_better=False,
        topic="child protection",
        count="cpp_at31",
        decimals=1,
    ),
    Indicator(
        "cla_rate",
        "Children looked after on 31 March per 10,000 children",
        "per 10,000 children",
        "cla_number_and_rate_per_10k_children `rate_per_10000`, "
        "'Children looked after on 31 March each year' (earlier 'at 31 March')",
        measure="cla_on31_rate",
        topic="children looked after",
        count="cla_on31_count",
        decimals=0,
    ),
    Indicator(
        "cla_starting_rate",
        "Children starting to be looked after per 10,000 children",
        "per 10,000 children",
        "cla_number_and_rate_per_10k_children `rate_per_10000`, "
        "'Children starting to be looked after each year'",
        measure="cla_starting_rate",
        topic="children looked after",
        decimals=0,
    ),
    Indicator(
        "placements_3plus_rate",
        "Children looked after with 3 or more placements in the year",
        "%",
        "la_cla_placement_stability `children_percent`, 'CLA on 31 "
        "March' x 'With 3 or more placements during the year'",
        measure="placements_3plus_percent",
        higher_is_better=False,
        topic="children looked after",
        count="cla_on31_count",
        decimals=0,
    ),
    Indicator(
        "long_term_stability_rate",
        "Children looked after 2.5+ years (under 16) living with the same carer for 2+ years",
        "%",
        "la_cla_placement_stability "
        "`children_percent`, 'Children looked after continuously for at least 2.5 years "
        "on 31 March aged under 16 years' x 'Living with the same carer for at least 2 "
        "years'",
        measure="long_term_stability_percent",
        higher_is_better=True,
        topic="children looked after",
        decimals=0,
    ),
    _care_leavers(
        "care_leavers_eet_19_21",
        "Care leavers aged 19-21 in education, employment or training",
        "la_care_leavers_activity",
        "19 to 21 years",
        "Total in education, employment or training",
    ),
    _care_leavers(
        "care_leavers_eet_17_18",
        "Care leavers aged 17-18 in education, employment or training",
        "la_care_leavers_activity",
        "17 to 18 years",
        "Total in education, employment or training",
    ),
    _care_leavers(
        "care_leavers_suitable_accommodation_19_21",
        "Care leavers aged 19-21 in suitable accommodation",
        "la_care_leavers_accommodation_suitability",
        "19 to 21 years",
        "Accommodation considered suitable",
    ),
    _care_leavers(
        "care_leavers_suitable_accommodation_17_18",
        "Care leavers aged 17-18 in suitable accommodation",
        "la_care_leavers_accommodation_suitability",
        "17 to 18 years",
        "Accommodation considered suitable",
    ),
    _workforce("sw_turnover_rate", "Children's social worker turnover (FTE)", "turnover_rate_fte"),
    _workforce("sw_agency_rate", "Agency children's social workers (FTE)", "agency_rate_fte"),
    _workforce("sw_vacancy_rate", "Children's social worker vacancies (FTE)", "vacancy_rate_fte"),
    _workforce(
        "sw_caseload",
        "Average caseload per children's social worker (FTE)",
        "caseload_fte",
        unit="cases per FTE",
    ),
    _workforce(
        "sw_absence_rate", "Children's social worker sickness absence (FTE)", "absence_rate_fte"
    ),
    Indicator(
        "csc_spend_per_child",
        "Children's social care net current expenditure per child aged 0-17",
        "£ per child",
        "computed: MHCLG revenue outturn RSX 'Children Social Care - Net Current "
        "Expenditure (C7 = C3 - C6)' (£ thousand) x 1,000 / ONS mid-year population "
        "aged 0-17 of the mid-year inside the financial year (2024-25 uses mid-2024)",
        numerator="csc_net_expenditure",
        denominator="population_0_17",
        per=1_000,
        denominator_lag=1,
        topic="spending",
        decimals=0,
        data_owner="MHCLG (revenue outturn) and ONS (population)",
    ),
)

_BY_ID = {i.id: i for i in INDICATORS}


def get(indicator: object, path=None) -> Indicator:
    """The indicator with this id: one of :data:`INDICATORS`, or a LAIT measure
    (``lait:<Short Desc>``) of the store at ``path`` (default ``data/processed``), described
    by LAIT's dictionary. An unknown id raises :class:`InputError` naming the closest ids and
    their labels ("children looked after rate" suggests ``cla_rate``).

    >>> get("rereferral_rate").measure
    'rereferral_percent'
    >>> get("lait:Work_Force_TO_Rate").higher_is_better
    False
    """
    if isinstance(indicator, str) and indicator in _BY_ID:
        return _BY_ID[indicator]
    from .lait import PREFIX, lait_measures

    measures = lait_measures(path)
    if isinstance(indicator, str) and indicator.startswith(PREFIX):
        found = measures[measures["measure"] == indicator.removeprefix(PREFIX)]
        if len(found):
            return _lait_indicator(found.iloc[0])
    from ..core.checks import closest  # rapidfuzz, only when a value is refused

    own = {i.id: i.label for i in INDICATORS}
    lait = dict(zip(PREFIX + measures["measure"], measures["label"], strict=True))
    listed = (
        "`ofsted-analysis indicators --search WORDS` (or oa.indicator_table()) lists every "
        "id and label"
    )
    near = [
        f"{label}: " + ", ".join(f"{n} ({labels[n]})" for n in found)
        for label, labels in (("closest", own), ("closest in LAIT", lait))
        if (found := closest(indicator, labels))
    ]
    raise InputError(
        "indicator",
        indicator,
        f"an indicator id; {'; '.join(near)}; {listed}"
        if near
        else f"an indicator id such as {', '.join(list(_BY_ID)[:5])}; {listed}",
    )


def _lait_indicator(m) -> Indicator:
    """A LAIT measure (a row of ``lait_measures``) as an :class:`Indicator`."""
    import pandas as pd

    from ..sources.lait.bulk import PREFIX

    return Indicator(
        PREFIX + m.measure,
        m.label,
        m.unit,
        f"LAIT bulk data ({m.bulk_file}), Short Desc {m.measure}",
        measure=PREFIX + m.measure,
        higher_is_better={"high": True, "low": False}.get(m.polarity),
        topic=m.topic,
        decimals=None if pd.isna(m.decimals) else int(m.decimals),
        year_type=m.year_type,
        data_owner=m.data_owner,
    )


def check_topic(topic: object) -> str:
    """``topic`` if it is one of :data:`TOPICS` (case does not matter), else
    :class:`InputError` naming them and the closest.

    >>> check_topic("Workforce")
    'workforce'
    """
    if isinstance(topic, str) and topic.strip().lower() in TOPICS:
        return topic.strip().lower()
    from ..core.checks import expected_one_of

    raise InputError("topic", topic, expected_one_of(topic, TOPICS))
