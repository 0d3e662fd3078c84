"""What linear networks compute: one affine map, however many layers (S2.1, S11.5).

Stacked linear layers compose: x·W₁ + b₁ fed to ·W₂ + b₂ is x·(W₁W₂) + (b₁W₂ + b₂),
so any depth collapses to a single slope and intercept. The best such map in
the squared-error sense is the least-squares line of the data (S1.3).
"""

from approx.analysis.reading import dense_weights
from approx.probes import dense


def collapse(model) -> tuple[float, float]:
    """(slope, intercept) of the single affine map a linear 1 → … → 1 net computes."""
    return dense.collapse(dense_weights(model))


least_squares_line = dense.least_squares_line  # (slope, intercept) minimising Σ (slope·x + intercept − y)²
