"""The installed version of a module, whichever distribution provides it, read without importing it.

A framework is judged by the module a program imports, not by the name it was
installed under: TensorFlow's nightly is the distribution `tf-nightly`,
Keras's is `keras-nightly`, and `tensorflow-cpu` provides `tensorflow` too.
Asking pip's metadata for "tensorflow" finds none of them, so approx maps the
module to the distribution that provides it (its top-level files) and reads
that distribution's version. Two distributions providing one module (keras and
keras-nightly both installed) leave it unknown which files are loaded: that is
an error that names both.
"""

import functools
from importlib import metadata


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
        found = ", ".join(f"{name} {metadata.version(name)}" for name in names)
        raise Ambiguous(f"{module} is provided by several installed distributions ({found});"
                        f" uninstall all but one (pip uninstall ...)")
    return names[0]


def version(module: str) -> str:
    """The version of the distribution that provides `module` (tensorflow, keras, jax, torch, numpy)."""
    return metadata.version(distribution(module))


def forget() -> None:
    """Read the installed distributions afresh (after installing or uninstalling in-process)."""
    _providers.cache_clear()
