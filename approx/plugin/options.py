"""How many seeds each statistical claim is checked on, and which."""

import argparse

import pytest

from approx.cli import non_negative_int, positive_int

DEFAULT_SEEDS = 5
DEFAULT_SEED_BASE = 0


def pytest_addoption(parser):
    group = parser.getgroup("approx", "approx: the article's claims")
    group.addoption("--seeds", type=positive_int, default=None, metavar="N",
                    help=f"seeds per statistical claim (default {DEFAULT_SEEDS}; ini: approx_seeds)")
    group.addoption("--seed-base", type=non_negative_int, default=None, metavar="K",
                    help=f"first seed; seeds are K … K+N−1 (default {DEFAULT_SEED_BASE}; ini: approx_seed_base)")
    parser.addini("approx_seeds", f"seeds per statistical claim (default {DEFAULT_SEEDS})",
                  default=str(DEFAULT_SEEDS))
    parser.addini("approx_seed_base", f"first seed (default {DEFAULT_SEED_BASE})", default=str(DEFAULT_SEED_BASE))


def _read(config, option, ini, parse):
    value = config.getoption(option)
    if value is not None:
        return value
    try:
        return parse(config.getini(ini))
    except argparse.ArgumentTypeError as e:
        raise pytest.UsageError(f"ini option {ini}: {e}") from None


def seed_list(config) -> list[int]:
    count = _read(config, "--seeds", "approx_seeds", positive_int)
    base = _read(config, "--seed-base", "approx_seed_base", non_negative_int)
    return list(range(base, base + count))


def pytest_configure(config):
    config.approx_seeds = seed_list(config)  # a bad ini value is a usage error before collection


def pytest_report_header(config):
    seeds = config.approx_seeds
    return f"approx: statistical claims on {len(seeds)} seeds, {seeds[0]} … {seeds[-1]}"


@pytest.fixture(scope="session")
def seeds(pytestconfig) -> list[int]:
    """The seeds every statistical claim is checked on."""
    return pytestconfig.approx_seeds
