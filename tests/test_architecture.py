"""The shape of the core: layers that import only downwards, no import cycle, no MkDocs.

Every import counts — at the top, inside functions and under TYPE_CHECKING — read with `ast`, so
a cycle cannot hide in a function body. A move to another generator stays a glue rewrite.
"""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "hooks" / "trygg"
# What each layer may import besides itself, bottom up (a type imports only its own package).
ALLOWED = {
    "models": {"models"},
    "core": {"models", "core"},
    "markdown": {"models", "core", "markdown"},
    "types": {"models", "core", "markdown"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every trygg module `path` imports, wherever in the file the import stands."""
    found = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names)
    return {name for name in found if name.split(".")[0] == "trygg"}


MODULES = {_module_name(p) for p in CORE.rglob("*.py")}
GRAPH = {_module_name(p): {i for i in _imports(p) if i in MODULES} for p in CORE.rglob("*.py")}


def _layer(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _cycles() -> list[list[str]]:
    """The graph's strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(GRAPH[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in GRAPH[node]:
                found.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    return found


def test_the_import_graph_of_the_core_has_no_cycle():
    assert len(GRAPH) > 40  # the whole package was read
    assert _cycles() == []


def test_a_cycle_would_be_found(monkeypatch):
    monkeypatch.setitem(GRAPH, "trygg.core.problems", {"trygg.pipeline"})
    assert any("trygg.core.problems" in c for c in _cycles())


def test_each_layer_imports_only_the_layers_below_it():
    offenders = []
    for module, targets in GRAPH.items():
        layer = _layer(module)
        for target in targets:
            own_type = layer == "types" and target.split(".")[:3] == module.split(".")[:3]
            if layer in ALLOWED and _layer(target) not in ALLOWED[layer] and not own_type:
                offenders.append(f"{module} → {target}")
    assert offenders == []


def test_only_the_registry_imports_the_content_types_and_it_finds_every_one():
    importers = {m for m, targets in GRAPH.items() for t in targets
                 if _layer(t) == "types" and _layer(m) != "types"}
    assert importers <= {"trygg.registry"}  # it finds them by walking trygg/types/, without naming them
    from trygg.registry import registered_types

    packages = {p.name for p in (CORE / "types").iterdir() if (p / "__init__.py").exists()}
    assert len(registered_types()) == len(packages) == 9


def test_no_module_in_the_core_imports_mkdocs():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in {"mkdocs", "material"}]
    assert offenders == []


def test_importing_the_whole_core_loads_no_mkdocs_module():
    code = ("import sys, pkgutil, importlib, trygg\n"
            "for m in pkgutil.walk_packages(trygg.__path__, 'trygg.'): importlib.import_module(m.name)\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'material')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_hook_imports_the_core_at_load_time_not_inside_events():
    hook = (CORE.parent / "trygg_hooks.py").read_text(encoding="utf-8")
    tree = ast.parse(hook)
    nested = [n for f in tree.body if isinstance(f, ast.FunctionDef) for n in ast.walk(f)
              if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert nested == []
