"""The authority register: every spelling and code of an English children's services authority.

Reads ``data/reference/authorities.csv`` (written by this project): ONS GSS code, DfE number,
canonical name, region, aliases, former codes, and the 2019, 2021 and 2023 reorganisations
(``exists_from``/``exists_to``, ``predecessors``/``successors``). Names resolve
case-insensitively, ignoring punctuation and ``&``/``and``; a name two authorities share
("Dorset": the county council to March 2019, Dorset Council from April 2019) resolves by date.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .paths import reference

REFERENCE = reference("authorities.csv")


@dataclass(frozen=True)
class Authority:
    la_code: str
    la_number: str
    la_name: str
    region: str
    ofsted_region: str
    la_type: str
    exists_from: date | None
    exists_to: date | None
    predecessors: tuple[str, ...]
    successors: tuple[str, ...]
    former_codes: tuple[str, ...]
    aliases: tuple[str, ...]

    def exists_on(self, when: date) -> bool:
        return (self.exists_from is None or when >= self.exists_from) and (
            self.exists_to is None or when <= self.exists_to
        )

    @property
    def current(self) -> bool:
        return self.exists_to is None

    @property
    def ended(self) -> str | None:
        """For an authority that no longer exists: when it ended and what replaced it, as a
        sentence (``None`` for a current authority).

        >>> register().get("Northamptonshire").ended
        'Northamptonshire ceased to exist after 31 March 2021; replaced from 1 April 2021 by: North Northamptonshire; West Northamptonshire.'
        """  # noqa: E501
        if self.exists_to is None:
            return None
        reg = register()
        after = [reg.by_gss(c) for c in self.successors]
        names = [a.la_name for a in after if a is not None]
        starts = sorted({a.exists_from for a in after if a is not None and a.exists_from})
        text = f"{self.la_name} ceased to exist after {_long(self.exists_to)}"
        if names:
            text += "; replaced" + (f" from {_long(starts[0])}" if starts else "")
            text += f" by {names[0]}" if len(names) == 1 else " by: " + "; ".join(names)
        return text + "."


def name_key(name: str) -> str:
    """The form names are compared in: lower case, no punctuation, '&' as 'and'.

    >>> name_key("St. Helens") == name_key("st helens"), name_key("Telford & Wrekin")
    (True, 'telford and wrekin')
    """
    key = str(name).lower().replace("&", " and ").replace("\u2019", "'")
    key = re.sub(r"[-/]", " ", key)
    key = re.sub(r"[^a-z0-9 ]", "", key)
    return re.sub(r"\s+", " ", key).strip()


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# Words that say what kind of body a name is, not which one ("Leeds City Council").
GENERIC_WORDS = frozenset(
    {
        "city",
        "council",
        "county",
        "borough",
        "metropolitan",
        "district",
        "of",
        "the",
        "and",
        "royal",
        "corporation",
        "london",
        "la",
        "mbc",
    }
)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(";") if p.strip())


def _day(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell.strip() else None


class Register:
    """All authorities, with look-up by name (and date), by GSS code or by DfE number."""

    def __init__(self, authorities: list[Authority]):
        self.authorities = authorities
        self.by_code: dict[str, Authority] = {}
        self._by_key: dict[str, list[Authority]] = {}
        for a in authorities:
            for code in (a.la_code, *a.former_codes):
                self.by_code[code.upper()] = a
            self.by_code[a.la_number] = a
            for name in (a.la_name, *a.aliases):
                bucket = self._by_key.setdefault(name_key(name), [])
                if a not in bucket:
                    bucket.append(a)

    @classmethod
    def from_csv(cls, path: Path = REFERENCE) -> Register:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        return cls(
            [
                Authority(
                    la_code=r["la_code"],
                    la_number=r["la_number"],
                    la_name=r["la_name"],
                    region=r["region"],
                    ofsted_region=r["ofsted_region"],
                    la_type=r["la_type"],
                    exists_from=_day(r["exists_from"]),
                    exists_to=_day(r["exists_to"]),
                    predecessors=_split(r["predecessors"]),
                    successors=_split(r["successors"]),
                    former_codes=_split(r["former_codes"]),
                    aliases=_split(r["aliases"]),
                )
                for r in rows
            ]
        )

    @property
    def current(self) -> list[Authority]:
        return [a for a in self.authorities if a.current]

    def candidates(self, name: object) -> list[Authority]:
        """Every authority a name may mean (two, for a name reused after a reorganisation)."""
        return list(self._by_key.get(name_key(str(name or "")), []))

    def resolve(self, name: object, when: date | None = None) -> Authority:
        """The authority a name means (at a date, where two authorities shared the name).

        >>> register().resolve("kingston upon hull").la_code
        'E06000010'
        >>> register().resolve("Dorset", date(2016, 5, 23)).la_name
        'Dorset County Council'

        An unknown name raises :class:`InputError` listing the closest known names; a name
        of an authority that did not exist at ``when`` raises one naming its lifetime.
        """
        text = "" if name is None else str(name).strip()
        candidates = self.candidates(text)
        if not candidates:
            shown = [a.la_name for a in self.suggest(text)]
            hint = (
                f"a known authority name; closest: {', '.join(shown)}"
                if shown
                else ("a known authority name (see data/reference/authorities.csv)")
            )
            raise InputError("authority", text, hint)
        if when is None:
            current = [a for a in candidates if a.current]
            return (current or candidates)[0]
        alive = [a for a in candidates if a.exists_on(when)]
        if alive:
            return alive[0]
        a = candidates[0]
        span = f"{a.exists_from or 'before 2009'} to {a.exists_to or 'now'}"
        raise InputError(
            "authority",
            text,
            f"an authority that existed on {when.isoformat()} ({a.la_name} existed {span}"
            + (
                f"; successors {', '.join(self.by_code[s].la_name for s in a.successors)}"
                if a.successors
                else ""
            )
            + (
                f"; predecessors {', '.join(self.by_code[p].la_name for p in a.predecessors)}"
                if a.predecessors
                else ""
            )
            + ")",
        )

    def suggest(self, name: object, limit: int = 5) -> list[Authority]:
        """Authorities a name that is not known may have meant, best first: those whose name
        or alias contains every distinctive word of it ("Richmond" -> Richmond upon Thames,
        "Leeds City Council" -> Leeds), then close spellings (rapidfuzz's WRatio).

        >>> [a.la_name for a in register().suggest("Telford")]
        ['Telford & Wrekin']
        """
        from rapidfuzz import fuzz, process

        key = name_key(str(name or ""))
        words = [w for w in key.split() if w not in GENERIC_WORDS] or key.split()
        found: list[Authority] = []

        def add(a: Authority) -> None:
            if a not in found:
                found.append(a)

        if words:
            for k, authorities in self._by_key.items():
                if all(w in k.split() for w in words):
                    for a in authorities:
                        add(a)
        found.sort(key=lambda a: (not a.current, len(a.la_name)))
        query = " ".join(words)
        for k, _score, _i in process.extract(
            query, list(self._by_key), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=75
        ):
            for a in self._by_key[k]:
                add(a)
        return found[:limit]

    def by_gss(self, code: object) -> Authority | None:
        """The authority with this GSS code (current or former) or DfE number, if any."""
        return self.by_code.get(str(code).strip().upper()) if code else None

    def get(self, name_or_code: str) -> Authority:
        """Look up by code or name, for the public API (no date)."""
        return self.by_gss(name_or_code) or self.resolve(name_or_code)


@lru_cache(maxsize=4)
def register(path: Path = REFERENCE) -> Register:
    """The project's authority register (read once)."""
    return Register.from_csv(path)
