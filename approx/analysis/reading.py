"""Reading a model back as numbers: its outputs on a grid, and each Dense layer's (W, b, activation).

Every analysis reads a model through these two doors only: `predict`, the
forward pass, and `dense_weights`, the weights.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class DenseWeights:
    """One Dense layer as float64 arrays: output = activation(x·kernel + bias)."""

    kernel: np.ndarray  # (inputs, units)
    bias: np.ndarray  # (units,)
    activation: str


def dense_weights(model) -> list[DenseWeights]:
    """The model's Dense layers, input side first."""
    read = []
    for layer in model.layers:
        kernel, bias = layer.get_weights()
        read.append(DenseWeights(np.asarray(kernel, np.float64), np.asarray(bias, np.float64),
                                 layer.activation.__name__))
    return read


def one_hidden_layer(model, activation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(w, b, w_out, b_out) of a 1 → n → 1 net whose hidden layer uses `activation`.

    Output = Σᵢ w_outᵢ · act(wᵢ x + bᵢ) + b_out.
    """
    layers = dense_weights(model)
    shapes = [layer.kernel.shape for layer in layers]
    if len(layers) != 2 or shapes[0][0] != 1 or shapes[1][1] != 1:
        raise ValueError(f"expected a 1 → n → 1 net, got kernels of shapes {shapes}")
    hidden, out = layers
    if hidden.activation != activation:
        raise ValueError(f"expected a {activation} hidden layer, got {hidden.activation}")
    return hidden.kernel[0], hidden.bias, out.kernel[:, 0], float(out.bias[0])


def predict(model, x: np.ndarray) -> np.ndarray:
    """The model's output on x as a float64 column, in one forward pass."""
    return np.asarray(model(np.asarray(x, dtype=np.float32), training=False), dtype=np.float64)
