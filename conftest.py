"""pytest setup for every test path, the package's doctests included.

Docstring examples run against the checkout's shipped tables; as the package docstring says,
``oa`` is the package and ``j``, ``ev``, ``o`` and ``f`` are ``oa.load()``,
``oa.load_events()``, ``oa.load_outcomes()`` and ``oa.load_findings()``, loaded once.
"""

import re
import sys
from functools import cache

import matplotlib
import pytest

matplotlib.use("Agg")  # examples and tests draw off screen; never open a window


@cache
def _tables() -> dict:
    import ofsted_analysis as oa

    return {"oa": oa, "j": oa.load(), "ev": oa.load_events(), "o": oa.load_outcomes()}


@cache
def _findings() -> dict:
    import ofsted_analysis as oa

    return {"f": oa.load_findings()}


@pytest.fixture(autouse=True)
def _doctest_tables(request, doctest_namespace):
    """The shipped tables for docstring examples only (tests build their own)."""
    if isinstance(request.node, pytest.DoctestItem):
        doctest_namespace.update(_tables())
        # Findings take seconds to load (themes are applied then): only for examples that use
        # f without loading it themselves.
        sources = [e.source for e in request.node.dtest.examples]
        if any(re.search(r"\bf\b", s) for s in sources) and not any(
            re.match(r"f\s*=", s) for s in sources
        ):
            doctest_namespace.update(_findings())
    yield
    if isinstance(request.node, pytest.DoctestItem) and "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")  # no example's figure carried over
