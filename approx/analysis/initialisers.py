"""Keras's own initialisers, drawn as the article's cells draw them (S6.3, S10.3).

What each name promises is approx.article.initialisers'; this module draws
from Keras, so that the spec can hold the one against the other.
"""

import numpy as np
from scipy import stats

from approx.article.initialisers import DEFAULT, TRUNCATION, cut, expected_std, spread
from approx.framework import array, keras


def draw(name: str, fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """A (fan_in, fan_out) kernel drawn by Keras's initialiser `name`, seeded."""
    spread(name, fan_in, fan_out)  # validates the name
    initialiser = type(keras.initializers.get(name))(seed=seed)
    return array(initialiser((fan_in, fan_out)), np.float64)


def stack(name: str | None, widths: tuple[int, ...], seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(kernel, bias) of each Dense layer of a Keras stack on widths[0] inputs, initialised by Keras (seeded).

    `name` None leaves Dense's default initialiser, as the article's plain cells do.
    """
    keras.utils.set_random_seed(seed)
    init = {} if name is None else {"kernel_initializer": name}
    model = keras.Sequential([keras.Input(shape=(widths[0],))] + [keras.layers.Dense(w, **init) for w in widths[1:]])
    return [(array(layer.kernel, np.float64), array(layer.bias, np.float64)) for layer in model.layers]


def shape_p(kernel: np.ndarray, name: str) -> float:
    """Kolmogorov–Smirnov p-value of the kernel's entries against the distribution `name` documents."""
    distribution, parameter = spread(name, *kernel.shape)
    if distribution == "uniform":
        law = stats.uniform(loc=-parameter, scale=2 * parameter)
    else:
        law = stats.truncnorm(-TRUNCATION, TRUNCATION, scale=parameter)
    return float(stats.kstest(kernel.ravel(), law.cdf).pvalue)


def neighbour_correlations(kernel: np.ndarray) -> tuple[float, float]:
    """Correlation of each entry with the next unit's (along a row) and the next input's (down a column)."""
    across_units = np.corrcoef(kernel[:, :-1].ravel(), kernel[:, 1:].ravel())[0, 1]
    across_inputs = np.corrcoef(kernel[:-1, :].ravel(), kernel[1:, :].ravel())[0, 1]
    return float(across_units), float(across_inputs)


def layer_correlation(first: np.ndarray, second: np.ndarray) -> float:
    """Correlation of two layers' kernels over the block they share: two layers drawn alike would give 1."""
    rows, cols = min(first.shape[0], second.shape[0]), min(first.shape[1], second.shape[1])
    return float(np.corrcoef(first[:rows, :cols].ravel(), second[:rows, :cols].ravel())[0, 1])


LAYERS = (400, 600, 600)  # two Dense layers of 240,000 and 360,000 draws: the kernels the checks read
SHAPE_P = 1e-6  # a KS p-value below this is a changed distribution, not chance (once in a million releases)
CORRELATION_Z = 6.0  # a correlation beyond 6 standard errors (1/√n) is dependence, not chance (p ≈ 2e-9)


def findings(name: str | None, seed: int = 0) -> dict[str, float]:
    """What a Keras stack initialised by `name` (None: Dense's default) shows, as named numbers."""
    law = name or DEFAULT
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


def departures(found: dict[str, float], std_rtol: float, tolerance, bounds: bool = True) -> list[str]:
    """The ways `found` (from `findings`) departs from the documented distribution; empty when it does not.

    `bounds=False` leaves out whether a weight lies beyond the cut, for a
    caller that checks the cut on its own, on more draws.
    """
    out = []
    if abs(found["std / promised"] - 1) > std_rtol:
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
