"""approx compare: flips and moves between two claims.json files or baselines, and its exit status."""

import json

import numpy as np
import pytest

from approx.report import comparison
from approx.statistics import calibration
from approx.tools import compare


def _claims(path, verdict="confirmed", behaviour="as the baseline", scale=1.0):
    values = {str(s): float(v) * scale for s, v in enumerate(np.random.default_rng(1).lognormal(0, 1, 5))}
    doc = {"schema": 2, "run": {"seeds": [0, 4], "versions": {"tensorflow": "2.21.0", "keras": "3.15.1"}},
           "claims": [{"test": "spec/t.py::test_a", "verdict": verdict,
                       "behaviour": [{"name": "gain", "verdict": behaviour, "values": values}]}]}
    path.write_text(json.dumps(doc))
    return path


def _baseline(path, scale=1.0, seed=2):
    values = np.random.default_rng(seed).lognormal(0, 1, 100) * scale
    base = calibration.Calibration(versions={"tensorflow": "2.21.0", "keras": "3.15.1"}, command="t",
                                   seeds=list(range(100)), values={"gain": dict(enumerate(map(float, values)))})
    calibration.save(base, {"gain": "a gain"}, path)
    return path


def test_two_runs_alike_compare_clean(tmp_path, capsys):
    assert compare.main([str(_claims(tmp_path / "a.json")), str(_claims(tmp_path / "b.json"))]) == 0
    assert "nothing flipped or moved" in capsys.readouterr().out


def test_a_flipped_claim_and_a_flipped_behaviour_are_named_and_exit_1(tmp_path, capsys):
    a = _claims(tmp_path / "a.json")
    b = _claims(tmp_path / "b.json", verdict="FAILED", behaviour="moved")
    assert compare.main([str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "claim spec/t.py::test_a: confirmed → FAILED" in out and "behaviour gain: as the baseline → moved" in out


def test_a_claims_flipped_verdict_for_readers_is_named_and_exits_1(tmp_path, capsys):
    """Schema 7 on: the claim's one verdict (right → sometimes), read from its `verdicts`, flips on its own."""
    docs = []
    for name, word, count in (("a.json", "right", None), ("b.json", "sometimes", {"passed": 61, "total": 100})):
        path = _claims(tmp_path / name)
        doc = {**json.loads(path.read_text()), "schema": 7}
        doc["verdicts"] = [{"claim": "S6.1", "section": 6, "verdict": word, "count": count, "instead": None,
                            "tests": ["spec/t.py::test_a"]}]
        path.write_text(json.dumps(doc))
        docs.append(str(path))
    assert compare.main(docs) == 1
    assert "verdict S6.1: right → sometimes (61 of 100)" in capsys.readouterr().out


def test_two_baselines_a_shift_apart_move(tmp_path, capsys):
    assert compare.main([str(_baseline(tmp_path / "a.json")), str(_baseline(tmp_path / "b.json", 1.5, 3))]) == 1
    assert "gain" in capsys.readouterr().out.split("MOVED")[0]


def test_two_baselines_of_one_distribution_do_not_move(tmp_path):
    assert compare.main([str(_baseline(tmp_path / "a.json")), str(_baseline(tmp_path / "b.json", 1.0, 3))]) == 0


def test_a_run_against_a_baseline(tmp_path):
    assert compare.main([str(_baseline(tmp_path / "a.json")), str(_claims(tmp_path / "b.json", scale=30.0))]) == 1


@pytest.mark.parametrize("content, message", [
    ("not json", "cannot read it as JSON"),
    ('{"x": 1}', "neither a claims.json nor a baseline"),
    ('{"schema": 1, "run": {}, "claims": []}', "schema version 1; this reads versions 2, 3, 4, 5, 6 and 7"),
])
def test_bad_input_exits_2_and_says_why(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert compare.main([str(bad), str(bad)]) == 2
    assert message in capsys.readouterr().err


def test_re_baselining_prints_the_behaviour_changelog(tmp_path, capsys):
    from approx.tools.calibrate import changelog

    before = calibration.load(_baseline(tmp_path / "a.json"))
    after = calibration.load(_baseline(tmp_path / "b.json", 2.0, 3))
    changelog(before, after)
    out = capsys.readouterr().out
    assert "behaviour changelog, old → new" in out and "gain" in out.split("MOVED")[0]


def _json(capsys, *argv) -> tuple[int, dict]:
    status = compare.main([*map(str, argv), "--json"])
    return status, json.loads(capsys.readouterr().out)


def test_the_json_document_validates_against_its_schema_and_says_what_moved(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    a = _claims(tmp_path / "a.json")
    b = _claims(tmp_path / "b.json", verdict="FAILED", behaviour="moved")
    status, doc = _json(capsys, a, b)
    jsonschema.validate(doc, comparison.schema())
    assert status == 1 and doc["changed"] is True
    assert {"kind": "claim", "name": "spec/t.py::test_a", "before": "confirmed", "after": "FAILED"} in doc["flipped"]
    assert doc["a"]["file"] == str(a) and doc["compared"] == 1


def test_json_of_two_baselines_records_each_measure(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    status, doc = _json(capsys, _baseline(tmp_path / "a.json"), _baseline(tmp_path / "b.json", 1.5, 3))
    jsonschema.validate(doc, comparison.schema())
    (gain,) = doc["measures"]
    assert status == 1 and gain["name"] == "gain" and gain["moved"] and gain["holm"] < doc["alpha"]


def test_only_changed_leaves_out_what_did_not_move(tmp_path, capsys):
    a, b = _baseline(tmp_path / "a.json"), _baseline(tmp_path / "b.json", 1.0, 3)
    assert compare.main([str(a), str(b), "--only-changed"]) == 0
    out = capsys.readouterr().out
    assert "1 compared, 0 moved shown" in out and "  gain " not in out
    assert _json(capsys, a, b, "--only-changed")[1]["measures"] == []
