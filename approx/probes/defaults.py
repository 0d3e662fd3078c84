"""What Keras does when the article leaves a choice to it, and the names the article calls (S1.1, S3.2, S10.1–S10.5).

Each check returns what is wrong, in words: nothing when Keras behaves as the
spec expects. Standalone (numpy and Keras), for the spec and `approx repro`.
"""

import warnings

import numpy as np
import keras

from approx.probes.steps import nesterov_steps, neuron_weights, sgd_step, zeroed_neuron
from approx.probes.tensors import number

RATE, MOMENTUM = 0.01, 0.9  # the article's, In [73]
STEPS = 3  # Nesterov steps compared


def line_data() -> tuple[np.ndarray, np.ndarray]:
    """The article's 1000 points on [−3, 3] and y = 2x + 5 there, as float32 columns."""
    x = np.linspace(-3.0, 3.0, 1000).reshape(-1, 1).astype(np.float32)
    return x, (2 * x + 5).astype(np.float32)


def _close(found, expected, rel: float) -> bool:
    """Equal to a relative `rel` (and 1e-12 absolute, as pytest.approx), element by element."""
    return bool(np.allclose(found, expected, rtol=rel, atol=1e-12))


def a_weight_and_a_bias(model) -> list[str]:
    """S1.1: one linear Dense unit has a (1, 1) kernel and a (1,) bias, and outputs b everywhere when w = 0."""
    shapes = [tuple(v.shape) for v in model.trainable_variables]
    if shapes != [(1, 1), (1,)] or model.count_params() != 2:
        return [f"one linear unit has trainable variables of shapes {shapes}, {model.count_params()} parameters"]
    model.layers[0].set_weights([np.zeros((1, 1)), np.array([3.5])])
    out = np.asarray(model(np.linspace(-3, 3, 1000, dtype=np.float32).reshape(-1, 1)), np.float64)
    return [] if np.all(out == 3.5) else [f"with w = 0 and b = 3.5 it outputs {out.min():g} … {out.max():g}"]


def lr_is_rejected() -> list[str]:
    """S10.1: SGD(lr=…) is rejected naming lr, and SGD(learning_rate=0.05) has rate 0.05."""
    try:
        accepted = keras.optimizers.SGD(lr=0.05)
    except ValueError as e:
        wrong = [] if "lr" in str(e) else [f"SGD(lr=0.05) was rejected without naming lr: {e}"]
    else:
        return [f"SGD(lr=0.05) was accepted, with learning rate {number(accepted.learning_rate):g}"]
    rate = number(keras.optimizers.SGD(learning_rate=0.05).learning_rate)
    return wrong + ([] if _close(rate, 0.05, 1e-6) else [f"SGD(learning_rate=0.05) has rate {rate:g}"])


def article_sgd_line() -> list[str]:
    """S3.2: the article's SGD(lr=0.01, momentum=0.9, nesterov=True) builds that optimiser (Keras 2's API)."""
    try:
        optimiser = keras.optimizers.SGD(lr=RATE, momentum=MOMENTUM, nesterov=True)
    except ValueError as e:
        return [f"SGD(lr=0.01, momentum=0.9, nesterov=True) is rejected: {e}"]
    found = (number(optimiser.learning_rate), optimiser.momentum, optimiser.nesterov)
    return [] if _close(found[:2], (RATE, MOMENTUM), 1e-6) and found[2] is True else [f"it builds {found}"]


def input_dim_warns() -> list[str]:
    """S10.2: Dense(1, input_dim=1) still builds a working model, with a UserWarning naming input_dim."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = keras.Sequential([keras.layers.Dense(1, input_dim=1, activation="linear")])
    wrong = [] if any(issubclass(w.category, UserWarning) and "input_dim" in str(w.message) for w in caught) else [
        f"no warning names input_dim; warned: {[str(w.message) for w in caught]}"]
    shape = tuple(model(np.ones((3, 1), np.float32)).shape)
    return wrong + ([] if shape == (3, 1) else [f"the model outputs shape {shape} for 3 inputs"])


def batches_of_32() -> list[str]:
    """S10.3: one epoch of fit(x, y) over 1000 points takes ceil(1000 / 32) = 32 steps."""
    x, y = line_data()
    model = zeroed_neuron()
    model.fit(x, y, epochs=1, verbose=0)
    steps = int(number(model.optimizer.iterations))
    return [] if steps == -(-len(x) // 32) else [f"one epoch over {len(x)} points took {steps} steps, not 32"]


def shuffles_by_default() -> list[str]:
    """S10.3: fit shuffles by default: its first batch of 32 is not the first 32 points, which shuffle=False takes."""
    x, y = line_data()
    in_order = sgd_step(x[:32], y[:32], RATE)
    model = zeroed_neuron()
    # One step of 32; with steps_per_epoch alone Keras would size the batch to cover all the data.
    model.fit(x, y, batch_size=32, epochs=1, steps_per_epoch=1, shuffle=False, verbose=0)
    wrong = [] if _close(neuron_weights(model), in_order, 1e-5) else [
        f"shuffle=False's first step lands at {neuron_weights(model)}, not at the first 32 points' {in_order}"]
    model = zeroed_neuron()
    model.fit(x, y, batch_size=32, epochs=1, steps_per_epoch=1, verbose=0)
    if _close(neuron_weights(model), in_order, 1e-2):
        wrong.append("by default, fit's first step is the one on the first 32 points: it did not shuffle")
    return wrong


def sgd_rate_is_0_01() -> list[str]:
    """S10.3: optimizer='sgd' is plain SGD at rate 0.01: one step equals a hand-computed gradient step."""
    x, y = line_data()
    model = zeroed_neuron("sgd")
    model.train_on_batch(x[:32], y[:32])
    expected = sgd_step(x[:32], y[:32], RATE)
    return [] if _close(neuron_weights(model), expected, 1e-5) else [
        f"one 'sgd' step lands at {neuron_weights(model)}, a step at rate 0.01 at {expected}"]


def mse_is_mean_square() -> list[str]:
    """S10.3: 'mean_squared_error' is mean((prediction − target)²), checked on a neuron set to w = 1, b = 0."""
    x, y = line_data()
    model = zeroed_neuron()
    model.layers[0].set_weights([np.ones((1, 1)), np.zeros(1)])
    expected = float(np.mean((x - y) ** 2))
    found = float(model.evaluate(x, y, batch_size=len(x), verbose=0))
    return [] if _close(found, expected, 1e-6) else [f"the loss is {found:.8g}, mean((x − y)²) is {expected:.8g}"]


def article_nets_take_the_defaults(models) -> list[str]:
    """S10.3: the article's plain nets compile SGD at 0.01 without momentum, with glorot_uniform kernels."""
    wrong = []
    for model in models:
        optimiser = model.optimizer
        if not isinstance(optimiser, keras.optimizers.SGD) or not _close(number(optimiser.learning_rate), RATE, 1e-6) \
                or optimiser.momentum != 0:
            wrong.append(f"{model.name} compiles {type(optimiser).__name__} at {number(optimiser.learning_rate):g},"
                         f" momentum {optimiser.momentum}")
        kinds = {type(layer.kernel_initializer).__name__ for layer in model.layers}
        if kinds != {"GlorotUniform"}:
            wrong.append(f"{model.name}'s kernels start from {sorted(kinds)}")
    return wrong


def nesterov_steps_as_keras_2(optimiser) -> list[str]:
    """S3.2, S10.5: three steps of a zeroed neuron on 32 points equal three hand-computed Nesterov steps."""
    x, y = line_data()
    x, y = x[:32], y[:32]
    model = zeroed_neuron(optimiser)
    for _ in range(STEPS):
        model.train_on_batch(x, y)
    expected = nesterov_steps(x, y, RATE, MOMENTUM, STEPS)
    return [] if _close(neuron_weights(model), expected, 1e-5) else [
        f"three steps land at {neuron_weights(model)}, three Nesterov steps at {expected}"]
