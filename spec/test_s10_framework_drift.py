"""§10 Framework drift: the article is Keras 2, the spec runs on Keras 3.

These claims pin the framework behaviour the article relied on without
saying so. If an upgrade changes one, the test named after it fails.
"""

import numpy as np
import pytest

from approx.analysis.reading import predict
from approx.probes.dense import tolerance
from approx.article import nets
from approx.article.runs import Run
from approx.article.targets import TRAINING_GRID
from approx.framework import array, keras
from approx.probes import defaults, initialisers, shuffling
from approx.probes import forward as probed
from approx.statistics import permutations, shuffles
from approx.training.session import Session
from approx.training.trainer import BATCH_SIZE, fresh_model, in_order, orders


@pytest.mark.claim("S10.1", cell="In [73]")
@pytest.mark.release("keras<3", "fails", raises=AssertionError,
                     reason="Keras 2.15 accepts lr=, logs that it is deprecated and drops it:"
                            " the rate stays at the default 0.01")
def test_sgd_rejects_lr_and_takes_learning_rate():
    """`SGD(lr=...)` is rejected by Keras 3; `learning_rate=` is the name, and it sets the rate.

    §10, about In [73]. Checked: SGD(lr=0.05) raises a ValueError naming
    `lr`; SGD(learning_rate=0.05) has learning rate 0.05.
    """
    wrong = defaults.lr_is_rejected()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.2", cell="In [8]")
@pytest.mark.release("keras<3", "fails", raises=AssertionError,
                     reason="in Keras 2, input_dim is a first layer's documented way to give its input shape,"
                            " taken without a warning")
def test_dense_with_input_dim_still_builds_with_a_warning():
    """`Dense(..., input_dim=1)` still builds a working model in Keras 3, with a warning.

    §10, about In [8]. Checked: the article's layer line builds a model that
    predicts one value per input and emits a UserWarning; the spec itself
    uses keras.Input(shape=(1,)).
    """
    wrong = defaults.input_dim_warns()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [9]")
def test_fit_uses_batches_of_32_by_default():
    """`model.fit(x, y)` trains on batches of 32 by default, with a ragged last batch.

    §10, the default In [9] relies on (and approx.training.BATCH_SIZE copies).
    Checked: one epoch over 1000 points takes ceil(1000 / 32) = 32 steps.
    """
    wrong = defaults.batches_of_32()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [9]")
def test_fit_shuffles_by_default():
    """`model.fit(x, y)` shuffles the data by default.

    §10, the default In [9] relies on. Checked on a zeroed neuron making one
    step: with shuffle=False it moves exactly as one hand-computed step on the
    first 32 points; by default it does not, because its first batch is
    drawn from all over the grid.
    """
    wrong = defaults.shuffles_by_default()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [8]")
def test_sgd_learning_rate_defaults_to_0_01():
    """The optimiser named 'sgd' is plain SGD with learning rate 0.01.

    §10, the default In [8] relies on. Checked: one step of a zeroed neuron
    compiled with optimizer='sgd' equals a hand-computed plain gradient step
    with rate 0.01.
    """
    wrong = defaults.sgd_rate_is_0_01()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [8]")
def test_mean_squared_error_is_the_mean_of_squared_differences():
    """The loss named 'mean_squared_error' is the mean of (prediction − target)².

    §10, the loss every cell compiles with. Checked: a neuron hand-set to
    w = 1, b = 0 evaluates on y = 2x + 5 to mean((x − y)²) computed in numpy.
    """
    wrong = defaults.mse_is_mean_square()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [8]")
def test_dense_starts_glorot_uniform_with_zero_biases():
    """Dense layers start with glorot_uniform kernels and zero biases by default.

    §10, the default every cell without an initialiser relies on. Checked on
    a default Dense(600) on 400 inputs: the kernel lies within
    ±√(6 / (400 + 600)), its std is that limit / √3 to 1%, and the bias is 0.
    """
    wrong = initialisers.glorot_uniform_by_default()
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S10.3", cell="In [8]")
def test_dense_draws_independent_glorot_uniform_kernels(evidence):
    """Dense's default kernels are independent draws from the documented glorot_uniform law, biases zero.

    §10, the default every cell without an initialiser relies on. Checked as
    S6.3 checks the named initialisers, on a default Keras stack
    400 → 600 → 600, seed 0: std, bounds, a Kolmogorov–Smirnov test of the
    shape, no correlation between neighbouring units, inputs or layers, zero
    biases.
    """
    found = initialisers.findings(None)
    for key, value in found.items():
        evidence.number(key, value)
    assert not initialisers.departures(found), initialisers.departures(found)


@pytest.mark.claim("S10.3", cell="In [8]")
def test_the_article_nets_use_the_framework_defaults():
    """The article's plain nets take every default from Keras: 'sgd' and no initialiser named.

    §10. Checked on the built In [8] and In [66] models: the optimiser is SGD
    with rate 0.01 and no momentum, and the kernels are glorot_uniform, so a
    changed default reaches the trained models of §1–§2 too.
    """
    wrong = defaults.article_nets_take_the_defaults([net.build() for net in (nets.single_neuron(), nets.relu_layer(3))])
    assert not wrong, "; ".join(wrong)

EPOCHS = 4  # several epochs: momentum carries over from one to the next


def _article_run(seed):
    """The article's §4 net (tanh(20), Nesterov) on its hard function, a few epochs."""
    return Run(nets.tanh_momentum(20), "hard", EPOCHS, seed, TRAINING_GRID)


def _assert_same_weights(ours, article):
    for a, b in zip(ours.get_weights(), article.get_weights()):
        np.testing.assert_allclose(a, b, rtol=0, atol=tolerance(np.abs(b).max()))


# Run in a fresh process, where nothing has seeded Keras. A drill (approx drill) patches its change into
# pytest's processes only; this one patches it too, so that the drill's row reaches the test.
_UNSEEDED = """
import json
from approx.tools import changes
changes.patch_from_environment()
from approx.probes.shuffling import fit_orders
orders, sizes = fit_orders({points}, {epochs}, {runs})
print(json.dumps([orders.tolist(), sizes.tolist()]))
"""


def _unseeded_orders(runs: int, epochs: int) -> tuple[np.ndarray, np.ndarray]:
    import json
    import os
    import subprocess
    import sys

    code = _UNSEEDED.format(points=POINTS, epochs=epochs, runs=runs)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True)
    orders, sizes = json.loads(done.stdout.strip().splitlines()[-1])
    return np.array(orders), np.array(sizes)


POINTS = 1000  # the article's


def _assert_uniform_permutations(evidence, design: str, orders: np.ndarray, sizes: np.ndarray) -> None:
    """Each run's epochs fresh permutations in fit's batches, then the family of tests on all of them."""
    for run, (order, size) in enumerate(zip(orders, sizes)):
        wrong = shuffling.fresh_permutations(shuffling.cut(order, size), POINTS, len(order))
        assert not wrong, f"run {run}: " + "; ".join(wrong)
    verdict = permutations.judge(orders)
    for test, p in verdict.pvalues.items():
        evidence.number(f"p-value, {permutations.ASKS[test]}", p)
    evidence.number("the least p-value a test may give and pass", verdict.level)
    for skew, strength in permutations.weakest_caught(design).items():
        evidence.number(f"caught in {permutations.SURE:.0%} of simulated runs down to {shuffles.STRENGTH[skew]}",
                        strength)
    assert verdict.uniform, str(verdict)


@pytest.mark.claim("S10.4", cell="In [9]")
def test_model_fit_reshuffles_all_points_every_epoch(evidence):
    """`model.fit(x, y, epochs=E)`, unseeded as the article calls it, takes each epoch in a fresh uniform order.

    §10, about In [9]: Keras 2 shuffled an index array before every epoch.
    Checked in a fresh process (no global seed set), on the article's 1000
    points, two fit calls of 30 epochs each, recording the points each
    training step receives: every epoch is 31 batches of 32 and a ragged 8,
    a permutation of all points, no two epochs alike; and, read by batch, the
    orders pass six tests of a uniform random permutation
    (approx.statistics.permutations): every point equally likely in every
    batch and in the ragged one, and no tie between an epoch's batches and
    the next epoch's, or the other call's. Together they alarm on a uniform
    shuffle with chance at most half a claim's false alarm. Their power,
    simulated in calibration/shuffle.json, is kept as evidence: the weakest
    skew of each kind (a short shuffle buffer, points sticking to their
    batch, the last points stored left in the ragged batch) they catch
    almost always.
    """
    orders, sizes = _unseeded_orders(*permutations.DESIGNS["unseeded"])
    _assert_uniform_permutations(evidence, "unseeded", orders, sizes)


@pytest.mark.claim("S10.4", cell="In [9]")
@pytest.mark.release("keras>=3", "fails", backend="tensorflow", raises=AssertionError,
                     reason="Keras 3's TensorFlow array adapter draws the permutation with tf.random.shuffle inside a"
                            " tf.data map; under a global seed that op restarts with each epoch's iterator, so every"
                            " epoch takes the points in the same order (approx draws its own orders, as Keras 2 did)")
def test_model_fit_reshuffles_every_epoch_under_a_global_seed(evidence):
    """After `keras.utils.set_random_seed`, `model.fit(x, y, epochs=E)` still takes each epoch in a fresh uniform order.

    §10, about In [9] run reproducibly: seeding should fix the orders, not
    merge them into one. Checked as the unseeded test is, after
    keras.utils.set_random_seed(0), on one fit call of 30 epochs (the tests
    between calls need two); how many distinct orders the epochs took is
    kept as evidence.
    """
    runs, epochs = permutations.DESIGNS["seeded"]
    keras.utils.set_random_seed(0)
    orders, sizes = shuffling.fit_orders(POINTS, epochs, runs)
    evidence.number(f"distinct orders of the {epochs} epochs", len({tuple(order) for order in orders[0]}))
    _assert_uniform_permutations(evidence, "seeded", orders, sizes)


@pytest.mark.claim("S10.4", cell="In [9]")
def test_approx_trains_as_model_fit_epoch_by_epoch_on_its_orders(seeds):
    """The spec's own training path ends on the weights `model.fit` reaches, epoch by epoch, on the same data order.

    §10, about the call every cell makes (In [9]). approx draws each epoch's
    order itself (approx.training.draws) and feeds all of a run to one
    `model.fit` call. Checked on the installed versions, on the §4 net over 4
    epochs, for the run's first seed: without shuffling, approx's path equals
    `model.fit(x, y, epochs=4, shuffle=False)`; with its orders, it equals
    `model.fit(x[order], y[order], shuffle=False)` epoch by epoch. Equal to
    float32 rounding (64 ulps).
    """
    session = Session()  # trains afresh: a stored model would prove nothing
    run = _article_run(seeds[0])
    x, y = run.data()

    article = fresh_model(run)
    article.fit(x, y, epochs=EPOCHS, shuffle=False, verbose=0)
    ours = fresh_model(run, compiled=False)
    ours.set_weights(session.trainer(run.net).fit(ours.get_weights(), x, y, in_order(EPOCHS, len(x))))
    _assert_same_weights(ours, article)

    article = fresh_model(run)
    for epoch in orders(run):
        article.fit(x[epoch], y[epoch], batch_size=BATCH_SIZE, shuffle=False, epochs=1, verbose=0)
    _assert_same_weights(session.fit(run), article)


@pytest.mark.claim("S10.4", cell="In [13]")
def test_model_predict_is_the_forward_pass_the_spec_reads(seeds):
    """`model.predict(x)`, as the article reads every fit, returns the forward pass the spec's analyses use.

    §10, about In [13] and every plot after it. Checked on the §4 net,
    trained for the run's first seed: predict with its defaults (batches of
    32) equals the model called on the whole grid, to float32 rounding; the
    spec also checks this on the first read of every model it measures.
    """
    model = Session().fit(_article_run(seeds[0]))
    x = TRAINING_GRID.x().astype(np.float32)
    forward = array(model(x, training=False))
    wrong = probed.predict_is_the_forward_pass(model.predict(x, verbose=0), forward)
    assert not wrong, "; ".join(wrong)
    np.testing.assert_array_equal(predict(model, x), forward.astype(np.float64))


MOMENTUM = 0.9  # the article's, In [73]


@pytest.mark.claim("S10.5", cell="In [73]")
def test_sgd_with_nesterov_momentum_steps_as_keras_2_did():
    """SGD(momentum=0.9, nesterov=True), the article's optimiser from §3 on, takes Nesterov steps as Keras 2 did.

    §10, about In [73]. The step: v ← 0.9v − η·g, then w ← w + 0.9v − η·g.
    Checked on a zeroed neuron, three steps on the same 32 points: Keras's
    weights equal the hand-computed Nesterov steps (classical momentum, which
    moves w by v alone, lands elsewhere).
    """
    wrong = defaults.nesterov_steps_as_keras_2(
        keras.optimizers.SGD(learning_rate=defaults.RATE, momentum=defaults.MOMENTUM, nesterov=True))
    assert not wrong, "; ".join(wrong)
