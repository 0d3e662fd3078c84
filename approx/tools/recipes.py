"""What a reproducer computes, as lines of its script: each measure's and arm's value, and the runs they train.

A factory-made name carries its recipe (approx.statistics.measures.registry:
an MSE, an RMS error near some places, a ratio); each of the others is one
line below, written from the constants its definition uses, in the script's
vocabulary (approx/tools/reproducers/ and approx.probes.dense).
A run is keyed r1, r2, … in the order first needed; the writer saves its
data, its seeds' starting weights and batch orders beside the script.
tests/plugin/test_repro.py holds every line to the baseline, run without approx.
"""

from approx.article import runs
from approx.article.nets import Net
from approx.article.runs import Run
from approx.article.targets import TRAINING_GRID, WIDE_GRID


class NoReproducer(LookupError):
    """Nothing standalone reproduces this: the message says what there is."""


class Recipes:
    """The script's RECIPES for some names, and the runs they train, keyed r1, r2, … in the order first needed."""

    def __init__(self):
        from approx.statistics.measures import quantities

        self.known = quantities()
        self.lines: dict[str, str] = {}
        self.runs: dict[str, object] = {}  # key -> the run's function of the seed
        self.gradients: set[str] = set()  # keys of runs read at their start by one step, not trained

    def run_key(self, run, gradient: bool = False) -> str:
        for key, known in self.runs.items():
            if known(0) == run(0) and (key in self.gradients) == gradient:
                return key
        key = f"r{len(self.runs) + 1}"
        self.runs[key] = run
        if gradient:
            self.gradients.add(key)
        return key

    def add(self, name: str) -> None:
        if name in self.lines:
            return
        recipe = self.known[name].recipe
        if not recipe:
            custom = _custom()
            if name not in custom:
                raise NoReproducer(f"{name} has no standalone recipe: add one to approx.tools.recipes' _custom()")
            self.lines[name] = custom[name](self)
            return
        kind, *parts = recipe
        if kind == "mse":
            self.lines[name] = f"lambda seed: mse({self.run_key(parts[0])!r}, seed)"
        elif kind == "rms_near":
            run, places, radius = parts
            self.lines[name] = (f"lambda seed: rms_near({self.run_key(run)!r}, seed,"
                                f" {tuple(float(p) for p in places)!r}, {radius!r})")
        elif kind == "ratio":
            for part in parts:
                self.add(part)
            self.lines[name] = f"lambda seed: RECIPES[{parts[0]!r}](seed) / RECIPES[{parts[1]!r}](seed)"
        else:
            raise NoReproducer(f"{name}: unknown recipe {kind!r}")

    def source(self) -> str:
        lines = ["RECIPES = {  # each value on a seed, as approx.statistics.measures defines it"]
        lines += [f"    {name!r}: {line}," for name, line in self.lines.items()]
        return "\n".join(lines + ["}"])


# The names no factory made: each as a line of the script, from the constants their definitions use.

def _needs(r: "Recipes", *names: str) -> None:
    for name in names:
        r.add(name)


def _of(run, what: str):
    """A recipe that reads `what` (a format of {model}) from the trained model of `run`."""
    return lambda r: f"lambda seed: {what.format(model=f'trained({r.run_key(run)!r}, seed)')}"


def _gradient(depth: int):
    def line(r: "Recipes") -> str:
        key = r.run_key(lambda seed: Run(Net(hidden=(50,) * depth, activation="tanh"), "hard", 1, seed, WIDE_GRID),
                        gradient=True)
        return f"lambda seed: gradient_at_start({key!r}, seed)"
    return line


def _ratio_of_ratios(r, a, b, c, d) -> str:
    _needs(r, a, b, c, d)
    return f"lambda seed: (RECIPES[{a!r}](seed) / RECIPES[{b!r}](seed)) / (RECIPES[{c!r}](seed) / RECIPES[{d!r}](seed))"


def _share_of_gap(r, before: str, after: str) -> str:
    _needs(r, before, after, "hard_over_sine")
    return (f"lambda seed: math.log(RECIPES[{before!r}](seed) / RECIPES[{after!r}](seed))"
            f" / math.log(RECIPES['hard_over_sine'](seed))")


def _gap(r, run, w: str, b: str) -> str:
    _needs(r, w, b)
    return f"lambda seed: gap_from_line({r.run_key(run)!r}, RECIPES[{w!r}](seed), RECIPES[{b!r}](seed))"


def _he_tanh(seed):
    return runs.tanh_momentum_on_hard(seed, "he_normal")


def _custom() -> dict:
    from approx.statistics.measures import depth, momentum, neurons, tanh_units as t

    line, still = neurons.LINE, t.STILL
    return {
        "line_w": _of(runs.neuron_on_line, "collapse(read({model}))[0]"),
        "line_b": _of(runs.neuron_on_line, "collapse(read({model}))[1]"),
        "line_weight_error": lambda r: (_needs(r, "line_w", "line_b") or
                                        f"lambda seed: max(abs(RECIPES['line_w'](seed) - {line[0]!r}),"
                                        f" abs(RECIPES['line_b'](seed) - {line[1]!r}))"),
        "sine_w": _of(runs.neuron_on_sine, "collapse(read({model}))[0]"),
        "sine_b": _of(runs.neuron_on_sine, "collapse(read({model}))[1]"),
        "sine_line_gap": lambda r: _gap(r, runs.neuron_on_sine, "sine_w", "sine_b"),
        "linear_layers_w": _of(runs.linear_layers_on_sine, "collapse(read({model}))[0]"),
        "linear_layers_b": _of(runs.linear_layers_on_sine, "collapse(read({model}))[1]"),
        "linear_layers_line_gap": lambda r: _gap(r, runs.linear_layers_on_sine, "linear_layers_w", "linear_layers_b"),
        "linear_layers_excess": lambda r: (_needs(r, "mse_linear_layers_on_sine") or
                                           f"lambda seed: RECIPES['mse_linear_layers_on_sine'](seed)"
                                           f" / line_mse({r.run_key(runs.linear_layers_on_sine)!r}) - 1"),
        "momentum_bends_over_middle": lambda r: _ratio_of_ratios(
            r, "rms_relu100_near_bends", "rms_relu_momentum_near_bends", "rms_relu100_near_middle",
            "rms_relu_momentum_near_middle"),
        "tanh_worst_window_share": lambda r: (f"lambda seed: window_share({r.run_key(runs.tanh_momentum_on_hard)!r},"
                                              f" seed, {momentum.WINDOW!r})"),
        "ceiling_by_epochs": lambda r: _share_of_gap(r, "mse_relu_momentum_on_hard", "mse_relu_momentum_200_on_hard"),
        "ceiling_by_width": lambda r: _share_of_gap(r, "mse_relu_momentum_on_hard", "mse_relu200_momentum_on_hard"),
        "centre_spread": _of(_he_tanh, "float(np.subtract(*np.percentile(centres(read({model})), [75, 25])))"),
        "occupied_zones": _of(_he_tanh, f"float(np.count_nonzero(np.histogram(centres(read({{model}})),"
                                        f" bins={list(map(float, t.ZONES))!r})[0]))"),
        "widest_transition": _of(_he_tanh, "float(transitions(read({model})).max())"),
        "narrow_transitions": _of(_he_tanh, f"float(np.mean(transitions(read({{model}})) < {t.NARROW!r}))"),
        "distinct_centres": _of(_he_tanh, f"apart(centres(read({{model}})), {t.APART!r})"),
        "shared_centres": _of(_he_tanh, f"1.0 - apart(centres(read({{model}})), {t.APART!r})"),
        "mse_tanh_he_outside": _of(_he_tanh, "mse_on({model}, 'outside')"),
        "edge_slope": _of(_he_tanh, "max(" + ", ".join(f"abs(slope({{model}}, {a!r}, {b!r}))" for a, b in t.EDGES)
                          + ")"),
        "inside_slope": lambda r: (f"lambda seed: rms_gradient(data({r.run_key(_he_tanh)!r})[0],"
                                   f" predict(trained({r.run_key(_he_tanh)!r}, seed), data({r.run_key(_he_tanh)!r})[0]))"),
        "units_still_at_3_5": _of(_he_tanh, f"still_share(read({{model}}), 3.5, {still!r})"),
        "units_still_at_4": _of(_he_tanh, f"still_share(read({{model}}), 4.0, {still!r})"),
        "units_still_at_5": _of(_he_tanh, f"still_share(read({{model}}), 5.0, {still!r})"),
        "units_still_at_plot_edge": _of(_he_tanh, f"still_share(read({{model}}), {t.PLOT_EDGE!r}, {still!r})"),
        "all_still_from": _of(_he_tanh, f"still_from(read({{model}}), {still!r})"),
        "deep_segments_per_neuron": _of(runs.deep_relu_on_sine,
                                        f"(len(stack_breakpoints(read({{model}}), {TRAINING_GRID.start!r},"
                                        f" {TRAINING_GRID.stop!r})) + 1) / {sum(runs.DEEP_RELU)}"),
        "gradient_shallow": _gradient(depth.DEPTHS[0]),
        "gradient_deep": _gradient(depth.DEPTHS[1]),
    }


def net_of(net) -> dict:
    """A Net as the script builds it: widths, activation, initialiser (None: Keras's default) and SGD's settings."""
    return {"hidden": list(net.hidden), "activation": net.activation, "initialiser": net.initialiser,
            "optimiser": {"learning_rate": net.optimiser.learning_rate, "momentum": net.optimiser.momentum,
                          "nesterov": net.optimiser.nesterov}}
