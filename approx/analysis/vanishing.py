"""How much gradient reaches the first layer of a deep stack at initialisation (S9.2).

In a stack of tanh layers the loss gradient for the first kernel is a product
of one Jacobian per layer above it; each factor carries tanh′ ≤ 1, so as
depth grows the product tends to shrink: the vanishing gradient the article
warns of in its closing note.

The gradient is read through Keras's own training step, on every backend
alike: one plain SGD step on the whole grid moves the kernel by −η·g. With
η a large power of two, η·g dwarfs the initial kernel, so (W₀ − W₁)/η is g
to float32 rounding, and scaling by η loses nothing.
"""

import numpy as np

from approx.article.nets import Net
from approx.article.targets import Grid, target
from approx.probes import gradients


def first_layer_gradient(net: Net, target_name: str, grid: Grid, start: list[np.ndarray]) -> float:
    """‖∂loss/∂W₁‖ of `net` at its starting weights `start`, on the whole grid, through Keras's loss and training step."""
    model = net.build(compiled=False)
    model.set_weights(start)
    x = grid.x().astype(np.float32)
    return gradients.first_layer_gradient(model, x, target(target_name)(x).astype(np.float32))
