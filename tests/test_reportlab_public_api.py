"""No module under briefing/ uses reportlab's underscore-private names (a fork of the toolkit's
internals breaks on its next release): checked on the source, so it holds for code not yet run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "briefing"
ATTRIBUTE_FUNCTIONS = ("getattr", "setattr", "hasattr", "delattr")


def _private(name: str) -> bool:
    return name.startswith("_") and name.strip("_") != "" and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str) -> list[str]:
    """Where ``source`` reaches into reportlab's private names, as "line: what" strings."""
    tree = ast.parse(source)
    found: list[str] = []
    reportlab_names: set[str] = set()  # local names bound to reportlab modules or objects
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "reportlab":
            if any(_private(part) for part in node.module.split(".")):
                found.append(f"{node.lineno}: import from {node.module}")
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                reportlab_names.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "reportlab":
                    if any(_private(p) for p in parts):
                        found.append(f"{node.lineno}: import {alias.name}")
                    reportlab_names.add(alias.asname or parts[0])
    if not reportlab_names:
        return found
    # private names this module defines itself (its own helpers' attributes) may be used freely,
    # except inside classes that extend reportlab's (where they could be reportlab's own)
    own: set[str] = set()
    extending: list[ast.ClassDef] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        if isinstance(node, ast.ClassDef) and any(_roots_in(base, reportlab_names) for base in node.bases):
            extending.append(node)
    for cls in extending:
        for node in ast.walk(cls):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _private(node.name):
                found.append(f"{node.lineno}: {cls.name} overrides {node.name}")
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and _private(node.id):
                found.append(f"{node.lineno}: {cls.name} sets {node.id}")
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                found.append(f"{node.lineno}: {cls.name} uses .{node.attr}")
    flagged = {line.split(":")[0] for line in found}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if (node.attr not in own or _roots_in(node.value, reportlab_names)) and str(node.lineno) not in flagged:
                found.append(f"{node.lineno}: .{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ATTRIBUTE_FUNCTIONS
              and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
              and isinstance(node.args[1].value, str) and _private(node.args[1].value)):
            found.append(f"{node.lineno}: {node.func.id}(…, {node.args[1].value!r})")
    return found


def _roots_in(node: ast.AST, names: set[str]) -> bool:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return isinstance(node, ast.Name) and node.id in names


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_uses_reportlab_private_names(path):
    assert private_uses(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("planted", [
    "from reportlab.platypus.paragraph import _processed_frags\n",
    "from reportlab.lib import _rl_accel\n",
    "import reportlab.lib._x\n",
    "from reportlab.pdfgen.canvas import Canvas\ndef f(c: Canvas):\n    return c._code\n",
    "from reportlab.pdfgen import canvas\nx = canvas.Canvas('a')._doc\n",
    "from reportlab.platypus import Paragraph\nclass P(Paragraph):\n    def _get_split_blParaFunc(self):\n        pass\n",
    "from reportlab.platypus import Flowable\nclass F(Flowable):\n    _ZEROSIZE = 1\n",
    "from reportlab.platypus import Flowable\nclass F(Flowable):\n    def wrap(self, w, h):\n        self._frame = 1\n",
    "from reportlab.platypus import Paragraph\ndef f(p):\n    return getattr(p, '_wrapped', None)\n",
])
def test_the_check_catches_private_uses(planted):
    assert private_uses(planted)


def test_the_check_allows_a_modules_own_helpers():
    ok = ("from reportlab.platypus import Paragraph\n"
          "class Helper:\n    def __init__(self):\n        self._cache = {}\n"
          "    def get(self):\n        return self._cache\n"
          "def _local():\n    return Paragraph.__init__\n")
    assert private_uses(ok) == []
