# The end of every reproducer (approx repro): run its checks, then its values, and say whether this release differs.
# Above it: the header, the approx.probes modules it needs, and the parts of approx/tools/reproducers it uses.

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SETUP = json.loads((HERE / "reproducer.json").read_text()) if (HERE / "reproducer.json").exists() else {}
DATA = np.load(HERE / "data.npz") if (HERE / "data.npz").exists() else {}


def checked(check: tuple) -> list[str]:
    """What is wrong with one check here: its problems, seed by seed when it reads trained networks."""
    _, _, run, per_seed, _ = check
    if not per_seed:
        return run()
    return [f"seed {seed}: {problem}" for seed in SETUP["seeds"] for problem in run(seed)]


def here() -> str:
    found = f"keras {keras.__version__} on {keras.backend.backend()}"
    if keras.backend.backend() == "tensorflow":
        import tensorflow

        found += f" {tensorflow.__version__}"
    return found


def main() -> int:
    print(f"baseline: {BASELINE}")
    print(f"here:     {here()}")
    differs = False
    for check in CHECKS:  # first: S10.4's unseeded shuffling must run before anything seeds Keras
        claim, says, _, _, expected = check
        wrong = checked(check)
        outcome = "fails" if wrong else "holds"
        differs |= outcome != expected
        known = " (a known difference: the baseline's release fails it too)" if expected == "fails" else ""
        print(f"\n{claim}: {says}")
        print(f"  on the baseline's release: {'passes' if expected == 'holds' else 'fails'}{known}")
        print(f"  on this release: {'passes' if outcome == 'holds' else 'fails: ' + '; '.join(wrong[:3])}")
        print(f"  {'DIFFERS' if outcome != expected else 'matches'}")
    for name in SETUP.get("names", []):
        values = {seed: float(RECIPES[name](seed)) for seed in SETUP["seeds"]}
        moved, why = judged(name, values)
        differs |= moved
        print(f"\n{name}: {SETUP['expected'][name]['meaning']}")
        for seed in SETUP["seeds"]:
            print(f"  seed {seed}: baseline {SETUP['expected'][name]['baseline'][str(seed)]:.8g}, here {values[seed]:.8g}")
        print(f"  {'DIFFERS' if moved else 'matches'}: {why}")
    print(f"\n{'DIFFERS from' if differs else 'matches'} the baseline's release")
    return 1 if differs else 0
