"""The docs' release findings: what the last `approx matrix` found, column by column, from matrix/matrix.json."""

import collections
import json

from approx.report.words import VERDICTS
from approx.repository import ROOT

RESULTS = ROOT / "matrix" / "matrix.json"  # `approx matrix` writes it


def matrix_findings() -> str:
    """What the last `approx matrix` found, column by column, from matrix/matrix.json."""
    found = json.loads(RESULTS.read_text())
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
