"""The package's shape (issue 12): no module uses another module's private names, and the modules
import one another without cycles, lazy imports inside functions included."""

from __future__ import annotations

import ast

from shared_files import PROJECT

PACKAGE = PROJECT / "ofsted_analysis"


def _modules() -> dict[str, ast.Module]:
    out = {}
    for f in sorted(PACKAGE.rglob("*.py")):
        parts = f.relative_to(PROJECT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(f.read_text(), filename=str(f))
    return out


MODULES = _modules()


def _package_of(name: str) -> list[str]:
    is_package = any(m.startswith(name + ".") for m in MODULES) or name == "ofsted_analysis"
    return name.split(".") if is_package else name.split(".")[:-1]


def _imports(name: str, tree: ast.Module):
    """(imported module, imported name or None, bound local name) for every import of the
    package's own modules in ``name``, at any depth."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name)[: len(_package_of(name)) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("ofsted_analysis"):
                continue
            for alias in node.names:
                full = f"{target}.{alias.name}"
                if full in MODULES:
                    yield full, None, alias.asname or alias.name
                else:
                    yield target, alias.name, alias.asname or alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ofsted_analysis"):
                    yield alias.name, None, alias.asname or alias.name.split(".")[0]


def _private(word: str) -> bool:
    return word.startswith("_") and not word.startswith("__")


def test_no_module_uses_another_modules_private_names():
    found = []
    for name, tree in MODULES.items():
        module_aliases = {}
        for target, imported, local in _imports(name, tree):
            if imported is not None and _private(imported) and target != name:
                found.append(f"{name} imports {target}.{imported}")
            if imported is None:
                module_aliases[local] = target
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in module_aliases
                and _private(node.attr)
            ):
                found.append(f"{name} uses {module_aliases[node.value.id]}.{node.attr}")
    assert not found, found


def test_the_modules_import_one_another_without_cycles():
    graph = {
        name: {target for target, _, _ in _imports(name, tree) if target in MODULES} - {name}
        for name, tree in MODULES.items()
    }
    cycles, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycles.append(" -> ".join(path[path.index(node) :] + [node]))
            return
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, [*path, node])
        done.add(node)

    for name in MODULES:
        visit(name, [])
    assert len(graph) > 40  # the walk saw the whole package
    assert not cycles, cycles
