"""Which published version broke it: a binary search over the releases or nightlies of one package.

    approx bisect keras-nightly --good 3.15.0.dev2026060105 --bad 3.16.0.dev2026102704 --claim S10.4
    approx bisect keras --good 3.13.0 --bad 3.15.1 --behaviour momentum_gain
    approx bisect tf-nightly --good 2.23.0.dev20260901 --bad 2.23.0.dev20261026     # the whole gate
    approx bisect keras-nightly ... --json bisect.json --scheduler tcp://10.0.0.5:8786

It lists the versions the package index publishes from --good to --bad
(approx.tools.index; pre-releases when the package is a nightly or a bound is
one) and checks the bounds first: --good must pass and --bad fail, or there
is nothing to look for. Then it halves the range until a version that passes
sits next to one that fails. Each step installs one version beside
everything else pinned (approx.tools.environments: Keras laid over this
environment, a compiled package in an environment of its own, both kept for
the next time) and runs only what is watched:
- `--claim ID`: that claim's spec tests; a version is bad when one of them
  fails (behaviours are not judged: `--drift warn`);
- `--behaviour NAME`: that measure or arm on the baseline's paired seeds,
  judged against the baseline as the gate judges it; bad when it moved;
- neither: the whole spec, as the gate; bad when the gate fails.
A version that will not install or import is skipped, as `git bisect skip`
does, and the search goes on around it. With several probes a round (a Dask
cluster's workers, `--scheduler`), a round tests that many versions spread
over the range. Each step is kept in a journal (approx.tools.pieces) as it
ends, so the same command after an interruption goes on where it stopped.

When the history is not monotonic (bad, then good again), the search still
ends on a version that passes next to one that fails: one flip, said to be
one of several.

Exit status: 0 when the first bad version was found; 1 when none was (a bound
is not what it should be, or skipped versions hide the flip); 2 for bad
input (an unknown package or version, --good not before --bad, an
unreadable index).
"""

import argparse
import json
import math
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from approx.atomic import write_atomically
from approx.cli import positive_int
from approx.repository import ROOT
from approx.tools import environments, index, journal, pieces
from approx.tools.search import BAD, GOOD, SKIP, Search, search
from approx.tools.trial import FAILED, Watch, name_of

NIGHTLIES = ("keras-nightly", "tf-nightly")
JOB = "bisect"


# The command.

@dataclass
class Bisection:
    """One bisection as the command runs it: the versions, what it watches, and each step's result by version."""

    package: str
    versions: list[index.Release]
    watch: Watch
    width: int = 1
    scheduler: str | None = None
    steps: dict[str, dict] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)  # the versions in the order they were tested

    def piece(self, version: str) -> pieces.Piece:
        return pieces.Piece(version, "approx.tools.trial", "step",
                            {"package": self.package, "version": version, "watch": asdict(self.watch)})

    def judge(self, indices: list[int]) -> dict[int, str]:
        """Each index's verdict: kept from a journal, or tested now (a round at once on a cluster)."""
        wanted = [str(self.versions[i]) for i in indices]
        left = []
        for version in wanted:
            kept = journal.Journal(self.job, [self.piece(version)]).done.get(version)
            if kept is not None:
                self._arrived(version, kept.result, kept=True)
            else:
                left.append(version)
        if left:
            self._progress(len(left))
            made = [self.piece(v) for v in left]
            for version, done in pieces.run(JOB, made, len(made), self.scheduler, quiet=True).items():
                journal.Journal(self.job, [self.piece(version)]).keep(version, done)
                self._arrived(version, done.result)
            pieces.finish(JOB, made)
        return {i: self.steps[str(self.versions[i])]["verdict"] for i in indices}

    @property
    def job(self) -> str:
        """The journals' name: one journal per version tested, keyed by the version and what is watched."""
        return f"{JOB}-{self.package}"

    def _arrived(self, version: str, result: dict, kept: bool = False) -> None:
        self.steps[version] = result
        self.order.append(version)
        built = self.built(version)
        print(f"  {version}{f' (built {built})' if built else ''}: {result['verdict']}"
              f" — {result['why']} ({result['seconds']:.0f} s{', kept from an earlier run' if kept else ''})",
              flush=True)

    def _progress(self, testing: int) -> None:
        verdicts = {i: self.steps[str(r)]["verdict"] for i, r in enumerate(self.versions) if str(r) in self.steps}
        bad = min((i for i, v in verdicts.items() if v == BAD), default=len(self.versions) - 1)
        good = max((i for i, v in verdicts.items() if v == GOOD and i < bad), default=0)
        left = sum(1 for i in range(good + 1, bad) if i not in verdicts)
        rounds = math.ceil(math.log2(left + 1) / math.log2(self.width + 1)) if left else 0
        print(f"[{len(self.steps)} of {len(self.versions)} versions tested; {left} untested between the last good"
              f" and the first bad, about {rounds} rounds left; testing {testing}]", flush=True)

    def built(self, version: str) -> str:
        release = next(r for r in self.versions if str(r) == version)
        return release.built[:16].replace("T", " ") + " UTC" if release.built else ""

    def forget(self) -> None:
        """Remove the steps' journals: the bisection is written."""
        for version in self.steps:
            pieces.finish(self.job, [self.piece(version)])


def flipped(bisection: Bisection, good: str, bad: str) -> list[str]:
    """What differs between the last good version's step and the first bad one's, in lines."""
    before, after = bisection.steps[good]["detail"], bisection.steps[bad]["detail"]
    if bisection.watch.claim:
        was = {t["test"]: t for t in before.get("tests", [])}
        return [f"{name_of(t['test'])}: {was.get(t['test'], {}).get('verdict', 'not run')} → {t['verdict']}"
                + (f": {t['message'].splitlines()[0]}" if t["message"] and t["verdict"] == FAILED else "")
                for t in after.get("tests", []) if was.get(t["test"], {}).get("verdict") != t["verdict"]]
    if bisection.watch.behaviour:
        seeds = sorted(after.get("values", {}), key=int)
        return [f"seed {s}: baseline {after['baseline'].get(s, float('nan')):.6g}, {good}"
                f" {before.get('values', {}).get(s, float('nan')):.6g}, {bad} {after['values'][s]:.6g}"
                for s in seeds]
    return ([f"failed on {bad}, not on {good}: {name_of(t)}" for t in after.get("failed", [])
             if t not in before.get("failed", [])]
            + [f"moved on {bad}, not on {good}: {n}" for n in after.get("moved", []) if n not in before.get("moved", [])])


def outcome(bisection: Bisection, found: Search, good: str, bad: str) -> tuple[int, dict, list[str]]:
    """The exit status, the JSON document and the closing lines of a finished search."""
    version = lambda i: None if i is None else str(bisection.versions[i])  # noqa: E731
    document = {"package": bisection.package, "good": good, "bad": bad, "watched": str(bisection.watch),
                "candidates": len(bisection.versions), "ended": found.ended,
                "last_good": version(found.last_good), "first_bad": version(found.first_bad),
                "built": {}, "flipped": [], "monotonic": found.monotonic,
                "steps": [{"version": v, "built": bisection.built(v), **bisection.steps[v]} for v in bisection.order]}
    lines: list[str] = []
    if found.ended == "bound-skipped":
        bound = good if found.verdicts[0] == SKIP else bad
        lines.append(f"{bound} cannot be tested here ({bisection.steps[bound]['why']}): choose another bound")
    elif found.ended == "good-is-bad":
        lines.append(f"--good {good} is bad already ({bisection.steps[good]['why']}): the flip is not between the"
                     f" bounds; bisect from an older --good")
    elif found.ended == "bad-is-good":
        lines.append(f"nothing flipped: --bad {bad} is good too ({bisection.steps[bad]['why']})")
    else:
        last_good, first_bad = version(found.last_good), version(found.first_bad)
        document["built"] = {"last_good": bisection.built(last_good), "first_bad": bisection.built(first_bad)}
        document["flipped"] = flipped(bisection, last_good, first_bad)
        if found.ended == "hidden-by-skips":
            hidden = [version(i) for i in found.hidden]
            document["could_be"] = [*hidden, first_bad]
            lines.append(f"the first bad version is one of {', '.join(hidden)} (skipped: they would not install or"
                         f" import) or {first_bad}")
        lines += [f"last good: {bisection.package} {last_good}" + _when(bisection, last_good),
                  f"first bad: {bisection.package} {first_bad}" + _when(bisection, first_bad)]
        if bisection.package in NIGHTLIES and found.ended == "found":
            lines.append(f"the change is among the commits between {document['built']['last_good']} and"
                         f" {document['built']['first_bad']}")
        if not found.monotonic:
            lines.append("not monotonic: a version after a bad one passed again; this flip is one of several")
        lines += [f"  {line}" for line in document["flipped"]]
    status = 0 if found.ended == "found" else 1
    document["exit"] = status
    return status, document, lines


def _when(bisection: Bisection, version: str) -> str:
    built = bisection.built(version)
    return f" (built {built})" if built else ""


def _version(text: str) -> Version:
    try:
        return Version(text)
    except InvalidVersion:
        raise argparse.ArgumentTypeError(f"not a version: {text!r}") from None


def catalogued() -> list[str]:
    """The claim ids spec/CLAIMS.md lists, in its order."""
    text = (ROOT / "spec" / "CLAIMS.md").read_text(encoding="utf-8")
    return re.findall(r"^- (S\d+\.\d+) ", text, flags=re.MULTILINE)


def _known_claim(text: str) -> str:
    known = catalogued()
    if text not in known:
        raise argparse.ArgumentTypeError(f"unknown claim {text!r}; spec/CLAIMS.md lists {known[0]} … {known[-1]}")
    return text


def _known_behaviour(text: str) -> str:
    from approx.statistics.measures import quantities

    known = quantities()
    if text not in known:
        raise argparse.ArgumentTypeError(f"unknown behaviour {text!r}: not a measure or arm of"
                                         f" approx.statistics.measures (approx calibrate lists them)")
    return text


def arguments(argv):
    parser = argparse.ArgumentParser(prog="approx bisect", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", choices=list(environments.PACKAGES), metavar="PACKAGE",
                        help=f"what to bisect: {', '.join(environments.PACKAGES)}")
    parser.add_argument("--good", type=_version, required=True, help="a version that passes")
    parser.add_argument("--bad", type=_version, required=True, help="a later version that fails")
    watched = parser.add_mutually_exclusive_group()
    watched.add_argument("--claim", type=_known_claim, metavar="ID", help="watch one claim's tests (S10.4)")
    watched.add_argument("--behaviour", type=_known_behaviour, metavar="NAME",
                         help="watch one measure or arm against the baseline (momentum_gain)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the result as JSON to FILE")
    parser.add_argument("--index-url", default=None,
                        help=f"the package index (default: pip's PIP_INDEX_URL, else {index.PYPI})")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run the steps on this Dask scheduler's workers, a round of --probes at once")
    parser.add_argument("--probes", type=positive_int, default=None,
                        help="versions tested per round (default: 1 here; the cluster's worker count with --scheduler)")
    args = parser.parse_args(argv)
    if not args.good < args.bad:
        parser.error(f"--good {args.good} must come before --bad {args.bad}")
    return parser, args


def main(argv=None):
    parser, args = arguments(argv)
    try:
        published = index.releases(args.package, args.index_url)
    except index.Unreadable as problem:
        print(f"approx bisect: {problem}", file=sys.stderr)
        return 2
    missing = [str(v) for v in (args.good, args.bad) if v not in {r.version for r in published}]
    if missing:
        parser.error(f"the index has no {args.package} {' or '.join(missing)}")
    pre = args.package in NIGHTLIES or args.good.is_prerelease or args.bad.is_prerelease
    versions = index.between(published, args.good, args.bad, pre)
    width = args.probes or (_workers(args.scheduler) if args.scheduler else 1)
    bisection = Bisection(args.package, versions, Watch(args.claim, args.behaviour), width, args.scheduler)
    print(f"approx bisect: {args.package}, {len(versions)} versions from {args.good} to {args.bad};"
          f" watching {bisection.watch}; {width} at a time{' on ' + args.scheduler if args.scheduler else ''}"
          f"; environments in {environments.CACHE}", flush=True)
    started = time.perf_counter()
    found = search(len(versions), bisection.judge, width)
    status, document, lines = outcome(bisection, found, str(args.good), str(args.bad))
    document["seconds"] = round(time.perf_counter() - started)
    document["machine"] = pieces.machine()  # where the time was measured: host, CPU, cores
    print(f"\n{len(bisection.steps)} versions tested in {document['seconds']} s")
    print("\n".join(lines))
    if args.json:
        write_atomically(args.json, json.dumps(document, indent=1) + "\n")
    bisection.forget()
    return status


def _workers(scheduler: str) -> int:
    with pieces.connect(scheduler) as client:
        return max(1, len(client.scheduler_info(n_workers=-1)["workers"]))


if __name__ == "__main__":
    sys.exit(main())
