"""One version tried: installed beside everything else pinned, what is watched run there, a verdict.

A piece of a bisection (approx.tools.pieces calls `step` by name, here or
on a Dask worker): it makes or reuses the version's environment
(approx.tools.environments), checks it imports that version, and runs the
claim's spec tests, the behaviour's measure on the baseline's paired seeds,
or the whole gate. Its result is good, bad or skip, why, and the time taken.
"""

import json
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from packaging.version import Version

from approx.repository import ROOT
from approx.tools import environments, spec_run
from approx.tools.search import BAD, GOOD, SKIP

FAILED = "FAILED"  # claims.json's verdict of a test that broke (approx.report.words.VERDICTS)


@dataclass(frozen=True)
class Watch:
    """What a step runs: a claim's tests, a behaviour, or (neither) the whole gate."""

    claim: str | None = None
    behaviour: str | None = None

    def __str__(self):
        return f"claim {self.claim}" if self.claim else f"behaviour {self.behaviour}" if self.behaviour else "the gate"


def _run(environment: environments.Environment, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([environment.python, *command], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **environment.variables})


def _imports(environment: environments.Environment) -> dict:
    """The versions the environment imports; RuntimeError with the last line of the failure if it cannot."""
    done = _run(environment, "-c", f"import json, keras; from approx import installed; print(json.dumps("
                                   f"{{'module': installed.version({environment.module!r}),"
                                   f" 'keras': keras.__version__, 'backend': keras.backend.backend()}}))")
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise RuntimeError(f"will not import: {lines[-1] if lines else f'exit {done.returncode}'}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    if Version(found["module"]) != Version(environment.version):
        raise RuntimeError(f"imports {environment.module} {found['module']}, not {environment.version}")
    return found


def _claim_step(environment, claim: str, folder: Path) -> tuple[str, str, dict]:
    report = folder / "report"
    ran = spec_run.spec(report, "--claim", claim, "--drift", "warn", "-o", f"cache_dir={folder / 'pytest-cache'}",
                        python=environment.python, env=environment.variables)
    document = ran.document or _partial(report)
    if document is None or ran.exit not in (0, 1):
        return SKIP, f"the spec did not run (exit {ran.exit}): {_last_line(ran.output)}", {}
    tests = [{"test": c["test"], "verdict": c["verdict"], "message": c["message"]}
             for c in document["claims"] if c["claim"] == claim]
    if not tests:
        return SKIP, f"no test of {claim} ran", {}
    failed = [t for t in tests if t["verdict"] == FAILED]
    if failed:
        return BAD, f"{len(failed)} of {len(tests)} tests failed: {', '.join(name_of(t['test']) for t in failed)}", \
            {"tests": tests}
    return GOOD, f"{len(tests)} tests as expected", {"tests": tests}


def _partial(report: Path) -> dict | None:
    """A selection's claims.json, which the plugin keeps apart from the last complete run's."""
    path = report / "partial" / "claims.json"
    return json.loads(path.read_text()) if path.exists() else None


def _gate_step(environment, folder: Path) -> tuple[str, str, dict]:
    ran = spec_run.spec(folder / "report", "-n", "auto", "-o", f"cache_dir={folder / 'pytest-cache'}",
                        python=environment.python, env=environment.variables)
    if ran.document is None or ran.exit not in (0, 1):
        return SKIP, f"the spec did not run (exit {ran.exit}): {_last_line(ran.output)}", {}
    failed = [c["test"] for c in ran.document["claims"] if c["verdict"] == FAILED]
    moved = (ran.document["run"]["baseline"] or {}).get("moved", [])
    detail = {"failed": failed, "moved": moved}
    if ran.exit == 0:
        return GOOD, "the gate passes", detail
    return BAD, f"{len(failed)} tests failed, {len(moved)} behaviours moved", detail


def judge_here(name: str) -> dict:
    """`name` on the baseline's paired seeds, trained afresh here, judged against the baseline as the gate does."""
    from approx.statistics import calibration, drift
    from approx.statistics.measures import quantities
    from approx.training.session import Session, using

    baseline = calibration.committed()
    seeds = baseline.paired_seeds
    with using(Session()):
        values = {seed: float(quantities()[name].compute(seed)) for seed in seeds}
    judged = drift.judge({name: values}, baseline)[name]
    return {"moved": judged.moved, "effect": judged.effect, "values": values,
            "baseline": {seed: baseline.pairs_of(name)[seed].value for seed in seeds if seed in baseline.pairs_of(name)}}


def _behaviour_step(environment, name: str) -> tuple[str, str, dict]:
    done = _run(environment, "-c", f"import json; from approx.tools.trial import judge_here;"
                                   f" print(json.dumps(judge_here({name!r})))")
    if done.returncode != 0:
        return SKIP, f"{name} could not be measured: {_last_line(done.stderr)}", {}
    judged = json.loads(done.stdout.strip().splitlines()[-1])
    return (BAD if judged["moved"] else GOOD), f"{name} {'moved' if judged['moved'] else 'as the baseline'}:" \
                                               f" {judged['effect']}", judged


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][-300:] if lines else "no output"


def name_of(test: str) -> str:
    """A spec test's name without its file."""
    return test.split("::")[-1]


def step(argument: dict) -> dict:
    """A piece of a bisection: install one version (or reuse it), run what is watched there, and say good, bad or skip."""
    started = time.perf_counter()
    package, version, watch = argument["package"], argument["version"], Watch(**argument["watch"])
    try:
        environment = environments.prepare(package, version)
        versions = _imports(environment)
    except (environments.Uninstallable, RuntimeError) as problem:
        return {"verdict": SKIP, "why": f"{'will not install: ' if isinstance(problem, environments.Uninstallable) else ''}"
                                        f"{problem}", "seconds": round(time.perf_counter() - started, 1),
                "detail": {}}
    folder = environments.CACHE / package / version / "runs" / _slug(watch)
    folder.mkdir(parents=True, exist_ok=True)
    if watch.claim:
        verdict, why, detail = _claim_step(environment, watch.claim, folder)
    elif watch.behaviour:
        verdict, why, detail = _behaviour_step(environment, watch.behaviour)
    else:
        verdict, why, detail = _gate_step(environment, folder)
    return {"verdict": verdict, "why": why, "seconds": round(time.perf_counter() - started, 1),
            "detail": {**detail, "versions": versions}}


def _slug(watch: Watch) -> str:
    return (watch.claim or watch.behaviour or "gate").replace("/", "_")
