"""How much gradient reaches a net's first layer, read through Keras's own loss and training step (S9.2).

One plain SGD step on the whole data moves the first kernel by −η·g. With η
a large power of two, η·g dwarfs the starting kernel, so (W₀ − W₁)/η is g to
float32 rounding, and dividing by η loses nothing. Standalone (numpy and
Keras), for the spec and for `approx repro`.
"""

import numpy as np
import keras

STEP = 2.0**20  # η: η·g must dwarf the kernel; a power of two divides out exactly


def first_layer_gradient(model, x, y) -> float:
    """‖∂loss/∂W₁‖ of `model` at its current weights, on all of (x, y) at once, by one step of SGD(η)."""
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=STEP))
    before = model.layers[0].get_weights()[0]
    model.train_on_batch(x, y)
    after = model.layers[0].get_weights()[0]
    return float(np.linalg.norm((before.astype(np.float64) - after) / STEP))
