"""§6 Weight initialisation (In [135]–[153], [148])."""

import pytest

from approx.analysis import figures
from approx.article import nets, runs
from approx.statistics.calibration import committed
from approx.statistics.measures import tanh_units
from approx.probes import initialisers
from approx.training.session import train


def _improves(gain):
    """An MSE ratio (before / after) above 1: the change lowered the error."""
    return gain > 1


GLOROT_BEATS_DEFAULT = committed().count(tanh_units.glorot_gain, _improves)

@pytest.mark.claim("S6.1", cell="In [136]")
@pytest.mark.xfail(strict=True, raises=AssertionError,
                   reason="glorot_normal beats the default initialisation on only {} of {} reference "
                          "trainings: sometimes, not an improvement one can count on".format(*GLOROT_BEATS_DEFAULT))
def test_article_glorot_normal_improves_on_the_default_initialisation(usually):
    """glorot_normal improves on the default initialisation of tanh(20) on the hard function.

    §6, In [126] vs In [136]. Judged on the run's seeds and the baseline's:
    the run's count of seeds where glorot_normal's MSE is the lower must be
    one the baseline's rate allows, and that rate must be most trainings.
    """
    usually(tanh_units.glorot_gain, _improves, "glorot_normal beat the default")


@pytest.mark.claim("S6.1", cell="In [153]")
def test_he_normal_improves_further_on_glorot_normal(usually):
    """he_normal improves further on glorot_normal.

    §6, In [136] vs In [153]. Judged as the claim above; it holds on most
    trainings but not on all of them, so its verdict gives the baseline's
    count.
    """
    usually(tanh_units.he_gain_over_glorot, _improves, "he_normal beat glorot_normal")


@pytest.mark.claim("S6.1", cell="In [136]", corrects=True)
def test_glorot_normal_changes_the_error_by_less_than_2_5x_either_way(over_seeds, seeds, evidence):
    """glorot_normal is no reliable improvement: it changes the error by less than 2.5× either way.

    Correction of §6, In [136]. Checked on every seed: MSE with the default
    initialisation over MSE with glorot_normal lies in (0.5, 2.5).
    """
    evidence.figure(figures.fit(train(runs.tanh_momentum_on_hard(seeds[0], "glorot_normal")), "hard"),
                    f"tanh(20), glorot_normal (seed {seeds[0]})", cell="In [136]")
    over_seeds(tanh_units.glorot_gain)


@pytest.mark.claim("S6.1", cell="In [153]", evidence_kind="ours")
def test_he_normal_keeps_the_error_of_the_default_within_a_band(over_seeds, seeds, evidence):
    """he_normal neither does much worse than the default initialisation nor far better: the ratio stays in a band.

    Ours, beside §6, In [153]. Checked on every seed: MSE with the default
    over MSE with he_normal lies in (0.7, 4). How often he_normal is the
    better is the claim's own test, above.
    """
    evidence.figure(figures.fit(train(runs.tanh_momentum_on_hard(seeds[0], "he_normal")), "hard"),
                    f"tanh(20), he_normal, 100 epochs (seed {seeds[0]})", cell="In [153]")
    over_seeds(tanh_units.he_gain)


@pytest.mark.claim("S6.1", cell="In [153]", evidence_kind="ours")
def test_he_normal_keeps_the_error_of_glorot_normal_within_a_band(over_seeds):
    """he_normal neither does much worse than glorot_normal nor far better: the ratio stays in a band.

    Ours, beside §6, In [136] vs In [153]. Checked on every seed: the MSE
    ratio glorot_normal / he_normal lies in (0.7, 4).
    """
    over_seeds(tanh_units.he_gain_over_glorot)


@pytest.mark.claim("S6.2", cell="In [148]")
def test_400_epochs_fit_much_better_than_100(over_seeds, seeds, evidence):
    """Training the he_normal tanh(20) net 400 epochs instead of 100 fits the hard function much better.

    §6, In [153] vs In [148]: the article shows the 400-epoch fit; "much
    better" is our reading of its figure. Checked on every seed: the MSE
    ratio 100 epochs / 400 epochs clears the calibrated threshold.
    """
    evidence.figure(figures.fit(train(runs.tanh_momentum_on_hard(seeds[0], "he_normal", 400)), "hard"),
                    f"tanh(20), he_normal, 400 epochs (seed {seeds[0]})", cell="In [148]")
    over_seeds(tanh_units.longer_training_gain)


@pytest.mark.claim("S6.3", cell="In [135], [138]")
@pytest.mark.parametrize("name", ["glorot_normal", "he_normal"])
def test_initialisers_have_the_spread_their_names_promise(name):
    """glorot_normal has std √(2/(fan_in + fan_out)) and he_normal √(2/fan_in), from a normal cut at 2σ.

    §6, In [135] and In [138]. Keras draws from a normal truncated at two of
    its standard deviations, widened so that what is left has the promised
    std. Checked on a 400 × 600 kernel drawn by Keras: the std is the
    promised one to 1%, and the tails reach close to the cut (so the
    distribution is the truncated normal, not a narrower one); that nothing
    lies beyond the cut is the next test's.
    """
    wrong = initialisers.spread_as_promised(name)
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S6.3", cell="In [135], [138]", gate_only=True)
@pytest.mark.parametrize("name", ["glorot_normal", "he_normal"])
def test_initialisers_draw_the_distribution_their_names_document(name, evidence):
    """glorot_normal and he_normal draw independent weights from their documented truncated normals, and zero biases.

    §6, In [135] and In [138]. Checked on a Keras stack 400 → 600 → 600
    built with the initialiser, seed 0: the first kernel's std is the
    promised one to 1%; both kernels pass a Kolmogorov–Smirnov test against
    the documented law (p ≥ 1e-6); neighbouring units, neighbouring inputs
    and the two layers are uncorrelated (within 6 standard errors); every
    bias is 0. The largest weight over the cut is shown; that none lies
    beyond it is the next test's, on more draws, with PyTorch's difference
    declared there.
    """
    found = initialisers.findings(name)
    for key, value in found.items():
        evidence.number(key, value)
    departed = initialisers.departures(found, bounds=False)
    assert not departed, departed


@pytest.mark.claim("S6.3", cell="In [135], [138]", gate_only=True)
@pytest.mark.release("keras>=3", "fails", backend="torch", raises=AssertionError,
                     reason="Keras's PyTorch truncated_normal draws four normal candidates per weight and keeps"
                            " the first when none lies within ±2σ, so about 4 weights in a million (0.0455⁴)"
                            " lie beyond the cut")
@pytest.mark.parametrize("name", ["glorot_normal", "he_normal"])
def test_no_initial_weight_lies_beyond_the_truncation(name, evidence):
    """glorot_normal and he_normal never draw a weight beyond their cut at two standard deviations.

    §6, In [135] and In [138], about what the names promise: a truncated
    normal. Checked on a 2000 × 1000 kernel drawn by Keras, seed 0: no draw
    lies beyond the cut (a normal cut nowhere would put 91,000 there, one
    that re-draws only sometimes a few).
    """
    beyond, wrong = initialisers.beyond_the_cut(name)
    evidence.number("weights beyond the cut, of 2,000,000", beyond)
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S6.3", cell="In [135], [138]", gate_only=True)
@pytest.mark.parametrize("initialiser", [None, "glorot_normal", "he_normal"], ids=["default", "glorot", "he"])
def test_biases_start_at_zero(initialiser):
    """Whatever the kernel initialiser, the biases start at zero.

    §6, In [135] and In [138] name only kernel initialisers. Checked on the
    built tanh(20) nets, seeds 0–4: every bias is 0.
    """
    wrong = initialisers.zero_biases([nets.tanh_momentum(20, initialiser).build(seed=seed, compiled=False)
                                      for seed in range(5)])
    assert not wrong, "; ".join(wrong)
