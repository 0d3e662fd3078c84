"""The run's settings: how many seeds each statistical claim is checked on, and which; where the report goes.

Everything the plugin knows about a run lives in one `SpecRun`, kept in
pytest's config.stash: the seeds, when it started, where the report went,
and the versions the tests ran on.
"""

import argparse
import dataclasses
import datetime
import time
from importlib import metadata
from pathlib import Path

import pytest

from approx import backend, installed
from approx.cli import non_negative_int, positive_int
from approx.statistics.reliability import DEFAULT_SEED_BASE, DEFAULT_SEEDS


@dataclasses.dataclass
class SpecRun:
    seeds: list[int]
    started: float = dataclasses.field(default_factory=time.time)
    started_at: datetime.datetime = dataclasses.field(
        default_factory=lambda: datetime.datetime.now(datetime.timezone.utc))
    versions: dict | None = None  # those the tests ran on, once known
    # What the end of the run found (approx.plugin.ending), for the terminal's summaries:
    report: Path | None = None  # the page written, if any
    drift: dict | None = None  # measure or arm name -> approx.statistics.drift.Drift
    completeness: object = None  # approx.plugin.completeness.Completeness
    records: list | None = None  # approx.report.records.ClaimRecord of each claim test, in the article's order
    unwritten: list[str] = dataclasses.field(default_factory=list)  # what could not be written, and why


SPEC_RUN = pytest.StashKey[SpecRun]()


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


LAST_SEED = 2**32 - 1  # the largest seed keras.utils.set_random_seed accepts


def seed_list(config) -> list[int]:
    count = _read(config, "--seeds", "approx_seeds", positive_int)
    base = _read(config, "--seed-base", "approx_seed_base", non_negative_int)
    if base + count - 1 > LAST_SEED:
        raise pytest.UsageError(
            f"--seed-base {base} with --seeds {count} runs seeds up to {base + count - 1}; Keras takes seeds"
            f" 0 … {LAST_SEED}, so the base can be at most {LAST_SEED - count + 1}")
    return list(range(base, base + count))


def unsupported() -> list[str]:
    """The installed framework packages older than approx's declared minimums (pyproject.toml), as messages.

    Read from package metadata, by module (approx.installed), so that no TensorFlow is imported to say so.
    """
    from packaging.requirements import Requirement

    try:
        declared = [Requirement(r) for r in metadata.requires("approx") or []]
    except metadata.PackageNotFoundError:
        return []  # running from a source tree that was not installed: nothing declared to check against
    found = []
    for requirement in declared:
        if requirement.name not in ("tensorflow", "keras") or requirement.marker:
            continue
        try:
            version = installed.version(requirement.name)  # the module's: tf-nightly provides tensorflow
        except installed.NotInstalled:
            found.append(f"{requirement.name} is not installed (approx needs {requirement})")
            continue
        except installed.Ambiguous as ambiguous:
            found.append(str(ambiguous))
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            found.append(f"{requirement.name} {version} is installed; approx needs {requirement}")
    return found + _backend_unsupported()


def _backend_unsupported() -> list[str]:
    """KERAS_BACKEND naming JAX or PyTorch where Keras 2, TensorFlow's alone, or the backend's package is installed."""
    try:
        chosen = backend.chosen()
    except backend.UnknownBackend as unknown:
        return [str(unknown)]
    if chosen == backend.DEFAULT:
        return []
    try:
        keras = installed.version("keras")
    except LookupError as problem:
        return [str(problem)]
    try:
        installed.version(chosen)
    except installed.NotInstalled:
        return [f"KERAS_BACKEND={chosen} needs the package {chosen}: pip install -c constraints.txt -e \".[{chosen}]\""]
    except installed.Ambiguous as ambiguous:
        return [str(ambiguous)]
    if int(keras.split(".")[0]) < 3:
        return [f"KERAS_BACKEND={chosen} needs Keras 3; Keras {keras} runs on TensorFlow only"]
    return []


def pytest_configure(config):
    problems = unsupported()
    if problems:
        raise pytest.UsageError("; ".join(problems) + ". The release pairs the spec runs on are listed in"
                                " matrix/pairs.json, with their results in matrix/matrix.md.")
    config.stash[SPEC_RUN] = SpecRun(seed_list(config))  # a bad ini value is a usage error before collection


def spec_run(config) -> SpecRun:
    return config.stash[SPEC_RUN]


def pytest_report_header(config):
    seeds = spec_run(config).seeds
    return f"approx: statistical claims on {len(seeds)} seeds, {seeds[0]} … {seeds[-1]}"


@pytest.fixture(scope="session")
def seeds(pytestconfig) -> list[int]:
    """The seeds every statistical claim is checked on."""
    return spec_run(pytestconfig).seeds
