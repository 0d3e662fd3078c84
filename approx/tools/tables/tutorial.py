"""The tutorial's tally: how many lines and files adding its claim took, counted from its own titled code blocks."""

import re
from pathlib import Path

from approx.repository import ROOT

TUTORIAL = ROOT / "docs" / "adding-a-claim.md"
_BLOCK = re.compile(r'^```\w+ title="([^"]+)"\n(.*?)^```$', re.S | re.M)


def tutorial_blocks(path: Path = TUTORIAL) -> list[tuple[str, str]]:
    """(file, lines) of each code block of the tutorial that names the file it shows lines of."""
    return _BLOCK.findall(path.read_text(encoding="utf-8"))


def tutorial_tally(path: Path = TUTORIAL) -> str:
    """How many files and lines the tutorial's claim took by hand, counted from its own titled blocks."""
    blocks = tutorial_blocks(path)
    lines = sum(1 for _, text in blocks for line in text.splitlines() if line.strip())
    files_ = len({name for name, _ in blocks})
    return f"By hand, the claim took **{lines} lines in {files_} files**, every one of them shown above.\n"
