"""`approx`, the maintainer's command: one subcommand per tool.

    approx calibrate [...]   evaluate every measure over the calibration seeds (approx.tools.calibrate)
    approx bench [...]       how fast training and the spec run here (approx.tools.bench)
    approx drill [...]       change one Keras behaviour on purpose, see which claims catch it (approx.tools.drill)
    approx compare A B       two claims.json or baselines: what flipped, what moved (approx.tools.compare)
    approx matrix [...]      the spec on every release pair of matrix/pairs.json (approx.tools.matrix)
    approx summary [...]     a run's claims.json as a job summary, annotations and outputs (approx.tools.summary)
    approx docs [--check]    the docs' generated tables, from the committed files (approx.tools.docs)
    approx bisect PACKAGE ...  which published version broke a claim, a behaviour or the gate (approx.tools.bisect)
    approx upstream ...      after the nightly gate: record what passed, bisect and reproduce what broke (approx.tools.upstream)
    approx repro ID          a standalone script that reproduces one check, for an upstream report (approx.tools.repro)

`approx SUBCOMMAND --help` tells more; `python -m approx.tools.SUBCOMMAND` is the same.
`approx --version` says which approx, Python and framework releases are installed.
"""

import importlib
import platform
import sys
from importlib import metadata

from approx import backend, installed

SUBCOMMANDS = {
    "calibrate": "evaluate every measure over the calibration seeds",
    "bench": "how fast training and the spec run here",
    "drill": "change one Keras behaviour on purpose and see which claims catch it",
    "compare": "two claims.json files or baselines: which claims flipped, which behaviours moved",
    "matrix": "the spec on every TensorFlow/Keras release pair of matrix/pairs.json",
    "summary": "a run's claims.json in CI's terms: a Markdown summary, annotations, outputs",
    "docs": "re-render the tables README.md and docs/ quote from the committed files (--check: only compare)",
    "bisect": "which published version of a package broke a claim, a behaviour or the gate",
    "upstream": "after the nightly gate: record the nightlies that passed, bisect and reproduce what broke",
    "repro": "write a standalone script (numpy and the framework, no approx) that reproduces one check",
}


def usage() -> str:
    lines = ["usage: approx SUBCOMMAND [options]", "       approx --version", "", "subcommands:"]
    lines += [f"  {name:10s} {what}" for name, what in SUBCOMMANDS.items()]
    return "\n".join(lines)


def version() -> str:
    """approx's version, and the releases it would judge here, read without importing the framework."""
    found = []
    for module in ("tensorflow", "keras", *([] if backend.chosen() == backend.DEFAULT else [backend.chosen()])):
        try:
            found.append(f"{module} {installed.version(module)} ({installed.distribution(module)})")
        except LookupError as problem:
            found.append(str(problem))
    return (f"approx {metadata.version('approx')} on Python {platform.python_version()}:"
            f" {', '.join(found)}; backend {backend.chosen()}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0
    if argv[0] == "--version":
        print(version())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in SUBCOMMANDS:
        print(f"approx: unknown subcommand {name!r}; known: {', '.join(SUBCOMMANDS)}\n\n{usage()}", file=sys.stderr)
        return 2
    return importlib.import_module(f"approx.tools.{name}").main(rest) or 0


if __name__ == "__main__":
    sys.exit(main())
