"""The drift drill's patches really change what they say (checked in a separate process)."""

import subprocess
import sys

import pytest

from approx.tools import drill

PROBE = '''
import numpy as np
from approx.tools import drill
from approx.framework import keras
for name in drill.DRILLS:
    drill._patch(name)
x = np.array([[-2.0], [3.0]], np.float32)
dense = keras.layers.Dense(1, activation="tanh"); dense.build((None, 1))
print("tanh", float(keras.activations.get("tanh")(np.float32(3.0))))
print("relu", float(keras.activations.get("relu")(np.float32(-1.0))))
print("sgd-rate", float(keras.optimizers.SGD().learning_rate))
print("dense-init", type(keras.layers.Dense(1).kernel_initializer).__name__)
he = keras.initializers.get("he_normal")
print("he-normal", type(he).__name__, he.get_config()["distribution"])
model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
model.compile(loss="mean_squared_error", optimizer="sgd")
model.layers[0].set_weights([np.zeros((1, 1)), np.zeros(1)])
print("mse", float(model.evaluate(x, np.zeros((2, 1)) + 2, verbose=0)))
import inspect
print("fit-shuffle", inspect.signature(keras.Model.fit).parameters["shuffle"].default)
'''


@pytest.fixture(scope="module")
def patched():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(line.split(" ", 1) for line in result.stdout.splitlines())


def test_every_drill_has_a_probe(patched):
    assert set(patched) == set(drill.DRILLS)


@pytest.mark.parametrize("name, expected", [
    ("tanh", "1.0"),  # hard_tanh(3) = 1 exactly; tanh(3) = 0.995
    ("relu", "-0.20000000298023224"),  # leaky_relu(-1) = −0.2 in float32
    ("sgd-rate", "0.019999999552965164"),
    ("dense-init", "HeUniform"),
    ("he-normal", "WideHeNormal untruncated_normal"),
    ("mse", "2.0"),  # mean |0 − 2|, where MSE would be 4
])
def test_each_patch_changes_what_it_names(patched, name, expected):
    assert patched[name] == expected


def test_fit_shuffle_patch_changes_fits_default(patched):
    assert patched["fit-shuffle"] == "False"


def test_an_unknown_drill_is_refused(capsys):
    with pytest.raises(SystemExit):
        drill.main(["nope"])
    assert "unknown drill(s) nope; known: tanh" in capsys.readouterr().err
