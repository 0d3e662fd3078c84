"""The article's training runs, cell by cell, for a given seed.

Each function names the cell it reproduces. The spec's claims, the
calibration and the figures all train through these, so that every claim
about one cell reads the very same trained model.
"""

from approx import nets
from approx.targets import WIDE_GRID
from approx.training import Run, train


def line_neuron(seed: int):
    """In [9]-[10]: one linear neuron, 100 epochs on y = 2x + 5."""
    return train(Run(nets.single_neuron(), "line", 100, seed))


def sine_neuron(seed: int, epochs: int = 200):
    """In [15]: one linear neuron, 200 epochs on y = 2 sin x + 5 (In [17]: 100 epochs)."""
    return train(Run(nets.single_neuron(), "sine", epochs, seed))


def sine_linear_layers(seed: int):
    """In [65]: Dense(5, linear) → Dense(1), 100 epochs on the sine."""
    return train(Run(nets.linear_layers(5), "sine", 100, seed))


def sine_relu(width: int, seed: int):
    """In [67] (3 units) and In [72] (59 units): one ReLU layer, plain SGD, 100 epochs."""
    return train(Run(nets.relu_layer(width), "sine", 100, seed))


def sine_relu_momentum(seed: int, width: int = 100):
    """In [76]: ReLU(100) with Nesterov SGD, 100 epochs on the sine."""
    return train(Run(nets.relu_momentum(width), "sine", 100, seed))


def hard_relu_momentum(seed: int):
    """In [112]: the same ReLU(100) Nesterov net on the hard function."""
    return train(Run(nets.relu_momentum(100), "hard", 100, seed))


def hard_tanh(seed: int, initialiser: str | None = None, epochs: int = 100):
    """In [126] (default init), [136] (glorot_normal), [153] (he_normal), [148] (he_normal, 400 epochs)."""
    return train(Run(nets.tanh_momentum(20, initialiser), "hard", epochs, seed))


def wide_deep_tanh(seed: int):
    """In [238]: tanh(50)+tanh(50), he_normal, lr 0.001, trained on the [-6, 6] grid x held by then."""
    return train(Run(nets.deep_tanh(), "hard", 100, seed, WIDE_GRID))


def wide_tanh(seed: int):
    """In [153]'s one-layer he_normal net, trained on the same [-6, 6] grid as In [238]."""
    return train(Run(nets.tanh_momentum(20, "he_normal"), "hard", 100, seed, WIDE_GRID))


def wide_tanh_like_deep(seed: int):
    """S9.1: one tanh(50) layer with In [235]'s initialiser and optimiser, on the same grid."""
    return train(Run(nets.deep_tanh(widths=(50,)), "hard", 100, seed, WIDE_GRID))


def sine_deep_relu(seed: int):
    """S11.3: two ReLU(20) layers with Nesterov SGD, 100 epochs on the sine."""
    return train(Run(nets.Net(hidden=(20, 20), activation="relu", optimiser=nets.NESTEROV), "sine", 100, seed))


def fast_sine_relu_momentum(seed: int):
    """S11.4: In [76]'s net and budget on 2 sin 4x + 5, a target four times as fast."""
    return train(Run(nets.relu_momentum(100), "fast_sine", 100, seed))
