"""The paired test: each seed against its own baseline value and round-off envelope, Holm with the rank tests."""

import numpy as np
import pytest

from approx.statistics import drift, envelope
from approx.statistics.calibration import Calibration
from approx.statistics.envelope import Pair

BASE_SEEDS = list(range(10000, 10100))
PAIRED = list(range(5))
VARIANTS = ("onednn", "xla", *(f"nudge-{k}" for k in range(9)))


def _spread(seed):
    return np.random.default_rng(seed).lognormal(0.0, 0.5, len(BASE_SEEDS))


def _baseline(width=1e-6, ulps_of=None, **measures) -> Calibration:
    """Each measure's unpaired values, and pairs on seeds 0-4 whose variants lie within ±width of the value."""
    rng = np.random.default_rng(0)
    pairs = {}
    for name, values in measures.items():
        references = values[:len(PAIRED)]
        pairs[name] = {s: Pair(s, float(v), tuple(float(v) * (1 + rng.uniform(-width, width, len(VARIANTS)))))
                       for s, v in zip(PAIRED, references)}
    return Calibration(versions={}, command="test", seeds=BASE_SEEDS,
                       values={n: dict(zip(BASE_SEEDS, v)) for n, v in measures.items()},
                       variants=VARIANTS, pairs=pairs, ulps_of=ulps_of or {})


def _run(base, name, factor=1.0, seeds=PAIRED):
    return {s: base.pairs_of(name)[s].value * factor for s in seeds}


def test_the_envelope_is_the_widest_relative_change_of_a_variant():
    pair = Pair(0, 2.0, (2.0, 2.002, 1.999))
    assert pair.width == pytest.approx(1e-3)


def test_the_smallest_effect_sits_between_the_envelope_and_one_percent():
    narrow = {0: Pair(0, 1.0, (1.0 + 1e-7,))}
    assert envelope.smallest_effect(narrow) == envelope.FLOOR  # far above the round-off, far below 1%
    wide = {0: Pair(0, 1.0, (1.0005,))}
    assert envelope.smallest_effect(wide) == pytest.approx(envelope.MARGIN * 5e-4)
    capped = {0: Pair(0, 1.0, (1.0014,))}
    assert envelope.smallest_effect(capped) == envelope.CAP  # 1% still leaves seven envelopes of room
    wider = {0: Pair(0, 1.0, (1.004,))}
    assert envelope.smallest_effect(wider) == pytest.approx(envelope.SAFETY * 4e-3)  # past 1%, four envelopes


def test_the_same_values_again_do_not_move():
    base = _baseline(gain=_spread(1))
    judged = drift.judge({"gain": _run(base, "gain")}, base)["gain"]
    assert not judged.moved and judged.paired.exceeding == 0 and judged.judged == drift.PAIRED_AND_RANKED


def test_round_off_a_few_envelopes_out_does_not_move():
    """A new kernel's round-off just outside the envelope (five times it) stays below the smallest effect."""
    base = _baseline(gain=_spread(1), width=1e-6)
    judged = drift.judge({"gain": _run(base, "gain", 1 + 5e-6)}, base)["gain"]
    assert not judged.moved


def test_a_change_of_a_fraction_of_a_percent_moves_on_every_paired_seed():
    """×1.002 is far inside the seed spread (the rank test cannot see it) and far beyond δ."""
    base = _baseline(gain=_spread(1), other=_spread(2))
    run = {"gain": _run(base, "gain", 1.002), "other": _run(base, "other")}
    judged = drift.judge(run, base)
    assert judged["gain"].moved and not judged["other"].moved
    assert judged["gain"].paired.exceeding == 5 and judged["gain"].adjusted > drift.ALPHA
    assert judged["gain"].factor == pytest.approx(1.002)
    assert judged["gain"].family == 4  # two names, each ranked and paired: one Holm family


def test_the_exceedance_p_value_counts_only_the_random_draws():
    assert envelope.random_draws(VARIANTS) == 9
    pairs = {s: Pair(s, 1.0, ()) for s in PAIRED}
    found = envelope.paired_test({s: 1.5 for s in PAIRED}, pairs, draws=9)
    assert found.p == pytest.approx(0.1 ** 5)


def test_a_chaotic_name_keeps_only_the_rank_test():
    base = _baseline(chaos=_spread(3), width=0.3)
    judged = drift.judge({"chaos": _run(base, "chaos", 1.2)}, base)["chaos"]
    assert judged.judged == drift.RANKED_CHAOTIC and judged.paired is None and not judged.moved


def test_seeds_the_baseline_kept_no_pairs_for_are_ranked_only():
    base = _baseline(gain=_spread(1))
    run = {"gain": dict(zip(range(100, 105), _spread(5)[:5]))}
    judged = drift.judge(run, base)["gain"]
    assert judged.judged == drift.RANKED_UNPAIRED and judged.paired is None


def test_a_round_off_only_name_is_judged_in_ulps_never_by_rank():
    values = 2.0 + np.random.default_rng(4).integers(-3, 4, len(BASE_SEEDS)) * float(np.spacing(np.float32(2)))
    base = _baseline(line=values, ulps_of={"line": 2.0})
    ulp = float(np.spacing(np.float32(2.0)))
    steady = drift.judge({"line": _run(base, "line") | {s: v + 3 * ulp for s, v in _run(base, "line").items()}}, base)
    assert not steady["line"].moved and steady["line"].p is None and steady["line"].judged == drift.IN_ULPS
    far = drift.judge({"line": {s: v + 100 * ulp for s, v in _run(base, "line").items()}}, base)
    assert far["line"].moved and far["line"].ulps.worst == pytest.approx(100)


def test_a_diverged_seed_exceeds():
    base = _baseline(gain=_spread(1))
    run = _run(base, "gain") | {0: float("nan")}
    assert drift.judge({"gain": run}, base)["gain"].paired.exceeding == 1


def test_a_baseline_file_keeps_its_pairs(tmp_path):
    from approx.statistics import calibration

    base = _baseline(gain=_spread(1), ulps_of={"gain": 5.0})
    calibration.save(base, {"gain": "a gain"}, tmp_path / "b.json")
    again = calibration.load(tmp_path / "b.json")
    assert again.pairs == base.pairs and again.variants == VARIANTS and again.ulps_of == {"gain": 5.0}


def test_a_pair_short_of_a_variant_is_a_damaged_baseline(tmp_path):
    import json

    from approx.statistics import calibration

    calibration.save(_baseline(gain=_spread(1)), {"gain": "a gain"}, tmp_path / "b.json")
    raw = json.loads((tmp_path / "b.json").read_text())
    raw["pairs"]["values"]["gain"]["0"]["variants"].pop()
    (tmp_path / "b.json").write_text(json.dumps(raw))
    with pytest.raises(calibration.DamagedCalibration, match="variant values"):
        calibration.load(tmp_path / "b.json")


def test_a_held_out_round_off_variant_raises_no_alarm():
    """Each variant judged against the others' envelope: round-off only, so no alarm."""
    base = _baseline(gain=_spread(1), other=_spread(2), width=1e-6)
    assert drift.held_out_false_alarms(base) == (0, len(VARIANTS))


def test_two_backends_agree_where_the_seconds_values_lie_within_the_firsts_allowance():
    first = _baseline(gain=_spread(1), other=_spread(2))
    second = _baseline(gain=_spread(1), other=_spread(2) * 1.05)
    found = envelope.agreement(first, second)
    assert found["gain"].within and found["gain"].worst < 1e-5
    assert not found["other"].within and found["other"].worst == pytest.approx(0.05)
