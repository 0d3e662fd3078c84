# A reproducer's trainings and values (approx repro): each run trained from the seed's saved starting weights and
# batch orders, by one model.fit; each value judged against the baseline's as approx's gate does.
# reproducer.json and data.npz lie beside the script.

import math

BATCH_SIZE = 32  # fit's default, as the article trains


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


# What a trained network computes, read from its weights and outputs (approx.probes.dense, above, does the arithmetic).

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
