"""approx upstream: the nightly job records the keras-nightly that passed, and bisects from it when one fails."""

import json

from approx.tools import upstream


def report(folder, keras: str, failed: tuple = (), moved: tuple = (), tensorflow: str = "2.21.0"):
    folder.mkdir(parents=True)
    claims = [{"claim": c, "verdict": "FAILED", "test": f"spec/t.py::{t}"} for c, t in failed] + [
        {"claim": "S1.1", "verdict": "confirmed", "test": "spec/t.py::test_one_linear_neuron_has_exactly_a_weight"}]
    document = {"run": {"versions": {"keras": keras, "tensorflow": tensorflow, "backend": "tensorflow"},
                        "baseline": {"moved": list(moved)}}, "claims": claims}
    (folder / "claims.json").write_text(json.dumps(document))
    return folder


def test_a_passing_nightly_is_recorded_and_a_failing_one_bisected_from_it(tmp_path, monkeypatch, capsys):
    last_good = tmp_path / "last-good.json"
    passed = report(tmp_path / "night1", "3.16.0.dev2026062605")
    assert upstream.main([str(passed), "--last-good", str(last_good), "--out", str(tmp_path / "out")]) == 0
    assert json.loads(last_good.read_text()) == {"keras-nightly": "3.16.0.dev2026062605"}

    asked = []

    def bisected(argv):
        asked.append(argv)
        (tmp_path / "out" / f"bisect-{argv[6]}.json").write_text(json.dumps({
            "first_bad": "3.16.0.dev2026062705", "last_good": "3.16.0.dev2026062605",
            "built": {"first_bad": "2026-06-27 05:15 UTC", "last_good": "2026-06-26 05:23 UTC"}, "flipped": ["x"]}))
        return 0

    monkeypatch.setattr(upstream.bisect, "main", bisected)
    written = []
    monkeypatch.setattr(upstream.repro, "write", lambda what, folder: written.append(what) or folder / "reproduce.py")
    failed = report(tmp_path / "night2", "3.16.0.dev2026102704", moved=("momentum_gain",),
                    failed=(("S10.4", "test_model_fit_reshuffles_all_points_every_epoch"),))
    upstream.main([str(failed), "--last-good", str(last_good), "--out", str(tmp_path / "out")])
    said = capsys.readouterr().out
    assert [a[:7] for a in asked] == [
        ["keras-nightly", "--good", "3.16.0.dev2026062605", "--bad", "3.16.0.dev2026102704", "--claim", "S10.4"],
        ["keras-nightly", "--good", "3.16.0.dev2026062605", "--bad", "3.16.0.dev2026102704", "--behaviour",
         "momentum_gain"]]
    assert "first bad 3.16.0.dev2026062705 (built 2026-06-27 05:15 UTC)" in said
    assert written == ["test_model_fit_reshuffles_all_points_every_epoch", "momentum_gain"]  # the failed test alone
    assert json.loads(last_good.read_text()) == {"keras-nightly": "3.16.0.dev2026062605"}  # a failure is not recorded


def test_a_job_that_changes_two_packages_is_left_to_the_gate(tmp_path):
    both = report(tmp_path / "night", "3.16.0.dev2026102704", failed=(("S10.4", "test_x"),),
                  tensorflow="2.23.0.dev20261026")
    assert upstream.walkable({"keras": "3.16.0.dev2026102704", "tensorflow": "2.23.0.dev20261026",
                              "backend": "tensorflow"}) is None
    assert upstream.main([str(both), "--last-good", str(tmp_path / "g.json"), "--out", str(tmp_path / "o")]) == 0
