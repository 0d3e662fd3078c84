"""Trained weights persist in pytest's cache directory; `--cache-clear` retrains everything.

Each process's current training session (approx.training.session) gets a
weight store in the cache; without the cacheprovider plugin
(`-p no:cacheprovider`) the session keeps nothing between runs.
"""

import pytest

from approx.training import session
from approx.training.store import WeightStore

_PREVIOUS = pytest.StashKey[session.Session]()


@pytest.hookimpl(trylast=True)  # after the cacheprovider has made config.cache
def pytest_configure(config):
    cache = getattr(config, "cache", None)
    store = WeightStore(cache.mkdir("approx-weights")) if cache is not None else None
    config.stash[_PREVIOUS] = session.use(session.Session(store))


def pytest_unconfigure(config):
    if _PREVIOUS in config.stash:
        session.use(config.stash[_PREVIOUS])
