"""The core stays Qt-free and modules stay small: checked, not just promised."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "briefing"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_outside_gui():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "gui" or rel.name == "launcher.py":
            continue
        if any(m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"} for m in _imported_modules(path)):
            offenders.append(str(rel))
    assert offenders == []


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed")
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_over_600_lines():
    big = {str(p.relative_to(REPO)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 600}
    assert big == {}


def test_yaml_read_only_through_safe_loaders():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"load", "load_all", "unsafe_load", "full_load"}:
                if isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml":
                    loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                    if not (isinstance(loader, ast.Name) and loader.id == "SafeLoader"):
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_no_cli_module_imports_another_modules_private_name():
    """A function two commands share is public in one place (``briefing/cli/common.py``'s
    ``load_briefing``), not reached for by its underscore name from a sibling command."""
    offenders = []
    for path in (PACKAGE / "cli").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefing"):
                offenders += [f"{path.relative_to(REPO)}: {node.module}.{a.name}" for a in node.names
                              if a.name.startswith("_") and not a.name.startswith("__")]
    assert not offenders, offenders
