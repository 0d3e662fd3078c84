"""The changes `approx drill` makes to Keras, one at a time, each under the names and settings it keeps.

CHANGES is the one table of them: each entry is a function that patches
Keras, registered with @change under its name, what it changes in words, its
kind and, for a graded change, the strengths it is tried at
(`NAME@STRENGTH`). The round-off variants that live in the environment are
benign entries too, taken from their own table (approx.training.roundoff).
Entries are registered in the drill's order: the unchanged framework, the
changes, the graded ones, the benign ones.

A drill run loads this module as a pytest plugin (-p approx.tools.changes)
with APPROX_DRILL naming the row, and pytest_configure patches it into every
process before a model is built; a process a spec test starts itself calls
patch_from_environment.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field

from approx.tools import skewed_fit
from approx.training import roundoff

# What a row must do at the gate: the unchanged framework and a benign change pass it, a change fails it.
NONE, CHANGE, BENIGN = "none", "change", "benign"
LATE = 32  # steps of the article's first epoch (1000 points): graded changes start after it


@dataclass(frozen=True)
class Change:
    """One change of the drill: its name, what it changes in words, its kind, and the patch that makes it."""

    name: str
    description: str  # a graded change's holds {strength}
    kind: str
    patch: Callable[..., None]  # made once Keras has loaded; a graded change's takes the strength
    strengths: tuple[float, ...] = ()  # a graded change's, strongest first
    environment: dict[str, str] = field(default_factory=dict)  # set for the spec run, before its processes start

    def describe(self, strength: float | None = None) -> str:
        return self.description.format(strength=f"{strength:g}") if self.strengths else self.description

    def rows(self) -> list[str]:
        return [f"{self.name}@{strength:g}" for strength in self.strengths] or [self.name]


CHANGES: dict[str, Change] = {}


def _register(entry: Change) -> None:
    if entry.name in CHANGES:
        raise ValueError(f"two drill changes are named {entry.name!r}")
    CHANGES[entry.name] = entry


def change(name: str, description: str, kind: str = CHANGE, strengths: tuple[float, ...] = ()):
    """Register the decorated function as the patch of the change `name`."""
    def register(patch):
        _register(Change(name, description, kind, patch, strengths))
        return patch
    return register


def rows() -> list[str]:
    """Every drill row, in the matrix's order."""
    return [row for entry in CHANGES.values() for row in entry.rows()]


def parse(row: str) -> tuple[Change, float | None]:
    """The change of a row and its strength (None if ungraded); a ValueError names what is known."""
    name, _, strength = row.partition("@")
    entry = CHANGES.get(name)
    if entry is not None and bool(entry.strengths) == bool(strength):
        try:
            return entry, float(strength) if strength else None
        except ValueError:
            pass
    ungraded = [e.name for e in CHANGES.values() if not e.strengths]
    graded = [e.name + "@STRENGTH" for e in CHANGES.values() if e.strengths]
    raise ValueError(f"unknown drill {row!r}; known: {', '.join(ungraded)}, and {', '.join(graded)}")


def make(row: str) -> None:
    """Patch Keras, loaded and set up as every spec process is, with the change of `row`."""
    entry, strength = parse(row)
    if strength is None:
        entry.patch()
    else:
        entry.patch(strength)


@change("none", "nothing changed: the gate must raise no alarm", kind=NONE)
def _nothing() -> None:
    pass


@change("tanh", "'tanh' computes x / √(1 + x²): same name, same limits ±1, same slope at 0, another shape")
def _tanh_algebraic() -> None:
    from keras.src import activations, ops

    def tanh(x):
        x = ops.convert_to_tensor(x)
        return x / ops.sqrt(1.0 + x * x)
    activations.ALL_OBJECTS_DICT["tanh"] = tanh


@change("relu", "'relu' leaks: slope 0.05 below zero, still named relu")
def _relu_leaks() -> None:
    from keras.src import activations, ops

    def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
        return ops.leaky_relu(x, 0.05)
    activations.ALL_OBJECTS_DICT["relu"] = relu


@change("sgd-nesterov", "SGD(nesterov=True) takes classical momentum steps; nesterov still reads True")
def _sgd_classical_momentum() -> None:
    import keras
    from keras.src import ops

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        if self.momentum == 0:
            return self.assign_sub(variable, ops.multiply(gradient, learning_rate))
        m = self.momentums[self._get_variable_index(variable)]
        self.assign(m, ops.subtract(ops.multiply(m, ops.cast(self.momentum, variable.dtype)),
                                    ops.multiply(gradient, learning_rate)))
        self.assign_add(variable, m)  # classical momentum, whatever self.nesterov says
    keras.optimizers.SGD.update_step = update_step


@change("he-normal", "'he_normal' draws an untruncated normal of the same variance (no 2σ cut)")
def _he_normal_untruncated() -> None:
    from keras.src import initializers

    _draw_untruncated_normal(initializers.HeNormal)


@change("glorot-uniform", "'glorot_uniform', Dense's default, draws a normal of the same variance")
def _glorot_uniform_normal() -> None:
    from keras.src import initializers

    _draw_untruncated_normal(initializers.GlorotUniform)


def _draw_untruncated_normal(cls) -> None:
    original_init = cls.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.distribution = "untruncated_normal"  # VarianceScaling keeps the variance, changes the shape
    cls.__init__ = __init__


@change("fit-shuffle", "model.fit stops shuffling by default")
def _fit_unshuffled() -> None:
    import keras

    _set_default(keras.Model.fit, "shuffle", False)


def _set_default(function, argument: str, new) -> None:
    """Change the default value of `argument` in `function` itself, keeping its signature."""
    import inspect

    function = inspect.unwrap(function)  # Keras decorates fit; the defaults live on the inner function
    if function.__kwdefaults__ and argument in function.__kwdefaults__:
        function.__kwdefaults__[argument] = new
        return
    names = function.__code__.co_varnames[:function.__code__.co_argcount]
    defaults = list(function.__defaults__)
    defaults[names.index(argument) - (len(names) - len(defaults))] = new
    function.__defaults__ = tuple(defaults)


@change("predict", "model.predict rounds its outputs through float16; calling the model does not")
def _predict_through_float16() -> None:
    from keras.src import ops
    from keras.src.backend.tensorflow import trainer

    original_step = trainer.TensorFlowTrainer.predict_step

    def predict_step(self, data):
        outputs = original_step(self, data)
        return ops.cast(ops.cast(outputs, "float16"), outputs.dtype)
    trainer.TensorFlowTrainer.predict_step = predict_step


@change("mse", "the loss named 'mean_squared_error' computes Huber (δ = 1): the same below 1, linear above")
def _mse_is_huber() -> None:
    from keras.src import losses

    def mean_squared_error(y_true, y_pred):
        return losses.huber(y_true, y_pred, delta=1.0)
    losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error


@change("sgd-lr", "from the second epoch on (step 33), SGD steps at learning rate × (1 + {strength})",
        strengths=(1e-2, 1e-3, 1e-4, 1e-5))
def _sgd_faster_late(strength: float) -> None:
    import keras
    from keras.src import ops

    original = keras.optimizers.SGD.update_step

    def update_step(self, gradient, variable, learning_rate):
        late = ops.cast(self.iterations >= LATE, learning_rate.dtype)
        original(self, gradient, variable, learning_rate * (1 + strength * late))
    keras.optimizers.SGD.update_step = update_step


@change("sgd-momentum", "from the second epoch on (step 33), SGD's momentum is × (1 − {strength})",
        strengths=(1e-2, 1e-3, 1e-4))
def _sgd_less_momentum_late(strength: float) -> None:
    import keras
    from keras.src import ops

    original = keras.optimizers.SGD.update_step

    def update_step(self, gradient, variable, learning_rate):
        if self.momentum == 0:
            return original(self, gradient, variable, learning_rate)
        # Keras's SGD step, its momentum made smaller from the second epoch on.
        learning_rate = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        late = ops.cast(self.iterations >= LATE, variable.dtype)
        momentum = ops.cast(self.momentum, variable.dtype) * (1 - strength * late)
        m = self.momentums[self._get_variable_index(variable)]
        step = ops.multiply(gradient, learning_rate)
        self.assign(m, ops.subtract(ops.multiply(m, momentum), step))
        if self.nesterov:
            self.assign_add(variable, ops.subtract(ops.multiply(m, momentum), step))
        else:
            self.assign_add(variable, m)
    keras.optimizers.SGD.update_step = update_step


@change("ragged-batch", "a batch of fewer than 32 points (each epoch's last) weighs its loss × (1 + {strength})",
        strengths=(1e-1, 1e-2, 1e-3))
def _ragged_batch_weighed(strength: float) -> None:
    from keras.src import losses, ops

    original_loss = losses.ALL_OBJECTS_DICT["mean_squared_error"]

    def mean_squared_error(y_true, y_pred):
        per_point = original_loss(y_true, y_pred)
        ragged = ops.cast(ops.shape(per_point)[0] < 32, per_point.dtype)
        return per_point * (1 + strength * ragged)
    losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error


@change("sgd-decay", "SGD's update also shrinks every weight by lr·{strength} a step; weight_decay still reads None",
        strengths=(1e-3, 1e-4, 1e-5, 1e-6))
def _sgd_hidden_decay(strength: float) -> None:
    import keras
    from keras.src import ops

    original = keras.optimizers.SGD.update_step

    def update_step(self, gradient, variable, learning_rate):
        original(self, gradient, variable, learning_rate)
        self.assign_sub(variable, ops.multiply(variable, ops.cast(learning_rate, variable.dtype) * strength))
    keras.optimizers.SGD.update_step = update_step


# Skews of fit's shuffle that keep its shape, graded (approx.tools.skewed_fit): what S10.4's tests must catch.
for _skew in skewed_fit.DRILL:
    _register(Change(f"shuffle-{_skew.name}", _skew.description, CHANGE, _skew.patch, _skew.strengths))


@change("random-streams", "Keras's random streams start elsewhere: keras.utils.set_random_seed(s) seeds s + 1",
        kind=BENIGN)
def _seeds_moved() -> None:
    import keras

    original_seed = keras.utils.set_random_seed
    keras.utils.set_random_seed = lambda seed: original_seed(seed + 1)


# The round-off variants a spec run can inherit from its environment are benign changes: nothing to patch.
for _variant in roundoff.VARIANTS:
    if _variant.environment:
        _register(Change(_variant.name, _variant.describe(), BENIGN, _nothing, environment=_variant.environment))


def patch_from_environment() -> None:
    """Patch the change APPROX_DRILL names, if any: pytest's processes do, and so must any a spec test starts."""
    row = os.environ.get("APPROX_DRILL")
    if row:
        import approx.framework  # noqa: F401  (sets TensorFlow up as every spec process does)

        make(row)


def pytest_configure(config):
    patch_from_environment()
