"""A standalone reproducer of one check, to send upstream: a folder with a script that needs only numpy and Keras.

    approx repro S10.4                 # a claim: its exact checks and the measures its tests judge
    approx repro test_model_fit_reshuffles_all_points_every_epoch   # one spec test's check alone
    approx repro momentum_gain         # a measure (with its arms) or an arm
    approx repro S3.1 --out repro-s3.1

The script imports the standard library, numpy and Keras, nothing of approx,
and runs on whatever Keras is installed. It prints what the baseline's
release did, what this one does, and whether they differ, and exits 1 when
they do (0 when they agree). Its header says what it checks and on which
releases the baseline was made, so it can be pasted into an issue as it is.

- A claim's exact checks are approx.probes's, the functions the spec's own
  tests call; the script carries those modules as they are. A check that
  reads trained networks reads them seed by seed.
- A statistical claim, a measure or an arm is trained as approx trains it:
  each run's network built from Keras's Dense layers, compiled with SGD and
  the mean squared error, handed the seed's starting weights and trained by
  one `model.fit` over the seed's batch orders, both drawn by approx and
  saved beside the script (data.npz); its values are compared seed by seed
  with the baseline's within their round-off envelopes (reproducer.json),
  as the gate's paired test does.

S10.4's check that approx's own training path equals `model.fit` is about
approx, not Keras, and stays in the spec.
"""

import argparse
import ast
import json
import sys
from pathlib import Path

import numpy as np

from approx.atomic import write_atomically
from approx.repository import ROOT
from approx.tools.checks import CHECKS, Check, of_claim
from approx.tools.recipes import NoReproducer, Recipes, net_of

PARTS = Path(__file__).resolve().parent / "reproducers"  # models.py, training.py, main.py: the script's own code
MODELS = ("build(", "outputs(", "trained(", "hidden(", "column(", "on(")  # a check whose line needs models.py
PROBES = ROOT / "approx" / "probes"


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


# The script: the probes it needs, whole, then the template, then its values and checks.

def _probe_imports(source: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, sibling modules) of each `from approx.probes… import …` of a probe's source."""
    found = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("approx.probes"):
            module = node.module.rsplit(".", 1)[-1]
            siblings = [a.name for a in node.names] if node.module == "approx.probes" else [module]
            found.append((node.lineno, node.end_lineno, siblings))
    return found


def _needed(probes: list[str]) -> list[str]:
    """The probes and the siblings they import, each after what it imports."""
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for _, _, siblings in _probe_imports((PROBES / f"{name}.py").read_text(encoding="utf-8")):
            for sibling in siblings:
                visit(sibling)
        ordered.append(name)

    for probe in probes:
        visit(probe)
    return ordered


def carried(name: str) -> str:
    """A probe's source as the script carries it: whole, less its imports of its siblings (defined above it)."""
    source = (PROBES / f"{name}.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    for first, last, _ in reversed(_probe_imports(source)):
        lines[first - 1:last] = [f"# (approx.probes.{name} imports its siblings here; they stand above)"]
    return f"# approx.probes.{name}, as it is:\n" + "\n".join(lines)


def _check_line(check: Check, recipes: Recipes) -> str:
    code = check.code
    for i, run in enumerate(check.runs):
        code = code.replace(f"{{r{i}}}", repr(recipes.run_key(run)))
    function = f"lambda seed: {code}" if check.runs else f"lambda: {code}"
    return f"    ({check.claim!r}, {check.says!r}, {function}, {bool(check.runs)}, {check.expected!r}),"


def _baseline_said(versions: dict) -> str:
    order = ("keras", "tensorflow", "jax", "torch", "numpy", "python")
    return ", ".join(f"{n} {versions[n]}" for n in order if n in versions) + f" (backend {versions['backend']})"


def _header(what: str, checks: list[Check], names: list[str], known: dict, versions: dict, files: str) -> str:
    lines = [f'"""Reproducer of {what}, written by approx (approx repro {what}); it needs numpy and Keras only.', "",
             "What it checks:"]
    lines += [f"  - {c.claim}: {c.says} (on the baseline: {c.expected})" for c in checks]
    lines += [f"  - {name}: {known[name].meaning}" for name in names]
    lines += ["", f"Baseline: {_baseline_said(versions)}.",
              f"Run it with `python reproduce.py` ({files}): it prints the baseline's result and this release's,",
              "and exits 1 when they differ, 0 when they agree.", '"""']
    return "\n".join(lines)


def script(what: str, checks: list[Check], names: list[str], folder: Path) -> Path:
    """Write the reproducer of `checks` and the measures and arms `names` into `folder`."""
    from approx.statistics import calibration

    baseline = calibration.committed()
    recipes = Recipes()
    for name in names:
        recipes.add(name)
    check_lines = [_check_line(check, recipes) for check in checks]
    probes = _needed([p for check in checks for p in check.probes] + (["dense", "gradients"] if names else []))
    folder.mkdir(parents=True, exist_ok=True)
    if recipes.runs:
        _write_data(recipes, names, baseline, folder)
    files = "reproduce.py, reproducer.json and data.npz, side by side" if recipes.runs else "reproduce.py alone"
    own = (["models"] if names or any(word in check.code for check in checks for word in MODELS) else [])
    own += ["training"] if recipes.runs else []
    parts = [_header(what, checks, names, recipes.known, baseline.versions, files),
             "import numpy as np  # (each part below imports what it needs)",
             f"BASELINE = {_baseline_said(baseline.versions)!r}",
             *(carried(name) for name in probes),
             *((PARTS / f"{part}.py").read_text(encoding="utf-8") for part in [*own, "main"]),
             *([recipes.source()] if names else []),
             "\n".join(["CHECKS = [  # (claim, what, check, per seed, on the baseline), as the spec's tests make them",
                        *check_lines, "]"]),
             'if __name__ == "__main__":\n    sys.exit(main())']
    write_atomically(folder / "reproduce.py", "\n\n\n".join(parts) + "\n")
    return folder / "reproduce.py"


def _write_data(recipes: Recipes, names: list[str], baseline, folder: Path) -> None:
    """reproducer.json (the runs, the baseline's values and envelopes) and data.npz (grids, starts, orders)."""
    from approx.analysis.extrapolation import outside
    from approx.article.targets import TRAINING_GRID, WIDE_GRID, target
    from approx.statistics import envelope
    from approx.statistics.drift import ALPHA
    from approx.training import draws

    seeds = baseline.paired_seeds
    beyond = outside(WIDE_GRID, TRAINING_GRID)  # S8.1's points beyond the training interval, on the hard function
    arrays: dict[str, np.ndarray] = {"outside/x": beyond.ravel(), "outside/y": target("hard")(beyond).ravel()}
    trained_runs = {}
    for key, run_of in recipes.runs.items():
        first = run_of(seeds[0])
        x = first.grid.x()
        arrays[f"{key}/x"], arrays[f"{key}/y"] = x.ravel(), target(first.target)(x).ravel()
        trained_runs[key] = {"description": first.description, "net": net_of(first.net)}
        if key in recipes.gradients:  # as approx.analysis.vanishing feeds its one step: the target of float32 x
            arrays[f"{key}/gy"] = target(first.target)(x.astype(np.float32)).astype(np.float32).ravel()
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
                          "ulps": baseline.ulps_of.get(name), "tolerance_ulps": envelope.ROUND_OFF_ULPS}
    setup = {"seeds": seeds, "names": names, "alpha": ALPHA, "runs": trained_runs, "expected": expected}
    write_atomically(folder / "reproducer.json", json.dumps(setup, indent=1) + "\n")
    partial = folder / "data.partial.npz"
    np.savez_compressed(partial, **arrays)
    partial.replace(folder / "data.npz")


def write(target: str, folder: Path) -> Path:
    """The reproducer of a claim id, a measure or an arm, in `folder`; NoReproducer when there is none."""
    from approx.article.sections import is_claim_id
    from approx.statistics.measures import quantities

    focused = [check for check in CHECKS if check.test == target]
    if focused:  # one spec test: its check alone, the smallest script to send upstream
        return script(target, focused, [], folder)
    if is_claim_id(target):
        checks, names = of_claim(target), claim_names(target)
        if not checks and not names:
            raise NoReproducer(f"{target}: no exact check of Keras and no measure; it is a claim about the article's"
                               f" code or a finding of ours, or not a claim of spec/CLAIMS.md")
        return script(target, checks, names, folder)
    if target in quantities():
        return script(target, [], _with_arms([target]), folder)
    raise NoReproducer(f"{target!r} is neither a claim id (S10.4), a spec test with an exact check"
                       f" (test_model_fit_reshuffles_all_points_every_epoch) nor a measure or arm of"
                       f" approx.statistics.measures")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx repro", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", metavar="ID", help="a claim id (S10.4), a spec test's name (its exact check alone),"
                                                     " or a measure's or arm's name")
    parser.add_argument("--out", type=Path, default=None, help="the folder to write (default: repro-ID)")
    args = parser.parse_args(argv)
    folder = args.out or Path(f"repro-{args.target}")
    try:
        written = write(args.target, folder)
    except NoReproducer as missing:
        print(f"approx repro: {missing}", file=sys.stderr)
        return 2
    print(f"wrote {written}: run it with `python {written}` on the release to check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
