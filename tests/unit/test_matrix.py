"""The release matrix: its pairs, its tables, and the clear refusal of a framework older than declared."""

import json

import pytest

from approx.plugin import options
from approx.tools import environments, matrix


def test_the_pairs_are_named_once_and_cover_each_tf_minor_and_each_keras_minor_from_3_10():
    """Keras 3.10 and 3.11 run on TF 2.20: TF 2.21 requires keras>=3.12, so pip will not pair them."""
    pairs = matrix.pairs()
    names = [p["name"] for p in pairs]
    assert len(names) == len(set(names))
    tf_minors = {p["tensorflow"].rsplit(".", 1)[0] for p in pairs}
    assert {f"2.{m}" for m in range(16, 22)} <= tf_minors
    pinned = [p for p in pairs if p.get("pinned")]
    assert len(pinned) == 1
    on_pinned_tf = {p["keras"].rsplit(".", 1)[0] for p in pairs if p["tensorflow"] == pinned[0]["tensorflow"]}
    on_2_20 = {p["keras"].rsplit(".", 1)[0] for p in pairs if p["tensorflow"].startswith("2.20.")}
    assert {f"3.{m}" for m in range(12, 16)} <= on_pinned_tf and {"3.10", "3.11"} <= on_2_20


def test_the_pinned_pair_is_what_constraints_txt_pins():
    pins = dict(line.split("==") for line in matrix.ROOT.joinpath("constraints.txt").read_text().split()
                if "==" in line)
    pinned = next(p for p in matrix.pairs() if p.get("pinned"))
    assert (pins["tensorflow"], pins["keras"]) == (pinned["tensorflow"], pinned["keras"])


def test_the_pinned_pair_runs_on_every_backend_with_the_packages_constraints_txt_pins():
    pins = {name.lower(): version for name, version in
            (line.split("==") for line in matrix.ROOT.joinpath("constraints.txt").read_text().split() if "==" in line)}
    on_pinned = [c for c in matrix.columns() if c["pair"] == next(p for p in matrix.pairs() if p.get("pinned"))["name"]]
    assert [c["backend"] for c in on_pinned] == ["tensorflow", "jax", "torch"]
    for column in on_pinned:
        assert all(pins[p.split("==")[0]] == p.split("==")[1] for p in column["packages"])
    assert [c["name"] for c in on_pinned][1:] == [f"{on_pinned[0]['name']}-jax", f"{on_pinned[0]['name']}-torch"]


RESULTS = {"finished": "2026-11-27 19:00 UTC", "seconds": 10, "pairs": {
    "old": {"status": "ran", "exit": 1, "seconds": 5, "versions": {}, "moved": ["gain"],
            "claims": {"spec/t.py::test_b": {"claim": "S10.1", "verdict": "FAILED", "moved": []},
                       "spec/t.py::test_a": {"claim": "S2.4", "verdict": "confirmed", "moved": ["gain"]}}},
    "broken": {"status": "install failed", "detail": "no wheel"},
}}


def test_the_markdown_has_a_row_per_claim_in_the_articles_order_and_a_column_per_pair():
    text = matrix.markdown(RESULTS)
    rows = [line for line in text.splitlines() if line.startswith("| S")]
    assert rows == ["| S2.4 | `test_a` | ✓ · moved: gain | install failed |",
                    "| S10.1 | `test_b` | FAILED | install failed |"]
    assert "| old | ran (gate fails) | 5 | gain |" in text and "| broken | install failed |  | — |" in text


def test_a_time_read_partly_from_the_weight_cache_is_marked_warm():
    warm = {**RESULTS, "pairs": {"old": {**RESULTS["pairs"]["old"], "cold": False}}}
    assert "| old | ran (gate fails) | 5 (warm) | gain |" in matrix.markdown(warm)


def test_a_cold_column_starts_from_an_empty_weight_cache(tmp_path, monkeypatch):
    """`--cold` empties the cache; the spec run is not started (its venv fails to install here)."""
    monkeypatch.setattr(matrix, "CACHE", tmp_path)
    kept = tmp_path / "p" / "pytest-cache" / "d" / "w.npz"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"")

    def no_venv(pair, started):
        raise matrix.subprocess.CalledProcessError(1, "pip", stderr="no wheel")

    monkeypatch.setattr(matrix, "_venv", no_venv)
    assert matrix.run_pair({"name": "p"}, 0.0, cold=True)["status"] == "install failed"
    assert not kept.exists()


def test_a_pair_on_several_backends_gets_a_claims_by_backends_table():
    ran = RESULTS["pairs"]["old"]
    results = {**RESULTS, "pairs": {"new": {**ran, "pair": "new", "backend": "tensorflow"},
                                    "new-jax": {**ran, "pair": "new", "backend": "jax",
                                                "claims": {**ran["claims"], "spec/t.py::test_b": {
                                                    "claim": "S10.1", "verdict": "confirmed", "moved": []}}}}}
    text = matrix.markdown(results)
    table = text[text.index("## Claims × backends: new"):]
    assert "| claim | test | tensorflow | jax |" in table
    assert "| S10.1 | `test_b` | FAILED | ✓ |" in table


def test_the_page_is_self_contained():
    page = matrix.page(RESULTS)
    assert page.startswith("<!DOCTYPE html>") and "http" not in page and "test_a" in page


def test_an_unknown_pair_is_refused(capsys):
    with pytest.raises(SystemExit):
        matrix.main(["tf1.0"])
    assert "unknown column(s) tf1.0" in capsys.readouterr().err


def test_an_older_keras_than_declared_is_named_with_the_range(monkeypatch):
    real = options.installed.version
    monkeypatch.setattr(options.installed, "version", lambda name: "3.0.5" if name == "keras" else real(name))
    assert options.unsupported() == ["keras 3.0.5 is installed; approx needs keras!=3.0.*,!=3.1.*,!=3.2.*,>=2.15"]


@pytest.mark.parametrize("installed, message", [
    ({"keras": "2.15.0", "jax": "0.4.30"}, "KERAS_BACKEND=jax needs Keras 3; Keras 2.15.0 runs on TensorFlow only"),
    ({"keras": "3.15.1"}, 'KERAS_BACKEND=jax needs the package jax: pip install -c constraints.txt -e ".[jax]"'),
], ids=["keras-2", "no-jax"])
def test_a_backend_the_installed_packages_cannot_run_is_named(monkeypatch, installed, message):
    def version(name):
        if name in installed:
            return installed[name]
        if name in ("jax", "keras"):
            raise options.installed.NotInstalled(f"{name} is not installed")
        return real(name)

    real = options.installed.version
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    monkeypatch.setattr(options.installed, "version", version)
    assert message in options.unsupported()


def test_the_installed_versions_are_supported():
    assert options.unsupported() == []


def test_the_committed_matrix_renders_to_its_markdown():
    if not matrix.RESULTS.exists():
        pytest.skip("no matrix/matrix.json yet: run approx matrix")
    results = json.loads(matrix.RESULTS.read_text())
    assert matrix.markdown(results) == (matrix.FOLDER / "matrix.md").read_text()


def test_a_pairs_environment_gets_every_dependency_of_approx_but_the_framework():
    """The weight store's filelock once went missing from a hand-kept list, and every column ran no spec."""
    import tomllib

    declared = tomllib.loads((matrix.ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    needed = matrix.spec_packages()
    assert "filelock>=3.12" in needed and not any(d.startswith(("tensorflow", "keras")) for d in needed)
    assert len(needed) == len(declared) - len(environments.FRAMEWORK)


def test_the_columns_are_listed_as_json_for_a_ci_job_matrix(capsys):
    matrix.main(["--list"])
    assert json.loads(capsys.readouterr().out) == [c["name"] for c in matrix.columns()]


def _job_file(tmp_path, name: str, ran: list[str], status: str = "install failed") -> str:
    """A matrix.json as one CI job leaves it: the columns it ran, beside the others as committed."""
    path = tmp_path / name / "matrix.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"finished": "then", "ran": ran, "pairs": {
        column: {"status": status, "detail": f"by {name}"} for column in ran}}))
    return str(path)


def test_merging_takes_the_columns_each_ci_job_ran_into_the_matrix(tmp_path, monkeypatch):
    monkeypatch.setattr(matrix, "FOLDER", tmp_path)
    monkeypatch.setattr(matrix, "RESULTS", tmp_path / "matrix.json")
    first, second = (c["name"] for c in matrix.columns()[:2])
    matrix.main(["--merge", _job_file(tmp_path, "a", [first]), _job_file(tmp_path, "b", [second])])
    merged = json.loads((tmp_path / "matrix.json").read_text())
    assert merged["ran"] == [first, second]
    assert merged["pairs"][first]["detail"] == "by a" and merged["pairs"][second]["detail"] == "by b"
    assert (tmp_path / "matrix.md").exists() and (tmp_path / "index.html").exists()


def test_merging_refuses_a_file_that_names_no_columns_run_or_a_column_run_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(matrix, "FOLDER", tmp_path)
    monkeypatch.setattr(matrix, "RESULTS", tmp_path / "matrix.json")
    column = matrix.columns()[0]["name"]
    (tmp_path / "old.json").write_text(json.dumps({"pairs": {}}))
    with pytest.raises(SystemExit, match="names the columns it ran"):
        matrix.main(["--merge", str(tmp_path / "old.json")])
    with pytest.raises(SystemExit, match=f"column {column} was run by more than one"):
        matrix.main(["--merge", _job_file(tmp_path, "a", [column]), _job_file(tmp_path, "b", [column])])
    assert not (tmp_path / "matrix.json").exists()
