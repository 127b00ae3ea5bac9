"""DfE's statistical neighbours: every model the project holds, one default, one look-up.

DfE groups each authority with the ten authorities most like it (deprivation, population,
need) and rates each neighbour's closeness. It has published two models the project reads:

* **2021**: the April 2021 groupings, derived once into
  ``data/reference/statistical_neighbours.csv`` by ``scripts/make_statistical_neighbours.py``
  (shipped with the package, so always held);
* **2025** (and any later one): DfE's ``sn_model_YYYY_wide.csv``, stored by ``build`` in the
  ``neighbour_models`` table, the year read from the file's name.

The two differ: Leeds keeps 2 of its 10 neighbours from one to the other. Judgement and
outcome comparisons both call :func:`statistical_neighbours`, so they use the same model; the
default, ``"latest"``, is the newest held (2025 when the store has it, else 2021; for an
authority abolished before it, the newest that has it), and every result names its model (a
``model`` column and ``attrs["model"]``; :func:`model_label` for titles and sentences).

>>> resolve_model("latest"), resolve_model(2021)
(2025, 2021)
>>> statistical_neighbours("Leeds").la_name.head(3).tolist()
['Portsmouth', 'Southend-on-Sea', 'Sheffield']
>>> print(model_label(2025))
DfE's 2025 statistical-neighbour model
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .authorities import Authority, register
from .checks import resolve_authority
from .errors import InputError
from .paths import reference

#: The model kept in data/reference: always held, whatever the store holds.
REFERENCE_MODEL = 2021
REFERENCE_FILE = reference("statistical_neighbours.csv")
LATEST = "latest"
#: DfE's closeness bands, closest first (lower case; DfE capitalises them inconsistently).
BANDS = ("extremely close", "very close", "close", "somewhat close", "not close")
#: The least close band: a group whose members are all in it is hardly a comparison group.
NOT_CLOSE = BANDS[-1]
COLUMNS = (
    "neighbour_rank",
    "la_code",
    "la_name",
    "la_number",
    "closeness",
    "model",
    "neighbours_of",
    "source",
)


def model_label(model: int) -> str:
    """The model as titles, subtitles and sentences name it.

    >>> model_label(2021)
    "DfE's April 2021 statistical-neighbour model"
    """
    month = "April " if int(model) == REFERENCE_MODEL else ""
    return f"DfE's {month}{int(model)} statistical-neighbour model"


@lru_cache(maxsize=1)
def _reference_rows() -> pd.DataFrame:
    with open(REFERENCE_FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    frame = pd.DataFrame(
        rows, columns=["la_number", "neighbour_rank", "neighbour_la_number", "closeness"]
    )
    frame["neighbour_rank"] = frame["neighbour_rank"].astype(int)
    frame["model"] = REFERENCE_MODEL
    # Row numbers as in the file (the header is row 1), as stored sources cite DfE's cells.
    frame["source"] = [
        f"data/reference/{REFERENCE_FILE.name}:r{n}" for n in range(2, len(frame) + 2)
    ]
    return frame


def stored_models(path: str | Path | None = None) -> pd.DataFrame:
    """The ``neighbour_models`` table ``build`` stored (empty where the store has none), to
    load once and pass as ``stored`` to the functions below."""
    return _stored_rows(path)


def _stored_rows(path: str | Path | None, stored: pd.DataFrame | None = None) -> pd.DataFrame:
    if stored is not None:  # the table already loaded by the caller (a briefing pack's)
        return stored
    # Read through storage: the models build stores sit beside the other tables. Imported here
    # because core is below storage for everything else.
    from ..storage.store import read_table

    try:
        return read_table("neighbour_models", path, missing_ok=True)
    except OSError:  # no store at all: the reference model is still held
        return pd.DataFrame(columns=["model"])


def held_models(path: str | Path | None = None, stored: pd.DataFrame | None = None) -> list[int]:
    """The model years held, oldest first: 2021 (data/reference) and each one ``build`` stored.
    ``stored``: the ``neighbour_models`` table if already loaded (else read from ``path``).

    >>> held_models()
    [2021, 2025]
    """
    years = {int(m) for m in _stored_rows(path, stored)["model"].dropna()}
    return sorted(years | {REFERENCE_MODEL})


def resolve_model(
    model: object = LATEST, path: str | Path | None = None, stored: pd.DataFrame | None = None
) -> int:
    """The model year ``model`` means: ``"latest"`` (the newest held) or a year held, as a
    number or text. Anything else raises :class:`InputError` naming the models held.

    >>> resolve_model(" 2025 ")
    2025
    """
    held = held_models(path, stored)
    wanted = str(model).strip().lower()
    if wanted == LATEST:
        return held[-1]
    if wanted.isdigit() and int(wanted) in held:
        return int(wanted)
    raise InputError(
        "model",
        model,
        f"{LATEST} (the newest held, now {held[-1]}) or a statistical-neighbour model held: "
        + ", ".join(map(str, held))
        + " (2021: DfE's April 2021 groupings in data/reference; later years: DfE's "
        "sn_model_YYYY_wide.csv, stored by build)",
    )


def _rows(model: int, path: str | Path | None, stored: pd.DataFrame | None) -> pd.DataFrame:
    if model == REFERENCE_MODEL:
        return _reference_rows()
    rows = _stored_rows(path, stored)
    return rows[rows["model"] == model]


def _whose(a: Authority, rows: pd.DataFrame) -> Authority | None:
    """The authority whose row of a model gives ``a``'s neighbours: ``a`` itself, or, for an
    authority created after the model (Cumberland in 2021), its predecessor; ``None`` if the
    model has neither (an authority abolished before it)."""
    numbers = set(rows["la_number"])
    if a.la_number in numbers:
        return a
    reg = register()
    for code in a.predecessors:
        before = reg.by_gss(code)
        if before is not None and before.la_number in numbers:
            return before
    return None


def statistical_neighbours(
    authority: object,
    model: object = LATEST,
    path: str | Path | None = None,
    stored: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """An authority's ten statistical neighbours in a model, closest first.

    ``model``: :func:`resolve_model`. The default, ``"latest"``, is the newest model held that
    has the authority: the newest, except for an authority abolished before it
    (Northamptonshire, Cumbria), which only an older model has; the ``model`` column says which.
    ``stored``: the ``neighbour_models`` table if already loaded (else read from ``path``).

    Columns: neighbour_rank (1 = closest), la_code, la_name, la_number, closeness (DfE's band,
    lower case), model (the year), neighbours_of (the authority whose row it is: itself, or
    the predecessor an authority created after the model takes them from), source.
    ``attrs["model"]`` holds the year too.

    >>> statistical_neighbours("Cumberland", 2021)[["neighbours_of", "la_name"]].iloc[0].tolist()
    ['Cumbria', 'Lincolnshire']
    >>> int(statistical_neighbours("Northamptonshire").attrs["model"])
    2021

    Raises :class:`InputError` for an unknown model, or an authority a model asked for by
    name lacks (Cumbria in 2025), naming the models that have it.
    """
    a = resolve_authority(authority)
    if stored is None:  # read once, not once per look-up below
        stored = _stored_rows(path)
    year = resolve_model(model, path, stored)
    tried = [year]
    if str(model).strip().lower() == LATEST:
        tried += [m for m in reversed(held_models(path, stored)) if m < year]
    for year in tried:
        rows = _rows(year, path, stored)
        whose = _whose(a, rows)
        if whose is not None:
            break
    else:
        year = tried[0]
        others = [
            m for m in held_models(path, stored) if _whose(a, _rows(m, path, stored)) is not None
        ]
        why = (a.ended or f"{a.la_name} is not in it.").rstrip(".")
        also = f"; model {' or '.join(map(str, others))} has it" if others else ""
        raise InputError(
            "authority", a.la_name, f"an authority in {model_label(year)} ({why}{also})"
        )
    reg = register()
    out = []
    for r in rows[rows["la_number"] == whose.la_number].sort_values("neighbour_rank").itertuples():
        b = reg.by_gss(r.neighbour_la_number)
        out.append(
            {
                "neighbour_rank": int(r.neighbour_rank),
                "la_code": b.la_code if b else None,
                "la_name": b.la_name if b else r.neighbour_la_number,
                "la_number": r.neighbour_la_number,
                "closeness": str(r.closeness).strip().lower(),
                "model": year,
                "neighbours_of": whose.la_name,
                "source": r.source,
            }
        )
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    frame.attrs["model"] = year
    return frame


def _all_not_close(neighbours: pd.DataFrame) -> bool:
    bands = neighbours["closeness"].dropna().astype(str).str.lower()
    return bool(len(bands)) and bool((bands == NOT_CLOSE).all())


def closeness_note(neighbours: pd.DataFrame, name: str) -> str:
    """A warning when DfE rates every neighbour of ``name`` "not close" (its group hardly
    compares like with like), else ``""``. ``neighbours`` is :func:`statistical_neighbours`.

    >>> print(closeness_note(statistical_neighbours("Isles of Scilly"), "Isles of Scilly"))
    DfE rates all 10 of Isles of Scilly's statistical neighbours "not close", so comparing it with
    them says little
    """
    if _all_not_close(neighbours):
        bands = neighbours["closeness"].dropna()
        return (
            f'DfE rates all {len(bands)} of {name}\'s statistical neighbours "{NOT_CLOSE}", '
            "so comparing it with them says little"
        )
    return ""


def describe_neighbours(neighbours: pd.DataFrame, name: str) -> str:
    """One sentence naming the model an authority's neighbours come from, how close DfE rates
    them, whose row they are (a predecessor's) and, when all are "not close", that warning.
    ``neighbours`` is :func:`statistical_neighbours` (or a table with its columns).

    >>> print(describe_neighbours(statistical_neighbours("Leeds", 2025), "Leeds"))
    Leeds's 10 statistical neighbours come from DfE's 2025 statistical-neighbour model: 3 very
    close, 7 close.
    """
    nb = neighbours.dropna(subset=["closeness"])
    model = int(neighbours.attrs.get("model", nb["model"].iloc[0]))
    counts = nb["closeness"].astype(str).value_counts()
    order = [b for b in BANDS if b in counts] + sorted(set(counts.index) - set(BANDS))
    text = f"{name}'s {len(nb)} statistical neighbours come from {model_label(model)}: " + (
        f'DfE rates all of them "{NOT_CLOSE}", so comparing it with them says little'
        if _all_not_close(nb)
        else ", ".join(f"{counts[b]} {b}" for b in order)
    )
    whose = set(nb["neighbours_of"].dropna()) - {name}
    if whose:
        text += f" (those of {', '.join(sorted(whose))}, which it replaced)"
    return text + "."
