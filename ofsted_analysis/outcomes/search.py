"""Finding an indicator without knowing its id: every word asked for is looked for in each
indicator's id, label, topics and description (case ignored), with the abbreviations LAIT's
labels use read as the words they stand for (``key stage 2`` finds ``KS2``, ``children in
need`` finds ``CIN``, ``EHCP`` finds ``EHC plans``, ``section 47`` finds ``Section_47``,
``timeliness`` finds ``within 20 weeks``). Indicators matching in their id or label come
first. Nothing found: the closest ids and labels are suggested instead.

>>> found = search_indicators("children in need key stage 2")
>>> bool(found["id"].str.startswith("lait:CIN_KS2").any())
True
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

#: Phrases written out in full -> the short form LAIT's ids and labels also use; applied to
#: the query and to every indicator's text alike, so either spelling finds both.
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    (r"key\s*stage\s*", "ks"),
    (r"children\s+in\s+need", "cin"),
    (r"children\s+looked\s+after|looked\s+after\s+children|looked\s+after", "cla"),
    (r"\blac\b|\blac(?=\d)", "cla"),
    (r"child\s+protection\s+plans?", "cpp"),
    (r"education,?\s+health\s+and\s+care\s+plans?|ehc\s+plans?", "ehcp"),
    (r"section[\s_]*47", "s47"),
    (r"social\s+workers?", "sw"),
    (r"re-?referrals?", "rereferral"),
)
#: A word asked for -> other words that answer it.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "timeliness": ("within", "timescale", "weeks"),
    "timely": ("within", "timescale", "weeks"),
    "turnover": ("to rate", "turnover"),
    "sickness": ("absence",),
    "caseload": ("case load", "cases per"),
    "spend": ("expenditure", "finance", "spend"),
}
STOP_WORDS = frozenset({"a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with"})
COLUMNS = (
    "id",
    "label",
    "topic",
    "unit",
    "polarity",
    "years",
    "first_year",
    "last_year",
    "periods",
)


def normalise(text: str) -> str:
    """Lower case, ``_`` as a space, and :data:`SHORT_FORMS` applied."""
    out = str(text).lower().replace("_", " ")
    for pattern, short in SHORT_FORMS:
        out = re.sub(pattern, short + " ", out)
    return re.sub(r"\s+", " ", out)


def _words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w%&/-]+", normalise(query)) if w not in STOP_WORDS]


def years_held(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: the first and last year held and the number of periods."""
    import pandas as pd

    if outcomes.empty:
        return pd.DataFrame(columns=["first_year", "last_year", "periods"])
    held = outcomes[outcomes["value"].notna()]
    g = held.groupby("indicator", observed=True)["year"]
    out = pd.DataFrame({"first_year": g.min(), "last_year": g.max(), "periods": g.nunique()})
    out.index = out.index.astype(str)
    return out


def _held(path: str | Path | None) -> pd.DataFrame:
    """The outcomes table's indicator, year and value columns (all a search needs: the rest
    is not read)."""
    import pandas as pd

    from ..storage.store import table_file

    file = table_file("outcomes", path)
    if not file.exists():
        return pd.DataFrame(columns=["indicator", "year", "value"])
    return pd.read_parquet(file, columns=["indicator", "year", "value"])


def search_indicators(
    words: str, path: str | Path | None = None, outcomes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The indicators whose id, label, topics or description hold every word of ``words``,
    best first: id, label, topic, unit, polarity and the years held in the outcomes table
    (``outcomes``, default the store at ``path``). No match raises :class:`InputError`
    naming the closest ids and labels."""
    import pandas as pd

    from .catalogue import indicator_table

    table = indicator_table(path=path)
    wanted = _words(words)
    if not wanted:
        raise InputError("search", words, "one or more words, e.g. 'social worker turnover'")
    title = (table["id"] + " " + table["label"]).map(normalise)
    body = (table["topics"] + " " + table["unit"] + " " + table["description"]).map(normalise)
    score = pd.Series(0, index=table.index)
    every = pd.Series(True, index=table.index)
    for w in wanted:
        answers = (w, *SYNONYMS.get(w, ()))
        in_title = title.map(lambda t, a=answers: any(x in t for x in a))
        in_body = body.map(lambda t, a=answers: any(x in t for x in a))
        every &= in_title | in_body
        score += 2 * in_title + in_body
    found = table[every].assign(_score=score[every])
    if found.empty:
        from ..core.checks import closest

        labels = dict(zip(table["id"], table["label"], strict=True))
        near = closest(words, labels, limit=5)
        raise InputError(
            "search",
            words,
            "words found in an indicator's id, label, topic or description; "
            + (
                "closest: " + "; ".join(f"{n} ({labels[n]})" for n in near)
                if near
                else "no indicator comes close (`ofsted-analysis indicators` lists the topics)"
            ),
        )
    if outcomes is None:
        outcomes = _held(path)
    years = years_held(outcomes)
    found = found.sort_values("_score", ascending=False, kind="mergesort")
    found = found.join(years, on="id")
    first = found["first_year"].astype("Int64")
    last = found["last_year"].astype("Int64")
    found["years"] = [
        "none held" if pd.isna(a) else (f"{a}" if a == b else f"{a}-{b}")
        for a, b in zip(first, last, strict=True)
    ]
    found["first_year"], found["last_year"] = first, last
    found["periods"] = found["periods"].fillna(0).astype("int64")
    return found[list(COLUMNS)].reset_index(drop=True)
