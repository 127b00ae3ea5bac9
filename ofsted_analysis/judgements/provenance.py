"""Sentences on where the data comes from: which source's grade is kept, how recent each kind of
source is, what each contributes, and where sources disagreed. Every fact is computed from the
tables, so new data cannot leave a sentence false.
"""

from __future__ import annotations

import pandas as pd

from ..core.dates import long_date
from ..core.words import Prose, and_list, file_of, framework_list, plural
from ..pipeline.records import SOURCE_RANK
from .prepare import data_date


def _kinds(observations: pd.DataFrame) -> pd.Series:
    """Source kind of each file named in ``observations``."""
    return observations.drop_duplicates("file").set_index("file")["source_kind"]


def _kind_of(files: pd.Series, observations: pd.DataFrame) -> pd.Series:
    return files.map(file_of).map(_kinds(observations))


_KIND_NOUN = {
    "official": "official releases",
    "report": "inspection report PDFs",
    "scrape": "the Data to Insight scrape",
    "curated": "curated records",
}


_KIND_SUBJECT = {
    "report": "Inspection report PDFs supply",
    "scrape": "The Data to Insight scrape supplies",
    "curated": "Curated records supply",
}


def precedence_text() -> Prose:
    """Which source's grade is kept when sources disagree, from the rule the merge applies.

    >>> print(precedence_text())
    When sources disagree on a grade, an official release wins over an inspection report PDF,
    which wins over the Data to Insight scrape, which wins over a curated record; of two files
    of the same kind, the one that runs to the later date wins (Ofsted corrects earlier
    releases).
    """

    order = sorted(SOURCE_RANK, key=SOURCE_RANK.__getitem__)
    nouns = {
        "official": "an official release",
        "report": "an inspection report PDF",
        "scrape": "the Data to Insight scrape",
        "curated": "a curated record",
    }
    words = [nouns.get(k, k) for k in order]
    chain = words[0] + "".join(
        (" wins over " if i == 1 else ", which wins over ") + w
        for i, w in enumerate(words[1:], start=1)
    )
    return Prose(
        f"When sources disagree on a grade, {chain}; of two files of the same kind, "
        "the one that runs to the later date wins (Ofsted corrects earlier releases)."
    )


def data_date_text(observations: pd.DataFrame, judgements: pd.DataFrame) -> Prose:
    """Where the data date comes from and how much of the data is newer than the latest
    official release (so unofficial until Ofsted's next one).

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(data_date_text(observations, j))
    The data date is **20 August 2026**, the newest report publication date in any source; ...
    Ofsted's latest official release runs to 14 May 2025: the 53 inspections published since
    (254 judgements) come only from inspection report PDFs and the Data to Insight scrape, ...
    """
    when = data_date(judgements)
    # The data date is a publication date, or a fieldwork start when a visit's or
    # inspection's report is not out yet (see data_date): the sentence names which.
    what = "report publication"
    newest = observations[pd.to_datetime(observations["published"]).dt.normalize() == when]
    if newest.empty:
        what = "fieldwork start"
        newest = observations[pd.to_datetime(observations["start_date"]).dt.normalize() == when]
    kinds = sorted(set(newest["source_kind"]), key=list(_KIND_NOUN).index)
    files = sorted(set(newest["file"].map(lambda f: str(f).rsplit("/", 1)[-1])))
    text = (
        f"The data date is **{long_date(when)}**, the newest {what} date in any "
        f"source; it comes from {and_list([_KIND_NOUN[k] for k in kinds])} "
        f"({and_list([f'`{f}`' for f in files])})."
    )
    official = observations[observations["source_kind"] == "official"]
    if official.empty:
        return Prose(text + " No official release was read: every judgement is unofficial.")
    release_end = pd.to_datetime(official["published"]).max().normalize()
    later = judgements[pd.to_datetime(judgements["published"]) > release_end]
    n_insp = later["inspection_id"].nunique()
    if n_insp == 0:
        return Prose(
            text + f" The latest official release runs to {long_date(release_end)}, "
            "so every judgement is in an official release."
        )
    from_kinds = sorted(
        set(_kind_of(later["source"], observations).dropna()), key=list(_KIND_NOUN).index
    )
    return Prose(
        text + f" Ofsted's latest official release runs to {long_date(release_end)}: "
        f"the {plural(n_insp, 'inspection')} published since "
        f"({plural(len(later), 'judgement')}) come only from "
        f"{and_list([_KIND_NOUN[k] for k in from_kinds])}, and stand until Ofsted's next "
        "release confirms or corrects them."
    )


def contributions_text(observations: pd.DataFrame, judgements: pd.DataFrame) -> Prose:
    """What each kind of source other than the official releases contributes to the merged
    table: judgements whose grade it supplies, their inspections, dates and frameworks.

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(contributions_text(observations, j))
    Inspection report PDFs supply the grade of 230 judgements from 49 inspections (SIF, ILACS
    and ILACS 2026), reports published 17 February 2016 to 20 August 2026. The Data to Insight
    scrape supplies the grade of 25 judgements from 5 inspections (ILACS), reports published
    15 July 2025 to 21 May 2026. Curated records supply no grade: every judgement in curated
    records is also in a source ranked above.
    """
    kind = _kind_of(judgements["source"], observations)
    parts = []
    for k in _KIND_NOUN:
        if k == "official":
            continue
        rows = judgements[kind == k]
        if rows.empty:
            if k in set(observations["source_kind"]):
                parts.append(
                    f"{_KIND_SUBJECT[k]} no grade: every judgement in "
                    f"{_KIND_NOUN[k]} is also in a source ranked above."
                )
            continue
        pub = pd.to_datetime(rows["published"])
        n_insp = rows["inspection_id"].nunique()
        parts.append(
            f"{_KIND_SUBJECT[k]} the grade of {plural(len(rows), 'judgement')} from "
            f"{plural(n_insp, 'inspection')} ({framework_list(rows['framework'])}), reports "
            f"published {long_date(pub.min())} to {long_date(pub.max())}."
        )
    if not parts:
        return Prose("Every grade comes from an official release.")
    return Prose(" ".join(parts))


def conflicts_text(conflicts: pd.DataFrame, observations: pd.DataFrame) -> Prose:
    """How many judgements the sources disagreed on, between which kinds of source, and which
    rules decided them: grades and dates apart, and the values left out with nothing kept
    (a grade for a judgement the framework did not make then).

    >>> from ofsted_analysis.storage.store import load_observations
    >>> observations = load_observations()
    >>> print(conflicts_text(oa.load_conflicts(), observations))
    26 disagreements on 16 inspections of 16 authorities. Grades kept from: ...
    """
    if conflicts.empty:
        return Prose("The sources never disagreed on a grade.")
    nothing_kept = conflicts["kept_source"].isna() | (conflicts["kept_source"] == "")
    is_grade = conflicts["field"] == "grade"

    def kinds(files: pd.Series) -> pd.Series:
        return _kind_of(files, observations).map(_KIND_NOUN).fillna("an unknown source")

    parts = []
    for label, rows in (
        ("Grades", conflicts[is_grade & ~nothing_kept]),
        ("Dates", conflicts[~is_grade & ~nothing_kept]),
    ):
        if len(rows):
            pairs = (
                kinds(rows["kept_source"]) + " over " + kinds(rows["other_source"])
            ).value_counts()
            parts.append(
                f"{label} kept from: {and_list([f'{n} {pair}' for pair, n in pairs.items()])}."
            )
    left = conflicts[nothing_kept]
    for rule, rows in left.groupby("rule", sort=True):
        what = "grade" if rows["field"].eq("grade").all() else "value"
        parts.append(
            f"Left out: {plural(len(rows), what)} from "
            f"{and_list(sorted(set(kinds(rows['other_source']))))} ({rule})."
        )
    return Prose(
        f"{plural(len(conflicts), 'disagreement')} on "
        f"{plural(conflicts['inspection_id'].nunique(), 'inspection')} of "
        f"{plural(conflicts['la_name'].nunique(), 'authority', 'authorities')}. " + " ".join(parts)
    )
