"""Same seed, same versions, same numbers: training now gives what the calibration recorded, to the bit."""

import pytest

from approx.statistics import calibration
from approx.statistics.measures import MEASURES
from approx.training.session import Session, using


@pytest.mark.parametrize("name", ["line_weight_error", "glorot_gain"])
def test_a_calibration_seed_reproduces_to_the_bit(name):
    """In a session of its own (no store, nothing trained before), whatever seeds the spec ran on."""
    committed = calibration.committed()
    seed = committed.seeds[0]
    with using(Session()):
        assert MEASURES[name].compute(seed) == committed.values[name][seed], (
            "training no longer reproduces the calibration; if the versions changed, recalibrate")
