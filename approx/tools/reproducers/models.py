# A reproducer's networks (approx repro): built as the article builds them, read through model.predict.

import keras


def build(net: dict, seed: int | None = None) -> keras.Sequential:
    """A network of the article: Dense layers of `hidden` widths, then one linear unit, compiled as it compiles.

    With `seed`, Keras draws its starting weights (keras.utils.set_random_seed) from the net's initialiser.
    """
    if seed is not None:
        keras.utils.set_random_seed(seed)
    init = {"kernel_initializer": net["initialiser"]} if net.get("initialiser") else {}
    layers = [keras.Input(shape=(1,))]
    layers += [keras.layers.Dense(width, activation=net["activation"], **init) for width in net["hidden"]]
    layers.append(keras.layers.Dense(1, **init))
    model = keras.Sequential(layers)
    sgd = net["optimiser"]
    optimiser = keras.optimizers.SGD(**{k: v for k, v in sgd.items() if v is not None})
    model.compile(loss="mean_squared_error", optimizer=optimiser)
    return model


def predict(model, x) -> np.ndarray:
    """model.predict at x, flat, in float64."""
    return outputs(model, x).ravel()


def outputs(model, x) -> np.ndarray:
    """model.predict at x (a column or flat), as a float64 column."""
    return np.asarray(model.predict(np.asarray(x, np.float32).reshape(-1, 1), verbose=0), np.float64)


def on(model, check):
    """`check(model)`: a check of one model built in a line of CHECKS."""
    return check(model)


def column(start: float, stop: float, points: int) -> np.ndarray:
    """`points` evenly spaced x on [start, stop], as a column."""
    return np.linspace(start, stop, points).reshape(-1, 1)


def hidden(model, x) -> np.ndarray:
    """The first layer's output as Keras computes it (its own activation), in float64."""
    return np.asarray(keras.ops.convert_to_numpy(model.layers[0](np.asarray(x, np.float32))), np.float64)
