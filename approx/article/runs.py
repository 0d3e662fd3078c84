"""A training run as a value, and the article's runs, cell by cell.

A `Run` says everything that decides a trained model: which net, on which
target and grid, how many epochs, which seed. The functions below are the
article's runs, each named `<net>_on_<target>` and citing its cell; they only
describe. `approx.training.train(run)` trains one (once per session), so
every claim about one cell reads the very same trained model.
"""

from dataclasses import dataclass, field

import numpy as np

from approx.article import nets
from approx.article.targets import TRAINING_GRID, WIDE_GRID, Grid, target


@dataclass(frozen=True)
class Run:
    """One training run: which net, on which target and grid, how long, which seed."""

    net: nets.Net
    target: str
    epochs: int
    seed: int
    grid: Grid = field(default=TRAINING_GRID)

    def __post_init__(self):
        if not isinstance(self.net, nets.Net):
            raise ValueError(f"net must be a Net, got {self.net!r}")
        target(self.target)  # raises on an unknown name
        for name in ("epochs", "seed"):
            value = getattr(self, name)
            low = 1 if name == "epochs" else 0
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """The training set as float32 columns, as Keras would convert it."""
        x = self.grid.x()
        return x.astype(np.float32), target(self.target)(x).astype(np.float32)

    @property
    def description(self) -> str:
        """What is trained, for how long and on what, whatever the seed: what a quantity of the run is about."""
        return f"{self.net} on {self.target} ({self.grid}), {self.epochs} epochs"

    def __str__(self):
        return f"{self.description}, seed {self.seed}"


def neuron_on_line(seed: int) -> Run:
    """In [9]-[10]: one linear neuron, 100 epochs on y = 2x + 5."""
    return Run(nets.single_neuron(), "line", 100, seed)


def neuron_on_sine(seed: int, epochs: int = 200) -> Run:
    """In [15]: one linear neuron, 200 epochs on y = 2 sin x + 5 (In [17]: 100 epochs)."""
    return Run(nets.single_neuron(), "sine", epochs, seed)


def linear_layers_on_sine(seed: int) -> Run:
    """In [65]: Dense(5, linear) → Dense(1), 100 epochs on the sine."""
    return Run(nets.linear_layers(5), "sine", 100, seed)


def relu_on_sine(width: int, seed: int) -> Run:
    """In [67] (3 units) and In [72] (59 units): one ReLU layer, plain SGD, 100 epochs."""
    return Run(nets.relu_layer(width), "sine", 100, seed)


def relu_momentum_on_sine(seed: int, width: int = 100) -> Run:
    """In [76]: ReLU(100) with Nesterov SGD, 100 epochs on the sine."""
    return Run(nets.relu_momentum(width), "sine", 100, seed)


def relu_momentum_on_hard(seed: int, width: int = 100, epochs: int = 100) -> Run:
    """In [112]: the same ReLU(100) Nesterov net on the hard function (S4.2 doubles the width or the epochs)."""
    return Run(nets.relu_momentum(width), "hard", epochs, seed)


def tanh_momentum_on_hard(seed: int, initialiser: str | None = None, epochs: int = 100) -> Run:
    """In [126] (default init), [136] (glorot_normal), [153] (he_normal), [148] (he_normal, 400 epochs)."""
    return Run(nets.tanh_momentum(20, initialiser), "hard", epochs, seed)


def deep_tanh_on_wide(seed: int, widths: tuple[int, ...] = (50, 50)) -> Run:
    """In [238]: tanh(50)+tanh(50), he_normal, lr 0.001, trained on the [-6, 6] grid x held by then (S9.3: a third)."""
    return Run(nets.deep_tanh(widths), "hard", 100, seed, WIDE_GRID)


def tanh_momentum_on_wide(seed: int) -> Run:
    """In [153]'s one-layer he_normal tanh(20), trained on the same [-6, 6] grid as In [238]."""
    return Run(nets.tanh_momentum(20, "he_normal"), "hard", 100, seed, WIDE_GRID)


def tanh50_on_wide(seed: int) -> Run:
    """S9.1: one tanh(50) layer with In [235]'s initialiser and optimiser, on the same grid."""
    return Run(nets.deep_tanh(widths=(50,)), "hard", 100, seed, WIDE_GRID)


def blind_deep_tanh_on_hard(seed: int, grid: Grid = TRAINING_GRID) -> Run:
    """S9.1: In [153]'s net with a second tanh(20) layer added and nothing else changed, on `grid`."""
    blind = nets.Net(hidden=(20, 20), activation="tanh", initialiser="he_normal", optimiser=nets.NESTEROV)
    return Run(blind, "hard", 100, seed, grid)


DEEP_RELU = (20, 20)  # S11.3's stack: two ReLU(20) layers


def deep_relu_on_sine(seed: int) -> Run:
    """S11.3: two ReLU(20) layers with Nesterov SGD, 100 epochs on the sine."""
    return Run(nets.Net(hidden=DEEP_RELU, activation="relu", optimiser=nets.NESTEROV), "sine", 100, seed)


def relu_momentum_on_fast_sine(seed: int) -> Run:
    """S11.4: In [76]'s net and budget on 2 sin 4x + 5, a target four times as fast."""
    return Run(nets.relu_momentum(100), "fast_sine", 100, seed)


def sigmoid_momentum_on_hard(seed: int) -> Run:
    """S11.7: In [126]'s run with sigmoid units in place of tanh, 100 epochs on the hard function."""
    return Run(nets.sigmoid_momentum(20), "hard", 100, seed)
