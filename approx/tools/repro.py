"""A standalone reproducer of one check, to send upstream: a folder with a script that needs only numpy and Keras.

    approx repro S10.4                 # a claim: its probe, or the measures its tests judge
    approx repro momentum_gain         # a measure (with its arms) or an arm
    approx repro S3.1 --out repro-s3.1

The script imports the standard library, numpy and Keras, nothing of approx,
and runs on whatever Keras is installed. It prints what the baseline's
release did, what this one does, and whether they differ, and exits 1 when
they do (0 when they agree). Its header says what it checks and on which
releases the baseline was made, so it can be pasted into an issue as it is.

- A claim checked exactly (fit's shuffling, S10.4) has a probe in
  approx.probes, written to import numpy and Keras only; the script is that
  module, as the spec runs it, with a few lines that run it.
- A statistical claim, a measure or an arm is trained as approx trains it:
  each run's network built from Keras's Dense layers, compiled with SGD and
  the mean squared error, handed the seed's starting weights and trained by
  one `model.fit` over the seed's batch orders, both drawn by approx and
  saved beside the script (data.npz); its values are compared seed by seed
  with the baseline's within their round-off envelopes (reproducer.json),
  as the gate's paired test does.
"""

import argparse
import ast
import json
import sys
from pathlib import Path

import numpy as np

from approx.article import runs
from approx.article.nets import Net
from approx.article.runs import Run
from approx.article.targets import TRAINING_GRID, WIDE_GRID
from approx.atomic import write_atomically
from approx.tools.environments import ROOT

TEMPLATES = Path(__file__).resolve().parent / "reproducers"
PROBES = {"S10.4": "shuffling"}  # a claim checked exactly -> its module of approx.probes


class NoReproducer(LookupError):
    """Nothing standalone reproduces this yet: the message says what there is."""


def claim_names(claim: str) -> list[str]:
    """The measures and arms the claim's spec tests judge, read from their source (and each measure's arms)."""
    from approx.statistics.measures import quantities

    known = quantities()
    found: list[str] = []
    for path in sorted((ROOT / "spec").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and _marked(node, claim):
                for inner in ast.walk(node):
                    name = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", None)
                    if name in known and name not in found:
                        found.append(name)
    return _with_arms(found)


def _marked(node: ast.FunctionDef, claim: str) -> bool:
    return any(isinstance(d, ast.Call) and getattr(d.func, "attr", "") == "claim" and d.args
               and isinstance(d.args[0], ast.Constant) and d.args[0].value == claim for d in node.decorator_list)


def _with_arms(names: list[str]) -> list[str]:
    from approx.statistics.measures import quantities

    known, out = quantities(), []
    for name in names:
        for each in (name, *getattr(known[name], "arms", ())):
            if each not in out:
                out.append(each)
    return out


# Recipes: each name as a line of the script, in its vocabulary (approx/tools/reproducers/measure.py).

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
                raise NoReproducer(f"{name} has no standalone recipe: add one to approx.tools.repro's _custom()")
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


def _net(net) -> dict:
    return {"hidden": list(net.hidden), "activation": net.activation,
            "optimiser": {"learning_rate": net.optimiser.learning_rate if net.optimiser.learning_rate else None,
                          "momentum": net.optimiser.momentum, "nesterov": net.optimiser.nesterov}}


def _baseline_said(versions: dict) -> str:
    order = ("keras", "tensorflow", "jax", "torch", "numpy", "python")
    return ", ".join(f"{n} {versions[n]}" for n in order if n in versions) + f" (backend {versions['backend']})"


def write_measures(names: list[str], folder: Path, what: str) -> Path:
    """The reproducer of `names` (measures and arms) in `folder`: reproduce.py, reproducer.json, data.npz."""
    from approx.statistics import calibration, envelope
    from approx.statistics.drift import ALPHA
    from approx.training import draws

    baseline = calibration.committed()
    seeds = baseline.paired_seeds
    recipes = Recipes()
    for name in names:
        recipes.add(name)
    from approx.analysis.extrapolation import outside
    from approx.article.targets import target

    beyond = outside(WIDE_GRID, TRAINING_GRID)  # S8.1's points beyond the training interval, on the hard function
    arrays: dict[str, np.ndarray] = {"outside/x": beyond.ravel(), "outside/y": target("hard")(beyond).ravel()}
    trained_runs = {}
    for key, run_of in recipes.runs.items():
        first = run_of(seeds[0])
        x = first.grid.x()
        arrays[f"{key}/x"], arrays[f"{key}/y"] = x.ravel(), target(first.target)(x).ravel()
        trained_runs[key] = {"description": first.description, "net": _net(first.net)}
        if key in recipes.gradients:  # as approx.analysis.gradients feeds its one step: the target of float32 x
            x32 = x.astype(np.float32)
            arrays[f"{key}/gy"] = target(first.target)(x32).astype(np.float32).ravel()
        for seed in seeds:
            run = run_of(seed)
            for i, weights in enumerate(draws.starting_weights(run.net, seed)):
                arrays[f"{key}/{seed}/start/{i}"] = weights
            if key not in recipes.gradients:
                arrays[f"{key}/{seed}/orders"] = draws.batch_orders(seed, run.epochs, run.grid.points).astype(np.int16)
    chance = envelope.exceedance_chance(envelope.random_draws(baseline.variants))
    expected = {}
    for name in recipes.lines:
        pairs = baseline.pairs_of(name)
        expected[name] = {"meaning": recipes.known[name].meaning,
                          "baseline": {str(s): pairs[s].value for s in seeds},
                          "delta": envelope.smallest_effect(pairs), "chance": chance,
                          "ulps": baseline.ulps_of.get(name), "tolerance_ulps": envelope.ULPS}
    setup = {"baseline": _baseline_said(baseline.versions), "seeds": seeds, "names": names, "alpha": ALPHA,
             "runs": trained_runs, "expected": expected}
    header = _header(what, [f"{n}: {recipes.known[n].meaning}" for n in names], baseline.versions,
                     "reproduce.py, reproducer.json and data.npz, side by side")
    body = (TEMPLATES / "measure.py").read_text(encoding="utf-8")
    probes = "".join(f"\n\n# approx.probes.{name}, as it is:\n{_source(name)}" for name in ("dense", "gradients"))
    script = (f"{header}{probes}\n\n{body}\n\n{recipes.source()}\n\n\n"
              f'if __name__ == "__main__":\n    sys.exit(main())\n')
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "reproducer.json", json.dumps(setup, indent=1) + "\n")
    _write_npz(folder / "data.npz", arrays)
    write_atomically(folder / "reproduce.py", script)
    return folder / "reproduce.py"


def _write_npz(path: Path, arrays: dict) -> None:
    partial = path.with_name(path.name + ".partial.npz")
    np.savez_compressed(partial, **arrays)
    partial.replace(path)


def write_probe(claim: str, folder: Path) -> Path:
    """The reproducer of a claim checked exactly: its approx.probes module, whole, and the lines that run it."""
    import importlib

    from approx.statistics import calibration

    module = importlib.import_module(f"approx.probes.{PROBES[claim]}")
    source = _source(PROBES[claim])
    versions = calibration.committed().versions
    checks = " ".join(module.__doc__.split("\n\n")[0].split())
    header = _header(claim, [checks], versions, "reproduce.py alone")
    ending = (TEMPLATES / "probe.py").read_text(encoding="utf-8")
    script = (f"{header}\nBASELINE = {_baseline_said(versions)!r}\n\n# The probe, as approx.probes.{PROBES[claim]}"
              f" has it:\n{source}\n\n{ending}")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "reproduce.py", script)
    return folder / "reproduce.py"


def _source(probe: str) -> str:
    """The source of a module of approx.probes, whole: each imports numpy and Keras only."""
    return (Path(__file__).resolve().parents[1] / "probes" / f"{probe}.py").read_text(encoding="utf-8")


def _header(what: str, checks: list[str], versions: dict, files: str) -> str:
    lines = [f'"""Reproducer of {what}, written by approx (approx repro {what}); it needs numpy and Keras only.', "",
             "What it checks:"]
    lines += [f"  - {check}" for check in checks]
    lines += ["", f"Baseline: {_baseline_said(versions)}, where it holds.",
              f"Run it with `python reproduce.py` ({files}): it prints the baseline's result and this release's,",
              "and exits 1 when they differ, 0 when they agree.", '"""']
    return "\n".join(lines)


def write(target: str, folder: Path) -> Path:
    """The reproducer of a claim id, a measure or an arm, in `folder`; NoReproducer when there is none."""
    from approx.article.sections import is_claim_id
    from approx.statistics.measures import quantities

    if is_claim_id(target):
        if target in PROBES:
            return write_probe(target, folder)
        names = claim_names(target)
        if not names:
            raise NoReproducer(f"{target}'s tests judge no measure and it has no probe in approx.probes yet"
                               f" (claims with one: {', '.join(PROBES)})")
        return write_measures(names, folder, target)
    if target in quantities():
        return write_measures(_with_arms([target]), folder, target)
    raise NoReproducer(f"{target!r} is neither a claim id (S10.4) nor a measure or arm of approx.statistics.measures")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx repro", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", metavar="ID", help="a claim id (S10.4), or a measure's or arm's name")
    parser.add_argument("--out", type=Path, default=None, help="the folder to write (default: repro-ID)")
    args = parser.parse_args(argv)
    folder = args.out or Path(f"repro-{args.target}")
    try:
        script = write(args.target, folder)
    except NoReproducer as missing:
        print(f"approx repro: {missing}", file=sys.stderr)
        return 2
    print(f"wrote {script}: run it with `python {script}` on the release to check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
