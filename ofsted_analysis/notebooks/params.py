"""The notebooks' parameters: read from the command line, checked before any kernel starts,
and written into each notebook that takes them.

Each notebook's first code cell is tagged ``parameters`` and holds its defaults (``data =
None`` meaning ``data/processed``, ``authorities``, ``as_at``, ``area`` ...). One name means one
thing in every notebook: ``authorities`` is the list of authorities wherever a notebook shows
some (``authority``, singular, is accepted for it). Given values go papermill-style into a cell
tagged ``injected-parameters`` after the ``parameters`` cell, so the notebook shows the values
it was run with.

>>> parse_params(["authority=Bradford", "as_at=2024-03-31"])
{'authority': 'Bradford', 'as_at': '2024-03-31'}
>>> canonical_params({"authority": "Bradford"})
{'authorities': 'Bradford'}
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..core.errors import FileError, InputError, OfstedAnalysisError
from ..core.paths import NOTEBOOKS

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
# Other spellings accepted for a parameter -> the name the notebooks declare.
ALIASES = {"authority": "authorities"}


def load_nbformat() -> Any:
    """The ``nbformat`` module, imported (the first time) without IRI syntax checks.

    nbformat imports jsonschema, which builds 38 parsers of IRI syntax as it is imported when
    the optional ``rfc3987-syntax`` is installed (JupyterLab's server brings it): over a second
    of CPU before any notebook could start. Notebooks hold no IRIs to check, so unless
    jsonschema is already imported it is imported here without that package.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import refused
        try:
            importlib.import_module("jsonschema")
        except ImportError:  # pragma: no cover - comes with the notebook tools
            pass
        finally:
            del sys.modules["rfc3987_syntax"]
    return importlib.import_module("nbformat")


def parse_params(items: Iterable[str] | None) -> dict:
    """Read ``--param name=value`` strings into a dict.

    A value is read as a Python literal when it is one (``None``, ``2024``, ``True``,
    ``["Leeds", "Bristol, City of"]``), otherwise kept as text (``Leeds``, ``2024-03-31``,
    ``help_and_protection``). Text given for a parameter whose default is a list is split on
    commas when the notebooks are run (``authorities=Leeds,Bradford``).

    >>> parse_params(["authorities=Leeds,Bradford", "as_at=2024-03-31", "data=None"])
    {'authorities': 'Leeds,Bradford', 'as_at': '2024-03-31', 'data': None}
    >>> parse_params(['area=["overall", "care_leavers"]'])
    {'area': ['overall', 'care_leavers']}

    Raises :class:`InputError` for an item without ``=`` or whose name is not an identifier.
    """
    out: dict = {}
    for item in items or []:
        name, sep, text = str(item).partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise InputError(
                "--param", item, "name=value, e.g. authorities=Leeds or as_at=2024-03-31"
            )
        text = text.strip()
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = text
        out[name] = value
    return out


def canonical_params(params: dict) -> dict:
    """The parameters under the names the notebooks declare (:data:`ALIASES` renamed).

    >>> canonical_params({"authority": "Leeds", "as_at": None})
    {'authorities': 'Leeds', 'as_at': None}

    Raises :class:`InputError` when a parameter is given under both its names.
    """
    out: dict = {}
    for name, value in params.items():
        canonical = ALIASES.get(name, name)
        if canonical in out:
            both = " and ".join(sorted(n for n in params if ALIASES.get(n, n) == canonical))
            raise InputError(
                "notebook parameter", name, f"one of {both}, not both (the same parameter)"
            )
        out[canonical] = value
    return out


def notebook_paths(notebook_dir: str | Path | None = None) -> list[Path]:
    """The numbered notebooks (``01_*.ipynb`` ...) in order."""
    folder = Path(notebook_dir) if notebook_dir is not None else NOTEBOOKS
    paths = sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileError(str(folder), "holds no numbered notebooks (01_*.ipynb ...)")
    return paths


def notebook_parameters(nb) -> dict:
    """The defaults a notebook's ``parameters`` cell assigns (simple ``name = literal`` lines).

    Raises :class:`InputError` when the notebook has no cell tagged ``parameters``.
    """
    cell = _tagged(nb, PARAMETERS_TAG)
    if cell is None:
        raise InputError(
            "notebook", nb.metadata.get("title", "?"), "a first code cell tagged 'parameters'"
        )
    out = {}
    for node in ast.parse(cell.source).body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            try:
                out[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                out[node.targets[0].id] = None
    return out


def declared_parameters(paths: Iterable[str | Path]) -> dict[str, list[tuple[Path, object]]]:
    """Each parameter name -> the notebooks that declare it, with their default."""
    nbformat = load_nbformat()

    declared: dict[str, list[tuple[Path, object]]] = {}
    for p in map(Path, paths):
        for name, default in notebook_parameters(nbformat.read(p, as_version=4)).items():
            declared.setdefault(name, []).append((p, default))
    return declared


def _tagged(nb, tag: str):
    for cell in nb.cells:
        if cell.cell_type == "code" and tag in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def _coerce(value, default):
    if isinstance(default, (list, tuple)) and isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return value


def _names(what: str, value, example: str) -> list:
    """A list parameter's items (one text value becomes a list of one)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise InputError(what, value, f"one or more values, e.g. {example}")
    return list(items)


def _check_data(what: str, value, folder: Path):
    if value is None:
        return value
    if not isinstance(value, (str, os.PathLike)):
        raise InputError(what, value, "a folder of tidy tables (or None: data/processed)")
    from ..storage import store

    where = Path(value) if Path(value).is_absolute() else folder / value
    try:
        store.load(where)
    except (OSError, OfstedAnalysisError) as e:
        raise InputError(what, value, f"a folder of tidy tables ({e})") from None
    return value


def _check_listed(what: str, values: list, check) -> None:
    """Run ``check`` on each value, re-raising its refusal under the parameter's name."""
    for one in values:
        try:
            check(one)
        except InputError as e:
            raise InputError(what, one, e.expected) from None


def _check_theme(theme) -> None:
    from ..findings.themes import load_taxonomy

    known = [t.theme for t in load_taxonomy()]
    if theme not in known:
        from ..core.checks import closest

        close = closest(theme, known)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise InputError("theme", theme, "a theme id of data/reference/finding_themes.csv" + hint)


def _check_years(what: str, value):
    if value is None:
        return value
    if (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in value)
        and value[0] <= value[1]
    ):
        return tuple(value)
    raise InputError(what, value, "None or (first, last) years, e.g. (2018, 2026)")


def _item_check(name: str):
    """For a parameter listing ids or names: the check of one item and an example value."""
    if name == "authorities":
        from ..core.checks import resolve_authority

        return resolve_authority, "Leeds,Bradford"
    if name == "indicators":
        from ..outcomes.indicators import get

        return get, "rereferral_rate,cla_rate"
    if name == "themes":
        return _check_theme, "care_leavers,private_fostering"
    return None


def check_param(name: str, value, default, folder: Path):
    """Check one parameter value as the notebooks will use it; return it (lists coerced)."""
    from ..core.checks import check_area, check_region, to_timestamp

    value = _coerce(value, default)
    what = f"notebook parameter {name}"
    if name == "data":
        return _check_data(what, value, folder)
    if name == "as_at":
        if value is not None:
            to_timestamp(value, what)
        return value
    listed = _item_check(name)
    if listed is not None:
        check, example = listed
        items = _names(what, value, example)
        _check_listed(what, items, check)
        return items
    if name == "years":
        return _check_years(what, value)
    if name == "year":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise InputError(what, value, "None (the latest year) or a year such as 2024")
        return value
    if name == "area":
        if isinstance(default, (list, tuple)):
            return [check_area(a, what) for a in _names(what, value, "overall,leadership")]
        return check_area(value, what)
    if name == "model":  # which years are stored depends on the data: checked when it runs
        if not re.fullmatch(r"latest|\d{4}", str(value).strip().lower()):
            raise InputError(what, value, "latest, 2021 or the year of a stored DfE model")
        return str(value)
    if name == "region":
        return None if value is None else check_region(value, what)
    if name == "topic":
        from ..outcomes.profile import check_profile_topic

        return check_profile_topic(value, what)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InputError(what, value, "True or False")
        return value
    if default is not None and not isinstance(value, type(default)):
        raise InputError(what, value, f"a value like the default, {default!r}")
    return value


def _short(path: Path) -> str:
    return path.stem.split("_", 1)[0]


def check_params(params: dict, paths: Iterable[str | Path], data: str | Path | None = None) -> None:
    """Check every parameter value against every notebook of the run that declares it, before
    anything runs: names some notebook of the run declares (a name only other notebooks take
    is refused, naming them), dates that can be read (``as_at`` no later than the data date of
    ``data``, or of the ``data`` parameter), authorities, areas, indicator and theme ids that
    exist, regions of the register, a ``data`` folder that holds tables.

    >>> from ofsted_analysis.notebooks import notebook_paths
    >>> check_params({"as_at": "31/13/2024"}, notebook_paths())
    Traceback (most recent call last):
    ...
    ofsted_analysis.core.errors.InputError: notebook parameter as_at '31/13/2024' is not valid; \
expected a date such as 30/06/2025, 30/06/25, 2025-06-30 or 30 June 2025

    Raises :class:`InputError` naming the parameter, the value and what was expected.
    """
    run = [Path(p) for p in paths]
    params = canonical_params(params)
    declared = declared_parameters(run)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        _refuse_unknown(unknown, run, declared)
    for name, value in params.items():
        for p, default in declared[name]:
            check_param(name, value, default, p.parent)
    if params.get("as_at") is not None:
        for p, _ in declared["as_at"]:
            defaults = dict((n, d) for n, pairs in declared.items() for q, d in pairs if q == p)
            area = _coerce(params.get("area", defaults.get("area")), defaults.get("area"))
            _check_as_at(params["as_at"], params.get("data", data), p, area)
    if params.get("year") is not None and "year" in declared:
        _check_year(params["year"], params.get("data", data), declared["year"][0][0])


def _refuse_unknown(unknown: list[str], paths: list[Path], declared: dict) -> None:
    """A parameter no notebook of the run takes: name the notebooks that do, if any."""
    everywhere = declared_parameters(notebook_paths(paths[0].parent)) if paths else {}
    run = ", ".join(_short(p) for p in paths)
    name = unknown[0]
    if name in everywhere:
        takers = ", ".join(p.stem for p, _ in everywhere[name])
        raise InputError(
            "notebook parameter",
            name,
            f"a parameter of the notebooks run ({run}); {name} is taken by {takers}",
        )
    from ..core.checks import closest

    close = closest(name, sorted(everywhere))
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise InputError("notebook parameter", name, "one of " + ", ".join(sorted(declared)) + hint)


def _check_year(year: int, data, notebook: Path) -> None:
    """``year`` must be a year the outcomes table holds."""
    from ..outcomes.table import load_outcomes

    if data is not None and not Path(data).is_absolute():
        data = notebook.parent / data
    years = sorted(int(y) for y in load_outcomes(data)["year"].dropna().unique())
    if years and year not in years:
        raise InputError(
            "notebook parameter year",
            year,
            f"None or a year of DfE's outcomes held, {years[0]} to {years[-1]}",
        )


def _check_as_at(value, data, notebook: Path, area) -> None:
    """``as_at`` must fall within the data (core's one rule, :func:`check_as_at`), and not
    before the first judgement in the notebook's area (there would be nothing to show)."""
    import pandas as pd

    from ..core.checks import check_as_at
    from ..core.frameworks import AREA_COLUMNS
    from ..judgements.prepare import area_rows
    from ..storage import store

    if data is not None and not Path(data).is_absolute():
        data = notebook.parent / data
    what = "notebook parameter as_at"
    judgements = store.load(data)
    when = check_as_at(value, judgements, what)
    for one in [area] if isinstance(area, str) else list(area or []):
        first = pd.to_datetime(area_rows(judgements, one)["published"]).min()
        if pd.notna(first) and when < first.normalize():
            raise InputError(
                what,
                value,
                f"a date on or after {first:%Y-%m-%d}, the first "
                f"{AREA_COLUMNS[one].lower()} judgement published ("
                f"{notebook.name} shows area {one!r})",
            )


def inject_parameters(nb, params: dict) -> dict:
    """Write (or replace, or remove) the ``injected-parameters`` cell after ``parameters``.

    Only parameters the notebook declares are injected (under their canonical names, see
    :data:`ALIASES`); returns those injected.
    """
    nbformat = load_nbformat()

    defaults = notebook_parameters(nb)
    params = canonical_params(params)
    used = {k: _coerce(v, defaults[k]) for k, v in params.items() if k in defaults}
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    if used:
        lines = ["# Parameters injected by `ofsted-analysis notebooks`"]
        lines += [f"{k} = {v!r}" for k, v in used.items()]
        cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell.metadata["tags"] = [INJECTED_TAG]
        cell.id = "injected-parameters"
        at = nb.cells.index(_tagged(nb, PARAMETERS_TAG))
        nb.cells.insert(at + 1, cell)
    return used


def one_authority(authorities: str | list[str], notebook: str = "This notebook"):
    """For a notebook that shows one authority: the first of ``authorities`` (resolved), and a
    sentence naming those given but not shown ('' when there are none).

    >>> who, note = one_authority(["Bradford", "Kirklees", "Calderdale"])
    >>> who.la_name
    'Bradford'
    >>> print(note)
    This notebook shows one authority, the first given: Bradford; not shown: Kirklees and \
Calderdale (run it with one of them first in authorities).
    """
    from ..core.checks import resolve_authority
    from ..core.words import and_list

    names = [authorities] if isinstance(authorities, str) else list(authorities)
    who = resolve_authority(names[0])
    rest = [resolve_authority(n).la_name for n in names[1:]]
    if not rest:
        return who, ""
    them = "one of them" if len(rest) > 1 else "it"
    return who, (
        f"{notebook} shows one authority, the first given: {who.la_name}; not shown: "
        f"{and_list(rest)} (run it with {them} first in authorities)."
    )
