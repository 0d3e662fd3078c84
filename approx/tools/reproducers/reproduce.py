# The body of a reproducer (approx repro ID): the standard library, numpy and Keras, nothing of approx.
# `approx repro` writes above it the header and the approx.probes modules it needs, and below it the values'
# recipes and the checks; reproducer.json and data.npz, where there are runs to train, lie beside it.

import json
import math
import sys
from pathlib import Path

import keras

HERE = Path(__file__).resolve().parent
SETUP = json.loads((HERE / "reproducer.json").read_text()) if (HERE / "reproducer.json").exists() else {}
DATA = np.load(HERE / "data.npz") if (HERE / "data.npz").exists() else {}
BATCH_SIZE = 32  # fit's default, as the article trains


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


class Batches(keras.utils.PyDataset):
    """Every epoch's points in the saved order, in batches of 32, the last of an epoch ragged."""

    def __init__(self, x, y, orders):
        super().__init__()
        self.x, self.y = x, y
        self.indices = [order[start:start + BATCH_SIZE] for order in orders for start in range(0, len(order), BATCH_SIZE)]

    def __len__(self):
        return len(self.indices)

    def __getitem__(self, i):
        return self.x[self.indices[i]], self.y[self.indices[i]]


_trained = {}


def start(run: str, seed: int) -> list[np.ndarray]:
    """The seed's starting weights for the run's network, as approx drew them: kernel, bias, layer by layer."""
    return [DATA[f"{run}/{seed}/start/{i}"] for i in range(2 * (len(SETUP["runs"][run]["net"]["hidden"]) + 1))]


def trained(run: str, seed: int) -> keras.Sequential:
    """The run's network trained from the seed's saved starting weights, on the seed's saved orders, by model.fit."""
    if (run, seed) not in _trained:
        model = build(SETUP["runs"][run]["net"])
        model.set_weights(start(run, seed))
        x, y = (DATA[f"{run}/{axis}"].astype(np.float32).reshape(-1, 1) for axis in "xy")
        model.fit(Batches(x, y, DATA[f"{run}/{seed}/orders"]), epochs=1, shuffle=False, verbose=0)
        _trained[(run, seed)] = model
    return _trained[(run, seed)]


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


def data(run: str) -> tuple[np.ndarray, np.ndarray]:
    """The run's grid and its target there, in float64: what its values are measured on."""
    return DATA[f"{run}/x"].ravel(), DATA[f"{run}/y"].ravel()


def residual(run: str, seed: int) -> np.ndarray:
    x, y = data(run)
    return predict(trained(run, seed), x) - y


def mse(run: str, seed: int) -> float:
    return float(np.mean(residual(run, seed) ** 2))


def rms_near(run: str, seed: int, places, radius: float) -> float:
    x, _ = data(run)
    near = np.zeros(len(x), dtype=bool)
    for place in places:
        near |= np.abs(x - place) <= radius
    return float(np.sqrt(np.mean(residual(run, seed)[near] ** 2)))


# What a trained network computes, read from its weights and outputs: approx.probes.dense above does the arithmetic.

def gap_from_line(run: str, w: float, b: float) -> float:
    """How far (w, b) is from the least-squares line of the run's data, in the larger of the two."""
    w_ls, b_ls = least_squares_line(*data(run))
    return max(abs(w - w_ls), abs(b - b_ls))


def line_mse(run: str) -> float:
    """The MSE of the least-squares line of the run's data."""
    x, y = data(run)
    w, b = least_squares_line(x, y)
    return float(np.mean((w * x + b - y) ** 2))


def window_share(run: str, seed: int, width: float) -> float:
    x, _ = data(run)
    return worst_window_share(residual(run, seed) ** 2, x[1] - x[0], width)


def slope(model, start: float, stop: float, points: int = 200) -> float:
    """The least-squares slope of the model's outputs over [start, stop]."""
    x = np.linspace(start, stop, points)
    return least_squares_line(x, predict(model, x))[0]


def mse_on(model, label: str) -> float:
    """The MSE on the saved points (x, y) named `label`."""
    return float(np.mean((predict(model, DATA[f"{label}/x"]) - DATA[f"{label}/y"]) ** 2))


def gradient_at_start(run: str, seed: int) -> float:
    """‖∂loss/∂W₁‖ at the seed's starting weights on the run's data (approx.probes.gradients above)."""
    model = build(SETUP["runs"][run]["net"])
    model.set_weights(start(run, seed))
    return first_layer_gradient(model, DATA[f"{run}/x"].astype(np.float32).reshape(-1, 1),
                                DATA[f"{run}/gy"].reshape(-1, 1))


# Judging a value against the baseline's, as approx's gate does (approx.statistics.envelope).

def relative(value: float, reference: float) -> float:
    if not (math.isfinite(value) and math.isfinite(reference)):
        return 0.0 if value == reference else math.inf
    return abs(value - reference) / abs(reference) if reference else abs(value)


def beyond_chance(exceeding: int, seeds: int, chance: float) -> float:
    """The binomial chance of `exceeding` or more of `seeds` beyond δ, each with `chance`, on unchanged behaviour."""
    return sum(math.comb(seeds, k) * chance ** k * (1 - chance) ** (seeds - k) for k in range(exceeding, seeds + 1))


def judged(name: str, values: dict) -> tuple[bool, str]:
    """Whether `name` differs from the baseline here, and the numbers that say so."""
    expected = SETUP["expected"][name]
    baseline = {int(s): v for s, v in expected["baseline"].items()}
    if expected["ulps"] is not None:
        ulp = float(np.spacing(np.float32(abs(expected["ulps"]))))
        worst = max(abs(values[s] - baseline[s]) / ulp for s in baseline)
        return worst > expected["tolerance_ulps"], (f"{worst:.3g} float32 ulps from the baseline at worst"
                                                     f" (round-off allows {expected['tolerance_ulps']})")
    changes = {s: relative(values[s], baseline[s]) for s in baseline}
    exceeding = sum(change > expected["delta"] for change in changes.values())
    p = beyond_chance(exceeding, len(changes), expected["chance"]) if exceeding else 1.0
    return p < SETUP["alpha"], (f"{exceeding} of {len(changes)} seeds beyond ±{expected['delta']:.2%} of the"
                                f" baseline (round-off moves a seed that far with chance ≤ {expected['chance']:.2g};"
                                f" p = {p:.2g}); largest change {max(changes.values()):.2g} of the value")


def checked(check: tuple) -> list[str]:
    """What is wrong with one check here: its problems, seed by seed when it reads trained networks."""
    _, _, run, per_seed, _ = check
    if not per_seed:
        return run()
    return [f"seed {seed}: {problem}" for seed in SETUP["seeds"] for problem in run(seed)]


def here() -> str:
    found = f"keras {keras.__version__} on {keras.backend.backend()}"
    if keras.backend.backend() == "tensorflow":
        import tensorflow

        found += f" {tensorflow.__version__}"
    return found


def main() -> int:
    print(f"baseline: {BASELINE}")
    print(f"here:     {here()}")
    differs = False
    for check in CHECKS:  # first: S10.4's unseeded shuffling must run before anything seeds Keras
        claim, says, _, _, expected = check
        wrong = checked(check)
        outcome = "fails" if wrong else "holds"
        differs |= outcome != expected
        print(f"\n{claim}: {says}")
        print(f"  baseline: {expected}; here: {outcome}{': ' + '; '.join(wrong[:3]) if wrong else ''}")
        print(f"  {'DIFFERS' if outcome != expected else 'same'}")
    for name in SETUP.get("names", []):
        values = {seed: float(RECIPES[name](seed)) for seed in SETUP["seeds"]}
        moved, why = judged(name, values)
        differs |= moved
        print(f"\n{name}: {SETUP['expected'][name]['meaning']}")
        for seed in SETUP["seeds"]:
            print(f"  seed {seed}: baseline {SETUP['expected'][name]['baseline'][str(seed)]:.8g}, here {values[seed]:.8g}")
        print(f"  {'DIFFERS' if moved else 'same'}: {why}")
    print(f"\n{'differs from' if differs else 'as'} the baseline's release")
    return 1 if differs else 0
