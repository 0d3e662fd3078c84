"""What linear networks compute: one affine map, however many layers (S2.1, S11.5).

Stacked linear layers compose: x·W₁ + b₁ fed to ·W₂ + b₂ is x·(W₁W₂) + (b₁W₂ + b₂),
so any depth collapses to a single slope and intercept. The best such map in
the squared-error sense is the least-squares line of the data (S1.3).
"""

import numpy as np

from approx.analysis.reading import dense_weights


def collapse(model) -> tuple[float, float]:
    """(slope, intercept) of the single affine map a linear 1 → … → 1 net computes."""
    slope, intercept = np.eye(1), np.zeros(1)
    for layer in dense_weights(model):
        if layer.activation != "linear":
            raise ValueError(f"only linear layers collapse; found a {layer.activation} layer")
        slope, intercept = slope @ layer.kernel, intercept @ layer.kernel + layer.bias
    return float(slope[0, 0]), float(intercept[0])


def least_squares_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) minimising Σ (slope·x + intercept − y)², in float64."""
    x, y = np.ravel(x).astype(np.float64), np.ravel(y).astype(np.float64)
    dx = x - x.mean()
    slope = float(dx @ (y - y.mean()) / (dx @ dx))
    return slope, float(y.mean() - slope * x.mean())
