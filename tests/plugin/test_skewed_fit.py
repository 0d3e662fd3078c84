"""The skewed-shuffle patches reach model.fit and keep its shape; fit_orders records what fit took (separate processes)."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from approx.probes import shuffling

POINTS, EPOCHS = 1000, 3

PROBE = '''
import json, sys
from approx.framework import keras
from approx.probes import shuffling
from approx.tools import skewed_fit
skew, seed = sys.argv[1], sys.argv[2]
if skew != "none":
    name, strength = skew.split("@")
    skewed_fit.patch(name, float(strength))
if seed != "none":
    keras.utils.set_random_seed(int(seed))
orders, sizes = shuffling.fit_orders({points}, {epochs})
print(json.dumps([orders.tolist(), sizes.tolist()]))
'''.format(points=POINTS, epochs=EPOCHS)

CASES = [("none", "none"), ("buffered@0.5", "none"), ("sticky@1", "none"), ("tail@1", "none"),
         ("none", "0"), ("sticky@0.5", "0")]


@pytest.fixture(scope="module")
def recorded():
    """What fit took in each case, each in a process of its own (patches cannot be undone), all at once."""
    running = {case: subprocess.Popen([sys.executable, "-c", PROBE, *case], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True, env=os.environ) for case in CASES}
    found = {}
    for case, process in running.items():
        out, err = process.communicate()
        assert process.returncode == 0, f"{case}: {err[-2000:]}"
        orders, sizes = json.loads(out.strip().splitlines()[-1])
        found[case] = np.array(orders)[0], np.array(sizes)[0]
    return found


@pytest.mark.parametrize("case", CASES, ids=lambda case: "-".join(case))
def test_fit_still_takes_every_point_once_an_epoch_in_the_same_batches(recorded, case):
    orders, sizes = recorded[case]
    batches = shuffling.cut(orders, sizes)
    wrong = shuffling.fresh_permutations(batches, POINTS, EPOCHS)
    assert all("same order" in w for w in wrong), wrong  # a skew may repeat an order; never change the shape


def test_each_skew_at_full_strength_does_what_it_says(recorded):
    buffered, _ = recorded[("buffered@0.5", "none")]
    assert (buffered[:, 0] < POINTS // 2).all()
    sticky, _ = recorded[("sticky@1", "none")]
    assert (sticky == sticky[0]).all()
    tail, _ = recorded[("tail@1", "none")]
    assert (np.sort(tail[:, -8:], axis=1) == np.arange(POINTS - 8, POINTS)).all()


def test_a_skew_repeats_where_keras_repeats(recorded):
    """Keyed by Keras's own order: under a seed, TensorFlow's one order every epoch stays one order."""
    plain, _ = recorded[("none", "0")]
    skewed, _ = recorded[("sticky@0.5", "0")]
    assert (np.array_equal(plain[0], plain[1]) == np.array_equal(skewed[0], skewed[1]))
