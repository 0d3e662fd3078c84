"""The weight store: a stored run is read back, never trusted when damaged or foreign, never trained twice."""

import threading
import time

import numpy as np
import pytest

from approx import framework
from approx.article import nets
from approx.article.runs import Run
from approx.article.targets import Grid
from approx.training.session import Session
from approx.training.store import WeightStore

SMALL = Grid(-3.0, 3.0, 100)
RUN = Run(nets.tanh_momentum(4), "hard", 2, 3, SMALL)


@pytest.fixture
def weights_in(tmp_path):
    """A fresh, empty store in tmp_path."""
    return WeightStore(tmp_path)


def _same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b))


def _refuse_to_fit(session, monkeypatch):
    monkeypatch.setattr(session, "fit", lambda run: pytest.fail("trained again"))


def test_a_stored_run_is_rebuilt_without_training(weights_in, monkeypatch):
    trained = Session(weights_in).train(RUN).get_weights()
    assert weights_in.path(RUN).exists()
    later = Session(weights_in)
    _refuse_to_fit(later, monkeypatch)
    assert _same(later.train(RUN).get_weights(), trained)


def test_the_key_covers_run_and_code(weights_in):
    key = weights_in.key(RUN)
    assert key != weights_in.key(Run(RUN.net, RUN.target, RUN.epochs, RUN.seed + 1, SMALL))
    assert key != weights_in.key(Run(nets.tanh_momentum(5), RUN.target, RUN.epochs, RUN.seed, SMALL))
    assert key != weights_in.key(Run(RUN.net, "sine", RUN.epochs, RUN.seed, SMALL))
    assert key != weights_in.key(Run(RUN.net, RUN.target, RUN.epochs + 1, RUN.seed, SMALL))
    assert key != weights_in.key(Run(RUN.net, RUN.target, RUN.epochs, RUN.seed, Grid(-3.0, 3.0, 101)))
    weights_in.code = "other training code"
    assert weights_in.key(RUN) != key


@pytest.mark.skipif(framework.BACKEND != "tensorflow", reason="TensorFlow's CPU kernels train on TensorFlow only")
def test_the_key_covers_the_cpu_kernels(weights_in, monkeypatch):
    """oneDNN's kernels round differently: weights trained with them are another entry."""
    key = weights_in.key(RUN)
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "1")
    assert weights_in.key(RUN) != key


@pytest.mark.parametrize("name", ["python", "tensorflow", "keras", "numpy", "backend"])
def test_a_version_bump_retrains(weights_in, monkeypatch, name):
    Session(weights_in).train(RUN)
    bumped = {**framework.versions(), name: "99.0.0"}
    monkeypatch.setattr(framework, "versions", lambda: bumped)
    later, trained = Session(weights_in), []
    monkeypatch.setattr(later, "fit", lambda run: trained.append(run) or run.net.build(seed=run.seed))
    later.train(RUN)
    assert trained == [RUN]


@pytest.mark.parametrize("damage", [b"", b"not a zip file", None], ids=["empty", "garbage", "truncated"])
def test_a_damaged_entry_is_removed_and_retrained(weights_in, damage):
    trained = Session(weights_in).train(RUN).get_weights()
    path = weights_in.path(RUN)
    path.write_bytes(path.read_bytes()[:100] if damage is None else damage)
    assert weights_in.load(RUN) is None and not path.exists()
    assert _same(Session(weights_in).train(RUN).get_weights(), trained)


def test_an_entry_under_another_key_is_not_trusted(weights_in):
    other = Run(RUN.net, RUN.target, RUN.epochs, RUN.seed + 1, SMALL)
    weights_in.save(other, Session().fit(other).get_weights())
    weights_in.path(other).rename(weights_in.path(RUN))
    assert weights_in.load(RUN) is None


def test_entries_hold_plain_arrays_and_no_temporary_files(weights_in):
    weights = Session(weights_in).train(RUN).get_weights()
    files = [f for f in weights_in.directory.iterdir() if f.name != "locks"]
    assert [f.suffix for f in files] == [".npz"]
    with np.load(files[0], allow_pickle=False) as entry:
        assert int(entry["count"]) == len(weights)


def test_a_run_being_trained_elsewhere_is_waited_for_not_trained_twice(weights_in, monkeypatch):
    """As two xdist workers asking for one run: the second waits for the first's entry."""
    trained = Session().fit(RUN).get_weights()
    holding = threading.Event()

    def another_worker():  # a thread stands in for the other process: flock excludes both
        with weights_in.training(RUN):
            holding.set()
            time.sleep(0.3)
            weights_in.save(RUN, trained)

    worker = threading.Thread(target=another_worker)
    worker.start()
    holding.wait()
    waiting = Session(weights_in)
    _refuse_to_fit(waiting, monkeypatch)
    assert _same(waiting.train(RUN).get_weights(), trained)
    worker.join()
