"""A damaged calibration (the baseline) is named with its remedy, never a traceback."""

import json

import pytest

from approx.statistics import calibration

GOOD = {"versions": {"tensorflow": "2.21.0"}, "command": "approx calibrate", "seeds": [1, 2],
        "measures": {"m": {"meaning": "a ratio", "values": {"1": 0.5, "2": 1.5}}}}


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # truncated, as by a full disk or an interrupted copy
    lambda text: text.replace('"seeds"', '"seed"'),  # a key renamed by hand
    lambda text: text.replace("0.5", '"half"'),  # a value that is not a number
    lambda text: "[]",  # another format altogether
    lambda text: json.dumps({**GOOD, "measures": {}}),  # nothing calibrated
], ids=["truncated", "renamed-key", "not-a-number", "not-an-object", "empty"])
def test_a_damaged_file_is_named_with_the_command_that_remakes_it(tmp_path, damage):
    path = tmp_path / "calibration.json"
    path.write_text(damage(json.dumps(GOOD)))
    with pytest.raises(calibration.DamagedCalibration, match=rf"{path}.*approx calibrate"):
        calibration.load(path)


def test_a_missing_measure_is_named_with_the_command_that_adds_it(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(GOOD))
    with pytest.raises(calibration.NotCalibrated, match=rf"{path} has no measure 'gone'; .*approx calibrate --only gone"):
        calibration.load(path).of("gone")


def test_a_damaged_baseline_stops_the_spec_before_it_runs(pytester, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")  # the damaged file stands in for TensorFlow's baseline
    damaged = pytester.path / "damaged.json"
    damaged.write_text('{"versions": {"tensorflow": ')
    pytester.makeconftest(f"""
from approx.statistics import calibration
calibration.PATH = __import__("pathlib").Path({str(damaged)!r})
calibration.committed.cache_clear()
""")
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest_subprocess("-p", "approx.plugin.options", "-p", "approx.plugin.claims",
                                           "-p", "approx.plugin.gate", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{damaged} is damaged (*); restore it*or remake it with: approx calibrate*"])


def test_an_unknown_backend_stops_the_spec_before_it_runs(pytester, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "openvino")  # a Keras backend that cannot train
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest_subprocess("-p", "approx.plugin.options", "-p", "approx.plugin.claims",
                                           "-p", "approx.plugin.gate", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*KERAS_BACKEND='openvino': approx runs on tensorflow, jax, torch*"])
