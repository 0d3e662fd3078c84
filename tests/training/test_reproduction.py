"""Same seed, same versions, same numbers: training now gives what the calibration recorded, to the bit."""

import pytest

from approx.framework import versions
from approx.statistics import calibration
from approx.statistics.measures import MEASURES
from approx.training.session import Session, using


def _same_versions_as_the_calibration():
    pinned, here = calibration.committed().versions, versions()
    differ = {k: f"{pinned[k]} there, {here.get(k)} here" for k in pinned if pinned[k] != here.get(k)}
    if differ:
        pytest.skip(f"bits reproduce only on the calibration's versions; these differ: {differ}")


@pytest.mark.parametrize("name", ["line_weight_error", "glorot_gain", "depth_gain", "gradient_shrink"])
def test_a_calibration_seed_reproduces_to_the_bit(name):
    """In a session of its own (no store, nothing trained before), whatever seeds the spec ran on."""
    _same_versions_as_the_calibration()
    committed = calibration.committed()
    seed = committed.seeds[0]
    with using(Session()):
        assert MEASURES[name].compute(seed) == committed.values[name][seed], (
            "training no longer reproduces the calibration; if the versions changed, recalibrate")
