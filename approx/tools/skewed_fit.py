"""Patches that skew `model.fit`'s shuffle, keeping its shape: the drill's graded shuffle changes.

Keras 3 draws fit's order for arrays in its ArrayDataAdapter
(keras/src/trainers/data_adapters/array_data_adapter.py), once per epoch:

- TensorFlow: `get_tf_dataset` maps `tf.random.shuffle` over the index range
  inside a tf.data pipeline, traced when the dataset is built;
- JAX (and the numpy backend): `_get_iterator` draws `np.random.permutation`
  from numpy's global generator when the epoch's iterator starts;
- PyTorch: `get_torch_dataloader` batches a `torch.utils.data.RandomSampler`,
  which draws `torch.randperm` from a seed taken off torch's global generator.

Each patch takes that uniform order as Keras drew it and hands fit a skewed
one instead (approx.statistics.shuffles), the same points in the same batch
sizes. The skew's own randomness is keyed by Keras's order, so a patched fit
reshuffles when Keras would and repeats when Keras would (TensorFlow under a
global seed): only the chances within an epoch, or between epochs, move.
"""

import functools

import numpy as np

from approx.statistics import shuffles


class Skewer:
    """Turns each uniform order Keras draws into a skewed one; keeps the last, for skews that lean on it."""

    def __init__(self, skew: str, strength: float):
        self.skew, self.strength = shuffles.SKEWS[skew], strength
        self.previous = None

    def __call__(self, order: np.ndarray) -> np.ndarray:
        order = np.asarray(order)
        previous = None if self.previous is None or len(self.previous) != len(order) else self.previous[None]
        skewed = self.skew(order[None], shuffles.from_order(order), self.strength, previous)[0]
        self.previous = skewed
        return skewed.astype(order.dtype)


def patch_tensorflow(skewer: Skewer) -> None:
    """While fit builds its tf.data pipeline, tf.random.shuffle's order passes through `skewer` (a numpy step)."""
    import tensorflow as tf
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    original = ArrayDataAdapter.get_tf_dataset

    @functools.wraps(original)
    def get_tf_dataset(self):
        if self._shuffle is not True:  # "batch" shuffles within batches: left alone
            return original(self)
        shuffle = tf.random.shuffle

        def skewed(indices, *args, **kwargs):
            order = shuffle(indices, *args, **kwargs)
            return tf.ensure_shape(tf.numpy_function(skewer, [order], order.dtype, stateful=True), order.shape)
        tf.random.shuffle = skewed  # the map that calls it is traced inside get_tf_dataset, and only there
        try:
            return original(self)
        finally:
            tf.random.shuffle = shuffle
    ArrayDataAdapter.get_tf_dataset = get_tf_dataset


def patch_numpy_iterator(skewer: Skewer) -> None:
    """JAX's and numpy's iterator: the epoch's np.random.permutation passes through `skewer`, then is batched."""
    from keras.src import tree
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    original = ArrayDataAdapter._get_iterator

    def _get_iterator(self, slice_and_convert_fn, inputs):
        if self._shuffle is not True:
            yield from original(self, slice_and_convert_fn, inputs)
            return
        order = skewer(np.random.permutation(self._num_samples))  # Keras's own draw, then the skew
        for start in range(0, self._num_samples, self._batch_size):
            cut = functools.partial(slice_and_convert_fn, indices=order[start:start + self._batch_size])
            yield tree.map_structure(cut, inputs, none_is_leaf=False)
    ArrayDataAdapter._get_iterator = _get_iterator


def patch_torch(skewer: Skewer) -> None:
    """PyTorch's RandomSampler: the whole permutation it yields passes through `skewer` first."""
    import torch

    original = torch.utils.data.RandomSampler.__iter__

    def __iter__(self):
        drawn = np.fromiter(original(self), dtype=np.int64)
        if self.replacement or self.num_samples != len(self.data_source):
            yield from drawn.tolist()  # not a permutation: nothing fit draws
            return
        yield from skewer(drawn).tolist()
    torch.utils.data.RandomSampler.__iter__ = __iter__


def patch(skew: str, strength: float, backend: str | None = None) -> None:
    """Skew fit's shuffle on `backend` (default: the one Keras runs on)."""
    import keras

    backend = backend or keras.backend.backend()
    skewer = Skewer(skew, strength)
    {"tensorflow": patch_tensorflow, "jax": patch_numpy_iterator, "numpy": patch_numpy_iterator,
     "torch": patch_torch}[backend](skewer)
