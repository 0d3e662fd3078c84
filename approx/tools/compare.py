"""Compare two runs, or two baselines: which claims flipped, which behaviours moved, by how much.

    approx compare reports/claims.json other/claims.json       # two spec runs
    approx compare old-calibration.json calibration/calibration.json   # two baselines
    approx compare calibration/calibration.json reports/claims.json     # a run against a baseline

Each file is a claims.json (approx/report/claims.schema.json, version 2 on) or
a baseline (calibration/calibration.json). Between two claims.json files a
claim test *flips* when its verdict differs, a claim's readers' verdict
(schema 7 on: right, wrong, sometimes…) flips when it differs, and a
behaviour flips when one run found it moved from its baseline and the other
did not. Every measure and arm
both files hold is also compared directly, B's values against A's, by the
rank test and Holm correction of approx.statistics.drift: with a run's
five seeds on each side that test can rarely decide, with a baseline on one
side it is the gate's own test.

`--only-changed` leaves out what did not move; `--json` prints a document
for machines instead of the text (approx/report/comparison.schema.json).

Exit status: 0 when nothing flipped or moved, 1 when something did, 2 for
bad input.
"""

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from approx.article.sections import position
from approx.report import comparison as comparison_document
from approx.report import verdicts
from approx.report.document import SCHEMA_VERSION
from approx.report.plain import from_plain
from approx.report.records import ClaimVerdict
from approx.statistics import calibration, drift

READABLE = tuple(range(2, SCHEMA_VERSION + 1))  # versions 3 to 6 only added fields compare does not read; 7 the verdicts


@dataclass
class Side:
    """What one file says: claim verdicts, behaviour verdicts, and each measure's and arm's values."""

    label: str
    path: str
    verdicts: dict[str, str] = field(default_factory=dict)  # test id -> verdict
    readers: dict[str, str] = field(default_factory=dict)  # claim id -> its one verdict for readers (schema 7 on)
    behaviour: dict[str, str] = field(default_factory=dict)  # name -> "moved" / "as the baseline"
    values: dict[str, np.ndarray] = field(default_factory=dict)  # name -> values over seeds


def _claims(raw: dict, path: Path) -> Side:
    if raw.get("schema") not in READABLE:
        raise ValueError(f"{path}: a claims.json of schema version {raw.get('schema')};"
                         f" this reads versions {', '.join(map(str, READABLE[:-1]))} and {READABLE[-1]}")
    run = raw["run"]
    versions = run["versions"]
    side = Side(f"{path}: a run on seeds {run['seeds'][0]}…{run['seeds'][-1]}, "
                f"TensorFlow {versions['tensorflow']}, Keras {versions['keras']}", str(path))
    side.readers = {v["claim"]: verdicts.label(from_plain(ClaimVerdict, v)) for v in raw.get("verdicts", ())}
    for record in raw["claims"]:
        side.verdicts[record["test"]] = record["verdict"]
        for b in record["behaviour"]:
            side.behaviour[b["name"]] = b["verdict"]
            side.values[b["name"]] = np.array(list(b["values"].values()), dtype=float)
    return side


def baseline_side(base: calibration.Calibration, label: str) -> Side:
    """A baseline (calibration/calibration.json, loaded) as one side of a comparison."""
    versions = base.versions
    chosen = versions.get("backend", "tensorflow")
    backend = "" if chosen == "tensorflow" else f", on {chosen} {versions.get(chosen, '')}".rstrip()
    return Side(f"{label}: a baseline of {len(base.seeds)} seeds, TensorFlow {versions['tensorflow']},"
                f" Keras {versions['keras']}{backend}", label, values={name: base.of(name) for name in base.values})


def load(path: Path) -> Side:
    try:
        raw = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"{path}: cannot read it as JSON ({e})") from None
    if isinstance(raw, dict) and "claims" in raw and "run" in raw:
        return _claims(raw, Path(path))
    if isinstance(raw, dict) and "measures" in raw and "seeds" in raw:
        return baseline_side(calibration.load(path), str(path))
    raise ValueError(f"{path}: neither a claims.json nor a baseline (calibration.json)")


@dataclass(frozen=True)
class Flip:
    """A verdict that differs between the two files: a claim's, or a behaviour's against its baseline."""

    kind: str  # "claim" (a test's), "verdict" (a claim's, for readers) or "behaviour"
    name: str  # the test id, the claim id, or the measure's or arm's name
    before: str
    after: str

    @property
    def line(self) -> str:
        against = " against its baseline" if self.kind == "behaviour" else ""
        return f"{self.kind} {self.name}: {self.before} → {self.after}{against}"


@dataclass
class Comparison:
    flips: list[Flip]
    moved: dict[str, drift.Drift]  # B against A, each name both sides measured

    @property
    def changed(self) -> bool:
        return bool(self.flips) or any(d.moved for d in self.moved.values())


def compare(a: Side, b: Side) -> Comparison:
    flips = [Flip("claim", test, a.verdicts[test], b.verdicts[test])
             for test in sorted(a.verdicts) if test in b.verdicts and a.verdicts[test] != b.verdicts[test]]
    flips += [Flip("verdict", claim, a.readers[claim], b.readers[claim])
              for claim in sorted(a.readers, key=position) if claim in b.readers and a.readers[claim] != b.readers[claim]]
    flips += [Flip("behaviour", name, a.behaviour[name], b.behaviour[name])
              for name in sorted(a.behaviour) if name in b.behaviour and a.behaviour[name] != b.behaviour[name]]
    return Comparison(flips, drift.compare(a.values, b.values))


def _shown(comparison: Comparison, only_changed: bool) -> list[drift.Drift]:
    """The measures to show, moved first: all of them, or only those that moved."""
    ordered = sorted(comparison.moved.values(), key=lambda d: (not d.moved, d.adjusted, d.name))
    return [d for d in ordered if d.moved or not only_changed]


def lines(a: Side, b: Side, comparison: Comparison, only_changed: bool = False) -> list[str]:
    out = [f"A  {a.label}", f"B  {b.label}", ""]
    out += [f"flipped: {flip.line}" for flip in comparison.flips] or ["no claim or behaviour verdict flipped"]
    family = len(comparison.moved)
    if family:
        shown = _shown(comparison, only_changed)
        which = f", {len(shown)} moved shown" if only_changed else ""
        out += ["", f"B against A, measure by measure ({family} compared{which}; rank tests, Holm,"
                    f" α = {drift.ALPHA:g}):"]
        for d in shown:
            out.append(f"  {d.name:32s} {'MOVED' if d.moved else 'as before':10s} {d.effect}  (Holm {d.adjusted:.2g})")
    out += ["", "changed" if comparison.changed else "nothing flipped or moved"]
    return out


def _finite(x: float | None) -> float | None:
    return None if x is None or not np.isfinite(x) else float(x)


def document(a: Side, b: Side, comparison: Comparison, only_changed: bool = False) -> dict:
    """The comparison for machines: what approx/report/comparison.schema.json describes."""
    return {
        "schema": comparison_document.SCHEMA_VERSION,
        "a": {"file": a.path, "label": a.label},
        "b": {"file": b.path, "label": b.label},
        "changed": comparison.changed,
        "flipped": [asdict(flip) for flip in comparison.flips],
        "alpha": drift.ALPHA,
        "compared": len(comparison.moved),
        "measures": [{"name": d.name, "moved": d.moved, "a_median": _finite(d.baseline_median),
                      "b_median": _finite(d.run_median), "factor": _finite(d.factor), "p": _finite(d.p),
                      "holm": _finite(d.adjusted)} for d in _shown(comparison, only_changed)],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", type=Path, help="claims.json or calibration.json: the before")
    parser.add_argument("b", type=Path, help="claims.json or calibration.json: the after")
    parser.add_argument("--only-changed", action="store_true", help="show only what flipped or moved")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON document (approx/report/comparison.schema.json) instead of text")
    args = parser.parse_args(argv)
    try:
        a, b = load(args.a), load(args.b)
    except ValueError as e:
        print(f"approx compare: {e}", file=sys.stderr)
        return 2
    comparison = compare(a, b)
    if args.json:
        print(json.dumps(document(a, b, comparison, args.only_changed), indent=1, ensure_ascii=False))
    else:
        print("\n".join(lines(a, b, comparison, args.only_changed)))
    return 1 if comparison.changed else 0


if __name__ == "__main__":
    sys.exit(main())
