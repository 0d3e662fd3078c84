"""Patches that skew `model.fit`'s shuffle, keeping its shape: the drill's graded shuffle changes.

Keras 3 draws fit's order for arrays in its ArrayDataAdapter
(keras/src/trainers/data_adapters/array_data_adapter.py), once per epoch:

- TensorFlow: `get_tf_dataset` maps a shuffle of the index range inside a
  tf.data pipeline, traced when the dataset is built: `tf.random.shuffle` in
  3.15, `_tf_shuffle` (stateless, seeded by the epoch) on master since #23046;
- JAX (and the numpy backend): `_get_iterator` draws the permutation when the
  epoch's iterator starts (`np.random.permutation`; `default_rng(epoch)` on master);
- PyTorch: `get_torch_dataloader` hands a DataLoader batches of indices from a
  sampler (RandomSampler, `torch.randperm` off torch's global generator; on
  master its own EpochShufflingSampler).

Each patch lets Keras draw as it does, takes the whole epoch's order it drew,
and hands fit a skewed one instead (approx.statistics.shuffles): the same
points in the same batch sizes. The skew's own randomness is keyed by Keras's
order, so a patched fit reshuffles when Keras would and repeats when Keras
would (TensorFlow under a global seed): only the chances within an epoch, or
between epochs, move, whatever Keras's own draw does.
"""

import functools
from dataclasses import dataclass

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
    """The epoch's index shuffle in fit's tf.data pipeline passes through `skewer` (a numpy step in the graph)."""
    import tensorflow as tf
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    def skewed(order):
        return tf.ensure_shape(tf.numpy_function(skewer, [order], order.dtype, stateful=True), order.shape)

    if hasattr(ArrayDataAdapter, "_tf_shuffle"):  # master: one helper for both shuffles
        shuffle = ArrayDataAdapter._tf_shuffle

        def _tf_shuffle(self, tensors):
            order = shuffle(self, tensors)
            return skewed(order) if order.shape[0] == self._num_samples else order  # not a batch's
        ArrayDataAdapter._tf_shuffle = _tf_shuffle
        return
    original = ArrayDataAdapter.get_tf_dataset

    @functools.wraps(original)
    def get_tf_dataset(self):
        if self._shuffle is not True:  # "batch" shuffles within batches: left alone
            return original(self)
        shuffle = tf.random.shuffle
        tf.random.shuffle = lambda *args, **kwargs: skewed(shuffle(*args, **kwargs))
        try:  # the map that calls it is traced inside get_tf_dataset, and only there
            return original(self)
        finally:
            tf.random.shuffle = shuffle
    ArrayDataAdapter.get_tf_dataset = get_tf_dataset


def patch_numpy_iterator(skewer: Skewer) -> None:
    """JAX's and numpy's iterator: Keras's batches of indices for the epoch, skewed, then sliced from the data."""
    from keras.src import tree
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    original = ArrayDataAdapter._get_iterator

    def _get_iterator(self, slice_and_convert_fn, inputs):
        if self._shuffle is not True:
            yield from original(self, slice_and_convert_fn, inputs)
            return
        taken = [tree.flatten(batch)[0] for batch in original(self, lambda _, indices=None: indices, inputs)]
        order, ends = skewer(np.concatenate(taken)), np.cumsum([len(batch) for batch in taken])
        for indices in np.split(order, ends[:-1]):
            cut = functools.partial(slice_and_convert_fn, indices=indices)
            yield tree.map_structure(cut, inputs, none_is_leaf=False)
    ArrayDataAdapter._get_iterator = _get_iterator


def patch_torch(skewer: Skewer) -> None:
    """PyTorch's DataLoader: its sampler's batches of indices for the epoch, skewed, cut into the same sizes."""
    import torch
    from keras.src.trainers.data_adapters.array_data_adapter import ArrayDataAdapter

    original = ArrayDataAdapter.get_torch_dataloader

    class SkewedBatches(torch.utils.data.Sampler):
        def __init__(self, batches):
            self.batches = batches

        def __iter__(self):
            taken = [list(batch) for batch in self.batches]
            order, ends = skewer(np.concatenate(taken)), np.cumsum([len(batch) for batch in taken])
            yield from (indices.tolist() for indices in np.split(order, ends[:-1]))

        def __len__(self):
            return len(self.batches)

    @functools.wraps(original)
    def get_torch_dataloader(self):
        loader = original(self)
        if self._shuffle is not True:
            return loader
        return torch.utils.data.DataLoader(loader.dataset, batch_sampler=SkewedBatches(loader.batch_sampler),
                                           collate_fn=loader.collate_fn)
    ArrayDataAdapter.get_torch_dataloader = get_torch_dataloader


def patch(skew: str, strength: float, backend: str | None = None) -> None:
    """Skew fit's shuffle on `backend` (default: the one Keras runs on)."""
    import keras

    backend = backend or keras.backend.backend()
    skewer = Skewer(skew, strength)
    {"tensorflow": patch_tensorflow, "jax": patch_numpy_iterator, "numpy": patch_numpy_iterator,
     "torch": patch_torch}[backend](skewer)


@dataclass(frozen=True)
class Drilled:
    """A skew as a graded row of `approx drill` (registered by approx.tools.changes as shuffle-NAME)."""

    name: str  # the skew's, in approx.statistics.shuffles.SKEWS
    description: str  # holds {strength}
    strengths: tuple[float, ...]  # strongest first; the weaker ones near the edge of S10.4's power

    def patch(self, strength: float) -> None:
        patch(self.name, strength)


DRILL = (
    Drilled("buffered", "model.fit shuffles through a buffer short of all the points by a share {strength}:"
                        " a point stored late cannot come early", (0.2, 0.1, 0.08)),
    Drilled("sticky", "model.fit keeps a share {strength} of the points in their place of the previous epoch",
            (0.01, 0.005, 0.003)),
    Drilled("tail", "with chance {strength} an epoch of model.fit ends on a ragged batch of the points stored last",
            (0.2, 0.1, 0.05)),
)
