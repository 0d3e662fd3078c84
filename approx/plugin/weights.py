"""Trained weights persist in pytest's cache directory; `--cache-clear` retrains everything.

Each process's current training session (approx.training.session) gets a
weight store in the cache; without the cacheprovider plugin
(`-p no:cacheprovider`) the session keeps nothing between runs.
"""

import pytest

from approx.plugin.options import spec_run
from approx.training import session
from approx.training.store import WeightStore

_PREVIOUS = pytest.StashKey[session.Session]()


@pytest.hookimpl(trylast=True)  # after the cacheprovider has made config.cache
def pytest_configure(config):
    cache = getattr(config, "cache", None)
    store = None
    if cache is not None:
        try:
            store = WeightStore(cache.mkdir("approx-weights"))
        except OSError as e:  # a read-only checkout: train every run, keep nothing
            folder = config.rootpath / config.getini("cache_dir")
            if not hasattr(config, "workerinput"):
                spec_run(config).unwritten.append(f"the weight store or pytest's cache to {folder} ({e.strerror or e})")
            # Said once, in that line: not again by pytest at every write it tries.
            config.addinivalue_line("filterwarnings", "ignore::pytest.PytestCacheWarning")
    config.stash[_PREVIOUS] = session.use(session.Session(store))


def pytest_unconfigure(config):
    if _PREVIOUS in config.stash:
        session.use(config.stash[_PREVIOUS])
