"""`approx docs`: re-render the tables README.md and docs/ quote, from the committed files, with cog.

    approx docs            # re-render every generated block in README.md and docs/*.md
    approx docs --check    # exit 1, naming the file, when a block is stale

A generated block is a cog block (cogapp, the docs extra): the Python
between its markers calls a function of approx.tools.tables, and cog writes
what it returns under it:

    <!-- [[[cog import cog; from approx.tools.tables import baselines; cog.out(baselines.calibration_table()) ]]] -->
    ... what the function returned ...
    <!-- [[[end]]] -->

Each table reads a committed file (the baseline, the drill, the bench, the
matrix, a bisection) and nothing else, so a block is stale exactly when that
file changed since it was rendered. `approx calibrate`, `approx drill` and
`approx bench` re-render after writing their files (`refresh`);
tests/unit/test_docs.py runs the check.
"""

import argparse
import sys
from pathlib import Path

from approx.repository import ROOT

DOCS_EXTRA = "pip install -c constraints.txt -e '.[docs]'"  # what brings cogapp


class NoCog(ImportError):
    """cogapp, which renders the blocks, is not installed (it comes with the docs extra)."""


def files() -> list[Path]:
    """Every file that may hold a generated block."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def render(check: bool = False) -> int:
    """Re-render (or, with `check`, only compare) every generated block; cog's exit status."""
    try:
        from cogapp import Cog, CogUsageError
    except ImportError as missing:
        raise NoCog(f"the docs' tables are rendered by cog, which is not installed: {DOCS_EXTRA}") from missing
    arguments = ["cog", "--verbosity=0", "--check" if check else "-r", "-I", str(ROOT), *map(str, files())]
    try:
        return Cog().main(arguments)
    except CogUsageError as e:  # pragma: no cover - cog reports its own usage errors
        print(f"approx docs: {e}", file=sys.stderr)
        return 2


def refresh(record: Path) -> None:
    """After a command wrote `record`: re-render the pages that quote it, or say how to when cog is missing."""
    try:
        render()
    except NoCog as missing:
        print(f"{record} is written; the docs quoting it are not re-rendered: {missing}, then run `approx docs`",
              file=sys.stderr)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx docs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a block is stale")
    check = parser.parse_args(argv).check
    try:
        return render(check)
    except NoCog as missing:
        parser.exit(2, f"approx docs: {missing}\n")


if __name__ == "__main__":
    sys.exit(main())
