"""What a seed means: a net's starting weights and each epoch's batch order, drawn by approx itself.

Keras's random streams are not what the article is about, and they change
between releases and backends (Keras 3 seeds its initialisers and fit's
shuffle unlike Keras 2; PyTorch and JAX draw unlike TensorFlow). So that a
seed is the same training on every release, backend and CPU, approx draws
both itself, with numpy's counter-based Philox generator keyed by the seed
and by what is drawn:

- **starting weights**, from the distribution Keras documents for each
  initialiser (approx.probes.initialisers), zero biases, loaded with
  `set_weights`;
- **batch orders**, a fresh permutation of all points every epoch, which the
  trainer feeds to `model.fit` in batches of 32, the last one ragged.

Everything after the draw is Keras's: its layers, loss, optimiser and fit
loop. What Keras itself draws stays under test, directly: S6.3 and S10.3
check its initialisers on large draws, S10.4 fit's own shuffling.

Philox's raw stream is fixed by its key; numpy turns it into uniforms with
integer arithmetic and into normals by table lookups, so the draws are the
same bits on every CPU (tests/training/test_draws.py pins a few).
"""

import numpy as np

from approx.probes.initialisers import DEFAULT_INITIALISER, TRUNCATION, spread

# Philox keys are two 64-bit words: the seed, and what the stream is for.
WEIGHTS, ORDER, NUDGE = 1, 2, 3


def generator(seed: int, stream: int) -> np.random.Generator:
    """The generator of `stream` for `seed`: independent of every other seed and stream."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**64:
        raise ValueError(f"a seed is a whole number in [0, 2**64), got {seed!r}")
    return np.random.Generator(np.random.Philox(key=np.array([seed, stream], dtype=np.uint64)))


def truncated_normal(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Standard normals cut at ±TRUNCATION: every draw outside is drawn again, until none is."""
    values = rng.standard_normal(shape)
    outside = np.abs(values) >= TRUNCATION
    while outside.any():
        values[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(values) >= TRUNCATION
    return values


def kernel(rng: np.random.Generator, initialiser: str, fan_in: int, fan_out: int) -> np.ndarray:
    """A (fan_in, fan_out) float32 kernel drawn from `initialiser`'s documented distribution."""
    distribution, parameter = spread(initialiser, fan_in, fan_out)
    if distribution == "uniform":
        values = rng.uniform(-parameter, parameter, (fan_in, fan_out))
    else:
        values = parameter * truncated_normal(rng, (fan_in, fan_out))
    return values.astype(np.float32)


def widths(net) -> list[int]:
    """Units of each Dense layer from the input on: 1, the hidden widths, 1."""
    return [1, *net.hidden, 1]


def starting_weights(net, seed: int) -> list[np.ndarray]:
    """The weights `seed` starts `net` from, in `model.get_weights()` order: kernel, bias, layer by layer."""
    rng = generator(seed, WEIGHTS)
    initialiser = net.initialiser or DEFAULT_INITIALISER
    units = widths(net)
    weights = []
    for fan_in, fan_out in zip(units, units[1:]):
        weights += [kernel(rng, initialiser, fan_in, fan_out), np.zeros(fan_out, np.float32)]
    return weights


def batch_orders(seed: int, epochs: int, points: int) -> np.ndarray:
    """(epochs, points): each epoch's order of the points, a fresh permutation drawn for every epoch."""
    rng = generator(seed, ORDER)
    return np.stack([rng.permutation(points) for _ in range(epochs)])


def nudged(weights: list[np.ndarray], seed: int, variant: int) -> list[np.ndarray]:
    """`weights` with every kernel entry moved one float32 ulp up or down, at random (variant: which draw).

    A change of round-off and nothing else: the envelope of the paired gate
    retrains from such starts (approx.statistics.envelope). Biases start at
    zero, where one ulp would be a denormal, so they are left as they are.
    """
    rng = generator(seed, NUDGE << 32 | variant)
    moved = []
    for i, w in enumerate(weights):
        if i % 2:  # a bias
            moved.append(w.copy())
            continue
        up = rng.random(w.shape) < 0.5
        moved.append(np.where(up, np.nextafter(w, np.float32(np.inf)), np.nextafter(w, np.float32(-np.inf))))
    return moved
