"""The docs' account of S10.4's shuffle tests: their false alarms, their check on real fit, their power.

All from calibration/shuffle.json (approx.tools.shuffle_calibration).
"""

import json

from approx.statistics import permutations


def _record() -> dict:
    return json.loads(permutations.CALIBRATION.read_text())


def false_alarms(record: dict | None = None) -> str:
    """Each design's false alarms on simulated uniform orders, beside the budget."""
    record = record or _record()
    lines = [f"Simulated by `{record['command']}` (numpy {record['versions']['numpy']}, scipy"
             f" {record['versions']['scipy']}), on uniform random orders of {record['points']} points:", "",
             "| design | what S10.4 records | tests | each must give p ≥ | family alarms | rate | 95% upper bound"
             " | budget |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, design in record["designs"].items():
        null = design["null"]
        calls = f"{design['runs']} fit call{'s' if design['runs'] != 1 else ''} of {design['epochs']} epochs"
        lines.append(f"| {name} | {calls} | {len(null['tests'])} | {null['level']:.2g} |"
                     f" {null['family alarms']} of {null['simulations']:,} |"
                     f" {null['family alarms'] / null['simulations']:.1e} | {null['family alarm bound']:.1e} |"
                     f" {record['budget']:.0e} |")
    return "\n".join(lines) + "\n"


def on_keras(record: dict | None = None) -> str:
    """Each backend's check of the unseeded family on orders real `model.fit` took."""
    record = record or _record()
    checked = record.get("keras", {})
    if not checked:
        return "No backend checked yet (`python -m approx.tools.shuffle_calibration --keras CALLS`).\n"
    tests = list(next(iter(checked.values()))["tests"])
    lines = ["| backend | Keras | fit calls | designs | family alarms | " + " | ".join(f"KS p, {t}" for t in tests) + " |",
             "| --- | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in tests) + " |"]
    for backend, found in checked.items():
        ks = " | ".join(f"{found['tests'][test]['KS p against simulated']:.2f}" for test in tests)
        lines.append(f"| {backend} | {found['versions']['keras']} | {found['fit calls']} | {found['designs']} |"
                     f" {found['family alarms']} | {ks} |")
    return "\n".join(lines) + "\n"


def power(record: dict | None = None) -> str:
    """The share of simulated runs the family caught, for each skew and strength, in each design."""
    record = record or _record()
    designs = record["designs"]
    first = next(iter(designs.values()))["power"]
    lines = [f"Share of {first['simulations']} simulated runs caught:", "",
             "| skew | strength | " + " | ".join(designs) + " |", "| --- | ---: | " + " | ".join("---:" for _ in designs)
             + " |"]
    for skew, strengths in first["skews"].items():
        for strength in strengths:
            caught = " | ".join(f"{d['power']['skews'][skew][strength]['caught']:.3g}" for d in designs.values())
            lines.append(f"| {skew} | {strength} | {caught} |")
    return "\n".join(lines) + "\n"
