"""The authority register: every spelling and code of an English children's services authority.

Reads ``data/reference/authorities.csv`` (written by this project): ONS GSS code, DfE number,
canonical name, region, aliases, former codes, and the 2019, 2021 and 2023 reorganisations
(``exists_from``/``exists_to``, ``predecessors``/``successors``). Names resolve
case-insensitively, ignoring punctuation and ``&``/``and``, with council style around them
taken off by rule (:mod:`.names`); a name two authorities share ("Dorset": the county council
to March 2019, Dorset Council from April 2019) resolves by date. The children's services trusts
and companies that have run an authority's services are dated aliases
(``data/reference/childrens_services_trusts.csv``, each row citing its source).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .names import STYLE_WORDS, name_key, styled_forms
from .paths import reference

REFERENCE = reference("authorities.csv")
TRUSTS = reference("childrens_services_trusts.csv")

__all__ = ["Authority", "Register", "Trust", "name_key", "register"]


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


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(";") if p.strip())


def _day(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell.strip() else None


@dataclass(frozen=True)
class Trust:
    """A children's services trust or company that ran an authority's children's services
    for a span of dates (``data/reference/childrens_services_trusts.csv``, each row citing
    its source). Its name means the authority only within those dates."""

    name: str
    la_code: str
    start: date
    end: date | None
    source: str

    def runs_on(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)

    @property
    def span(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat() if self.end else 'now'}"


def _unique(items: list[Authority]) -> list[Authority]:
    return list(dict.fromkeys(items))


class Register:
    """All authorities, with look-up by name (and date), by GSS code or by DfE number.

    A name is looked up as written, then with council style taken off one layer at a time
    (:func:`ofsted_analysis.core.names.styled_forms`): it means the authorities known by that
    name at the fewest layers at which any is known, and the authorities whose children's
    services a trust of that name ran (within the trust's dates).
    """

    def __init__(self, authorities: list[Authority], trusts: list[Trust] | None = None):
        self.authorities = authorities
        self.trusts = list(trusts or [])
        self.by_code: dict[str, Authority] = {}
        self._by_key: dict[str, list[Authority]] = {}
        self._trusts_by_key: dict[str, list[Trust]] = {}
        self._layers_memo: dict[str, list[tuple[list[Authority], list[Trust]]]] = {}
        for a in authorities:
            for code in (a.la_code, *a.former_codes):
                self.by_code[code.upper()] = a
            self.by_code[a.la_number] = a
            for name in (a.la_name, *a.aliases):
                bucket = self._by_key.setdefault(name_key(name), [])
                if a not in bucket:
                    bucket.append(a)
        for t in self.trusts:
            if t.la_code.upper() not in self.by_code:
                raise InputError(
                    "trust authority", t.la_code, f"a GSS code in the register (trust {t.name})"
                )
            self._trusts_by_key.setdefault(name_key(t.name), []).append(t)

    @classmethod
    def from_csv(cls, path: Path = REFERENCE, trusts: Path | None = TRUSTS) -> Register:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        trust_rows = []
        if trusts is not None:
            with open(trusts, newline="", encoding="utf-8") as fh:
                trust_rows = list(csv.DictReader(fh))
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
            ],
            [
                Trust(
                    r["name"],
                    r["la_code"],
                    date.fromisoformat(r["from"]),
                    _day(r["to"]),
                    r["source"],
                )
                for r in trust_rows
            ],
        )

    @property
    def current(self) -> list[Authority]:
        return [a for a in self.authorities if a.current]

    def _layers(self, name: object) -> list[tuple[list[Authority], list[Trust]]]:
        """The authorities and trusts known by the name, at each layer of style taken off
        at which any is known, fewest layers first."""
        key = name_key("" if name is None else name)
        if key not in self._layers_memo:
            layers = []
            for layer in styled_forms(key) if key else ():
                named = _unique([a for k in layer for a in self._by_key.get(k, [])])
                trusts = [t for k in layer for t in self._trusts_by_key.get(k, [])]
                if named or trusts:
                    layers.append((named, trusts))
            self._layers_memo[key] = layers
        return self._layers_memo[key]

    def _found(self, name: object) -> tuple[list[Authority], list[Trust]]:
        """The authorities and trusts known by the name at the fewest layers of style."""
        layers = self._layers(name)
        return layers[0] if layers else ([], [])

    def candidates(self, name: object) -> list[Authority]:
        """Every authority a name may mean, at any date (two, for a name reused after a
        reorganisation; several, for a trust that ran more than one authority's services)."""
        named, trusts = self._found(name)
        return _unique(named + [self.by_code[t.la_code] for t in trusts])

    def matches(self, name: object, when: date | None = None) -> list[Authority]:
        """Every authority a name means on a date: those known by it at the fewest layers of
        style at which any existed then (a trust's name counts within its dates). Without a
        date, the current ones of the fewest layers, else every one. One for a name that
        resolves; none or several otherwise.

        >>> [a.la_name for a in register().matches("Achieving for Children", date(2019, 1, 1))]
        ['Kingston upon Thames', 'Richmond upon Thames', 'Windsor and Maidenhead']
        >>> [a.la_code for a in register().matches("Dorset County Council", date(2020, 1, 1))]
        ['E06000059']
        """
        if when is None:
            pool = self.candidates(name)
            return [a for a in pool if a.current] or pool
        for named, trusts in self._layers(name):
            alive = _unique(
                [a for a in named if a.exists_on(when)]
                + [self.by_code[t.la_code] for t in trusts if t.runs_on(when)]
            )
            if alive:
                return alive
        return []

    def resolve(self, name: object, when: date | None = None) -> Authority:
        """The authority a name means (at a date, where two authorities shared the name or a
        trust's name means an authority only for its years).

        >>> register().resolve("kingston upon hull").la_code
        'E06000010'
        >>> register().resolve("Dorset", date(2016, 5, 23)).la_name
        'Dorset County Council'
        >>> register().resolve("City of Bradford Metropolitan District Council").la_name
        'Bradford'
        >>> register().resolve("Together for Children", date(2022, 3, 7)).la_name
        'Sunderland'

        An unknown name raises :class:`InputError` listing the closest known names; a name of
        an authority that did not exist at ``when`` (or of a trust that did not run its
        services then) raises one naming its lifetime; a name that means several authorities
        at ``when`` raises one naming them, and none is guessed.
        """
        text = "" if name is None else str(name).strip()
        named, trusts = self._found(text)
        if not named and not trusts:
            shown = [a.la_name for a in self.suggest(text)]
            hint = (
                f"a known authority name; closest: {', '.join(shown)}"
                if shown
                else ("a known authority name (see data/reference/authorities.csv)")
            )
            raise InputError("authority", text, hint)
        found = self.matches(text, when)
        if len(found) == 1:
            return found[0]
        on = f" on {when.isoformat()}" if when else ""
        if found:
            raise InputError(
                "authority",
                text,
                f"a name of one authority, but{on} it names {len(found)}: "
                f"{', '.join(a.la_name for a in found)} (give the authority's own name)",
            )
        if not named:
            ran = "; ".join(f"{self.by_code[t.la_code].la_name} {t.span}" for t in trusts)
            raise InputError(
                "authority",
                text,
                f"a trust running an authority's children's services on {when}: "
                f"{trusts[0].name} ran those of {ran}",
            )
        a = named[0]
        span = f"{a.exists_from or 'before 2009'} to {a.exists_to or 'now'}"
        raise InputError(
            "authority",
            text,
            f"an authority that existed{on} ({a.la_name} existed {span}"
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
        words = [w for w in key.split() if w not in STYLE_WORDS] or key.split()
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
