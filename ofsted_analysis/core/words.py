"""Words for sentences made from the data: lists joined with "and", plurals, months, and the
:class:`Prose` type that shows such a sentence as Markdown in a notebook.

>>> and_list(["SIF", "ILACS"]), plural(3, "authority", "authorities")
('SIF and ILACS', '3 authorities')
"""

from __future__ import annotations

import pandas as pd

from .dates import long_date
from .frameworks import FRAMEWORK_SHORT, FRAMEWORKS


class Prose(str):
    """Text made from the data: shown as Markdown in a notebook, and as the same text in
    plain-text outputs (which nbval compares) and in scripts.

    >>> Prose("**3** authorities")
    **3** authorities
    """

    def _repr_markdown_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p, cycle) -> None:  # IPython's text/plain
        p.text(str(self))

    def __repr__(self) -> str:
        return str(self)


def short_day(when) -> str:
    return "" if pd.isna(when) else f"{long_date(pd.Timestamp(when), short=True)}"


def file_of(source: object) -> str:
    """The file part of a ``source`` reference (``file:sheet:row:column``)."""
    return "" if pd.isna(source) else str(source).split(":", 1)[0]


def month_year(when) -> str:
    return f"{pd.Timestamp(when):%B %Y}"


def and_list(items: list[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def month_span(first, last) -> str:
    a, b = month_year(first), month_year(last)
    return f"in {a}" if a == b else f"{a} to {b}"


def framework_list(codes) -> str:
    return and_list([FRAMEWORK_SHORT.get(f, f) for f in FRAMEWORKS if f in set(codes)])


def framework_shorts(short: pd.Series) -> list[str]:
    back = {v: k for k, v in FRAMEWORK_SHORT.items()}
    return [back.get(s, s) for s in short]
