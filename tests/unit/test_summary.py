"""approx summary: a run's claims.json as a job summary, annotations at the spec tests, and step outputs."""

import json

import pytest

from approx.tools import summary

TEST = "spec/test_s01_simplest_network.py::test_one_linear_neuron_recovers_the_line"


def _behaviour(name, verdict):
    return {"name": name, "verdict": verdict, "judged": "paired and by rank", "baseline_median": 2.0,
            "run_median": 2.2, "factor": 1.1, "p": 0.001, "adjusted": 0.002, "detectable": 1.01, "family": 3,
            "paired": None, "ulps": None, "values": {"0": 2.2}}


def _doc(verdict="confirmed", moved=(), mode="fail", complete=True):
    counts = dict.fromkeys(("confirmed", "usually", "corrected", "refuted", "differs", "FAILED", "skipped"), 0)
    counts[verdict] = 1
    claim = {"test": TEST, "claim": "S1.2", "statement": "One neuron recovers w and b.", "verdict": verdict,
             "outcome": "failed" if verdict == "FAILED" else "passed",
             "message": "AssertionError: w = 2.5\nmore" if verdict == "FAILED" else None,
             "behaviour": [_behaviour("line_w", "moved" if "line_w" in moved else "as the baseline")]}
    run = {"versions": {"python": "3.12.1", "tensorflow": "2.22.0.dev20261201", "keras": "3.16.0.dev2026120103",
                        "backend": "tensorflow", "numpy": "2.4.6"},
           "complete": complete, "why_partial": None if complete else "interrupted", "counts": counts,
           "tests_run": 1, "tests_selected": 1, "seeds": [0, 4], "seconds": 12.0,
           "baseline": {"file": "calibration/calibration.json", "mode": mode, "moved": list(moved), "names": 61}}
    return {"schema": 4, "run": run, "claims": [claim]}


@pytest.fixture
def github(tmp_path, monkeypatch):
    files = {name: tmp_path / name for name in ("summary.md", "output")}
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(files["summary.md"]))
    monkeypatch.setenv("GITHUB_OUTPUT", str(files["output"]))
    return files


def _run(tmp_path, doc, *flags):
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(doc))
    return summary.main([str(path), *flags])


def test_a_clean_run_summarises_its_counts_and_says_nothing_flipped(tmp_path, capsys):
    assert _run(tmp_path, _doc()) == 0
    out = capsys.readouterr().out
    assert "TensorFlow 2.22.0.dev20261201, Keras 3.16.0.dev2026120103" in out
    assert "| confirmed | 1 |" in out and "Claims that flipped (0)" in out  # an older report: all framework and "::error" not in out


def test_a_flipped_claim_is_annotated_at_its_test(tmp_path, capsys, monkeypatch, github):
    spec = tmp_path / "spec"
    spec.mkdir()
    (spec / "test_s01_simplest_network.py").write_text("\n\ndef test_one_linear_neuron_recovers_the_line():\n    pass\n")
    monkeypatch.chdir(tmp_path)
    summary._line_of.cache_clear()
    assert _run(tmp_path, _doc("FAILED"), "--github") == 0
    out = capsys.readouterr().out
    assert f"::error file={TEST.split('::')[0]},line=3,title=S1.2 flipped::One neuron recovers w and b." in out
    assert "%0A" not in out.split("flipped::")[1].splitlines()[0]  # the first line of the message only
    assert "failed=1" in github["output"].read_text() and "Claims that flipped (1)" in github["summary.md"].read_text()


@pytest.mark.parametrize("mode, level", [("fail", "::error"), ("warn", "::warning")])
def test_a_moved_behaviour_is_annotated_by_the_drift_mode(tmp_path, capsys, github, mode, level):
    assert _run(tmp_path, _doc(moved=["line_w"], mode=mode), "--github") == 0
    out = capsys.readouterr().out
    assert f"{level} title=line_w moved::2 → 2.2 (×1.1)" in out and "Behaviours that moved (1 of 61)" in out
    assert "moved=1" in github["output"].read_text().splitlines()


def test_the_outputs_are_every_count(tmp_path, github):
    _run(tmp_path, _doc(), "--github")
    written = dict(line.split("=") for line in github["output"].read_text().splitlines())
    assert written == {"confirmed": "1", "usually": "0", "corrected": "0", "refuted": "0", "differs": "0",
                       "failed": "0", "skipped": "0", "moved": "0", "complete": "true"}


def test_a_partial_run_says_why(tmp_path, capsys):
    _run(tmp_path, _doc(complete=False))
    assert "**Partial run**: interrupted" in capsys.readouterr().out


def test_no_report_is_said_and_exits_2(tmp_path, capsys, github):
    assert summary.main([str(tmp_path / "absent.json"), "--github"]) == 2
    captured = capsys.readouterr()
    assert "no report to summarise" in captured.err and "::error title=no report::" in captured.out
    assert "complete=false" in github["output"].read_text()


def _log(path, *reports):
    path.write_text("".join(json.dumps(r) + "\n" for r in reports))
    return path


def test_the_report_log_names_every_failed_test_even_without_a_report(tmp_path, capsys):
    log = _log(tmp_path / "log.jsonl",
               {"$report_type": "SessionStart", "pytest_version": "9.2.0"},
               {"$report_type": "TestReport", "nodeid": TEST, "when": "call", "outcome": "passed", "longrepr": None},
               {"$report_type": "CollectReport", "nodeid": "spec/test_s07.py", "outcome": "failed",
                "longrepr": "ImportError: cannot import name 'tanh'\nmore"},
               {"$report_type": "TestReport", "nodeid": "spec/t.py::test_b", "when": "call", "outcome": "failed",
                "longrepr": {"reprcrash": {"message": "AssertionError: 3 != 4\nassert 3 == 4"}}})
    assert summary.main([str(tmp_path / "absent.json"), "--report-log", str(log)]) == 2
    out = capsys.readouterr().out
    assert "Tests that failed, from pytest's report log (2)" in out
    assert "- `spec/test_s07.py`: ImportError: cannot import name 'tanh'" in out
    assert "- `spec/t.py::test_b`: AssertionError: 3 != 4" in out and "assert 3 == 4" not in out


def test_an_unreadable_report_log_is_said(tmp_path, capsys):
    assert _run(tmp_path, _doc(), "--report-log", str(tmp_path / "absent.jsonl")) == 0
    assert "could not be read (FileNotFoundError" in capsys.readouterr().out


def test_code_readings_and_findings_are_counted_apart_and_every_failure_fails(tmp_path, capsys, github):
    doc = _doc()
    zero = dict.fromkeys(doc["run"]["counts"], 0)
    doc["run"]["counts"] = {**zero, "confirmed": 1, "refuted": 2, "FAILED": 1}
    doc["run"]["by_evidence"] = {"framework": {**zero, "confirmed": 1}, "code": {**zero, "refuted": 2},
                                 "ours": {**zero, "FAILED": 1}}
    _run(tmp_path, doc, "--github")
    assert "| the article is wrong here | 0 | 2 | 0 |" in capsys.readouterr().out
    written = dict(line.split("=") for line in github["output"].read_text().splitlines())
    assert (written["confirmed"], written["refuted"], written["failed"]) == ("1", "0", "1")
