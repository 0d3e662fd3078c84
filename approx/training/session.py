"""What a process keeps while it trains: compiled trainers, trained models, the weight store.

A `Session` trains each Run once and hands every claim about it the same
model. It keeps one compiled `Trainer` per architecture (compiling costs more
than most runs), and, when it has a `WeightStore`, reads a run trained
before, by this or another process, instead of training it again.

Most code trains through `train(run)`, in the process's current session.
The pytest plugin makes the current session one with the persistent store;
a test that must train afresh opens its own (`with using(Session()):`), so
it can never be handed a model the spec trained.

This module imports no TensorFlow until a session trains: the pytest plugin
sets a session up in every process, the xdist controller included, which
never trains.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from approx.training import draws
from approx.training.store import WeightStore

if TYPE_CHECKING:  # at run time a Run arrives made; importing its module would load TensorFlow
    from approx.article.runs import Run


class Session:
    """`nudge`: train every run from its starting weights moved one ulp (draws.nudged), a round-off variant."""

    def __init__(self, store: WeightStore | None = None, nudge: int | None = None):
        if nudge is not None and store is not None:
            raise ValueError("a nudged session trains other weights than the store keeps: give it no store")
        self.store = store
        self.nudge = nudge
        self._trainers = {}  # Net (initialiser dropped) -> Trainer
        self._trained = {}  # Run -> its trained model

    def trainer(self, net):
        """This session's trainer for `net`'s architecture, compiled on first use.

        The initialiser only decides the initial weights, which each run
        brings, so nets that differ in it alone share a trainer.
        """
        from approx.training.trainer import Trainer

        key = replace(net, initialiser=None)
        if key not in self._trainers:
            self._trainers[key] = Trainer(key)
        return self._trainers[key]

    def start(self, net, seed: int) -> list:
        """The weights `net` starts from for `seed` in this session: the seed's, nudged if the session is a variant."""
        weights = draws.starting_weights(net, seed)
        return weights if self.nudge is None else draws.nudged(weights, seed, self.nudge)

    def fit(self, run: Run):
        """Train `run` from scratch, whatever is stored or was trained before."""
        return self.trainer(run.net).train(run, self.start(run.net, run.seed))

    def train(self, run: Run):
        """The trained model of `run`, trained once per session and shared: do not fit it further."""
        if run not in self._trained:
            self._trained[run] = self.fit(run) if self.store is None else self._through_store(run)
        return self._trained[run]

    def _through_store(self, run: Run):
        weights = self.store.load(run)
        if weights is None:
            with self.store.training(run):
                weights = self.store.load(run)  # stored meanwhile by the process we waited for?
                if weights is None:
                    model = self.fit(run)
                    self.store.save(run, model.get_weights())
                    return model
        model = run.net.build(compiled=False)
        model.set_weights(weights)
        return model

    def forget(self) -> None:
        """Drop the trained models, keep the compiled trainers (calibration does, between seeds)."""
        self._trained.clear()

    def __repr__(self):
        nudge = "" if self.nudge is None else f", nudge={self.nudge}"
        return f"Session(store={self.store!r}{nudge}, {len(self._trained)} trained, {len(self._trainers)} trainers)"


_current = Session()


def current() -> Session:
    return _current


def use(session: Session) -> Session:
    """Make `session` the current one; returns the one it replaces."""
    global _current
    previous, _current = _current, session
    return previous


@contextlib.contextmanager
def using(session: Session):
    """`session` is current inside the block, the previous one after it."""
    previous = use(session)
    try:
        yield session
    finally:
        use(previous)


def train(run: Run):
    """The trained model of `run`, in the current session."""
    return _current.train(run)
