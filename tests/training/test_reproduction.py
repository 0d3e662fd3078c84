"""Same seed, same versions: training lands where the baseline's did, within its measured round-off envelope.

Not to the bit: another CPU rounds otherwise (other vector units, another
libm), and the baseline's envelope (approx.statistics.envelope) says how far
that may carry each name. Bits are promised only on the machine and kernels
that made the baseline.
"""

import pytest

from approx.framework import versions
from approx.statistics import calibration, envelope
from approx.statistics.measures import quantities
from approx.training.session import Session, using


def _same_versions_as_the_calibration():
    pinned, here = calibration.committed().versions, versions()
    differ = {k: f"{pinned[k]} there, {here.get(k)} here" for k in pinned if pinned[k] != here.get(k)}
    if differ:
        pytest.skip(f"a seed reproduces only on the calibration's versions; these differ: {differ}")


# One of each kind: a round-off-only name, quotients of shallow and deep nets, a gradient read through SGD.
NAMES = ["line_w", "glorot_gain", "mse_deep_tanh_on_wide", "gradient_shrink"]


@pytest.mark.parametrize("name", NAMES)
def test_a_paired_seed_reproduces_within_its_envelope(name):
    """In a session of its own (no store, nothing trained before), whatever seeds the spec ran on."""
    _same_versions_as_the_calibration()
    committed = calibration.committed()
    pairs = committed.pairs_of(name)
    seed = min(pairs)
    with using(Session()):
        value = quantities()[name].compute(seed)
    if name in committed.ulps_of:
        found = envelope.ulps_test({seed: value}, pairs, committed.of(name), committed.ulps_of[name])
        assert not found.moved, f"{name} seed {seed}: {value!r} is {found.worst:.3g} float32 ulps from the baseline"
        return
    change, allowed = envelope.relative(value, pairs[seed].value), envelope.smallest_effect(pairs)
    assert change <= allowed, (f"{name} seed {seed}: {value!r} against the baseline's {pairs[seed].value!r}, a change"
                               f" of {change:.3g}, beyond the {allowed:.3g} its envelope allows; if the versions"
                               f" changed, recalibrate")
