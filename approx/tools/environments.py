"""An environment per version of one package, beside everything else pinned: where each bisect step runs.

Keras (`keras`, `keras-nightly`) is pure Python, so a version of it is laid
over this environment: pip installs that one distribution, without its
dependencies, into a folder of its own, and the step runs this interpreter
with the folder first on PYTHONPATH. The import system then loads its files,
and approx.installed reads its version, while TensorFlow and the rest stay the
pinned ones. A compiled package (`tensorflow`, `tf-nightly`, `jax`, `torch`)
gets a virtual environment of its own: that version, approx's other
dependencies under constraints.txt's pins (less the package's own), and approx
itself, editable. Both are made once and kept in ~/.cache/approx/bisect
(APPROX_BISECT_CACHE), each written whole before it is used.
"""

import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from approx.atomic import write_atomically
from approx.repository import ROOT

CACHE = Path(os.environ.get("APPROX_BISECT_CACHE", Path.home() / ".cache" / "approx" / "bisect"))
CONSTRAINTS = ROOT / "constraints.txt"

# package -> the module it provides, the Keras backend a step runs on, the pins a version of it replaces, and the
# distributions it drags in that would displace a pin (tf-nightly requires keras-nightly; the pinned Keras stays).
PACKAGES = {
    "keras": {"module": "keras", "backend": "tensorflow", "replaces": ["keras"], "overlay": True},
    "keras-nightly": {"module": "keras", "backend": "tensorflow", "replaces": ["keras"], "overlay": True},
    "tensorflow": {"module": "tensorflow", "backend": "tensorflow", "replaces": ["tensorflow"]},
    "tf-nightly": {"module": "tensorflow", "backend": "tensorflow", "replaces": ["tensorflow"],
                   "displaces": {"keras-nightly": "keras"}},
    "jax": {"module": "jax", "backend": "jax", "replaces": ["jax", "jaxlib"]},
    "torch": {"module": "torch", "backend": "torch", "replaces": ["torch"]},
}
FRAMEWORK = ("tensorflow", "keras")  # what a matrix pair fixes; pip resolves the rest of approx's needs around them


class Uninstallable(RuntimeError):
    """pip could not install the version here: bisect skips it, saying why."""


@dataclass(frozen=True)
class Environment:
    """How to run a step on one version: the interpreter, and the variables to add to its environment."""

    package: str
    version: str
    python: str
    variables: dict = field(default_factory=dict)

    @property
    def module(self) -> str:
        return PACKAGES[self.package]["module"]


def spec_packages(leave_out=FRAMEWORK) -> list[str]:
    """approx's dependencies as pyproject.toml declares them, less `leave_out`: what an environment of its own needs."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return [d for d in declared if canonicalize_name(Requirement(d).name) not in leave_out]


def pins(leave_out) -> list[str]:
    """constraints.txt's lines, less those pinning `leave_out` (canonical names)."""
    kept = []
    for line in CONSTRAINTS.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if text and canonicalize_name(Requirement(text).name) not in leave_out:
            kept.append(text)
    return kept


def pinned(name: str) -> str:
    """The version constraints.txt pins `name` to."""
    for line in CONSTRAINTS.read_text().splitlines():
        text = line.split("#", 1)[0].strip()
        if text and canonicalize_name(Requirement(text).name) == canonicalize_name(name):
            return str(Requirement(text).specifier).lstrip("=")
    raise LookupError(f"constraints.txt pins no {name}")


def _pip(python: str, *arguments: str) -> None:
    done = subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *arguments],
                          capture_output=True, text=True)
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        raise Uninstallable(" / ".join(lines[-3:]) or f"pip exited {done.returncode}")


def _made(folder: Path, make) -> None:
    """Make `folder` once: built beside it under a temporary name, then renamed into place whole."""
    if (folder / "made.json").exists():
        return
    building = folder.with_name(folder.name + f".building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir(parents=True)
    try:
        make(building)
        write_atomically(building / "made.json", json.dumps({"folder": folder.name}) + "\n")
        if not (folder / "made.json").exists():  # another process may have made it meanwhile: keep theirs
            shutil.rmtree(folder, ignore_errors=True)  # a half-made one, left by a process that was killed
            try:
                building.rename(folder)
            except OSError:
                if not (folder / "made.json").exists():
                    raise
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _overlay(package: str, version: str, folder: Path) -> Environment:
    """`package==version` alone, in a folder laid over this interpreter's environment."""
    _made(folder, lambda building: _pip(sys.executable, "--no-deps", "--target", str(building / "site"),
                                         f"{package}=={version}"))
    return Environment(package, version, sys.executable,
                       {"PYTHONPATH": os.pathsep.join([str(folder / "site"), str(ROOT)])})


def _venv(package: str, version: str, folder: Path) -> Environment:
    """A virtual environment with `package==version`, approx's other dependencies pinned, and approx (editable)."""
    about = PACKAGES[package]
    leave_out = {canonicalize_name(n) for n in about["replaces"]} | {canonicalize_name(package)}

    def make(building: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", str(building)], check=True, capture_output=True)
        python = str(building / "bin" / "python")
        constraints = building / "constraints.txt"
        constraints.write_text("\n".join(pins(leave_out)) + "\n")
        _pip(python, "-c", str(constraints), f"{package}=={version}", *spec_packages(leave_out))
        for dragged, pin in about.get("displaces", {}).items():  # shared files: take it out, then the pin back whole
            subprocess.run([python, "-m", "pip", "uninstall", "-q", "-y", dragged], capture_output=True)
            _pip(python, "--no-deps", "--force-reinstall", f"{pin}=={pinned(pin)}")
        _pip(python, "--no-deps", "-e", str(ROOT))

    _made(folder, make)
    return Environment(package, version, str(folder / "bin" / "python"))


def prepare(package: str, version: str) -> Environment:
    """The environment of `package==version`, made now or kept from before; Uninstallable when pip cannot make it."""
    if package not in PACKAGES:
        raise ValueError(f"unknown package {package!r}; known: {', '.join(PACKAGES)}")
    folder = CACHE / package / version
    made = _overlay if PACKAGES[package].get("overlay") else _venv
    environment = made(package, version, folder)
    backend = PACKAGES[package]["backend"]
    return Environment(environment.package, version, environment.python,
                       {**environment.variables, "KERAS_BACKEND": backend})
