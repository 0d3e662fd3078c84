# The body of a measure's reproducer (approx repro NAME): the standard library, numpy and Keras, nothing of approx.
# `approx repro` writes the header above it and the values' recipes below; reproducer.json and data.npz lie beside it.

import json
import math
import sys
from pathlib import Path

import numpy as np
import keras

HERE = Path(__file__).resolve().parent
SETUP = json.loads((HERE / "reproducer.json").read_text())
DATA = np.load(HERE / "data.npz")
BATCH_SIZE = 32  # fit's default, as the article trains


def build(net: dict) -> keras.Sequential:
    """The run's network: Dense layers of `hidden` widths, then one linear unit, compiled as the article compiles."""
    layers = [keras.Input(shape=(1,))]
    layers += [keras.layers.Dense(width, activation=net["activation"]) for width in net["hidden"]]
    layers.append(keras.layers.Dense(1))
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
    return np.asarray(model.predict(np.asarray(x, np.float32), verbose=0), np.float64).ravel()


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


# What a trained network computes, read from its weights (as approx.analysis reads it).

def layers(model) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """(kernel, bias, activation) of each Dense layer, input side first, in float64."""
    return [(np.asarray(layer.get_weights()[0], np.float64), np.asarray(layer.get_weights()[1], np.float64),
             layer.activation.__name__) for layer in model.layers]


def collapse(model) -> tuple[float, float]:
    """(slope, intercept) of the one line a stack of linear layers draws."""
    slope, intercept = np.eye(1), np.zeros(1)
    for kernel, bias, _ in layers(model):
        slope, intercept = slope @ kernel, intercept @ kernel + bias
    return float(slope[0, 0]), float(intercept[0])


def least_squares_line(x, y) -> tuple[float, float]:
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean()) / (dx @ dx))
    return slope, float(y.mean() - slope * x.mean())


def gap_from_line(run: str, w: float, b: float) -> float:
    """How far (w, b) is from the least-squares line of the run's data, in the larger of the two."""
    w_ls, b_ls = least_squares_line(*data(run))
    return max(abs(w - w_ls), abs(b - b_ls))


def line_mse(run: str) -> float:
    x, y = data(run)
    w, b = least_squares_line(x, y)
    return float(np.mean((w * x + b - y) ** 2))


def window_share(run: str, seed: int, width: float) -> float:
    """The largest share of the squared error that any stretch `width` wide of the run's grid holds."""
    x, _ = data(run)
    squared = residual(run, seed) ** 2
    points = int(round(width / (x[1] - x[0]))) + 1
    total = np.concatenate([[0.0], np.cumsum(squared)])
    return float((total[points:] - total[:-points]).max() / total[-1])


def units(model) -> tuple[np.ndarray, np.ndarray]:
    """(w, b) of each unit of a 1 → n → 1 net's hidden layer."""
    (kernel, bias, _), _ = layers(model)
    return kernel[0], bias


def centres(model) -> np.ndarray:
    w, b = units(model)
    return -b / w


def transitions(model) -> np.ndarray:
    return 2 / np.abs(units(model)[0])


def apart(model, distance: float) -> float:
    """The share of units centred `distance` or more from every other unit."""
    gaps = np.diff(np.sort(centres(model)))
    nearest = np.minimum(np.concatenate([[np.inf], gaps]), np.concatenate([gaps, [np.inf]]))
    return float(np.mean(nearest >= distance))


def unit_slopes(model, x) -> np.ndarray:
    w, b = units(model)
    return np.abs(w) / np.cosh(np.asarray(x, float)[:, None] * w + b) ** 2


def still_at(model, at: float, slope: float) -> float:
    """The share of units whose slope is under `slope` at both −at and at."""
    return float(np.mean((unit_slopes(model, (-at, at)) < slope).all(axis=0)))


def still_from(model, slope: float) -> float:
    """The smallest D such that at every |x| ≥ D every unit's slope is under `slope`."""
    w, b = units(model)
    moving = np.abs(w) > slope
    u = np.arccosh(np.sqrt(np.abs(w[moving]) / slope))
    ends = np.abs(np.concatenate([(u - b[moving]) / w[moving], (-u - b[moving]) / w[moving]]))
    return float(ends.max()) if ends.size else 0.0


def slope(model, start: float, stop: float, points: int = 200) -> float:
    x = np.linspace(start, stop, points)
    return least_squares_line(x, predict(model, x))[0]


def rms_slope(model, x) -> float:
    return float(np.sqrt(np.mean(np.gradient(predict(model, x), x) ** 2)))


def mse_on(model, label: str) -> float:
    """The MSE on saved points (x, y) named `label`."""
    return float(np.mean((predict(model, DATA[f"{label}/x"]) - DATA[f"{label}/y"]) ** 2))


def stack_breakpoints(model, start: float, stop: float) -> np.ndarray:
    """Where a ReLU stack's output changes slope on (start, stop), exactly, from its weights."""
    parts = [(start, stop, np.ones(1), np.zeros(1))]
    for kernel, bias, activation in layers(model):
        affine = [(lo, hi, s @ kernel, c @ kernel + bias) for lo, hi, s, c in parts]
        if activation == "linear":
            parts = affine
            continue
        parts = []
        for lo, hi, s, c in affine:
            with np.errstate(divide="ignore", invalid="ignore"):
                roots = -c / s
            splits = np.unique(roots[(s != 0) & (roots > lo) & (roots < hi)])
            edges = np.concatenate([[lo], splits, [hi]])
            for left, right in zip(edges[:-1], edges[1:]):
                on = (s * (left + right) / 2 + c) > 0
                parts.append((left, right, np.where(on, s, 0.0), np.where(on, c, 0.0)))
    slopes = np.array([s[0] for _, _, s, _ in parts])
    edges = np.array([hi for _, hi, _, _ in parts[:-1]])
    return edges[~np.isclose(slopes[:-1], slopes[1:], rtol=0, atol=1e-12)]


GRADIENT_STEP = 2.0**20  # η·g dwarfs the starting kernel; a power of two divides out exactly


def first_layer_gradient(run: str, seed: int) -> float:
    """‖∂loss/∂W₁‖ at the seed's starting weights on the run's data, read through one SGD step of Keras's own."""
    model = build(SETUP["runs"][run]["net"])
    model.set_weights(start(run, seed))
    model.compile(loss="mean_squared_error", optimizer=keras.optimizers.SGD(learning_rate=GRADIENT_STEP))
    x, y = DATA[f"{run}/x"].astype(np.float32).reshape(-1, 1), DATA[f"{run}/gy"].reshape(-1, 1)
    before = model.layers[0].get_weights()[0]
    model.train_on_batch(x, y)
    after = model.layers[0].get_weights()[0]
    return float(np.linalg.norm((before.astype(np.float64) - after) / GRADIENT_STEP))


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


def main() -> int:
    here = f"keras {keras.__version__} on {keras.backend.backend()}"
    if keras.backend.backend() == "tensorflow":
        import tensorflow

        here += f" {tensorflow.__version__}"
    print(f"baseline: {SETUP['baseline']}")
    print(f"here:     {here}")
    differs = False
    for name in SETUP["names"]:
        values = {seed: float(RECIPES[name](seed)) for seed in SETUP["seeds"]}
        moved, why = judged(name, values)
        differs |= moved
        print(f"\n{name}: {SETUP['expected'][name]['meaning']}")
        for seed in SETUP["seeds"]:
            print(f"  seed {seed}: baseline {SETUP['expected'][name]['baseline'][str(seed)]:.8g}, here {values[seed]:.8g}")
        print(f"  {'DIFFERS' if moved else 'same'}: {why}")
    print(f"\n{'differs from' if differs else 'as'} the baseline's release")
    return 1 if differs else 0
