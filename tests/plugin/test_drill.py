"""The drift drill's patches change behaviour only: names and settings read back as before (separate processes)."""

import json
import os
import subprocess
import sys

import pytest

from approx import backend
from approx.statistics import calibration
from approx.tools import changes, drill, journal
from approx.tools.tables import drill_matrix

PROBE = '''
import inspect, json, sys
import numpy as np
from approx.tools import changes
from approx.framework import keras
from approx.probes import shuffling
from approx.statistics import permutations
changes.make(sys.argv[1])
least_p = None  # S10.4's unseeded design, for the rows that skew fit's shuffle and the one they are held to
if sys.argv[1] == "none" or sys.argv[1].startswith("shuffle-"):
    least_p = min(permutations.pvalues(shuffling.fit_orders(1000, 30, 2)[0]).values())

x = np.array([[-1.0], [3.0]], np.float32)
def neuron(loss="mean_squared_error", optimizer="sgd", activation=None):
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, activation=activation)])
    model.compile(loss=loss, optimizer=optimizer)
    model.layers[0].set_weights([np.ones((1, 1)), np.zeros(1)])
    return model

def step(optimizer, steps=2):
    model = neuron(optimizer=optimizer)
    for _ in range(steps):
        model.train_on_batch(x, np.zeros((2, 1)))
    return float(model.layers[0].get_weights()[0][0, 0])

LATE = 40  # steps: past the first epoch's 32, where the graded optimiser changes start

keras.utils.set_random_seed(0)
he = keras.initializers.get("he_normal")((400, 600))
glorot = keras.layers.Dense(600); glorot.build((None, 400))
model = neuron()
nesterov = keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True)
print(json.dumps({
    "names": [keras.activations.get("tanh").__name__, keras.activations.get("relu").__name__,
              type(keras.initializers.get("he_normal")).__name__, type(glorot.kernel_initializer).__name__,
              nesterov.nesterov, keras.optimizers.SGD().weight_decay, float(keras.optimizers.SGD().learning_rate)],
    "tanh": float(keras.activations.get("tanh")(np.float32(2.0))),
    "relu": float(keras.activations.get("relu")(np.float32(-1.0))),
    "nesterov": step(nesterov),
    "plain": step(keras.optimizers.SGD(learning_rate=0.1)),
    "late": step(keras.optimizers.SGD(learning_rate=0.01), LATE),
    "late_nesterov": step(keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True), LATE),
    "early": step(keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True), 3),
    "he": [float(np.std(he)), float(np.max(np.abs(he)) / np.sqrt(2 / 400))],
    "glorot": [float(np.std(glorot.kernel)), float(np.max(np.abs(glorot.kernel)) / np.sqrt(6 / 1000))],
    "shuffle": inspect.signature(keras.Model.fit).parameters["shuffle"].default,
    "predict": float(np.max(np.abs(model.predict(x * 1.001, verbose=0) - model(x * 1.001)))),
    "loss": float(model.evaluate(x, np.zeros((2, 1)), verbose=0)),
    "least p": least_p,
}))
'''


# Every row, a graded change at its strongest only.
PROBED = [change.rows()[0] for change in changes.CHANGES.values()]
BENIGN = [change.name for change in changes.CHANGES.values() if change.kind == changes.BENIGN]


@pytest.fixture(scope="module")
def probes():
    """Each change probed in a process of its own (patches cannot be undone), all at once."""
    if backend.chosen() != "tensorflow":  # its patches reach TensorFlow's trainer; the drill refuses the others
        pytest.skip("the drill runs on TensorFlow only")
    running = {name: subprocess.Popen([sys.executable, "-c", PROBE, name], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True,
                                      env={**os.environ, **changes.parse(name)[0].environment}) for name in PROBED}
    found = {}
    for name, process in running.items():
        out, err = process.communicate()
        assert process.returncode == 0, f"{name}: {err[-2000:]}"
        found[name] = json.loads(out.strip().splitlines()[-1])
    return found


def test_no_change_renames_anything_or_changes_a_setting(probes):
    names = {name: probe["names"] for name, probe in probes.items()}
    assert all(found == names["none"] for found in names.values()), names
    assert names["none"] == ["tanh", "relu", "HeNormal", "GlorotUniform", True, None, pytest.approx(0.01)]


@pytest.mark.parametrize("name, key", [
    ("tanh", "tanh"), ("relu", "relu"), ("sgd-nesterov", "nesterov"), ("sgd-decay@0.001", "plain"),
    ("he-normal", "he"), ("glorot-uniform", "glorot"), ("fit-shuffle", "shuffle"), ("predict", "predict"),
    ("mse", "loss"), ("sgd-lr@0.01", "late"), ("sgd-momentum@0.01", "late_nesterov"),
    ("ragged-batch@0.1", "plain"),
])
def test_each_change_alters_the_behaviour_it_names(probes, name, key):
    assert probes[name][key] != probes["none"][key]


SKEWED = [change.rows()[0] for change in changes.CHANGES.values() if change.name.startswith("shuffle-")]


@pytest.mark.parametrize("name", SKEWED)
def test_each_skewed_shuffle_reaches_fit_and_fails_its_tests(probes, name):
    """At its strongest, a shuffle skew turns fit's orders from uniform to far beyond S10.4's tests' level.

    Unseeded, as S10.4's test, so held to bounds that chance cannot cross: the
    least of six p-values falls below 1e-8 with chance under 1e-7 on a
    uniform shuffle, and in 200 simulated runs of each skew at these
    strengths it never rose above 1e-17 (tail's, the widest: 60 epochs
    without a ragged tail have chance 0.8**60, about 2e-6).
    """
    assert probes["none"]["least p"] > 1e-8
    assert probes[name]["least p"] < 1e-12


@pytest.mark.parametrize("name", ["sgd-lr@0.01", "sgd-momentum@0.01"])
def test_the_late_optimiser_changes_leave_the_first_epoch_alone(probes, name):
    """What the exact claims check (a few steps from the start) is untouched: only training past step 32 differs."""
    assert probes[name]["early"] == probes["none"]["early"] and probes[name]["plain"] == probes["none"]["plain"]


@pytest.mark.parametrize("name", BENIGN)
def test_a_benign_change_keeps_every_behaviour(probes, name):
    """Round-off and random streams only: every step, loss and forward pass as unchanged, to float32 rounding."""
    for key in ("tanh", "relu", "nesterov", "plain", "late", "late_nesterov", "predict", "loss"):
        assert probes[name][key] == pytest.approx(probes["none"][key], rel=1e-5, abs=1e-7), key
    assert probes[name]["he"][0] == pytest.approx(probes["none"]["he"][0], rel=0.01)


def test_every_graded_change_is_tried_at_falling_strengths_and_caught_from_the_strongest_down():
    """In the committed drill, the strengths that fail the gate are the strongest ones: power falls with strength."""
    results = calibration.drill_results()
    for change in (c for c in changes.CHANGES.values() if c.strengths):
        name, strengths = change.name, change.strengths
        assert list(strengths) == sorted(strengths, reverse=True) and len(strengths) >= 3, name
        caught = [results["drills"][row]["exit"] != 0 for row in change.rows()]
        assert caught[0], f"{name} at its strongest passes the gate"
        assert caught == sorted(caught, reverse=True), f"{name}: caught at {caught}, not from the strongest down"


def test_the_benign_rows_pass_the_gate_and_every_ungraded_change_fails_it():
    """Graded rows are the previous test's: below some strength they pass, and that is the measured limit."""
    results = calibration.drill_results()
    for name, row in results["drills"].items():
        change, strength = changes.parse(name)
        if strength is None:
            assert (row["exit"] == 0) == (change.kind != changes.CHANGE), f"{name}: {drill_matrix.verdict(row)}"


def test_an_unknown_drill_is_refused(capsys):
    with pytest.raises(SystemExit):
        drill.main(["nope"])
    assert "unknown drill 'nope'; known: none, tanh" in capsys.readouterr().err


def test_another_backend_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    with pytest.raises(SystemExit):
        drill.main(["none"])
    assert "run it with KERAS_BACKEND=tensorflow (got jax)" in capsys.readouterr().err


def test_the_committed_drill_has_every_row():
    results = calibration.drill_results()
    assert results is not None, "no calibration/drill.json: run approx drill"
    assert list(results["drills"]) == changes.rows(), "a row was added or retired: run approx drill"


def test_each_row_is_a_piece_and_records_the_machine_that_ran_it(tmp_path, monkeypatch, capsys):
    """The drill's rows go through approx.tools.pieces (here or on a cluster); each keeps its machine."""

    row = {"change": "a change", "kind": "change", "family": "relu", "strength": None, "exit": 1, "seconds": 3,
           "failed": ["S3.1 test_x"], "moved": ["m"], "moved_by": {"m": ["paired"]}, "caught_by": ["claims", "paired"],
           "seeds": 5}
    asked = {}

    def run(job, work, jobs, scheduler, told):
        asked.update(job=job, keys=[p.key for p in work], calls={(p.module, p.function) for p in work},
                     scheduler=scheduler)
        done = {p.key: journal.Done({**row, "family": p.key}, "host-a", "a CPU") for p in work}
        for key, d in done.items():
            told(key, d)
        return done

    monkeypatch.setattr(drill.pieces, "run", run)
    monkeypatch.setattr(journal, "JOURNALS", tmp_path / "journals")
    monkeypatch.setattr(drill, "RESULTS", tmp_path / "drill.json")
    monkeypatch.setattr(drill.calibration, "drill_results", lambda: None)
    monkeypatch.setattr(drill.docs, "render", lambda: None)
    drill.main(["relu", "none", "--scheduler", "tcp://127.0.0.1:8786"])
    assert asked == {"job": "drill", "keys": ["relu", "none"], "calls": {("approx.tools.drill", "run_one")},
                     "scheduler": "tcp://127.0.0.1:8786"}
    written = json.loads((tmp_path / "drill.json").read_text())
    assert list(written["drills"]) == ["none", "relu"]  # in the drill's own order
    assert written["drills"]["relu"]["computed_on"] == {"host": "host-a", "cpu": "a CPU"}
    assert "failed S3.1 test_x" in capsys.readouterr().out
