"""What each initialiser name promises, as Keras documents it (VarianceScaling).

    n = fan_in, fan_out or (fan_in + fan_out)/2, by the name's mode
    uniform:           U(−limit, limit), limit = √(3·scale/n), so std = limit/√3
    truncated normal:  N(0, σ²) cut at ±2σ, σ = √(scale/n) / 0.8796…, so what is left has std √(scale/n)

glorot_* take scale 1 over the average fan, he_* scale 2 over fan_in,
lecun_* scale 1 over fan_in. S6.3 and S10.3 check Keras's own draws
against these; approx.training.draws draws the starting weights from them.
"""

import math

# name -> (scale, mode, distribution)
VARIANCE = {
    "glorot_uniform": (1.0, "fan_avg", "uniform"),
    "glorot_normal": (1.0, "fan_avg", "truncated_normal"),
    "he_uniform": (2.0, "fan_in", "uniform"),
    "he_normal": (2.0, "fan_in", "truncated_normal"),
    "lecun_uniform": (1.0, "fan_in", "uniform"),
    "lecun_normal": (1.0, "fan_in", "truncated_normal"),
}
DEFAULT = "glorot_uniform"  # Dense's kernel default, the article's when it names none (S10.3 checks it)
TRUNCATION = 2.0  # truncated normals are cut at ±2 of the underlying normal's std
TRUNCATED_STD = 0.87962566103423978  # std of a unit normal cut at ±2: Keras widens by its inverse


def spread(name: str, fan_in: int, fan_out: int) -> tuple[str, float]:
    """(distribution, parameter) of a (fan_in, fan_out) kernel: the uniform's limit, or σ before the cut."""
    if name not in VARIANCE:
        raise ValueError(f"unknown initialiser {name!r}; known: {', '.join(VARIANCE)}")
    scale, mode, distribution = VARIANCE[name]
    fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[mode]
    scale /= max(1.0, fan)
    if distribution == "uniform":
        return distribution, math.sqrt(3.0 * scale)
    return distribution, math.sqrt(scale) / TRUNCATED_STD


def expected_std(name: str, fan_in: int, fan_out: int) -> float:
    """The standard deviation the initialiser's name promises for a (fan_in, fan_out) kernel."""
    distribution, parameter = spread(name, fan_in, fan_out)
    return parameter / math.sqrt(3) if distribution == "uniform" else parameter * TRUNCATED_STD


def cut(name: str, fan_in: int, fan_out: int) -> float:
    """The largest |weight| the name allows: the uniform's limit, or the normal's 2σ."""
    distribution, parameter = spread(name, fan_in, fan_out)
    return parameter if distribution == "uniform" else TRUNCATION * parameter
