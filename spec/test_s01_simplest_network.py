"""§1 The simplest network (In [1]–[17]): one linear neuron is linear regression."""

import pytest

from approx.analysis import figures, linear
from approx.analysis.reading import predict
from approx.article import nets, runs
from approx.article.targets import TRAINING_GRID, target
from approx.probes import defaults, dense, forward
from approx.statistics.measures import neurons
from approx.training.session import train

ARTICLE_LINE = ("2.00000048", "4.99998856")  # In [10], (w, b) exactly as printed
ARTICLE_SINE = ("0.6865344", "4.98856497")  # In [15], (w, b) exactly as printed


@pytest.mark.claim("S1.1", cell="In [8]")
def test_one_linear_neuron_has_exactly_a_weight_and_a_bias(evidence):
    """One linear Dense unit has exactly two trainable parameters, a weight and a bias.

    The constant input "1" in the article's diagram is the bias every framework
    adds by itself. Checked on the built model: its trainable variables are a
    (1, 1) kernel and a (1,) bias, and with the weight set to 0 and the bias to
    b, it outputs b whatever x is.
    """
    evidence.figure(figures.start_line(), "an illustration, y = x/2 − 2.5: no Keras neuron starts there, its bias"
                                         " starts at 0 (S10.3)", cell="In [4]")
    wrong = defaults.a_weight_and_a_bias(nets.single_neuron().build())
    assert not wrong, "; ".join(wrong)


@pytest.mark.claim("S1.2", cell="In [10]")
def test_one_linear_neuron_recovers_w_2_and_b_5(over_seeds, seeds, evidence):
    """Trained 100 epochs on y = 2x + 5, one linear neuron recovers w ≈ 2 and b ≈ 5.

    §1, In [9]–[10]. Checked on every seed: the largest of |w − 2| and |b − 5|
    stays below the calibrated bound. The first seed's weights are shown
    beside the article's printed ones.
    """
    model = train(runs.neuron_on_line(seeds[0]))
    w, b = linear.collapse(model)
    evidence.figure(figures.four_panels(model, "line"), f"data, In [4]'s illustrative line, both, and the fit (seed {seeds[0]})",
                    cell="In [13]")
    evidence.number("w", w, article=ARTICLE_LINE[0])
    evidence.number("b", b, article=ARTICLE_LINE[1])
    over_seeds(neurons.line_weight_error)


@pytest.mark.claim("S1.3", cell="In [15]")
def test_one_linear_neuron_lands_on_the_least_squares_line_of_the_sine(over_seeds, seeds, evidence):
    """Trained 200 epochs on y = 2 sin x + 5, the neuron lands on the least-squares line of that data.

    §1, In [15]: the network *is* linear regression. Checked on every seed: its
    (w, b) is within the calibrated distance of the closed-form fit.
    """
    x = TRAINING_GRID.x()
    w_ls, b_ls = linear.least_squares_line(x, target("sine")(x))
    model = train(runs.neuron_on_sine(seeds[0]))
    w, b = linear.collapse(model)
    evidence.figure(figures.four_panels(model, "sine"), f"the neuron on the sine, 200 epochs (seed {seeds[0]})",
                    cell="In [15]")
    evidence.number("least-squares w", w_ls)
    evidence.number("least-squares b", b_ls)
    evidence.number("trained w", w, article=ARTICLE_SINE[0])
    evidence.number("trained b", b, article=ARTICLE_SINE[1])
    over_seeds(neurons.sine_line_gap)


@pytest.mark.claim("S1.4", cell="In [16]–[17]")
def test_the_printed_pair_is_the_weight_then_the_bias(seeds, evidence):
    """The printed pair is (w, b): the model predicts exactly w·x + b.

    §1, In [16]–[17] draw w·x + b over the prediction. Checked on the neuron
    trained 100 epochs on the sine, every seed: the Keras prediction equals
    w·x + b computed from the layer's weights, to float32 round-off.
    """
    model = train(runs.neuron_on_sine(seeds[0], epochs=100))
    (kernel, bias), = [layer.get_weights() for layer in model.layers]
    evidence.figure(figures.fit(model, "sine", line=(float(kernel[0, 0]), float(bias[0]))),
                    f"the prediction, and w·x + b drawn over it (seed {seeds[0]})", cell="In [17]")
    x = TRAINING_GRID.x()
    for seed in seeds:
        model = train(runs.neuron_on_sine(seed, epochs=100))
        wrong = forward.weight_then_bias(dense.read(model), x, predict(model, x))
        assert not wrong, f"seed {seed}: {'; '.join(wrong)}"
