"""The docs' speed tables: one training three ways, the spec cold and warm, each backend, from calibration/bench.json."""

import json

from approx.statistics.calibration import FOLDER

RESULTS = FOLDER / "bench.json"  # the last measurements, committed (`approx bench` writes them)


class NotMeasured(LookupError):
    """calibration/bench.json lacks the part a table needs."""


def saved() -> dict:
    """calibration/bench.json as kept: its parts ("spec", "backends") by name; empty before the first run."""
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def _bench(part: str) -> dict:
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
