"""The figures the README and docs/ quote, rendered from the committed files by cog, and nothing typed by hand.

    approx docs            # re-render every generated block in README.md and docs/*.md
    approx docs --check    # exit 1, naming the file, when a block is stale

A generated block is a cog block (cogapp): the Python between its markers
names one of the functions below, and cog writes what it returns under it:

    <!-- [[[cog import cog; from approx.tools import docs; cog.out(docs.calibration_table()) ]]] -->
    ... what the function returned ...
    <!-- [[[end]]] -->

Each function reads a committed file (the baseline, the drill, the matrix)
and nothing else, so a block is stale exactly when that file changed since
it was rendered. `approx calibrate` and `approx drill` re-render after
writing their files; tests/unit/test_docs.py runs the check.
"""

import argparse
import sys
from pathlib import Path

from cogapp import Cog, CogUsageError

ROOT = Path(__file__).resolve().parents[2]


def files() -> list[Path]:
    """Every file that may hold a generated block."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def calibration_table() -> str:
    """The committed TensorFlow baseline: each measure's rule, spread, pass count and the drift a run can see."""
    from approx.statistics import calibration
    from approx.statistics.measures import ARMS, MEASURES
    from approx.tools.calibrate import table

    committed = calibration.load(calibration.PATH)
    return table(committed, {n: m for n, m in MEASURES.items() if n in committed.values},
                 {n: a for n, a in ARMS.items() if n in committed.values})


def backends_table() -> str:
    """Per name, whether JAX and PyTorch train the paired seeds within TensorFlow's allowance."""
    from approx.statistics import calibration
    from approx.tools.calibrate import backends_table as render, other_baselines

    return render(calibration.load(calibration.PATH), other_baselines())


def drill_matrix() -> str:
    """What the gate caught of each change `approx drill` made, from calibration/drill.json."""
    import json

    from approx.statistics.calibration import DRILL_PATH
    from approx.tools.drill import matrix

    return matrix(json.loads(DRILL_PATH.read_text()))


def render(check: bool = False) -> int:
    """Re-render (or, with `check`, only compare) every generated block; cog's exit status."""
    arguments = ["cog", "--verbosity=0", "--check" if check else "-r", "-I", str(ROOT), *map(str, files())]
    try:
        return Cog().main(arguments)
    except CogUsageError as e:  # pragma: no cover - cog reports its own usage errors
        print(f"approx docs: {e}", file=sys.stderr)
        return 2


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx docs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a block is stale")
    return render(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
