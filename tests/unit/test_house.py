"""The house rules that keep approx/ readable: no import circle, one name per module, small modules.

The layers' contract (test_layers.py) stops imports running back up between
folders; these rules hold inside a folder too. A circle means neither module
can be read first; two modules of one name in different layers make every
import ambiguous to a reader; a long module holds more than one idea.
"""

import collections
from pathlib import Path

import grimp

from approx.repository import ROOT

LONGEST = 300  # lines a module may have
PACKAGE = ROOT / "approx"


def circles(imports: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round a circle (Tarjan's strongly connected components)."""
    order, low, stack, found = {}, {}, [], []

    def visit(module):
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in imports.get(module, ()):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = []
            while (popped := stack.pop()) != module:
                group.append(popped)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return found


def _modules() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def test_no_module_of_approx_imports_itself_round_a_circle():
    graph = grimp.build_graph("approx", cache_dir=None)  # imports inside functions count too
    imports = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert circles(imports) == []


def test_a_circle_is_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_two_modules_share_a_name():
    named = collections.defaultdict(list)
    for path in _modules():
        if path.name != "__init__.py":
            named[path.stem].append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in named.items() if len(paths) > 1} == {}


def test_no_module_passes_the_longest():
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > LONGEST}
    assert long == {}, f"split these by idea: {long}"
