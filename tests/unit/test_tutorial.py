"""The tutorial of docs/adding-a-claim.md is the repository's own claim: each block it shows is in its file."""

import pytest

from approx.repository import ROOT
from approx.tools.tables import tutorial

BLOCKS = tutorial.tutorial_blocks()


def test_the_tutorial_shows_the_files_of_one_whole_claim():
    shown = {name for name, _ in BLOCKS}
    assert {"approx/article/nets.py", "approx/article/runs.py", "approx/statistics/measures/depth.py",
            "spec/test_s11_beyond_the_article.py", "spec/CLAIMS.md"} <= shown


@pytest.mark.parametrize("name, text", BLOCKS, ids=[f"{n}:{i}" for i, (n, _) in enumerate(BLOCKS)])
def test_each_block_is_in_its_file_verbatim(name, text):
    """A newcomer who types the block types the repository's lines: nothing in the tutorial is paraphrased code."""
    assert text in (ROOT / name).read_text(encoding="utf-8"), f"{name} no longer holds this block:\n{text}"


def test_its_measure_and_its_test_are_the_registered_ones():
    from approx.statistics.measures import MEASURES, depth

    assert MEASURES["sigmoid_over_tanh"] is depth.sigmoid_over_tanh
    assert depth.sigmoid_over_tanh.arms == ("mse_sigmoid_momentum_on_hard", "mse_tanh_momentum_on_hard")


def test_the_tally_counts_the_blocks(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('```python title="a.py"\nx = 1\n\ny = 2\n```\n\n```markdown title="b.md"\n- z\n```\n')
    assert "**3 lines in 2 files**" in tutorial.tutorial_tally(page)
