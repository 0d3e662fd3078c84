"""What each tanh unit does (In [178]-[180], S7).

A 1 → n → 1 tanh net outputs

    f(x) = Σᵢ w′ᵢ · tanh(wᵢ x + bᵢ) + b

so the prediction splits exactly into n per-neuron terms plus the output
bias. Unit i is centred where its argument is zero, x = −bᵢ/wᵢ; far from its
centre tanh saturates to ±1 and the term is the constant ±w′ᵢ.
"""

import numpy as np

from approx.analysis.reading import dense_weights, one_hidden_layer
from approx.probes import dense


def terms(model, x: np.ndarray) -> np.ndarray:
    """(len(x), n): column i is w′ᵢ·tanh(wᵢx + bᵢ), in float64 from the weights."""
    return dense.tanh_terms(dense_weights(model), x)


def recompose(model, x: np.ndarray) -> np.ndarray:
    """Σ terms + output bias, as a column: what the net should predict."""
    return dense.tanh_recompose(dense_weights(model), x)


def article_terms(model, x: np.ndarray) -> np.ndarray:
    """The terms as the article's helper of In [178] computes them: each carries the output bias."""
    _, _, _, b_out = one_hidden_layer(model, "tanh")
    return terms(model, x) + b_out


def centres(model) -> np.ndarray:
    """x = −bᵢ/wᵢ, where each unit is half way between its two saturation levels."""
    return dense.centres(dense_weights(model))


def transitions(model) -> np.ndarray:
    """2/|wᵢ|: the width in x over which each unit goes from −0.76 to +0.76 (its argument from −1 to 1)."""
    return dense.transitions(dense_weights(model))


def unit_slopes(model, x) -> np.ndarray:
    """(len(x), n): |d tanh(wᵢx + bᵢ)/dx| = |wᵢ|·sech²(wᵢx + bᵢ), how fast each unit still changes at x."""
    return dense.unit_slopes(dense_weights(model), x)


def still_from(model, slope: float) -> float:
    """The smallest distance D such that at every |x| ≥ D every unit's slope is under `slope`."""
    return dense.still_from(dense_weights(model), slope)
