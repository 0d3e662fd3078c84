"""After the nightly gate: record the nightlies that passed, and bisect and reproduce what broke on those that failed.

    approx upstream upstream/report-*/ --last-good last-good.json --out bisected/

Each folder is one job's report (its claims.json). A job on a Keras nightly
over a released TensorFlow (the keras-nightly job) is the one a bisection can
walk: one package changes from version to version. When it passed, its
version is recorded in --last-good as the newest that passed. When it
failed, each flipped claim and each moved behaviour is bisected between that
recorded version and tonight's (approx bisect, its JSON kept in --out), and
its reproducer written (approx repro, a folder in --out). The Markdown that
the nightly issue carries is printed: the first bad nightly and its build
date, the last good one, and where each reproducer is. Jobs that change
several packages at once (tf-nightly with keras-nightly, a backend's
pre-release) are reported by the gate alone.
"""

import argparse
import json
import sys
from pathlib import Path

from packaging.version import Version

from approx.atomic import write_atomically
from approx.tools import bisect, repro
from approx.tools.trial import FAILED



def walkable(versions: dict) -> str | None:
    """The one package a bisection can walk for a job run on these versions: keras-nightly, or None."""
    keras_nightly = Version(versions.get("keras", "0")).is_devrelease
    others = [versions.get(n) for n in ("tensorflow", "jax", "torch") if versions.get(n)]
    if keras_nightly and not any(Version(v).is_prerelease for v in others) and versions.get("backend") == "tensorflow":
        return "keras-nightly"
    return None


def broken(document: dict) -> tuple[dict[str, list[str]], list[str]]:
    """The claims whose tests failed (with those tests' names), and the behaviours that moved, in a claims.json."""
    claims: dict[str, list[str]] = {}
    for c in document["claims"]:
        if c["verdict"] == FAILED:
            claims.setdefault(c["claim"], []).append(c["test"].split("::")[-1].split("[")[0])
    return claims, list((document["run"]["baseline"] or {}).get("moved", []))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx upstream", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="+", type=Path, metavar="REPORT_DIR", help="each job's report folder")
    parser.add_argument("--last-good", type=Path, required=True, metavar="FILE",
                        help="the newest version of each walkable package that passed (read, and updated)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="where bisections and reproducers go")
    args = parser.parse_args(argv)
    last_good = json.loads(args.last_good.read_text()) if args.last_good.exists() else {}
    lines: list[str] = []
    for folder in args.reports:
        path = folder / "claims.json"
        if not path.exists():
            lines.append(f"- {folder.name}: no claims.json (the job ended before its report)")
            continue
        document = json.loads(path.read_text())
        versions = document["run"]["versions"]
        package = walkable(versions)
        claims, moved = broken(document)
        if package is None:
            continue
        version = versions["keras"]
        if not claims and not moved:
            if package not in last_good or Version(version) > Version(last_good[package]):
                last_good[package] = version
            continue
        good = last_good.get(package)
        if good is None or Version(good) >= Version(version):
            lines.append(f"- {package} {version}: no earlier passing nightly is recorded, so nothing to bisect")
            continue
        for claim, tests in claims.items():
            lines += _bisected(package, good, version, claim, "--claim", args.out, tests)
        for name in moved:
            lines += _bisected(package, good, version, name, "--behaviour", args.out, [])
    write_atomically(args.last_good, json.dumps(last_good, indent=1) + "\n")
    print("\n".join(lines) if lines else "nothing to bisect")
    return 0


def _bisected(package: str, good: str, bad: str, what: str, flag: str, out: Path, tests: list[str]) -> list[str]:
    """Bisect one flipped claim or moved behaviour and write its reproducers; the issue's lines about it.

    A failed test with an exact check gets a reproducer of that check alone, the smallest script to send.
    """
    out.mkdir(parents=True, exist_ok=True)
    found = out / f"bisect-{what}.json"
    status = bisect.main([package, "--good", good, "--bad", bad, flag, what, "--json", str(found)])
    lines = [f"- **{what}** ({package} {good} passed, {bad} failed):"]
    if status == 0:
        result = json.loads(found.read_text())
        lines += [f"  first bad {result['first_bad']} (built {result['built']['first_bad']}), last good"
                  f" {result['last_good']} (built {result['built']['last_good']})"]
        lines += [f"  - {line}" for line in result["flipped"][:5]]
    else:
        lines.append(f"  bisect found no single first bad version (exit {status}; see {found.name})")
    focused = [t for t in dict.fromkeys(tests) if any(check.test == t for check in repro.CHECKS)]
    for target in focused or [what]:
        try:
            script = repro.write(target, out / f"repro-{target}")
            lines.append(f"  reproducer: `{script.relative_to(out)}` in this run's artifact")
        except repro.NoReproducer as missing:
            lines.append(f"  no reproducer: {missing}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
