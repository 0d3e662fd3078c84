"""Trained weights persist in pytest's cache directory; `--cache-clear` retrains everything.

Without the cacheprovider plugin (`-p no:cacheprovider`) nothing is stored.
"""

import pytest

from approx import store


@pytest.hookimpl(trylast=True)  # after the cacheprovider has made config.cache
def pytest_configure(config):
    cache = getattr(config, "cache", None)
    store.use(store.WeightStore(cache.mkdir("approx-weights")) if cache is not None else None)


def pytest_unconfigure(config):
    store.use(None)
