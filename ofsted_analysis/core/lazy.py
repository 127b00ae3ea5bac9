"""Names a package exports without importing their modules until first use, so
``import ofsted_analysis`` (and the command line's ``--help``) stays instant while
``oa.as_at`` or ``judgements.national_picture`` still work.

>>> getattr_, dir_, all_ = lazy_exports("ofsted_analysis", {".core.authorities": ("register",)})
>>> getattr_("register").__name__, all_
('register', ['register'])
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping


def lazy_exports(
    package: str,
    exports: Mapping[str, Iterable[str]],
    modules: Mapping[str, str] | None = None,
) -> tuple[Callable[[str], object], Callable[[], list[str]], list[str]]:
    """A module ``__getattr__``, ``__dir__`` and ``__all__`` for ``package``.

    ``exports`` maps each module (relative to ``package``) to the public names it defines;
    they are imported on first use and then kept in the package. ``modules`` maps further
    names to whole modules (subpackages, old names); they are not in ``__all__``.

    A name given under two modules is a mistake in the map, reported when it is built:

    >>> lazy_exports("ofsted_analysis", {".a": ("x",), ".b": ("x",)})
    Traceback (most recent call last):
    ...
    ValueError: ofsted_analysis exports 'x' from both '.a' and '.b'
    """
    where: dict[str, str] = {}
    for module, names in exports.items():
        for name in names:
            if name in where:
                raise ValueError(
                    f"{package} exports {name!r} from both {where[name]!r} and {module!r}"
                )
            where[name] = module
    modules = modules or {}

    def __getattr__(name: str) -> object:
        if name in modules:
            return importlib.import_module(modules[name], package)
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name], package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where) | set(modules))

    return __getattr__, __dir__, sorted(where)
