"""The installed version of a module, whichever distribution provides it, read without importing it.

A framework is judged by the module a program imports, not by the name it was
installed under: TensorFlow's nightly is the distribution `tf-nightly`,
Keras's is `keras-nightly`, and `tensorflow-cpu` provides `tensorflow` too.
Asking pip's metadata for "tensorflow" finds none of them, so approx maps the
module to the distribution that provides it (its top-level files) and reads
that distribution's version. Two distributions providing one module (keras and
keras-nightly both installed) are told apart by where the module's files are
found: the distribution installed in that folder provides it (approx bisect
lays a nightly over an environment so). Two in one folder have overwritten
each other's files, and which are loaded is not known: that is an error that
names both.
"""

import functools
import importlib.util
from importlib import metadata
from pathlib import Path


class NotInstalled(LookupError):
    """No installed distribution provides the module."""


class Ambiguous(LookupError):
    """Several installed distributions provide the module; which one's files load is not known."""


@functools.cache
def _providers() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def distribution(module: str) -> str:
    """The name of the one installed distribution that provides the top-level `module`."""
    names = sorted(set(_providers().get(module, [])), key=str.lower)
    if not names:
        raise NotInstalled(f"{module} is not installed")
    if len(names) > 1:
        names = _where_found(module, names)
    if len(names) > 1:
        found = ", ".join(f"{name} {metadata.version(name)}" for name in names)
        raise Ambiguous(f"{module} is provided by several installed distributions ({found});"
                        f" uninstall all but one (pip uninstall ...)")
    return names[0]


def _where_found(module: str, names: list[str]) -> list[str]:
    """Of `names`, those installed in the folder the import system finds `module` in (found, not imported)."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin:
        return names
    folder = Path(spec.origin).resolve().parent.parent if spec.submodule_search_locations else \
        Path(spec.origin).resolve().parent
    return [name for name in names if _folder_of(name) in (folder, None)]


def _folder_of(name: str) -> Path | None:
    """The folder a distribution is installed in, or None when its files cannot be found."""
    try:
        return Path(metadata.distribution(name).locate_file("")).resolve()
    except metadata.PackageNotFoundError:
        return None


def version(module: str) -> str:
    """The version of the distribution that provides `module` (tensorflow, keras, jax, torch, numpy)."""
    return metadata.version(distribution(module))


def forget() -> None:
    """Read the installed distributions afresh (after installing or uninstalling in-process)."""
    _providers.cache_clear()
