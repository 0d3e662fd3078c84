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
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np

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

    def run_key(self, run) -> str:
        for key, known in self.runs.items():
            if known(0) == run(0):
                return key
        key = f"r{len(self.runs) + 1}"
        self.runs[key] = run
        return key

    def add(self, name: str) -> None:
        if name in self.lines:
            return
        recipe = self.known[name].recipe
        if not recipe:
            raise NoReproducer(f"{name} is not made by mse_of, error_near_of or ratio, and has no standalone recipe"
                               f" yet; made that way: {', '.join(n for n, q in self.known.items() if q.recipe)}")
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
    arrays: dict[str, np.ndarray] = {}
    runs = {}
    for key, run_of in recipes.runs.items():
        first = run_of(seeds[0])
        x, y = first.data()
        arrays[f"{key}/x"], arrays[f"{key}/y"] = x, y
        runs[key] = {"description": first.description, "net": _net(first.net)}
        for seed in seeds:
            run = run_of(seed)
            for i, weights in enumerate(draws.starting_weights(run.net, seed)):
                arrays[f"{key}/{seed}/start/{i}"] = weights
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
             "runs": runs, "expected": expected}
    header = _header(what, [f"{n}: {recipes.known[n].meaning}" for n in names], baseline.versions,
                     "reproduce.py, reproducer.json and data.npz, side by side")
    body = (TEMPLATES / "measure.py").read_text(encoding="utf-8")
    script = f'{header}\n{body}\n\n{recipes.source()}\n\n\nif __name__ == "__main__":\n    sys.exit(main())\n'
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
    source = Path(module.__file__).read_text(encoding="utf-8")
    versions = calibration.committed().versions
    checks = " ".join(module.__doc__.split("\n\n")[0].split())
    header = _header(claim, [checks], versions, "reproduce.py alone")
    ending = (TEMPLATES / "probe.py").read_text(encoding="utf-8")
    script = (f"{header}\nBASELINE = {_baseline_said(versions)!r}\n\n# The probe, as approx.probes.{PROBES[claim]}"
              f" has it:\n{source}\n\n{ending}")
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / "reproduce.py", script)
    return folder / "reproduce.py"


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
