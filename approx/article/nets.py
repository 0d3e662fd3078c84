"""The networks of the article, described as values and built with Keras.

Every model in the article is a stack of Dense layers on one input, ending in
one linear unit, trained with SGD on the mean squared error:

    output = Dense_1(act(... act(Dense_k(x)) ...)),  Dense(x) = x·W + b

A `Net` names one such stack (hidden widths, activation, initialiser,
optimiser). It is hashable, so a trained model can be looked up by it, and
`Net.build()` turns it into a compiled `keras.Sequential`. The builders at the
bottom are the article's models, one per cell that defines one.
"""

from dataclasses import dataclass

from approx.probes.initialisers import VARIANCE
from approx.framework import keras

ACTIVATIONS = ("linear", "relu", "tanh", "sigmoid")
# None leaves Keras's default (glorot_uniform, checked by S10.3) in place, as
# the article did by not naming one; the others are Keras initialiser names.
INITIALISERS = (None, *VARIANCE)


def _check_choice(what, value, allowed):
    if value not in allowed:
        names = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"unknown {what} {value!r}; allowed: {names}")


@dataclass(frozen=True)
class Optimiser:
    """SGD as the article configures it; `learning_rate=None` keeps Keras's default."""

    learning_rate: float | None = None
    momentum: float = 0.0
    nesterov: bool = False

    def __post_init__(self):
        if self.learning_rate is not None and not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be > 0, got {self.learning_rate!r}")
        if not 0 <= self.momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {self.momentum!r}")

    def build(self):
        if self == PLAIN_SGD:
            return "sgd"  # the string the article passes: every default is Keras's
        rate = {} if self.learning_rate is None else {"learning_rate": self.learning_rate}
        return keras.optimizers.SGD(momentum=self.momentum, nesterov=self.nesterov, **rate)

    def __str__(self):
        rate = "default" if self.learning_rate is None else f"{self.learning_rate:g}"
        extra = f", {'Nesterov ' if self.nesterov else ''}momentum {self.momentum:g}" if self.momentum else ""
        return f"SGD(lr {rate}{extra})"


PLAIN_SGD = Optimiser()
NESTEROV = Optimiser(learning_rate=0.01, momentum=0.9, nesterov=True)  # In [73]


@dataclass(frozen=True)
class Net:
    """Hidden Dense layers of the given widths, then one linear output unit."""

    hidden: tuple[int, ...] = ()
    activation: str = "linear"
    initialiser: str | None = None
    optimiser: Optimiser = PLAIN_SGD

    def __post_init__(self):
        if not isinstance(self.hidden, tuple):
            raise ValueError(f"hidden widths must be a tuple, got {self.hidden!r}")
        for width in self.hidden:
            if isinstance(width, bool) or not isinstance(width, int) or width < 1:
                raise ValueError(f"a layer needs a whole number of neurons >= 1, got {width!r}")
        _check_choice("activation", self.activation, ACTIVATIONS)
        _check_choice("initialiser", self.initialiser, INITIALISERS)
        if not isinstance(self.optimiser, Optimiser):
            raise ValueError(f"optimiser must be an Optimiser, got {self.optimiser!r}")

    def build(self, seed: int | None = None, steps_per_execution: int = 1, compiled: bool = True) -> keras.Sequential:
        """A fresh model; with `seed`, its initial weights are that seed's (keras.utils.set_random_seed).

        Without a seed the weights follow whatever random state the process is
        in: only for a model that is handed its weights. `compiled=False`
        skips the loss and optimiser: enough for a model that is only read or
        handed weights, and a third cheaper to make.
        """
        if seed is not None:
            keras.utils.set_random_seed(seed)
        init = {} if self.initialiser is None else {"kernel_initializer": self.initialiser}
        layers = [keras.Input(shape=(1,))]
        layers += [keras.layers.Dense(w, activation=self.activation, **init) for w in self.hidden]
        layers.append(keras.layers.Dense(1, activation="linear", **init))
        model = keras.Sequential(layers)
        if compiled:
            model.compile(loss="mean_squared_error", optimizer=self.optimiser.build(),
                          steps_per_execution=steps_per_execution)
        return model

    def __str__(self):
        widths = "+".join(str(w) for w in self.hidden) or "-"
        init = f", {self.initialiser}" if self.initialiser else ""
        return f"{self.activation}[{widths}]{init}, {self.optimiser}"


# The article's models, cell by cell.

def single_neuron() -> Net:
    """In [8]: one linear neuron, y = w·x + b."""
    return Net()


def linear_layers(width: int = 5, depth: int = 1) -> Net:
    """In [64]: `depth` linear hidden layers of `width` neurons (the article: one of 5)."""
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 1:
        raise ValueError(f"depth must be a whole number >= 1, got {depth!r}")
    return Net(hidden=(width,) * depth)


def relu_layer(width: int) -> Net:
    """In [66]: one ReLU hidden layer, plain SGD."""
    return Net(hidden=(width,), activation="relu")


def relu_momentum(width: int = 100) -> Net:
    """In [73]: one ReLU hidden layer, SGD lr 0.01 with Nesterov momentum 0.9."""
    return Net(hidden=(width,), activation="relu", optimiser=NESTEROV)


def tanh_momentum(width: int = 20, initialiser: str | None = None) -> Net:
    """In [125], [135], [138]: one tanh layer, Nesterov SGD; optionally glorot_/he_normal."""
    return Net(hidden=(width,), activation="tanh", initialiser=initialiser, optimiser=NESTEROV)


def deep_tanh(widths: tuple[int, ...] = (50, 50), initialiser: str | None = "he_normal") -> Net:
    """In [235]: two tanh(50) layers, he_normal, SGD lr 0.001 with Nesterov momentum 0.9."""
    return Net(hidden=tuple(widths), activation="tanh", initialiser=initialiser,
               optimiser=Optimiser(learning_rate=0.001, momentum=0.9, nesterov=True))


def sigmoid_momentum(width: int = 20) -> Net:
    """S11.7 (ours): In [125]'s net with the logistic sigmoid in place of tanh, all else the same."""
    return Net(hidden=(width,), activation="sigmoid", optimiser=NESTEROV)
