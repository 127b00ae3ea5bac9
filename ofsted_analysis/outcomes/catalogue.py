"""One table of every indicator the outcomes table holds: the package's own (DfE's statistics,
:mod:`.indicators`) and every LAIT measure (its data dictionary, stored as ``lait_measures``).

:func:`indicator_table` gives, per indicator: ``id``, ``label``, ``topic`` (``topics``: every
topic LAIT lists it under), ``unit``, ``polarity`` (``high`` is better, ``low`` is better,
``''`` no direction), ``decimals`` (as published), ``year_type``, ``quartiles`` (LAIT's
quartile bands apply), ``description``, ``methodology``, ``source_link``, ``data_owner``,
``last_update``, ``next_update`` (with ``next_update_note`` for LAIT's ``TBC`` or
``Discontinued``), ``same_as`` (for a LAIT measure, the package's indicator whose values equal
it within published rounding for every authority and year both hold), ``compare_with`` (the
package's indicator of the same definition from a later DfE release, whose values differ
where DfE revised them after LAIT took them), ``source``, ``computed``, ``higher_is_better``
(the package's own earlier column), ``origin`` (``dfe`` or ``lait``) and ``in_bulk_file``.

>>> t = indicator_table().set_index("id")
>>> t.loc["lait:ReReferral", ["polarity", "same_as"]].tolist()
['low', 'rereferral_rate']
>>> t.loc["sw_turnover_rate", "polarity"]
'low'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError
from ..sources.lait.bulk import PREFIX
from ..sources.lait.dictionary import COLUMNS as DICTIONARY_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

#: LAIT measure -> the package's indicator it equals within published rounding (every
#: authority-year both hold: tests/test_lait.py checks them all; England's and the regions'
#: figures are aggregates LAIT may take from another release).
SAME_AS: dict[str, str] = {
    "ReReferral": "rereferral_rate",
    "CPP_Total_Rateper10,000": "referral_rate",
    "CIN": "cin_rate",
    "CPP_rate": "cpp_rate",
    "PrevRegCPR": "repeat_cpp_rate",
    "CPPlans2yrsActive": "cpp_2_years_or_more",
    "Work_Force_TO_Rate": "sw_turnover_rate",
    "Work_Force_Agecy_Rate": "sw_agency_rate",
    "Work_Force_Vac_Rate": "sw_vacancy_rate",
    "Work_Force_AvgNumCase_SW": "sw_caseload",
    "Work_Force_SWAbsence": "sw_absence_rate",
}
#: LAIT measure -> the package's indicator of the same definition whose values differ for
#: some authority-years: DfE revised them (rates on rebased population estimates, late
#: returns) after LAIT took them; the package holds DfE's latest release.
COMPARE_WITH: dict[str, str] = {
    "LAC": "cla_rate",
    "LAC_Start_Rate": "cla_starting_rate",
    "LAC_LongStable%": "long_term_stability_rate",
    "LACStable_2016on": "placements_3plus_rate",
    "CareLeaverEET": "care_leavers_eet_19_21",
    "CareLeaverAcc": "care_leavers_suitable_accommodation_19_21",
}
#: The dictionary's fields every indicator has (LAIT's own, and the package's in their terms).
DESCRIBED = tuple(c for c in DICTIONARY_COLUMNS if c not in ("measure", "chart_title", "row"))
COLUMNS = (
    "id",
    *DESCRIBED,
    "same_as",
    "compare_with",
    "source",
    "computed",
    "higher_is_better",
    "origin",
    "in_bulk_file",
)


def polarity_of(higher_is_better: bool | None) -> str:
    """``high``, ``low`` or ``''`` (no direction) from the package's ``higher_is_better``."""
    return {True: "high", False: "low"}.get(higher_is_better, "")  # type: ignore[arg-type]


def _own() -> pd.DataFrame:
    """The package's own indicators, in :data:`.indicators.INDICATORS` order."""
    import pandas as pd

    from .indicators import INDICATORS

    return pd.DataFrame(
        [
            {
                "id": i.id,
                "label": i.label,
                "topic": i.topic,
                "topics": i.topic,
                "unit": i.unit,
                "polarity": polarity_of(i.higher_is_better),
                "decimals": i.decimals,
                "year_type": i.year_type,
                "quartiles": i.higher_is_better is not None,
                "description": i.label,
                "methodology": i.source,
                "source_link": "",
                "data_owner": i.data_owner,
                "last_update": pd.NaT,
                "next_update": pd.NaT,
                "next_update_note": "",
                "same_as": "",
                "compare_with": "",
                "source": i.source,
                "computed": i.computed,
                "higher_is_better": i.higher_is_better,
                "origin": "dfe",
                "in_bulk_file": True,
            }
            for i in INDICATORS
        ]
    )


def _lait(path: str | Path | None) -> pd.DataFrame:
    import pandas as pd

    from .lait import lait_measures

    m = lait_measures(path)
    return pd.DataFrame(
        {
            "id": PREFIX + m["measure"],
            "label": m["label"],
            "topic": m["topic"],
            "topics": m["topics"],
            "unit": m["unit"],
            "polarity": m["polarity"],
            "decimals": m["decimals"],
            "year_type": m["year_type"],
            "quartiles": m["quartiles"],
            "description": m["description"],
            "methodology": m["methodology"],
            "source_link": m["source_link"],
            "data_owner": m["data_owner"],
            "last_update": m["last_update"],
            "next_update": m["next_update"],
            "next_update_note": m["next_update_note"],
            "same_as": m["measure"].map(SAME_AS).fillna(""),
            "compare_with": m["measure"].map(COMPARE_WITH).fillna(""),
            "source": "LAIT bulk data (" + m["bulk_file"] + "), Short Desc " + m["measure"],
            "computed": False,
            "higher_is_better": m["polarity"].map({"high": True, "low": False}),
            "origin": "lait",
            "in_bulk_file": m["in_bulk_file"],
        }
    )


def topics(path: str | Path | None = None) -> list[str]:
    """Every topic: the package's own (:data:`.indicators.TOPICS`), then LAIT's."""
    from .indicators import TOPICS
    from .lait import lait_measures

    listed = lait_measures(path)["topics"].str.split("; ").explode().dropna()
    return list(dict.fromkeys([*TOPICS, *sorted(set(listed) - {""})]))


def check_topics(topic: str | list[str], path: str | Path | None = None) -> set[str]:
    """The topics asked for, lower-cased; an unknown one raises :class:`InputError` naming
    the closest."""
    known: dict[str, str] = {}
    for t in topics(path):  # the package's own spelling first ("children in need")
        known.setdefault(t.lower(), t)
    out = set()
    for t in [topic] if isinstance(topic, str) else topic:
        if not isinstance(t, str) or t.strip().lower() not in known:
            from ..core.checks import expected_one_of

            raise InputError("topic", t, expected_one_of(t, list(known.values())))
        out.add(t.strip().lower())
    return out


def indicator_table(
    topic: str | list[str] | None = None, path: str | Path | None = None
) -> pd.DataFrame:
    """Every indicator, the package's own then LAIT's (of the store at ``path``, default
    ``data/processed``): the columns of :data:`COLUMNS`. ``topic``: one or a list of
    :func:`topics` (case ignored; a LAIT measure listed under two topics is in both).

    >>> indicator_table("Children's Services Workforce")["id"].str.startswith("lait:").all()
    np.True_
    """
    import pandas as pd

    table = pd.concat([_own(), _lait(path)], ignore_index=True)
    table["decimals"] = table["decimals"].astype("Int64")
    table["higher_is_better"] = table["higher_is_better"].astype(object)
    if topic is not None:
        wanted = check_topics(topic, path)
        listed = table["topics"].str.lower().str.split("; ")
        table = table[listed.map(lambda ts: bool(wanted & set(ts)))]
    return table[list(COLUMNS)].reset_index(drop=True)
