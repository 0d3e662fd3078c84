"""Each package's __init__ lists its modules, as docs/layout.md promises a newcomer."""

import ast
import re

import pytest

from approx.repository import ROOT

PACKAGES = sorted((ROOT / "approx").rglob("__init__.py"))


@pytest.mark.parametrize("init", PACKAGES, ids=lambda p: p.parent.name)
def test_every_module_is_named_in_its_package_docstring(init):
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    modules = [p.stem for p in init.parent.glob("*.py") if p.stem != "__init__"]
    modules += [p.name for p in init.parent.iterdir() if (p / "__init__.py").exists()]
    missing = [m for m in modules if not re.search(rf"(?<![\w.]){re.escape(m)}(?![\w])", doc)]
    assert not missing, f"{init}: its docstring does not name {missing}"
