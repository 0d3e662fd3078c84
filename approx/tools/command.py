"""`approx`, the maintainer's command: one subcommand per tool.

    approx calibrate [...]   evaluate every measure over the calibration seeds (approx.tools.calibrate)
    approx bench [...]       how fast training and the spec run here (approx.tools.bench)
    approx drill [...]       change one Keras behaviour on purpose, see which claims catch it (approx.tools.drill)
    approx compare A B       two claims.json or baselines: what flipped, what moved (approx.tools.compare)
    approx matrix [...]      the spec on every release pair of matrix/pairs.json (approx.tools.matrix)

`approx SUBCOMMAND --help` tells more; `python -m approx.tools.SUBCOMMAND` is the same.
"""

import importlib
import sys

SUBCOMMANDS = {
    "calibrate": "evaluate every measure over the calibration seeds",
    "bench": "how fast training and the spec run here",
    "drill": "change one Keras behaviour on purpose and see which claims catch it",
    "compare": "two claims.json files or baselines: which claims flipped, which behaviours moved",
    "matrix": "the spec on every TensorFlow/Keras release pair of matrix/pairs.json",
}


def usage() -> str:
    lines = ["usage: approx SUBCOMMAND [options]", "", "subcommands:"]
    lines += [f"  {name:10s} {what}" for name, what in SUBCOMMANDS.items()]
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(usage())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    if name not in SUBCOMMANDS:
        print(f"approx: unknown subcommand {name!r}; known: {', '.join(SUBCOMMANDS)}\n\n{usage()}", file=sys.stderr)
        return 2
    return importlib.import_module(f"approx.tools.{name}").main(rest) or 0


if __name__ == "__main__":
    sys.exit(main())
