"""Where everything is: the one module that knows the project's folders.

In a checkout (``pip install -e .``) the data are the checkout's ``data/`` folder. An installed
copy (``pip install .`` or a wheel) carries the shipped tables and reference tables inside the
package (``ofsted_analysis/_shipped``, read through :mod:`importlib.resources`), so
``oa.load()`` and the command line work from any folder. Either can be overridden: a path the
user gives (``--data``, ``path=``) or ``$OFSTED_ANALYSIS_DATA`` for the stored tables,
``$OFSTED_ANALYSIS_CACHE`` for the read cache.

>>> from ofsted_analysis.core import paths
>>> paths.reference("authorities.csv").name
'authorities.csv'
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # ofsted_analysis/, above core/


def _checkout() -> Path | None:
    """The source checkout the package runs from (its ``data/`` beside it), or ``None`` for an
    installed copy, which carries its data in ``_shipped`` (a checkout never has one)."""
    if (PACKAGE / "_shipped").is_dir():
        return None
    return PACKAGE.parent


CHECKOUT = _checkout()


def _shipped() -> Path:
    """The data an installed copy carries (the checkout's ``data/`` when run from one)."""
    if CHECKOUT is not None:
        return CHECKOUT / "data"
    return Path(str(resources.files("ofsted_analysis") / "_shipped"))


DATA = _shipped()
# The folder paths in source references are written relative to (a checkout's root, else the
# working folder), so the same file has the same key wherever it is read from.
PROJECT = CHECKOUT if CHECKOUT is not None else Path.cwd()
NOTEBOOKS = PROJECT / "notebooks"


def reference(name: str) -> Path:
    """A reference table the project writes (``data/reference/<name>``)."""
    return DATA / "reference" / name


def processed(path: str | Path | None = None) -> Path:
    """The folder of stored tables: ``path``, else ``$OFSTED_ANALYSIS_DATA``, else the
    shipped ``data/processed``."""
    if path is not None:
        return Path(path)
    return Path(os.environ.get("OFSTED_ANALYSIS_DATA", DATA / "processed"))


def curated() -> Path:
    """Hand-entered records with citations (``data/curated``)."""
    return DATA / "curated"


def raw() -> Path:
    """Where ``build`` looks for source files by default (``data/raw``, the user's)."""
    return PROJECT / "data" / "raw"


def rejects() -> Path:
    """Where ``update --skip-bad-rows`` writes refused rows by default."""
    return PROJECT / "data" / "rejects" / "rejects.csv"


def cache() -> Path:
    """``$OFSTED_ANALYSIS_CACHE``, else ``data/cache`` (beside the checkout's tables, or in the
    working folder for an installed copy)."""
    return Path(os.environ.get("OFSTED_ANALYSIS_CACHE", PROJECT / "data" / "cache"))
