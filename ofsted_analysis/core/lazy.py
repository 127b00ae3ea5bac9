"""Names a package exports without importing their modules until first use, so
``import ofsted_analysis`` (and the command line's ``--help``) stays instant while
``oa.as_at`` or ``judgements.national_picture`` still work.

>>> getattr_, dir_ = lazy_exports("ofsted_analysis", {"register": ".core.authorities"})
>>> getattr_("register").__name__
'register'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(
    package: str, names: Mapping[str, str], modules: Mapping[str, str] | None = None
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package`` that import ``names`` (public
    name -> module defining it, relative to ``package``) on first use and keep them in the
    package; ``modules`` maps further names to whole modules (subpackages, old names)."""
    modules = modules or {}

    def __getattr__(name: str) -> object:
        if name in modules:
            return importlib.import_module(modules[name], package)
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(names[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(names) | set(modules))

    return __getattr__, __dir__
