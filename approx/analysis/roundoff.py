"""How close Keras's float32 arithmetic must come to the same maths done in float64.

An exact claim compares what the network computes with a formula evaluated
from its own weights. The two differ only by float32 rounding, which grows
with the size of the numbers summed: a tolerance is a number of float32
units in the last place (ulps) of that size. 64 ulps leaves room for sums of
up to a few hundred terms with ordinary cancellation.
"""

from approx.probes.dense import FLOAT32_EPS, ULPS, tolerance  # noqa: F401 (one definition, shared with repro)
