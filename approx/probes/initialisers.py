"""What each initialiser name promises, as Keras documents it, and Keras's own draws held against it (S6.3, S10.3).

    n = fan_in, fan_out or (fan_in + fan_out)/2, by the name's mode
    uniform:           U(−limit, limit), limit = √(3·scale/n), so std = limit/√3
    truncated normal:  N(0, σ²) cut at ±2σ, σ = √(scale/n) / 0.8796…, so what is left has std √(scale/n)

glorot_* take scale 1 over the average fan, he_* scale 2 over fan_in,
lecun_* scale 1 over fan_in. approx.training.draws draws the starting
weights from these promises; the checks below draw from Keras and measure.
The Kolmogorov–Smirnov test is written out in numpy, with the asymptotic
Kolmogorov distribution, so that the module stays standalone (numpy, Keras
and approx.probes.dense) for the spec and `approx repro`.
"""

import math

import numpy as np
import keras

from approx.probes.dense import tolerance
from approx.probes.tensors import to_numpy

# name -> (scale, mode, distribution)
VARIANCE = {
    "glorot_uniform": (1.0, "fan_avg", "uniform"),
    "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"),
    "he_normal": (2.0, "fan_in", "truncated_normal"),
    "lecun_uniform": (1.0, "fan_in", "uniform"),
    "lecun_normal": (1.0, "fan_in", "truncated_normal"),
}
DEFAULT_INITIALISER = "glorot_uniform"  # Dense's kernel default, the article's when it names none (S10.3 checks it)
TRUNCATION = 2.0  # truncated normals are cut at ±2 of the underlying normal's std
TRUNCATED_STD = 0.87962566103423978  # std of a unit normal cut at ±2: Keras widens by its inverse


def spread(name: str, fan_in: int, fan_out: int) -> tuple[str, float]:
    """(distribution, parameter) of a (fan_in, fan_out) kernel: the uniform's limit, or σ before the cut."""
    if name not in VARIANCE:
        raise ValueError(f"unknown initialiser {name!r}; known: {', '.join(VARIANCE)}")
    scale, mode, distribution = VARIANCE[name]
    fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
    scale /= max(1.0, fan)
    if distribution == "uniform":
        return distribution, math.sqrt(3.0 * scale)
    return distribution, math.sqrt(scale) / TRUNCATED_STD


def expected_std(name: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation the initialiser's name promises for a (fan_in, fan_out) kernel."""
    distribution, parameter = spread(name, fan_in, fan_out)
    return parameter / math.sqrt(3) if distribution == "uniform" else parameter * TRUNCATED_STD


def cut(name: str, fan_in: int, fan_out: int) -> float:
    """The largest |weight| the name allows: the uniform's limit, or the normal's 2σ."""
    distribution, parameter = spread(name, fan_in, fan_out)
    return parameter if distribution == "uniform" else TRUNCATION * parameter

LAYERS = (400, 600, 600)  # two Dense layers of 240,000 and 360,000 draws: the kernels the checks read
FAN = (400, 600)  # one kernel of 240,000 draws: its std is estimated to ±0.15% (one standard error)
WIDE_FAN = (2000, 1000)  # 2,000,000 draws: a flaw of 4 in a million shows about 9 times
STD_RTOL = 0.01  # ≥ 6 standard errors: a true deviation of 1% is a changed initialiser
SHAPE_P = 1e-6  # a KS p-value below this is a changed distribution, not chance (once in a million releases)
CORRELATION_Z = 6.0  # a correlation beyond 6 standard errors (1/√n) is dependence, not chance (p ≈ 2e-9)


def draw(name: str, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """A (fan_in, fan_out) kernel drawn by Keras's initialiser `name`, seeded."""
    spread(name, fan_in, fan_out)  # validates the name
    initialiser = type(keras.initializers.get(name))(seed=seed)
    return to_numpy(initialiser((fan_in, fan_out)), np.float64)


def stack(name: str | None, widths: tuple[int, ...], seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(kernel, bias) of each Dense layer of a Keras stack on widths[0] inputs, initialised by Keras (seeded).

    `name` None leaves Dense's default initialiser, as the article's plain cells do.
    """
    keras.utils.set_random_seed(seed)
    init = {} if name is None else {"kernel_initializer": name}
    model = keras.Sequential([keras.Input(shape=(widths[0],))] + [keras.layers.Dense(w, **init) for w in widths[1:]])
    return [tuple(to_numpy(v, np.float64) for v in (layer.kernel, layer.bias))
            for layer in model.layers]


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))


def law_cdf(name: str, fan_in: int, fan_out: int):
    """The cumulative distribution function the name documents for a (fan_in, fan_out) kernel."""
    distribution, parameter = spread(name, fan_in, fan_out)
    if distribution == "uniform":
        return lambda w: np.clip((w + parameter) / (2 * parameter), 0.0, 1.0)
    low, high = _normal_cdf(np.array([-TRUNCATION, TRUNCATION]))
    return lambda w: np.clip((_normal_cdf(np.clip(w / parameter, -TRUNCATION, TRUNCATION)) - low) / (high - low), 0, 1)


def kolmogorov_sf(t: float) -> float:
    """P(K > t) for the Kolmogorov distribution: 2 Σₖ (−1)^(k−1) e^(−2k²t²)."""
    if t < 0.2:
        return 1.0
    return float(min(1.0, max(0.0, 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * t * t) for k in range(1, 101)))))


def shape_p(kernel: np.ndarray, name: str) -> float:
    """Kolmogorov–Smirnov p-value (asymptotic) of the kernel's entries against the distribution `name` documents."""
    values = np.sort(kernel.ravel())
    n = len(values)
    cdf = law_cdf(name, *kernel.shape)(values)
    ranks = np.arange(1, n + 1) / n
    distance = max(float(np.max(ranks - cdf)), float(np.max(cdf - (ranks - 1 / n))))
    return kolmogorov_sf(distance * math.sqrt(n))


def neighbour_correlations(kernel: np.ndarray) -> tuple[float, float]:
    """Correlation of each entry with the next unit's (along a row) and the next input's (down a column)."""
    across_units = np.corrcoef(kernel[:, :-1].ravel(), kernel[:, 1:].ravel())[0, 1]
    across_inputs = np.corrcoef(kernel[:-1, :].ravel(), kernel[1:, :].ravel())[0, 1]
    return float(across_units), float(across_inputs)


def layer_correlation(first: np.ndarray, second: np.ndarray) -> float:
    """Correlation of two layers' kernels over the block they share: two layers drawn alike would give 1."""
    rows, cols = min(first.shape[0], second.shape[0]), min(first.shape[1], second.shape[1])
    return float(np.corrcoef(first[:rows, :cols].ravel(), second[:rows, :cols].ravel())[0, 1])


def findings(name: str | None, seed: int = 0) -> dict[str, float]:
    """What a Keras stack initialised by `name` (None: Dense's default) shows, as named numbers."""
    law = name or DEFAULT_INITIALISER
    (first, first_bias), (second, second_bias) = stack(name, LAYERS, seed)
    units, inputs = neighbour_correlations(first)
    return {"std / promised": first.std() / expected_std(law, *first.shape),
            "largest |w| / cut": np.abs(first).max() / cut(law, *first.shape),
            "largest |w| / cut, second layer": np.abs(second).max() / cut(law, *second.shape),
            "KS p, first layer": shape_p(first, law), "KS p, second layer": shape_p(second, law),
            "correlation with the next unit (z)": units * np.sqrt(first.size),
            "correlation with the next input (z)": inputs * np.sqrt(first.size),
            "correlation of the two layers (z)": layer_correlation(first, second) * np.sqrt(first.size),
            "largest |bias|": max(np.abs(first_bias).max(), np.abs(second_bias).max())}


def departures(found: dict[str, float], bounds: bool = True) -> list[str]:
    """The ways `found` (from `findings`) departs from the documented distribution; empty when it does not.

    `bounds=False` leaves out whether a weight lies beyond the cut, for a
    caller that checks the cut on its own, on more draws.
    """
    out = []
    if abs(found["std / promised"] - 1) > STD_RTOL:
        out.append(f"std is {found['std / promised']:.4f} of the promised one")
    for key in ("largest |w| / cut", "largest |w| / cut, second layer") if bounds else ():
        if found[key] > 1 + tolerance(1.0):
            out.append(f"{key} = {found[key]:.6f}: a weight beyond the cut")
    for key in ("KS p, first layer", "KS p, second layer"):
        if found[key] < SHAPE_P:
            out.append(f"{key} = {found[key]:.2g}: not the documented shape")
    for key in ("correlation with the next unit (z)", "correlation with the next input (z)",
                "correlation of the two layers (z)"):
        if abs(found[key]) > CORRELATION_Z:
            out.append(f"{key} = {found[key]:.3g} standard errors: the draws depend on one another")
    if found["largest |bias|"] != 0:
        out.append(f"a bias starts at {found['largest |bias|']:.3g}, not 0")
    return out


def spread_as_promised(name: str) -> list[str]:
    """S6.3: a 400 × 600 kernel has the promised std to 1%, tails reaching the cut, and mean 0 (5 standard errors)."""
    kernel = draw(name, *FAN, seed=0)
    std = expected_std(name, *FAN)
    out = [] if abs(kernel.std() / std - 1) <= STD_RTOL else [f"std {kernel.std():.5g}, promised {std:.5g}"]
    if np.abs(kernel).max() < 0.99 * cut(name, *FAN):
        out.append(f"the largest |w|, {np.abs(kernel).max():.4g}, falls short of the cut {cut(name, *FAN):.4g}")
    if abs(kernel.mean()) >= 5 * std / np.sqrt(kernel.size):
        out.append(f"mean {kernel.mean():.3g}, more than 5 standard errors from 0")
    return out


def beyond_the_cut(name: str) -> tuple[int, list[str]]:
    """S6.3: how many of a 2000 × 1000 kernel's weights lie beyond the cut at 2σ, and what is wrong if any does."""
    kernel = draw(name, *WIDE_FAN, seed=0)
    limit = cut(name, *WIDE_FAN)
    beyond = int(np.sum(np.abs(kernel) > limit + tolerance(limit)))
    return beyond, ([] if beyond == 0 else [f"{beyond} of {kernel.size} weights lie beyond ±{limit:.4g}"
                                            f" (the largest: {np.abs(kernel).max():.4g})"])


def zero_biases(models) -> list[str]:
    """S6.3: every bias of the built models is 0."""
    return [f"{model.name}'s layer {i} starts with a bias of {np.abs(layer.get_weights()[1]).max():.3g}"
            for model in models for i, layer in enumerate(model.layers) if np.any(layer.get_weights()[1] != 0)]


def glorot_uniform_by_default() -> list[str]:
    """S10.3: a default Dense(600) on 400 inputs lies within ±√(6/1000), std that limit/√3 to 1%, biases 0."""
    keras.utils.set_random_seed(0)
    layer = keras.layers.Dense(FAN[1])
    layer.build((None, FAN[0]))
    kernel, bias = (np.asarray(v, np.float64) for v in layer.get_weights())
    limit = math.sqrt(6 / sum(FAN))
    out = [] if np.abs(kernel).max() <= limit + tolerance(limit) else [f"a weight lies beyond ±{limit:.4g}"]
    if abs(kernel.std() / expected_std("glorot_uniform", *FAN) - 1) > STD_RTOL:
        out.append(f"std {kernel.std():.5g}, glorot_uniform's {expected_std('glorot_uniform', *FAN):.5g}")
    return out + ([] if np.all(bias == 0) else ["a bias does not start at 0"])
