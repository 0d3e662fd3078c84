"""The docs' drill matrix: each change `approx drill` made, and whether the gate caught it, from calibration/drill.json."""

from approx.article.sections import position
from approx.statistics import calibration


def verdict(row: dict) -> str:
    """How the row came out against what it must do: a change must fail the gate, the rest pass it."""
    fails = row["exit"] != 0
    if row["kind"] == "change":
        return "fails, as it must" if fails else "PASSES: not caught"
    return "FAILS: a false alarm" if fails else "passes, as it must"


def drill_matrix(results: dict | None = None) -> str:
    """The docs' drill matrix: what the gate caught of each change `approx drill` made, from calibration/drill.json."""
    results = results or calibration.drill_results()
    lines = [f"Measured by `{results['command']}` on TensorFlow {results['versions']['tensorflow']},"
             f" Keras {results['versions']['keras']}: `pytest spec/` at its defaults ({results['seeds']} seeds)."
             f" *Caught by*: failed claim tests, the paired test, the rank test, the ulps check.", "",
             "| change (names and settings kept) | gate | caught by | claims failed | measures and arms moved |",
             "| --- | --- | --- | ---: | --- |"]
    for name, row in results["drills"].items():
        claims = sorted({f.split()[0] for f in row["failed"]}, key=position)
        failed = f"{len(row['failed'])}" + (f" ({', '.join(claims)})" if claims else "")
        moved = ", ".join(f"`{m}`" for m in row["moved"][:6]) + (f" and {len(row['moved']) - 6} more"
                                                                 if len(row["moved"]) > 6 else "")
        lines.append(f"| **{name}**: {row['change']} | {verdict(row)} | {', '.join(row['caught_by']) or '—'} |"
                     f" {failed} | {moved or '—'} |")
    return "\n".join(lines) + "\n"
