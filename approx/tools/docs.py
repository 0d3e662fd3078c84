"""The figures the README and docs/ quote, rendered from the committed files by cog, and nothing typed by hand.

    approx docs            # re-render every generated block in README.md and docs/*.md
    approx docs --check    # exit 1, naming the file, when a block is stale

A generated block is a cog block (cogapp): the Python between its markers
names one of the functions below, and cog writes what it returns under it:

    <!-- [[[cog import cog; from approx.tools import docs; cog.out(docs.calibration_table()) ]]] -->
    ... what the function returned ...
    <!-- [[[end]]] -->

Each function reads a committed file (the baseline, the drill, the matrix, a bisection)
and nothing else, so a block is stale exactly when that file changed since
it was rendered. `approx calibrate` and `approx drill` re-render after
writing their files; tests/unit/test_docs.py runs the check.
"""

import argparse
import re
import sys
from pathlib import Path

from cogapp import Cog, CogUsageError

ROOT = Path(__file__).resolve().parents[2]


def files() -> list[Path]:
    """Every file that may hold a generated block."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def calibration_table() -> str:
    """The committed TensorFlow baseline: each measure's rule, spread, pass count and the drift a run can see."""
    from approx.statistics import calibration
    from approx.statistics.measures import ARMS, MEASURES
    from approx.tools.calibrate import table

    committed = calibration.load(calibration.PATH)
    return table(committed, {n: m for n, m in MEASURES.items() if n in committed.values},
                 {n: a for n, a in ARMS.items() if n in committed.values})


def backends_table() -> str:
    """Per name, whether JAX and PyTorch train the paired seeds within TensorFlow's allowance."""
    from approx.statistics import calibration
    from approx.tools.calibrate import backends_table as render, other_baselines

    return render(calibration.load(calibration.PATH), other_baselines())


def baselines_agree() -> str:
    """Whether each other backend's baseline trainings are TensorFlow's distribution, name by name (approx compare)."""
    from approx.statistics import calibration
    from approx.tools import compare
    from approx.tools.calibrate import other_baselines

    base = calibration.load(calibration.PATH)
    tensorflow = compare.baseline_side(base, "TensorFlow")
    lines = []
    for name, other in other_baselines().items():
        found = compare.compare(tensorflow, compare.baseline_side(other, name)).moved
        moved = sorted(n for n, d in found.items() if d.moved)
        lines.append(f"- `approx compare calibration/calibration.json calibration/{calibration.baseline_path(name).name}`"
                     f" ({len(other.seeds)} {name} trainings against TensorFlow's {len(base.seeds)},"
                     f" rank tests, Holm): {len(found) - len(moved)} of {len(found)} measures and arms the same"
                     f" distribution{'; moved: ' + ', '.join(moved) if moved else ''}.")
    return "\n".join(lines) + "\n"


def usually_on(backend_name: str) -> str:
    """The training claims a backend's baseline shows failing on some of its seeds: each measure's worst and count."""
    from approx.statistics import calibration
    from approx.statistics.measures import MEASURES

    base = calibration.load(calibration.baseline_path(backend_name))
    lines = []
    for name, measure in MEASURES.items():
        passed, total = base.passes(measure)
        if name in base.values and passed < total and not measure.by_rate:
            low, _, high = base.spread(name)
            lines.append(f"- `{name}` ({measure.meaning}, rule {measure.rule}): {passed} of {total} seeds met it;"
                         f" the range was {low:.3g} to {high:.3g}.")
    return "\n".join(lines or ["- none: every rule held on every seed."]) + "\n"


def drill_matrix() -> str:
    """What the gate caught of each change `approx drill` made, from calibration/drill.json."""
    import json

    from approx.statistics.calibration import DRILL_PATH
    from approx.tools.drill import matrix

    return matrix(json.loads(DRILL_PATH.read_text()))


class NotMeasured(LookupError):
    """calibration/bench.json lacks the part a table needs."""


def _bench(part: str) -> dict:
    from approx.tools.bench import RESULTS, saved

    found = saved()
    if part not in found:
        command = "approx bench --spec" if part == "spec" else "approx bench --backends tensorflow jax torch"
        raise NotMeasured(f"{RESULTS.name} has no {part!r} yet: run `{command}`")
    return found[part]


def _measured_on(found: dict) -> str:
    return (f"Measured by `{found['command']}` on {found['finished']}, on a machine with {found['machine']['cores']}"
            f" cores ({found['machine']['cpu']}), no GPU")


def speed_table() -> str:
    """How fast one training runs three ways, and the spec cold and warm, from calibration/bench.json."""
    found = _bench("spec")
    paths, seconds, v = found["paths"], found["seconds"], found["versions"]
    rows = [f"{_measured_on(found)}: TensorFlow {v['tensorflow']}, Keras {v['keras']}; each training figure the"
            f" median of {found['repeats']} runs.", "", "| what | time |", "| --- | --- |",
            f"| tanh(20), 100 epochs, article-style `model.fit(x, y, epochs=100)` | {paths['article']:.2g} s |",
            f"| the same through approx's training path, first run of the architecture (traces and compiles)"
            f" | {paths['approx first']:.2g} s |",
            f"| the same, later seeds (the compiled model is reused) | {paths['approx']:.2g} s"
            f" ({paths['article'] / paths['approx']:.1f}× faster than the article's call) |",
            f"| the same algorithm in plain numpy (`approx.tools.reference`, the floor) | {paths['numpy']:.2g} s"
            f" (approx is {paths['approx'] / paths['numpy']:.1f}× the floor) |"]
    for name, taken in seconds.items():
        workers, state = name.removeprefix("spec -n ").split()
        rows.append(f"| `pytest spec/ -n {workers}`, {state} | {taken:.0f} s |")
    agree = (f"The {len(seconds)} spec runs agree on all {found['claims']} claims: verdicts, evidence and per-seed"
             f" values." if not found["differences"] else f"The spec runs DIFFER: {'; '.join(found['differences'])}.")
    return "\n".join(rows) + "\n\n" + agree + "\n"


GOAL = 2.0  # the project's aim: no backend's cold spec beyond twice TensorFlow's


def backends_speed_table() -> str:
    """Each backend's training paths and cold spec, side by side, from calibration/bench.json."""
    found = _bench("backends")
    measured = found["measured"]
    reference = measured["tensorflow"]["spec cold"]
    rows = [f"{_measured_on(found)}.", "", "| backend | tanh(20), 100 epochs: article-style `fit` | approx, first run"
            " | approx, later seeds | numpy floor | approx / floor | `pytest spec/ -n auto`, cold | × TensorFlow |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    order = sorted(measured, key=lambda n: (n != "tensorflow", n))  # TensorFlow, the reference, first
    for name in order:
        m, p = measured[name], measured[name]["paths"]
        rows.append(f"| {name} {m['versions'].get(name, m['versions']['tensorflow'])} | {p['article']:.3g} s |"
                    f" {p['approx first']:.3g} s | {p['approx']:.3g} s | {p['numpy']:.2g} s |"
                    f" {p['approx'] / p['numpy']:.2g}× | {m['spec cold']:.0f} s | {m['spec cold'] / reference:.1f} |")
    within = [n for n in order if n != "tensorflow" and measured[n]["spec cold"] <= GOAL * reference]
    beyond = [n for n in order if n != "tensorflow" and n not in within]
    rows += ["", f"Within the goal of a cold spec in at most {GOAL:g} times TensorFlow's: {', '.join(within) or 'none'};"
                 f" beyond it: {', '.join(beyond) or 'none'}."]
    return "\n".join(rows) + "\n"


def matrix_findings() -> str:
    """What the last `approx matrix` found, column by column, from matrix/matrix.json."""
    import collections
    import json

    from approx.report.words import VERDICTS
    from approx.tools.matrix import FOLDER

    found = json.loads((FOLDER / "matrix.json").read_text())
    columns = found["pairs"]
    ran = {name: c for name, c in columns.items() if c.get("status") == "ran"}
    profiles = collections.defaultdict(list)
    for name, column in ran.items():
        counts = collections.Counter(claim["verdict"] for claim in column["claims"].values())
        profiles[", ".join(f"{counts[w]} {w}" for w in VERDICTS if counts[w])].append(name)
    failed = [name for name, c in ran.items() if c["exit"] != 0]
    moved = [name for name, c in ran.items() if c.get("moved")]
    seconds = sorted(c["seconds"] for c in ran.values() if c.get("cold", True))
    warm = [name for name, c in ran.items() if not c.get("cold", True)]
    cold = f" A cold column's spec run took {seconds[0]}–{seconds[-1]} s" if seconds else " No column ran cold"
    lines = [f"From `matrix/matrix.json` (its last run finished {found['finished']}): {len(ran)} of"
             f" {len(columns)} columns ran, {len(ran) - len(failed)} of them with every claim reading as expected"
             f" (exit 0){'; failed: ' + ', '.join(failed) if failed else ''}, and on"
             f" {'none' if not moved else ', '.join(moved)} did a measure or arm move from its baseline."
             f"{cold}{'; warm (its weights kept from an earlier run): ' + ', '.join(warm) if warm else ''}.", ""]
    lines += [f"- {profile}: {', '.join(names)}" for profile, names in profiles.items()]
    return "\n".join(lines) + "\n"


def upstream_regression() -> str:
    """The keras-nightly S10.4 regression: the bisection and the reproducer's output, from their committed records."""
    import json

    found = json.loads((ROOT / "calibration" / "bisect-keras-nightly-S10.4.json").read_text())
    reproduced = json.loads((ROOT / "calibration" / "repro-S10.4.json").read_text())
    steps = ", ".join(f"{s['version']} {s['verdict']}" for s in found["steps"])
    lines = [f"`approx bisect {found['package']} --good {found['good']} --bad {found['bad']} --claim S10.4` listed"
             f" {found['candidates']} nightlies and tested {len(found['steps'])} of them in {found['seconds']} s"
             f" on {found['machine']['cores']} cores of an {found['machine']['cpu']} ({steps}):", "",
             f"- **last good**: {found['package']} {found['last_good']}, built {found['built']['last_good']};",
             f"- **first bad**: {found['package']} {found['first_bad']}, built {found['built']['first_bad']};"]
    lines += [f"- on the first bad one, `{line.split(':')[0]}` fails:"
              f" {line.split('FAILED: ', 1)[-1].removeprefix('AssertionError: ')}" for line in found["flipped"]]
    lines += ["", f"The reproducer (`{reproduced['command']}`, one file of {reproduced['lines']} lines) on each:",
              ""]
    for release, run in reproduced["runs"].items():
        lines += [f"{release}, exit {run['exit']}:", "", "```", run["output"], "```", ""]
    return "\n".join(lines)


TUTORIAL = ROOT / "docs" / "adding-a-claim.md"
_BLOCK = re.compile(r'^```\w+ title="([^"]+)"\n(.*?)^```$', re.S | re.M)


def tutorial_blocks(path: Path = TUTORIAL) -> list[tuple[str, str]]:
    """(file, lines) of each code block of the tutorial that names the file it shows lines of."""
    return _BLOCK.findall(path.read_text(encoding="utf-8"))


def tutorial_tally(path: Path = TUTORIAL) -> str:
    """How many files and lines the tutorial's claim took by hand, counted from its own titled blocks."""
    blocks = tutorial_blocks(path)
    lines = sum(1 for _, text in blocks for line in text.splitlines() if line.strip())
    files_ = len({name for name, _ in blocks})
    return f"By hand, the claim took **{lines} lines in {files_} files**, every one of them shown above.\n"


def render(check: bool = False) -> int:
    """Re-render (or, with `check`, only compare) every generated block; cog's exit status."""
    arguments = ["cog", "--verbosity=0", "--check" if check else "-r", "-I", str(ROOT), *map(str, files())]
    try:
        return Cog().main(arguments)
    except CogUsageError as e:  # pragma: no cover - cog reports its own usage errors
        print(f"approx docs: {e}", file=sys.stderr)
        return 2


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx docs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a block is stale")
    return render(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
