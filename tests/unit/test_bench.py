"""The benchmark's check that cold and warm spec runs conclude the same."""

import json

from approx.tools import bench


def _claims_json(path, value, verdict="confirmed"):
    claim = {"test": "spec/test_s01.py::test_w", "verdict": verdict,
             "evidence": [{"name": "w", "ours": 2.0, "article": None}],
             "statistics": {"values": {"0": value, "1": 3.0}}}
    plain = {"test": "spec/test_s01.py::test_order", "verdict": "refuted", "evidence": [], "statistics": None}
    path.write_text(json.dumps({"claims": [claim, plain]}))
    return bench.results(path)


def test_runs_that_agree_have_no_differences(tmp_path):
    runs = {name: _claims_json(tmp_path / f"{name}.json", 1.5) for name in ("cold", "warm")}
    assert bench.differences(runs) == []


def test_a_changed_value_or_verdict_is_named(tmp_path):
    runs = {"cold": _claims_json(tmp_path / "a.json", 1.5),
            "warm": _claims_json(tmp_path / "b.json", 1.5000001),
            "other": _claims_json(tmp_path / "c.json", 1.5, verdict="FAILED")}
    assert bench.differences(runs) == ["spec/test_s01.py::test_w: warm differs from cold",
                                       "spec/test_s01.py::test_w: other differs from cold"]
