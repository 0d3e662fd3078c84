"""The docs: every generated block is as its committed file renders it, and the site builds in strict mode."""

import subprocess
import sys
from pathlib import Path

from approx.repository import ROOT
from approx.tools import command, docs



def test_every_generated_block_is_fresh():
    """No table in the README or docs/ is typed by hand: cog renders each from its committed file."""
    assert docs.render(check=True) == 0, "a generated block is stale: run `approx docs`"


def test_a_stale_block_is_found(tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text("<!-- [[[cog import cog; cog.out('fresh\\n') ]]] -->\nstale\n<!-- [[[end]]] -->\n")
    monkeypatch.setattr(docs, "files", lambda: [page])
    assert docs.render(check=True) != 0
    assert docs.render() == 0 and "fresh" in page.read_text() and docs.render(check=True) == 0


def test_the_site_builds_in_strict_mode(tmp_path):
    """mkdocs.yml is strict: a broken link, anchor or nav entry fails the build."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "gate" / "index.html").exists()


def test_the_readme_is_short_and_links_only_to_pages_that_exist():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) <= 150
    for target in __import__("re").findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / target).exists(), target


def test_docs_is_a_subcommand(capsys):
    assert "docs" in command.SUBCOMMANDS
