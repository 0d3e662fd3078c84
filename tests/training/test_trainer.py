"""The training path: the article's algorithm through model.fit, reproducible to the bit."""

import numpy as np
import pytest

from approx.article import nets
from approx.article.runs import Run
from approx.article.targets import Grid
from approx.framework import BACKEND, keras, number
from approx.training.session import Session
from approx.training import draws
from approx.training.trainer import (BATCH_SIZE, batch_sequence, batches, feed, fresh_model, in_order, minibatches,
                                     orders, steps, steps_per_execution)

SMALL = Grid(-3.0, 3.0, 100)  # 4 batches an epoch, the last one ragged (100 = 3·32 + 4)
# The tf.data pipeline feeds the TensorFlow backend alone, a PyDataset of the same batches the others.
tensorflow_only = pytest.mark.skipif(BACKEND != "tensorflow", reason="the tf.data pipeline feeds TensorFlow only")


def _weights(model):
    return [np.asarray(w) for w in model.get_weights()]


@pytest.fixture
def session():
    """A session of the test's own: no store, nothing trained before."""
    return Session()


def test_a_run_counts_its_optimiser_steps(session):
    run = Run(nets.single_neuron(), "line", 7, 0, SMALL)
    assert steps(run) == 4 * 7
    session.fit(run)
    assert int(number(session.trainer(run.net).model.optimizer.iterations)) == steps(run)


@pytest.mark.parametrize("net", [nets.tanh_momentum(5, "he_normal"), nets.relu_layer(4)], ids=str)
def test_a_shared_trainer_gives_the_weights_of_a_model_compiled_afresh(net, session):
    """Reusing one compiled model per architecture changes no bit of any run's result."""
    run = Run(net, "hard", 3, 21, SMALL)
    session.fit(Run(net, "sine", 2, 5, SMALL))  # the trainer has trained, and holds momentum, before
    shared = _weights(session.fit(run))

    alone = fresh_model(run, steps_per_execution=steps_per_execution())
    x, y = run.data()
    alone.fit(**feed(x, y, orders(run)), verbose=0)
    for a, b in zip(shared, _weights(alone)):
        np.testing.assert_array_equal(a, b)


def test_the_same_seed_gives_the_same_weights_whatever_ran_before(session):
    run = Run(nets.tanh_momentum(5), "hard", 3, 11, SMALL)
    first = _weights(session.fit(run))
    session.fit(Run(nets.relu_layer(4), "sine", 2, 3, SMALL))  # disturb every random state in between
    for a, b in zip(first, _weights(session.fit(run))):
        np.testing.assert_array_equal(a, b)


def test_different_seeds_give_different_weights(session):
    a = _weights(session.fit(Run(nets.tanh_momentum(5), "hard", 2, 1, SMALL)))
    b = _weights(session.fit(Run(nets.tanh_momentum(5), "hard", 2, 2, SMALL)))
    assert not np.array_equal(a[0], b[0])


def test_a_run_starts_from_its_seeds_draws(session):
    """The trained model's start is approx's draw for the seed, whatever Keras's own random state is."""
    run = Run(nets.tanh_momentum(5, "he_normal"), "hard", 1, 3, SMALL)
    keras.utils.set_random_seed(99)  # Keras's streams are not what a seed means
    for a, b in zip(_weights(fresh_model(run)), draws.starting_weights(run.net, run.seed)):
        np.testing.assert_array_equal(a, b)


def test_batches_take_every_point_once_an_epoch_in_32s_with_a_ragged_last():
    assert BATCH_SIZE == 32  # model.fit's default, which S10.3 checks on Keras itself
    made = batches(draws.batch_orders(5, 2, 100))
    assert [epoch for epoch, _ in made] == [0] * 4 + [1] * 4
    assert [len(index) for _, index in made] == [32, 32, 32, 4] * 2
    first, second = (np.concatenate([index for epoch, index in made if epoch == e]) for e in (0, 1))
    assert sorted(first) == sorted(second) == list(range(100))
    assert not np.array_equal(first, second) and not np.array_equal(first, np.arange(100))


def _fed(data):
    """The x values of every batch `feed` hands model.fit, in order, on this backend."""
    if BACKEND == "tensorflow":
        return [np.asarray(x).ravel() for x, _ in data]
    return [data[i][0].ravel() for i in range(len(data))]


def test_feed_hands_fit_the_orders_batch_by_batch_and_forbids_it_to_reorder():
    index = np.arange(100, dtype=np.float32).reshape(-1, 1)
    order = draws.batch_orders(8, 3, 100)
    fed = feed(index, index, order)
    assert fed["epochs"] == 1 and fed["shuffle"] is False
    got = _fed(fed["x"])
    assert [len(b) for b in got] == [32, 32, 32, 4] * 3
    np.testing.assert_array_equal(np.concatenate(got), order.ravel())


@pytest.mark.skipif(BACKEND == "tensorflow", reason="the PyDataset feeds the other backends")
def test_the_batch_sequence_is_the_pipeline_of_the_other_backends():
    index = np.arange(10, dtype=np.float32).reshape(-1, 1)
    assert len(batch_sequence(index, index, in_order(2, 10))) == 2


@tensorflow_only
def test_the_pipeline_holds_the_same_batches_in_order():
    index = np.arange(100, dtype=np.float32).reshape(-1, 1)
    got = [x.numpy().ravel() for x, _ in minibatches(index, index, in_order(2, 100))]
    np.testing.assert_array_equal(np.concatenate(got), np.tile(np.arange(100), 2))


def test_the_fast_path_is_article_style_fit_on_the_same_order(session):
    """One model.fit over the whole run equals model.fit(x, y, shuffle=False) epoch by epoch on the same order."""
    run = Run(nets.tanh_momentum(5), "hard", 3, 4, SMALL)
    fast = session.fit(run)
    x, y = run.data()
    plain = fresh_model(run)
    for epoch in orders(run):
        plain.fit(x[epoch], y[epoch], batch_size=BATCH_SIZE, shuffle=False, epochs=1, verbose=0)
    for a, b in zip(_weights(fast), _weights(plain)):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_a_nudged_session_starts_one_ulp_away_and_trains_elsewhere_but_close():
    run = Run(nets.tanh_momentum(5, "he_normal"), "hard", 2, 6, SMALL)
    nudged = Session(nudge=1)
    start, plain = nudged.start(run.net, run.seed), draws.starting_weights(run.net, run.seed)
    for kernel, moved in zip(plain[::2], start[::2]):
        ulps = np.abs(moved.view(np.int32).astype(np.int64) - kernel.view(np.int32))
        assert ulps.max() == 1 and ulps.min() == 1
    trained, again = _weights(nudged.fit(run)), _weights(Session().fit(run))
    assert not np.array_equal(trained[0], again[0])
    np.testing.assert_allclose(trained[0], again[0], rtol=1e-4)


def test_a_nudged_session_takes_no_store(tmp_path):
    from approx.training.store import WeightStore

    with pytest.raises(ValueError, match="nudged session"):
        Session(WeightStore(tmp_path), nudge=0)


def test_a_session_trains_a_run_once_and_shares_it(session):
    run = Run(nets.single_neuron(), "line", 1, 0, SMALL)
    assert session.train(run) is session.train(run)


def test_sessions_keep_apart_what_they_trained(session):
    """What one session trained is never handed to another; forgetting drops it, and it is trained anew."""
    run = Run(nets.single_neuron(), "line", 1, 0, SMALL)
    first = session.train(run)
    assert Session().train(run) is not first
    session.forget()
    again = session.train(run)
    assert again is not first
    for a, b in zip(_weights(first), _weights(again)):
        np.testing.assert_array_equal(a, b)


def test_using_a_session_makes_it_current_then_restores_the_previous():
    from approx.training import session as sessions

    before, ours = sessions.current(), Session()
    with sessions.using(ours):
        assert sessions.current() is ours
    assert sessions.current() is before


def test_the_numpy_reference_is_the_same_algorithm_as_keras():
    """approx.tools.reference (the benchmark floor) trains as model.fit does, step for step."""
    from approx.tools import reference

    run = Run(nets.tanh_momentum(5), "hard", 3, 9, SMALL)
    x, y = run.data()
    keras_model = fresh_model(run)
    start = [np.asarray(w) for w in keras_model.get_weights()]
    orders = [np.random.default_rng(e).permutation(len(x)) for e in range(run.epochs)]
    for order in orders:
        keras_model.fit(x[order], y[order], batch_size=BATCH_SIZE, shuffle=False, epochs=1, verbose=0)
    ours = reference.train(start, x, y, run.epochs, lambda e: orders[e], "tanh", 0.01, 0.9, nesterov=True)
    for a, b in zip(ours, keras_model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
