"""What each tanh unit does (In [178]-[180], S7).

A 1 → n → 1 tanh net outputs

    f(x) = Σᵢ w′ᵢ · tanh(wᵢ x + bᵢ) + b

so the prediction splits exactly into n per-neuron terms plus the output
bias. Unit i is centred where its argument is zero, x = −bᵢ/wᵢ; far from its
centre tanh saturates to ±1 and the term is the constant ±w′ᵢ.
"""

import numpy as np

from approx.analysis.reading import one_hidden_layer


def terms(model, x: np.ndarray) -> np.ndarray:
    """(len(x), n): column i is w′ᵢ·tanh(wᵢx + bᵢ), in float64 from the weights."""
    w, b, w_out, _ = one_hidden_layer(model, "tanh")
    return w_out * np.tanh(np.ravel(x)[:, None] * w + b)


def recompose(model, x: np.ndarray) -> np.ndarray:
    """Σ terms + output bias, as a column: what the net should predict."""
    _, _, _, b_out = one_hidden_layer(model, "tanh")
    return (terms(model, x).sum(axis=1) + b_out).reshape(-1, 1)


def article_terms(model, x: np.ndarray) -> np.ndarray:
    """The terms as the article's helper of In [178] computes them: each carries the output bias."""
    _, _, _, b_out = one_hidden_layer(model, "tanh")
    return terms(model, x) + b_out


def centres(model) -> np.ndarray:
    """x = −bᵢ/wᵢ, where each unit is half way between its two saturation levels."""
    w, b, _, _ = one_hidden_layer(model, "tanh")
    return -b / w


def transitions(model) -> np.ndarray:
    """2/|wᵢ|: the width in x over which each unit goes from −0.76 to +0.76 (its argument from −1 to 1)."""
    w, _, _, _ = one_hidden_layer(model, "tanh")
    return 2 / np.abs(w)


def unit_slopes(model, x) -> np.ndarray:
    """(len(x), n): |d tanh(wᵢx + bᵢ)/dx| = |wᵢ|·sech²(wᵢx + bᵢ), how fast each unit still changes at x."""
    w, b, _, _ = one_hidden_layer(model, "tanh")
    return np.abs(w) / np.cosh(np.ravel(np.asarray(x, float))[:, None] * w + b) ** 2


def still_from(model, slope: float) -> float:
    """The smallest distance D such that at every |x| ≥ D every unit's slope is under `slope`.

    Unit i's slope |wᵢ|·sech²(wᵢx + bᵢ) is under `slope` where its argument
    is beyond u = arccosh(√(|wᵢ|/slope)), that is outside the interval
    between (−u − bᵢ)/wᵢ and (u − bᵢ)/wᵢ; a unit with |wᵢ| ≤ `slope` is
    still everywhere.
    """
    w, b, _, _ = one_hidden_layer(model, "tanh")
    moving = np.abs(w) > slope
    u = np.arccosh(np.sqrt(np.abs(w[moving]) / slope))
    ends = np.abs(np.concatenate([(u - b[moving]) / w[moving], (-u - b[moving]) / w[moving]]))
    return float(ends.max()) if ends.size else 0.0
