"""§9 going deeper, and §11 beyond the article: depth, its gradients, and deep ReLU segments."""

from approx.analysis import piecewise
from approx.analysis.vanishing import first_layer_gradient
from approx.article import runs
from approx.article.nets import Net
from approx.article.targets import TRAINING_GRID, WIDE_GRID
from approx.statistics.measures.momentum import mse_relu_momentum_on_sine, mse_tanh_momentum_on_hard
from approx.statistics.measures.registry import arm, measure, mse_of, ratio
from approx.statistics.measures.tanh_units import mse_tanh_he_on_hard
from approx.training.session import current, train

mse_tanh_momentum_on_wide = mse_of(runs.tanh_momentum_on_wide)


mse_deep_tanh_on_wide = mse_of(runs.deep_tanh_on_wide)


mse_tanh50_on_wide = mse_of(runs.tanh50_on_wide)


depth_gain = ratio(mse_tanh_momentum_on_wide, mse_deep_tanh_on_wide,
                   "MSE of tanh(20) lr 0.01 / tanh(50, 50) lr 0.001, he_normal, on the [-6, 6] grid", above=1.0,
                   reader="trained on [−6, 6], the article's retuned two-layer tanh(50, 50) makes an error {value:.2g}"
                          " times smaller than the one-layer tanh(20)",
                   why="what the article's retuned deep net shows beside its caution: it 'fits better'")


mse_blind_deep_on_hard = mse_of(runs.blind_deep_tanh_on_hard)


mse_blind_deep_on_wide = mse_of(lambda seed: runs.blind_deep_tanh_on_hard(seed, WIDE_GRID))


# The article's N.B.: adding a layer blindly brings no improvement out of the box.
blind_depth_gain = ratio(mse_tanh_he_on_hard, mse_blind_deep_on_hard,
                         "MSE of tanh(20) / tanh(20, 20), nothing else changed, on [-3, 3]", above=1.0, by_rate=True,
                         reader="trained on [−3, 3], a second tanh(20) layer, added with nothing else changed, makes"
                                " the error {value:.0f} times smaller",
                         why="the second layer lowered the error; the spec asks how often")


blind_depth_gain_wide = ratio(mse_tanh_momentum_on_wide, mse_blind_deep_on_wide,
                              "MSE of tanh(20) / tanh(20, 20), nothing else changed, on the [-6, 6] grid", above=1.0, by_rate=True,
                              reader="trained on [−6, 6], the one-layer tanh(20)'s error is {value:.0%} of the error of"
                                     " tanh(20, 20), the same net with a second layer added and nothing else changed",
                              why="the second layer lowered the error; the spec asks how often")


depth_gain_same_width = ratio(mse_tanh50_on_wide, mse_deep_tanh_on_wide,
                              "MSE of tanh(50) / tanh(50, 50), he_normal, lr 0.001, [-6, 6] grid", above=1.2,
                              reader="with everything else equal, tanh(50, 50) makes an error {value:.2g} times smaller"
                                     " on [−6, 6] than tanh(50) with one layer",
                              why="a clear gain from the second layer alone, not a tie: a fifth at least")


# S9.3: the N.B.'s "two hidden layers are enough", as the hedge it is.
mse_deep3_tanh_on_wide = mse_of(lambda seed: runs.deep_tanh_on_wide(seed, (50, 50, 50)))


third_layer_gain = ratio(mse_deep_tanh_on_wide, mse_deep3_tanh_on_wide,
                         "MSE of tanh(50, 50) / tanh(50, 50, 50), he_normal, lr 0.001, [-6, 6] grid", above=1.0,
                         by_rate=True, reader="tanh(50, 50)'s error on [−6, 6] is {value:.2g} times the error of"
                                              " tanh(50, 50, 50), the same net with a third layer",
                         why="the third layer lowered the error; the spec asks how often")


DEPTHS = (1, 32)  # the shallowest and deepest tanh(50) stacks compared by S9.2


def _gradient(depth, seed):
    net = Net(hidden=(50,) * depth, activation="tanh")
    return first_layer_gradient(net, "hard", WIDE_GRID, current().start(net, seed))


@arm("first-layer gradient norm at init of tanh(50), one layer, on the [-6, 6] grid")
def gradient_shallow(seed):
    return _gradient(DEPTHS[0], seed)


@arm("first-layer gradient norm at init of tanh(50)×32 on the [-6, 6] grid")
def gradient_deep(seed):
    return _gradient(DEPTHS[1], seed)


gradient_shrink = ratio(gradient_shallow, gradient_deep,
                        "first-layer gradient norm at init, tanh(50)×1 / tanh(50)×32", above=1.5,
                        reader="before training, the first layer of a stack of 32 tanh(50) layers gets a gradient"
                               " {value:.2g} times smaller than a single tanh(50) layer does",
                        why="'vanishing': the deep stack's first layer gets a clearly smaller gradient, by half again at least")


@measure("segments of trained ReLU(20, 20) on [-3, 3] per neuron", below=1.0,
         reader="a trained ReLU(20, 20) draws {value:.1f} straight segments on [−3, 3] per neuron, where up to 11"
                " per neuron are possible",
         why="'far fewer than the bound' (441 segments, 11 a neuron): fewer than one a neuron")
def deep_segments_per_neuron(seed):
    """Segments of the trained ReLU(20, 20) on [-3, 3] per hidden neuron (bound: 441/40)."""
    found = piecewise.stack_breakpoints(train(runs.deep_relu_on_sine(seed)), TRAINING_GRID.start, TRAINING_GRID.stop)
    return (len(found) + 1) / sum(runs.DEEP_RELU)


# S11.4: spectral bias, the fast sine against the slow one on one budget.
mse_relu_momentum_on_fast_sine = mse_of(runs.relu_momentum_on_fast_sine)

spectral_bias = ratio(mse_relu_momentum_on_fast_sine, mse_relu_momentum_on_sine,
                      "MSE of ReLU(100) Nesterov on 2 sin 4x + 5 / on 2 sin x + 5",
                      above=100.0, why="a strong bias, not a nuance: two orders of magnitude at least",
                      reader="trained the same way, ReLU(100) with momentum makes an error {value:,.0f} times larger"
                             " on the fast sine 2 sin 4x + 5 than on 2 sin x + 5")


# S11.7: sigmoid units in place of tanh on the hard function.
mse_sigmoid_momentum_on_hard = mse_of(runs.sigmoid_momentum_on_hard)

sigmoid_over_tanh = ratio(mse_sigmoid_momentum_on_hard, mse_tanh_momentum_on_hard,
                          "MSE of sigmoid(20) / tanh(20), both Nesterov, default init, on the hard function",
                          above=1.5, why="'worse' by a clear margin, not a tie: half again at least",
                          reader="on the harder function, sigmoid(20)'s error is {value:.1f} times larger than"
                                 " tanh(20)'s, both with momentum")
