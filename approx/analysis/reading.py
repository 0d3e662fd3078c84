"""Reading a model back as numbers: its outputs on a grid, and each Dense layer's (W, b, activation).

Every analysis reads a model through these two doors only: `predict`, the
outputs, and `dense_weights`, the weights.

The article reads every fit through `model.predict`. That call costs a
tenth of a second on a new model (it traces a predict function per model),
the forward pass `model(x)` a few milliseconds, and the spec reads each
model dozens of times. So `predict` takes the forward pass, and on the
first read of each model checks that `predict` gives the same outputs, to
float32 rounding, on 70 of the points read (three of predict's batches, the
last one ragged): what the spec measures is what the article's call returns,
and a change behind `predict` stops every claim that reads a model. The
check runs `predict` on one reader model per architecture holding the run's
weights, so the predict function is traced once per architecture, not once
per model.
"""

import weakref

import numpy as np

from approx.probes.dense import tolerance
from approx.framework import array
from approx.probes import dense


class PredictDisagrees(RuntimeError):
    """model.predict and the model's forward pass give different outputs: every reading is in doubt.

    Not an AssertionError, so that it can never pass for the refutation a
    strict xfail expects.
    """


def dense_weights(model) -> list[dense.Layer]:
    """The model's Dense layers, input side first, as float64 arrays (approx.probes.dense.read)."""
    return dense.read(model)


def one_hidden_layer(model, activation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(w, b, w_out, b_out) of a 1 → n → 1 net whose hidden layer uses `activation`.

    Output = Σᵢ w_outᵢ · act(wᵢ x + bᵢ) + b_out.
    """
    return dense.one_hidden_layer(dense.read(model), activation)


_checked = weakref.WeakSet()  # models whose predict was compared with their forward pass
CHECKED_POINTS = 2 * 32 + 6  # two of predict's batches of 32 and a ragged third: batching and joining are checked
_readers = {}  # architecture -> a model of it whose `predict` reads any run of it


def predict(model, x: np.ndarray) -> np.ndarray:
    """The model's output on x as a float64 column: the forward pass, checked once per model against predict."""
    x = np.asarray(x, dtype=np.float32)
    outputs = array(model(x, training=False), np.float64)
    if model not in _checked:
        every = np.linspace(0, len(x) - 1, min(len(x), CHECKED_POINTS)).astype(int)
        check_predict(model, x[every], outputs[every])
        _checked.add(model)
    return outputs


def _reader(model):
    """A model of `model`'s architecture, holding its weights: `predict` on it is `predict` on the run."""
    config = model.get_config()
    key = repr([(layer["class_name"], layer["config"].get("units"), layer["config"].get("activation"))
                for layer in config["layers"]])
    if key not in _readers:
        _readers[key] = type(model).from_config(config)
    reader = _readers[key]
    reader.set_weights(model.get_weights())
    return reader


def check_predict(model, x: np.ndarray, outputs: np.ndarray) -> None:
    """Raise PredictDisagrees unless `predict(x)` (the article's call, its defaults) equals `outputs`."""
    article = np.asarray(_reader(model).predict(x, verbose=0), dtype=np.float64)
    if article.shape == outputs.shape and not np.isfinite(outputs).all():
        # A diverged model: both must fail at the same points, and agree where they do not.
        if not np.array_equal(np.isfinite(article), np.isfinite(outputs)):
            raise PredictDisagrees(f"model.predict and the forward pass diverge at different points on {model.name}")
        finite = np.isfinite(outputs)
        article, outputs = article[finite], outputs[finite]
    gap = (np.abs(article - outputs).max(initial=0.0) if article.shape == outputs.shape else np.inf)
    allowed = tolerance(np.abs(outputs).max(initial=0.0))
    if not gap <= allowed:
        raise PredictDisagrees(f"model.predict differs from the forward pass by {gap:.3g} (float32 rounding allows "
                               f"{allowed:.3g}) on {model.name}: the framework's predict has changed")
