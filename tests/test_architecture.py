"""The core must stay free of MkDocs, so a move to another generator is a glue rewrite."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "hooks" / "trygg"


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
