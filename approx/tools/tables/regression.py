"""The docs' regression write-up: the keras-nightly S10.4 bisection and its reproducer, from their committed records."""

import json

from approx.repository import ROOT


def upstream_regression() -> str:
    """The keras-nightly S10.4 regression: the bisection and the reproducer's output, from their committed records."""
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
