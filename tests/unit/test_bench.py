"""The benchmark's check that cold and warm spec runs conclude the same."""

import json

from approx.tools import bench


def _claims_json(path, value, verdict="confirmed"):
    claim = {"test": "spec/test_s01.py::test_w", "verdict": verdict,
             "evidence": [{"name": "w", "ours": 2.0, "article": None}],
             "statistics": {"values": {"0": value, "1": 3.0}}}
    plain = {"test": "spec/test_s01.py::test_order", "verdict": "refuted", "evidence": [], "statistics": None}
    path.write_text(json.dumps({"claims": [claim, plain]}))
    return bench.results(json.loads(path.read_text()))


def test_runs_that_agree_have_no_differences(tmp_path):
    runs = {name: _claims_json(tmp_path / f"{name}.json", 1.5) for name in ("cold", "warm")}
    assert bench.differences(runs) == []


def test_a_changed_value_or_verdict_is_named(tmp_path):
    runs = {"cold": _claims_json(tmp_path / "a.json", 1.5),
            "warm": _claims_json(tmp_path / "b.json", 1.5000001),
            "other": _claims_json(tmp_path / "c.json", 1.5, verdict="FAILED")}
    assert bench.differences(runs) == ["spec/test_s01.py::test_w: warm differs from cold",
                                       "spec/test_s01.py::test_w: other differs from cold"]


def test_the_backend_table_puts_the_numpy_floor_and_the_multiple_of_tensorflow_beside_each_backend():
    paths = {"article": 5.0, "approx first": 1.0, "approx": 0.5, "numpy": 0.1}
    measured = {"tensorflow": {"versions": {"tensorflow": "2.21.0"}, "paths": paths, "spec cold": 60.0},
                "jax": {"versions": {"tensorflow": "2.21.0", "jax": "0.10.2"},
                        "paths": {**paths, "approx": 0.3}, "spec cold": 90.0}}
    header, tf, jax = bench.backend_table(measured).splitlines()
    assert "numpy" in header and "× TF" in header
    assert tf.split()[:2] == ["tensorflow", "2.21.0"] and tf.split()[-1] == "1.0" and "5.0x" in tf
    assert jax.split()[:2] == ["jax", "0.10.2"] and jax.split()[-2:] == ["90s", "1.5"] and "3.0x" in jax
