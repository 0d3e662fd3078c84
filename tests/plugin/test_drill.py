"""The drift drill's patches change behaviour only: names and settings read back as before (separate processes)."""

import json
import subprocess
import sys

import pytest

from approx import backend
from approx.statistics import calibration
from approx.tools import drill

PROBE = '''
import inspect, json, sys
import numpy as np
from approx.tools import drill
from approx.framework import keras
drill._patch(sys.argv[1])

x = np.array([[-1.0], [3.0]], np.float32)
def neuron(loss="mean_squared_error", optimizer="sgd", activation=None):
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, activation=activation)])
    model.compile(loss=loss, optimizer=optimizer)
    model.layers[0].set_weights([np.ones((1, 1)), np.zeros(1)])
    return model

def step(optimizer):
    model = neuron(optimizer=optimizer)
    for _ in range(2):
        model.train_on_batch(x, np.zeros((2, 1)))
    return float(model.layers[0].get_weights()[0][0, 0])

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
    "he": [float(np.std(he)), float(np.max(np.abs(he)) / np.sqrt(2 / 400))],
    "glorot": [float(np.std(glorot.kernel)), float(np.max(np.abs(glorot.kernel)) / np.sqrt(6 / 1000))],
    "shuffle": inspect.signature(keras.Model.fit).parameters["shuffle"].default,
    "predict": float(np.max(np.abs(model.predict(x * 1.001, verbose=0) - model(x * 1.001)))),
    "loss": float(model.evaluate(x, np.zeros((2, 1)), verbose=0)),
}))
'''


@pytest.fixture(scope="module")
def probes():
    """Each change probed in a process of its own (patches cannot be undone), all at once."""
    if backend.chosen() != "tensorflow":  # its patches reach TensorFlow's trainer; the drill refuses the others
        pytest.skip("the drill runs on TensorFlow only")
    running = {name: subprocess.Popen([sys.executable, "-c", PROBE, name], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for name in drill.DRILLS}
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
    ("tanh", "tanh"), ("relu", "relu"), ("sgd-nesterov", "nesterov"), ("sgd-decay", "plain"),
    ("he-normal", "he"), ("glorot-uniform", "glorot"), ("fit-shuffle", "shuffle"), ("predict", "predict"),
    ("mse", "loss"),
])
def test_each_change_alters_the_behaviour_it_names(probes, name, key):
    assert probes[name][key] != probes["none"][key]


def test_the_initialiser_changes_keep_the_variance(probes):
    for key in ("he", "glorot"):
        changed, kept = probes["he-normal" if key == "he" else "glorot-uniform"][key][0], probes["none"][key][0]
        assert changed == pytest.approx(kept, rel=0.01)


def test_an_unknown_drill_is_refused(capsys):
    with pytest.raises(SystemExit):
        drill.main(["nope"])
    assert "unknown drill(s) nope; known: none, tanh" in capsys.readouterr().err


def test_another_backend_is_refused(capsys, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "jax")
    with pytest.raises(SystemExit):
        drill.main(["none"])
    assert "run it with KERAS_BACKEND=tensorflow (got jax)" in capsys.readouterr().err


def test_the_readme_matrix_is_rendered_from_the_committed_drill():
    results = calibration.drill_results()
    assert results is not None, "no calibration/drill.json: run approx drill"
    assert drill.matrix(results) in drill.README.read_text(), "README's drill matrix is stale: approx drill --readme"
    assert set(results["drills"]) == set(drill.DRILLS), "a change was added or retired: run approx drill"
