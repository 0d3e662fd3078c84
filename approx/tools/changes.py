"""The changes `approx drill` makes to Keras, one at a time, each under the names and settings it keeps.

DRILLS change a behaviour outright, GRADED ones at a strength (`NAME@STRENGTH`),
BENIGN ones alter only round-off or random streams. A drill run loads this
module as a pytest plugin (-p approx.tools.changes) with APPROX_DRILL naming
the row, and pytest_configure patches it into every process before a model
is built.
"""

import os

from approx.training.roundoff import VARIANTS

# The benign kernel and thread rows are the envelope's own variants, set in the environment.
ENVIRONMENT = {v.name: v.environment for v in VARIANTS if v.environment}
DRILLS = {
    "none": "nothing changed: the gate must raise no alarm",
    "tanh": "'tanh' computes x / √(1 + x²): same name, same limits ±1, same slope at 0, another shape",
    "relu": "'relu' leaks: slope 0.05 below zero, still named relu",
    "sgd-nesterov": "SGD(nesterov=True) takes classical momentum steps; nesterov still reads True",
    "he-normal": "'he_normal' draws an untruncated normal of the same variance (no 2σ cut)",
    "glorot-uniform": "'glorot_uniform', Dense's default, draws a normal of the same variance",
    "fit-shuffle": "model.fit stops shuffling by default",
    "predict": "model.predict rounds its outputs through float16; calling the model does not",
    "mse": "the loss named 'mean_squared_error' computes Huber (δ = 1): the same below 1, linear above",
}
# name -> (what changes, with {strength}; the strengths tried, strongest first)
GRADED = {
    "sgd-lr": ("from the second epoch on (step 33), SGD steps at learning rate × (1 + {strength})",
               (1e-2, 1e-3, 1e-4, 1e-5)),
    "sgd-momentum": ("from the second epoch on (step 33), SGD's momentum is × (1 − {strength})", (1e-2, 1e-3, 1e-4)),
    "ragged-batch": ("a batch of fewer than 32 points (each epoch's last) weighs its loss × (1 + {strength})",
                     (1e-1, 1e-2, 1e-3)),
    "sgd-decay": ("SGD's update also shrinks every weight by lr·{strength} a step; weight_decay still reads None",
                  (1e-3, 1e-4, 1e-5, 1e-6)),
}
BENIGN = {
    "random-streams": "Keras's random streams start elsewhere: keras.utils.set_random_seed(s) seeds s + 1",
    "onednn": "TensorFlow runs its oneDNN kernels (TF_ENABLE_ONEDNN_OPTS=1): other round-off",
    "threads-2": "two threads per op (APPROX_THREADS=2): other reduction orders",
}
LATE = 32  # steps of the article's first epoch (1000 points): graded changes start after it


def rows() -> list[str]:
    """Every drill row, in the matrix's order: the unchanged framework, the changes, the graded, the benign."""
    graded = [f"{name}@{strength:g}" for name, (_, strengths) in GRADED.items() for strength in strengths]
    return [*DRILLS, *graded, *BENIGN]


def parse(row: str) -> tuple[str, float | None]:
    """(change, strength) of a row name; a ValueError names what is known."""
    name, _, strength = row.partition("@")
    if name in GRADED and strength:
        try:
            return name, float(strength)
        except ValueError:
            pass
    elif not strength and (name in DRILLS or name in BENIGN):
        return name, None
    raise ValueError(f"unknown drill {row!r}; known: {', '.join([*DRILLS, *BENIGN])},"
                     f" and {', '.join(n + '@STRENGTH' for n in GRADED)}")


def description(row: str) -> str:
    name, strength = parse(row)
    if strength is not None:
        return GRADED[name][0].format(strength=f"{strength:g}")
    return DRILLS.get(name) or BENIGN[name]


def kind(row: str) -> str:
    """'benign' (must pass), 'none' (the unchanged framework) or 'change' (must fail)."""
    name, _ = parse(row)
    return "benign" if name in BENIGN else "none" if name == "none" else "change"


def _patch(row: str) -> None:
    import keras  # approx.framework has set the process up by now: see pytest_configure
    from keras.src import activations, initializers, losses, ops
    from keras.src.backend.tensorflow import trainer

    name, strength = parse(row)
    if name in ("none", *ENVIRONMENT):
        return  # an environment change is made before the process starts (run_one)
    if strength is not None:
        _graded(name, strength)
        return
    if name == "random-streams":
        original_seed = keras.utils.set_random_seed
        keras.utils.set_random_seed = lambda seed: original_seed(seed + 1)
        return
    if name == "tanh":
        def tanh(x):
            x = ops.convert_to_tensor(x)
            return x / ops.sqrt(1.0 + x * x)
        activations.ALL_OBJECTS_DICT["tanh"] = tanh
    elif name == "relu":
        def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
            return ops.leaky_relu(x, 0.05)
        activations.ALL_OBJECTS_DICT["relu"] = relu
    elif name == "sgd-nesterov":
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
    elif name in ("he-normal", "glorot-uniform"):
        cls = initializers.HeNormal if name == "he-normal" else initializers.GlorotUniform
        original_init = cls.__init__

        def __init__(self, *args, **kwargs):
            original_init(self, *args, **kwargs)
            self.distribution = "untruncated_normal"  # VarianceScaling keeps the variance, changes the shape
        cls.__init__ = __init__
    elif name == "fit-shuffle":
        _set_default(keras.Model.fit, "shuffle", False)
    elif name == "predict":
        original_step = trainer.TensorFlowTrainer.predict_step

        def predict_step(self, data):
            outputs = original_step(self, data)
            return ops.cast(ops.cast(outputs, "float16"), outputs.dtype)
        trainer.TensorFlowTrainer.predict_step = predict_step
    elif name == "mse":
        def mean_squared_error(y_true, y_pred):
            return losses.huber(y_true, y_pred, delta=1.0)
        losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error
    else:
        raise ValueError(f"unknown drill {name!r}; known: {', '.join(DRILLS)}")


def _graded(name: str, strength: float) -> None:
    """Patch Keras with the graded change `name` at `strength`."""
    import keras
    from keras.src import losses, ops

    if name in ("sgd-lr", "sgd-decay"):
        original = keras.optimizers.SGD.update_step

        def update_step(self, gradient, variable, learning_rate):
            if name == "sgd-lr":
                late = ops.cast(self.iterations >= LATE, learning_rate.dtype)
                learning_rate = learning_rate * (1 + strength * late)
            original(self, gradient, variable, learning_rate)
            if name == "sgd-decay":
                self.assign_sub(variable, ops.multiply(variable, ops.cast(learning_rate, variable.dtype) * strength))
        keras.optimizers.SGD.update_step = update_step
    elif name == "sgd-momentum":
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
    elif name == "ragged-batch":
        original_loss = losses.ALL_OBJECTS_DICT["mean_squared_error"]

        def mean_squared_error(y_true, y_pred):
            per_point = original_loss(y_true, y_pred)
            ragged = ops.cast(ops.shape(per_point)[0] < 32, per_point.dtype)
            return per_point * (1 + strength * ragged)
        losses.ALL_OBJECTS_DICT["mean_squared_error"] = mean_squared_error


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


def pytest_configure(config):
    name = os.environ.get("APPROX_DRILL")
    if name:
        import approx.framework  # noqa: F401  (sets TensorFlow up as every spec process does)

        _patch(name)
