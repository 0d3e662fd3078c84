"""How much gradient reaches the first layer of a deep stack at initialisation (S9.2).

In a stack of tanh layers the loss gradient for the first kernel is a product
of one Jacobian per layer above it; each factor carries tanh′ ≤ 1, so as
depth grows the product tends to shrink: the vanishing gradient the article
warns of in its closing note.
"""

import numpy as np

from approx.framework import tf
from approx.article.nets import Net
from approx.article.targets import Grid, target


def first_layer_gradient(net: Net, target_name: str, grid: Grid, seed: int) -> float:
    """‖∂loss/∂W₁‖ of a freshly initialised `net`, on the whole grid, through Keras's loss."""
    model = net.build(seed=seed)
    x = grid.x().astype(np.float32)
    y = target(target_name)(x).astype(np.float32)
    x, y = tf.constant(x), tf.constant(y)  # tensors, not arrays: Keras 2's compute_loss reads their rank
    kernel = model.layers[0].kernel
    # The tape watches TensorFlow variables: Keras 3 wraps one (its .value), in Keras 2 the kernel is one.
    watched = kernel if isinstance(kernel, tf.Variable) else kernel.value
    with tf.GradientTape() as tape:
        loss = model.compute_loss(x=x, y=y, y_pred=model(x, training=True))
    return float(tf.norm(tape.gradient(loss, watched)))
