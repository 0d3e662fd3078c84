"""What the README's installs bring: the spec's needs in the dependencies, the project's tooling in extras.

The first command (`pip install -e .`) must run the spec and the `approx`
command, with nothing of the tooling; the second (`.[dev]`) adds the rest.
So every package the code imports is declared, and where: an import the
spec or approx makes when a module loads needs a dependency; one made only
when a tool runs (cog for `approx docs`, Dask for `--scheduler`) may be an
extra's, and a missing one says what to install.
"""

import ast
import importlib.metadata
import subprocess
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from approx.repository import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
TOOLING = {"zizmor", "mkdocs-material", "cogapp", "import-linter", "jsonschema", "pyyaml", "pytest-reportlog",
           "pytest-html", "playwright", "distributed"}


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


DEPENDENCIES = _names(PROJECT["dependencies"])
EXTRAS = {extra: _names(r) for extra, r in PROJECT["optional-dependencies"].items()}
PROVIDERS = importlib.metadata.packages_distributions()  # an importable top-level name -> its distributions
STANDARD = set(sys.stdlib_module_names) | {"approx", "tests", "spec", "conftest", "_pytest"}


def _imports(path, at_load_only: bool) -> set[str]:
    """The top-level names a file imports: all of them, or only those it imports as it loads (not in a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if at_load_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
    return found - STANDARD


def _distributions(module: str) -> set[str]:
    return {canonicalize_name(d) for d in PROVIDERS.get(module, [module])}


def _files(*patterns):
    return [p for pattern in patterns for p in ROOT.glob(pattern) if "reproducers" not in p.parts]


def test_the_dependencies_hold_none_of_the_tooling():
    assert DEPENDENCIES & TOOLING == set()
    assert "packaging" in DEPENDENCIES  # plugin/options.py, plugin/releases.py, tools/matrix.py compare versions


def test_the_dev_extra_gathers_every_tooling_extra():
    (dev,) = PROJECT["optional-dependencies"]["dev"]
    gathered = Requirement(dev).extras
    assert Requirement(dev).name == PROJECT["name"]
    assert gathered == {"test", "lint", "docs", "html", "cluster", "browser"}
    assert TOOLING <= set().union(*(EXTRAS[e] for e in gathered)) | EXTRAS["gate"]


def test_what_approx_and_the_spec_import_as_they_load_is_a_dependency():
    undeclared = {}
    for path in _files("approx/**/*.py", "spec/**/*.py", "conftest.py"):
        for module in _imports(path, at_load_only=True):
            if not _distributions(module) & DEPENDENCIES:
                undeclared.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert undeclared == {}


def test_every_package_anything_imports_is_declared():
    declared = DEPENDENCIES.union(*EXTRAS.values())
    undeclared = {}
    for path in _files("approx/**/*.py", "spec/**/*.py", "tests/**/*.py", "conftest.py"):
        for module in _imports(path, at_load_only=False):
            if not _distributions(module) & declared:
                undeclared.setdefault(module, []).append(str(path.relative_to(ROOT)))
    assert undeclared == {}


# Every approx module imported, with the tooling made unimportable: a module-level import of one fails here.
_WITHOUT_TOOLING = """
import importlib, pkgutil, sys
class Absent:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, Absent())
import approx
for module in pkgutil.walk_packages(approx.__path__, "approx."):
    if ".reproducers." not in module.name:
        importlib.import_module(module.name)
from approx.tools import docs
try:
    docs.render(check=True)
except docs.NoCog as missing:
    print(missing)
"""


def test_approx_loads_without_the_tooling_and_says_what_a_tool_needs():
    blocked = {"cogapp", "mkdocs", "importlinter", "grimp", "zizmor", "jsonschema", "yaml", "distributed", "playwright",
               "pytest_html", "pytest_reportlog"}
    done = subprocess.run([sys.executable, "-c", _WITHOUT_TOOLING.format(BLOCKED=sorted(blocked))],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "pip install -c constraints.txt -e '.[docs]'" in done.stdout


# upgrade-gate.yml's matrix jobs install approx without its dependencies, then only packaging and jinja2:
# the column installs its own frameworks, and merging the columns needs none.
_MATRIX_ALONE = """
import sys
class Absent:
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if top not in sys.stdlib_module_names and top not in {"approx", "packaging", "jinja2", "markupsafe"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Absent())
from approx.tools import command
sys.exit(command.main(["matrix", "--list"]))
"""


def test_approx_matrix_runs_with_only_packaging_and_jinja2():
    done = subprocess.run([sys.executable, "-c", _MATRIX_ALONE], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "tf2.15-keras2.15" in done.stdout
