"""The spec's exact checks of Keras, each as a line of a reproducer: the approx.probes call its test makes.

Every test of the framework kind that no measure judges has one Check here,
named by its test, so `approx repro ID` covers every exact check of a claim
(tests/plugin/test_repro.py holds the table to the spec). A check's line is
an expression in the script's vocabulary (approx/tools/reproducers/*.py
and the approx.probes modules it carries) that gives what is
wrong, a list of sentences; one that reads trained networks is a function of
the seed, `{r0}`, `{r1}` … standing for its runs. `expected` is what the
baseline's release does: "holds", or "fails" for the article's errata and
the release differences the spec declares for Keras 3 on TensorFlow.
"""

from dataclasses import dataclass

from approx.article import nets, runs
from approx.article.runs import Run
from approx.article.targets import TRAINING_GRID, WIDE_GRID
from approx.tools.recipes import net_of

ON_FINE_GRID = "fine()"
WIDE = f"column({WIDE_GRID.start!r}, {WIDE_GRID.stop!r}, {WIDE_GRID.points!r})"
GRID = f"column({TRAINING_GRID.start!r}, {TRAINING_GRID.stop!r}, {TRAINING_GRID.points!r})"


@dataclass(frozen=True)
class Check:
    claim: str
    test: str  # the spec test whose check this is
    says: str  # what it checks, in a line
    code: str  # the expression; a function of `seed` when `runs` are given
    runs: tuple = ()  # functions of the seed giving the runs {r0}, {r1} … stand for
    expected: str = "holds"
    probes: tuple[str, ...] = ()  # the approx.probes modules the code calls


def _net(net) -> str:
    return repr(net_of(net))


def _he(seed):
    return runs.tanh_momentum_on_hard(seed, "he_normal")


def _article_4_epochs(seed):
    """S10.4's net: the §4 tanh(20) with Nesterov on the hard function, 4 epochs."""
    return Run(nets.tanh_momentum(20), "hard", 4, seed, TRAINING_GRID)


def _each(values, code: str) -> str:
    """One list of what is wrong over several cases: `code` formatted with each value as {v}."""
    return "[p for v in " + repr(tuple(values)) + " for p in " + code + "]"


CHECKS = (
    # §10 first: S10.4's unseeded shuffling runs before anything seeds Keras, as the article's process did.
    Check("S10.4", "test_model_fit_reshuffles_all_points_every_epoch",
          "model.fit(x, y, epochs=3), unseeded, takes every epoch in a fresh permutation of all the points"
          " (whether the permutations are uniform, scipy's tests in the spec test say)", "reshuffles()",
          probes=("shuffling",)),
    Check("S10.4", "test_model_fit_reshuffles_every_epoch_under_a_global_seed",
          "after keras.utils.set_random_seed(0), fit still takes every epoch in a fresh permutation of all the"
          " points", "reshuffles(seed=0)",
          expected="fails", probes=("shuffling",)),
    Check("S10.4", "test_model_predict_is_the_forward_pass_the_spec_reads",
          "model.predict equals the model called on all the points (the §4 net, 4 epochs)",
          f"predict_is_the_forward_pass(outputs(trained({{r0}}, seed), {GRID}),"
          f" keras.ops.convert_to_numpy(trained({{r0}}, seed)({GRID}.astype(np.float32))))",
          runs=(_article_4_epochs,), probes=("forward",)),
    Check("S10.1", "test_sgd_rejects_lr_and_takes_learning_rate", "SGD(lr=…) is rejected; learning_rate= sets the rate",
          "lr_is_rejected()", probes=("defaults",)),
    Check("S10.2", "test_dense_with_input_dim_still_builds_with_a_warning",
          "Dense(1, input_dim=1) builds a working model, with a warning", "input_dim_warns()", probes=("defaults",)),
    Check("S10.3", "test_fit_uses_batches_of_32_by_default", "fit's batches are 32 by default", "batches_of_32()",
          probes=("defaults",)),
    Check("S10.3", "test_fit_shuffles_by_default", "fit shuffles by default", "shuffles_by_default()",
          probes=("defaults",)),
    Check("S10.3", "test_sgd_learning_rate_defaults_to_0_01", "'sgd' is plain SGD at rate 0.01",
          "sgd_rate_is_0_01()", probes=("defaults",)),
    Check("S10.3", "test_mean_squared_error_is_the_mean_of_squared_differences",
          "'mean_squared_error' is mean((prediction − target)²)", "mse_is_mean_square()", probes=("defaults",)),
    Check("S10.3", "test_dense_starts_glorot_uniform_with_zero_biases",
          "Dense starts glorot_uniform, biases 0", "glorot_uniform_by_default()", probes=("initialisers",)),
    Check("S10.3", "test_dense_draws_independent_glorot_uniform_kernels",
          "Dense's default kernels are independent glorot_uniform draws", "departures(findings(None))",
          probes=("initialisers",)),
    Check("S10.3", "test_the_article_nets_use_the_framework_defaults",
          "the article's plain nets compile SGD at 0.01 without momentum, glorot_uniform kernels",
          f"article_nets_take_the_defaults([build({_net(nets.single_neuron())}), build({_net(nets.relu_layer(3))})])",
          probes=("defaults",)),
    Check("S10.5", "test_sgd_with_nesterov_momentum_steps_as_keras_2_did",
          "SGD(momentum=0.9, nesterov=True) takes Nesterov steps as Keras 2 did",
          "nesterov_steps_as_keras_2(keras.optimizers.SGD(learning_rate=RATE, momentum=MOMENTUM, nesterov=True))",
          probes=("defaults",)),
    # The article's sections, in order.
    Check("S1.1", "test_one_linear_neuron_has_exactly_a_weight_and_a_bias",
          "one linear Dense unit has exactly a weight and a bias", f"a_weight_and_a_bias(build({_net(nets.single_neuron())}))",
          probes=("defaults",)),
    Check("S1.4", "test_the_printed_pair_is_the_weight_then_the_bias",
          "the neuron trained on the sine outputs w·x + b", "weight_then_bias(read(trained({r0}, seed)),"
          f" {GRID}, outputs(trained({{r0}}, seed), {GRID}))",
          runs=(lambda seed: runs.neuron_on_sine(seed, epochs=100),), probes=("forward",)),
    Check("S2.1", "test_linear_layers_still_draw_one_straight_line",
          "Dense(5, linear) → Dense(1) draws the one line collapsed from its weights",
          f"one_straight_line(read(trained({{r0}}, seed)), {GRID}, outputs(trained({{r0}}, seed), {GRID}))",
          runs=(runs.linear_layers_on_sine,), probes=("forward",)),
    Check("S2.2", "test_linear_layers_never_fit_better_than_the_least_squares_line",
          "the linear stack fits the sine no better than its least-squares line",
          f"no_better_than_the_line({GRID}, outputs(trained({{r0}}, seed), {GRID}), data({{r0}})[1])",
          runs=(runs.linear_layers_on_sine,), probes=("forward",)),
    *(Check("S2.3", "test_a_relu_layer_breaks_the_line_only_at_minus_b_over_w",
            f"a trained ReLU({width}) bends only at −b/w", f"breaks_only_at_minus_b_over_w(read(trained({{r0}}, seed)),"
            f" {ON_FINE_GRID}, outputs(trained({{r0}}, seed), {ON_FINE_GRID}))",
            runs=(lambda seed, width=width: runs.relu_on_sine(width, seed),), probes=("forward",)) for width in (3, 59)),
    Check("S2.4", "test_article_max_segments_equal_the_number_of_neurons",
          "a ReLU(3) draws no more than 3 segments (the article's reading)",
          f"at_most_segments(outputs(hand_set_relu(build({_net(nets.relu_layer(3))}), 3), {ON_FINE_GRID}), 3)",
          expected="fails", probes=("forward",)),
    Check("S2.4", "test_n_relu_neurons_reach_n_plus_1_segments", "hand-set ReLU(n) nets make n + 1 segments",
          _each((1, 3, 5), "on(hand_set_relu(build({'hidden': [v], 'activation': 'relu', 'optimiser': {}}), v),"
                           f" lambda m: reaches_n_plus_1_segments(read(m), outputs(m, {ON_FINE_GRID}), v))"),
          probes=("forward",)),
    Check("S2.4", "test_a_trained_relu3_net_never_draws_more_than_4_segments", "a trained ReLU(3) draws at most 4 segments",
          f"at_most_segments(outputs(trained({{r0}}, seed), {ON_FINE_GRID}), 4)",
          runs=(lambda seed: runs.relu_on_sine(3, seed),), probes=("forward",)),
    Check("S3.2", "test_article_sgd_takes_lr", "the article's SGD(lr=0.01, momentum=0.9, nesterov=True) builds",
          "article_sgd_line()", expected="fails", probes=("defaults",)),
    Check("S3.2", "test_the_momentum_optimiser_is_sgd_with_learning_rate",
          "the In [73] net's optimiser takes Nesterov steps at rate 0.01, momentum 0.9",
          f"nesterov_steps_as_keras_2(build({_net(nets.relu_momentum())}).optimizer)", probes=("defaults",)),
    *(Check("S6.3", "test_initialisers_have_the_spread_their_names_promise", f"{name} has the promised spread",
            f"spread_as_promised({name!r})", probes=("initialisers",)) for name in ("glorot_normal", "he_normal")),
    *(Check("S6.3", "test_initialisers_draw_the_distribution_their_names_document",
            f"{name} draws independent weights from its documented law",
            f"departures(findings({name!r}), bounds=False)", probes=("initialisers",))
      for name in ("glorot_normal", "he_normal")),
    *(Check("S6.3", "test_no_initial_weight_lies_beyond_the_truncation", f"{name} draws nothing beyond its cut",
            f"beyond_the_cut({name!r})[1]", probes=("initialisers",)) for name in ("glorot_normal", "he_normal")),
    Check("S6.3", "test_biases_start_at_zero", "biases start at 0 whatever the kernel initialiser",
          _each([net_of(nets.tanh_momentum(20, i)) for i in (None, "glorot_normal", "he_normal")],
                "zero_biases([build(v, seed=s) for s in range(5)])"), probes=("initialisers",)),
    Check("S7.1", "test_the_prediction_is_exactly_the_sum_of_the_neuron_terms_plus_the_bias",
          "the trained tanh(20) outputs the sum of its units' terms plus the bias",
          f"tanh_terms_sum_to_the_output(read(trained({{r0}}, seed)), {WIDE}, outputs(trained({{r0}}, seed), {WIDE}))",
          runs=(_he,), probes=("forward",)),
    Check("S7.2", "test_all_tanh_centres_start_at_zero", "a fresh tanh(20) (he_normal) has every unit centred at 0",
          f"[p for s in range(10) for p in centred_at_zero(read(build({_net(nets.tanh_momentum(20, 'he_normal'))},"
          f" seed=s)))]", probes=("forward",)),
    Check("S7.3", "test_outside_its_zone_a_tanh_unit_is_the_constant_plus_or_minus_one",
          "a saturated tanh unit is ±1", f"saturates_to(read(trained({{r0}}, seed)), {WIDE},"
          f" hidden(trained({{r0}}, seed), {WIDE}), 'sign')", runs=(_he,), probes=("forward",)),
    Check("S7.3", "test_article_saturated_tanh_units_are_zero_or_one", "a saturated tanh unit is 0 or 1 (the article)",
          f"saturates_to(read(trained({{r0}}, seed)), {WIDE}, hidden(trained({{r0}}, seed), {WIDE}), 'zero or one')",
          runs=(_he,), expected="fails", probes=("forward",)),
    Check("S11.1", "test_a_relu_net_extrapolates_along_a_straight_line",
          "ReLU(100) is straight, not flat, beyond its outermost breakpoints",
          "straight_beyond(read(trained({r0}, seed)), lambda x: outputs(trained({r0}, seed), x))[0]",
          runs=(runs.relu_momentum_on_sine,), probes=("forward",)),
    Check("S11.2", "test_at_initialisation_every_relu_breakpoint_sits_at_zero",
          "a fresh ReLU(100) bends only at 0", f"[p for s in range(10) for p in on(build({_net(nets.relu_momentum(100))},"
          f" seed=s), lambda m: breakpoints_at_zero(read(m), lambda x: outputs(m, x)))]", probes=("forward",)),
    Check("S11.5", "test_linear_layers_collapse_at_any_depth", "fresh linear stacks of depth 1 to 8 draw one line",
          _each((1, 2, 3, 5, 8), "[p for s in range(5) for p in on(build({'hidden': [5] * v, 'activation': 'linear',"
                                 f" 'optimiser': {{}}}}, seed=s), lambda m: collapsed_line(read(m), {GRID},"
                                 f" outputs(m, {GRID}), v))]"), probes=("forward",)),
)


def of_claim(claim: str) -> list[Check]:
    return [check for check in CHECKS if check.claim == claim]
