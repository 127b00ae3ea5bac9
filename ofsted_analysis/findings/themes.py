"""Themes of the points inspectors ask to improve, from an editable taxonomy.

The taxonomy is ``data/reference/finding_themes.csv``: one row per theme with ``theme`` (an
id), ``label`` (how charts name it), ``pattern`` (a regular expression, matched
case-insensitively anywhere in a point's text), ``note`` and, optionally, ``kinds`` (the kinds
of point the theme is looked for in, ``;``-separated: children's services reports' ``improve``,
``priority_action``, ``recommendation``; area SEND reports' ``send_improve``,
``send_priority_action``; empty for every kind). Edit a pattern, or add a row, and
the next :func:`tag_findings` uses it. A point may carry several themes; a point no pattern
matches carries none and is listed by :func:`unmatched`, so the taxonomy can grow.

>>> taxonomy = load_taxonomy()
>>> themes_of("The quality of strategy discussions.", taxonomy, kind="improve")
['strategy_discussions']
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError, InputErrors, Location
from ..core.paths import reference

TAXONOMY = reference("finding_themes.csv")
COLUMNS = ("theme", "label", "pattern", "note")
_ID = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Theme:
    theme: str
    label: str
    pattern: re.Pattern
    kinds: frozenset[str] = frozenset()  # the kinds of point it applies to (empty: every kind)

    def applies_to(self, kind: object) -> bool:
        """Whether the theme is looked for in points of ``kind`` (any kind when not given)."""
        return not self.kinds or not isinstance(kind, str) or kind in self.kinds


def load_taxonomy(path: str | Path | None = None) -> list[Theme]:
    """The themes of the taxonomy file (default ``data/reference/finding_themes.csv``).

    Every bad row is reported at once (file, row, column, value, what was expected): a
    missing column, an id that is not lower_snake_case or is repeated, an empty label, a
    pattern that is not a valid regular expression.
    """
    file = Path(path) if path is not None else TAXONOMY
    try:
        with open(file, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except OSError as e:
        from ..core.errors import FileError

        raise FileError(str(file), f"cannot be opened ({e.strerror or e})") from None
    header = [h.strip() for h in rows[0]] if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError(
            "header",
            ",".join(header) or "(empty file)",
            f"the columns {', '.join(COLUMNS)} (missing {', '.join(missing)})",
            Location(str(file), row=1),
        )
    col = {c: header.index(c) for c in COLUMNS}
    out: list[Theme] = []
    errors: list[Exception] = []
    seen: set[str] = set()
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {c: (row[i].strip() if i < len(row) else "") for c, i in col.items()}
        if not _ID.fullmatch(cell["theme"]) or cell["theme"] in seen:
            errors.append(
                InputError(
                    "theme",
                    cell["theme"] or "(empty)",
                    "a new lower_snake_case id (each theme once)",
                    Location(str(file), row=n, column="theme"),
                )
            )
            continue
        seen.add(cell["theme"])
        if not cell["label"]:
            errors.append(
                InputError(
                    "label",
                    "(empty)",
                    "a label for charts",
                    Location(str(file), row=n, column="label"),
                )
            )
        try:
            pattern = re.compile(cell["pattern"], re.I)
            if not cell["pattern"] or pattern.search(""):
                raise re.error("matches every text")
        except re.error as e:
            errors.append(
                InputError(
                    "pattern",
                    cell["pattern"] or "(empty)",
                    f"a regular expression that matches some words ({e})",
                    Location(str(file), row=n, column="pattern"),
                )
            )
            continue
        kinds = (
            row[header.index("kinds")]
            if "kinds" in header and header.index("kinds") < len(row)
            else ""
        )
        out.append(
            Theme(
                cell["theme"],
                cell["label"],
                pattern,
                frozenset(k.strip() for k in kinds.split(";") if k.strip()),
            )
        )
    if errors:
        raise InputErrors(errors)
    return out


def themes_of(text: str, taxonomy: list[Theme] | None = None, kind: str | None = None) -> list[str]:
    """The ids of every theme whose pattern occurs in ``text``, in taxonomy order (with
    ``kind``, only the themes that apply to that kind of point).

    >>> themes_of("improving the timeliness and quality of updated EHC plans", kind="send_improve")
    ['ehc_plans']
    """
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    return [t.theme for t in taxonomy if t.applies_to(kind) and t.pattern.search(text)]


def tag_findings(findings, taxonomy: list[Theme] | None = None):
    """The findings table with ``themes`` (a ``"; "``-joined list, '' for none).

    >>> import ofsted_analysis as oa
    >>> leeds = oa.load_findings(themes=False).query("la_name == 'Leeds'").head(3)
    >>> tag_findings(leeds)["themes"].tolist()
    ['care_planning', 'recording', 'management_oversight; workforce']
    """
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    import pandas as pd

    out = findings.copy()
    kinds = out["kind"] if "kind" in out else pd.Series(None, index=out.index, dtype=object)
    out["themes"] = pd.Series(
        _tags(list(out["text"]), list(kinds), taxonomy), index=out.index, dtype=object
    )
    return out


def _tags(texts: list[str], kinds: list, taxonomy: list[Theme]) -> list[str]:
    """Each text's themes (those that apply to its kind of point), ``"; "``-joined. Every
    pattern against every text takes about a second for the whole table, which the figures
    and the findings notebook both need: so the result is kept in the package's cache (kind
    ``themes``), keyed by the texts and their kinds, the taxonomy's patterns and kinds and
    this module's code, and worked out again when any of them changes."""
    from ..storage import cache

    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    patterns = [
        f"{t.theme}\t{t.pattern.pattern}\t{t.pattern.flags}\t{sorted(t.kinds)}" for t in taxonomy
    ]
    entry = cache.key(code, *patterns, "\0", *texts, "\0", *map(str, kinds))
    tags = cache.get("themes", entry)
    if tags is None:
        tags = [
            "; ".join(themes_of(text, taxonomy, kind))
            for text, kind in zip(texts, kinds, strict=True)
        ]
        cache.put("themes", entry, tags, keep=KEEP)
    return tags


KEEP = 8  # taggings kept in the cache (the whole table's, and a few selections')


def long_themes(findings, taxonomy: list[Theme] | None = None):
    """One row per finding x theme (findings with no theme left out), with ``theme_label``."""
    taxonomy = load_taxonomy() if taxonomy is None else taxonomy
    tagged = findings if "themes" in findings else tag_findings(findings, taxonomy)
    long = tagged.assign(theme=[t.split("; ") for t in tagged["themes"]]).explode("theme")
    long = long[long["theme"].fillna("") != ""]
    labels = {t.theme: t.label for t in taxonomy}
    return long.assign(theme_label=long["theme"].map(labels)).reset_index(drop=True)


def unmatched(findings, taxonomy: list[Theme] | None = None):
    """The findings no theme matched (so the taxonomy can grow), and their share.

    >>> rows, share = unmatched(f)
    >>> len(rows), round(share, 3)
    (201, 0.056)
    """
    tagged = findings if "themes" in findings else tag_findings(findings, taxonomy)
    rows = tagged[tagged["themes"] == ""]
    return rows, (len(rows) / len(tagged) if len(tagged) else 0.0)
