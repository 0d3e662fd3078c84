"""The docs' tables of the committed baselines: each measure's spread and power, and the backends side by side.

Read from calibration/calibration.json (TensorFlow's) and the other
backends' calibration.jax.json and calibration.torch.json, nothing else.
"""

from approx import backend
from approx.statistics import calibration, drift, envelope, reliability
from approx.statistics.measures import ARMS, MEASURES
from approx.tools import compare


def calibration_table() -> str:
    """The committed TensorFlow baseline: each measure's rule, spread, pass count and the drift a run can see."""
    committed = calibration.load(calibration.PATH)
    return table(committed, {n: m for n, m in MEASURES.items() if n in committed.values},
                 {n: a for n, a in ARMS.items() if n in committed.values})


def backends_table() -> str:
    """Per name, whether JAX and PyTorch train the paired seeds within TensorFlow's allowance."""
    return agreement_table(calibration.load(calibration.PATH), other_baselines())


def baselines_agree() -> str:
    """Whether each other backend's baseline trainings are TensorFlow's distribution, name by name (approx compare)."""
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
    base = calibration.load(calibration.baseline_path(backend_name))
    lines = []
    for name, measure in MEASURES.items():
        passed, total = base.passes(measure)
        if name in base.values and passed < total and not measure.by_rate:
            low, _, high = base.spread(name)
            lines.append(f"- `{name}` ({measure.meaning}, rule {measure.rule}): {passed} of {total} seeds met it;"
                         f" the range was {low:.3g} to {high:.3g}.")
    return "\n".join(lines or ["- none: every rule held on every seed."]) + "\n"


def _judged(result: calibration.Calibration, name: str) -> str:
    """How a default run judges `name` (approx.statistics.drift.how_judged)."""
    return drift.how_judged(name, reliability.PAIRED_SEEDS, result)


def _family(result: calibration.Calibration) -> int:
    """How many tests a default run corrects together: a rank test per ranked name, a paired test per paired one."""
    return sum(_judged(result, name) != drift.IN_ULPS for name in result.values) + sum(
        _judged(result, name) == drift.PAIRED_AND_RANKED for name in result.values)


def _detects(result: calibration.Calibration, name: str) -> str:
    """The smallest shift a default run's seeds detect in this measure or arm (approx.statistics.drift)."""
    judged = _judged(result, name)
    if judged == drift.IN_ULPS:
        return f"{envelope.ROUND_OFF_ULPS} float32 ulps"
    if judged == drift.PAIRED_AND_RANKED:
        return f"×{1 + envelope.smallest_effect(result.pairs_of(name)):.4g} (paired)"
    found = drift.detectable_shift(result.of(name), reliability.DEFAULT_SEEDS, family=_family(result))
    return (f"×{found:g}" if found else "—") + (" (chaotic: by rank)" if judged == drift.RANKED_CHAOTIC else "")


def _envelope(result: calibration.Calibration, name: str) -> str:
    pairs = result.pairs_of(name)
    return f"{envelope.widest(pairs):.2g}" if pairs else "—"


def table(result: calibration.Calibration, measures: dict, arms: dict | None = None) -> str:
    """The docs' calibration table: each measure's rule, spread, pass count and the drift its seeds can see.

    Then, when given, the arms: their spread and the drift they can see.
    """
    versions = result.versions
    rows = [f"Measured by `{result.command}` on {len(result.seeds)} seeds ({result.seeds[0]}–{result.seeds[-1]}),"
            f" TensorFlow {versions['tensorflow']}, Keras {versions['keras']}, numpy {versions['numpy']}."
            f" *Envelope*: the widest relative change any round-off variant made on a paired seed"
            f" ({', '.join(map(str, result.paired_seeds))};"
            f" {len(result.variants)} variants). *Drift seen*: the smallest factor, up or down, by which a"
            f" run of {reliability.DEFAULT_SEEDS} seeds finds the values moved in {drift.POWER:.0%} of runs:"
            f" paired where the envelope allows, by rank where round-off is chaotic.", "",
            "| measure | what it is | rule | min | median | max | seeds meeting the rule | envelope | drift seen |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, measure in measures.items():
        low, median, high = result.spread(name)
        passed, total = result.passes(measure)
        article = " (judged by how often)" if measure.by_rate else ""
        meaning = measure.meaning.replace("|", "\\|")  # a bar inside a cell would end it
        rows.append(f"| `{name}` | {meaning}{article} | {measure.rule} | {low:.3g} |"
                    f" {median:.3g} | {high:.3g} | {passed}/{total} | {_envelope(result, name)} |"
                    f" {_detects(result, name)} |")
    if arms:
        rows += ["", "| arm | what it is | min | median | max | envelope | drift seen |",
                 "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for name, arm in arms.items():
            low, median, high = result.spread(name)
            meaning = arm.meaning.replace("|", "\\|")
            rows.append(f"| `{name}` | {meaning} | {low:.3g} | {median:.3g} | {high:.3g} |"
                        f" {_envelope(result, name)} | {_detects(result, name)} |")
    return "\n".join(rows) + "\n"


def agreement_table(base: calibration.Calibration, others: dict[str, calibration.Calibration]) -> str:
    """The docs' cross-backend table: per name, does each other backend train the paired seeds within TF's allowance?"""
    paired = {name: o for name, o in others.items() if o.pairs}
    if not paired:
        return ("No other backend's baseline keeps pairs yet: make one with"
                " `KERAS_BACKEND=jax approx calibrate --pairs`.\n")
    found = {name: envelope.agreement(base, other) for name, other in paired.items()}
    names = sorted(set().union(*(f.keys() for f in found.values())))
    lines = ["From the committed baselines: on each paired seed, the other backend's value against TensorFlow's,"
             " as a relative difference beside TensorFlow's smallest effect worth flagging (*within*: no larger).", "",
             "| name | TensorFlow allows | " + " | ".join(paired) + " |", "| --- | ---: |" + " ---: |" * len(paired)]
    for name in names:
        first = next(f[name] for f in found.values() if name in f)
        kind = " (chaotic: by rank)" if first.chaotic else " (in ulps)" if first.in_ulps else ""
        unit = " ulps" if first.in_ulps else ""
        cells = []
        for backend_name in paired:
            a = found[backend_name].get(name)
            cells.append("—" if a is None else f"{a.worst:.2g}{unit} {'within' if a.within else 'outside'}")
        lines.append(f"| `{name}`{kind} | {first.effect:.2g}{unit} | " + " | ".join(cells) + " |")
    counts = [f"{name}: {sum(a.within for a in f.values() if not a.chaotic)} of"
              f" {sum(not a.chaotic for a in f.values())} names that are not chaotic within, of them"
              f" {sum(a.worst == 0 for a in f.values() if not a.chaotic)} to the bit" for name, f in found.items()]
    return "\n".join(lines) + "\n\n" + "; ".join(counts) + ".\n"


def other_baselines() -> dict[str, calibration.Calibration]:
    """The committed baselines of the backends other than TensorFlow."""
    return {name: calibration.load(calibration.baseline_path(name)) for name in backend.NAMES
            if name != backend.DEFAULT and calibration.baseline_path(name).exists()}
