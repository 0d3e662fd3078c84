"""The release matrix: the spec run on every TensorFlow/Keras pair of matrix/pairs.json, on each backend.

    approx matrix                         # every column; venvs kept in ~/.cache/approx/matrix and reused
    approx matrix tf2.16-keras3.3         # some columns (the others keep their last result)
    approx matrix tf2.21-keras3.15-jax    # a pair on another Keras backend
    approx matrix --cold tf2.16-keras3.3  # empty the column's weight cache first: a cold run's time
    approx matrix --render                # run nothing: rewrite matrix.md / index.html from matrix.json
    approx matrix --list                  # run nothing: the columns' names as JSON, for a CI job matrix
    approx matrix --merge jobs/*/matrix.json  # run nothing: take in the columns CI's jobs ran, and re-render

A column is a pair on one Keras backend: TensorFlow for every pair, and JAX
or PyTorch where the pair lists them (`backends`), with the packages
pairs.json pins for that backend. Its name is the pair's, with the backend
appended unless it is TensorFlow. For each column it makes (or reuses) a
virtual environment with that TensorFlow and Keras, the backend's packages,
the spec's other packages and approx itself (editable, without
dependencies), runs `KERAS_BACKEND=… pytest spec/ -n auto` there with its
own report folder and weight cache, and keeps its claims.json. The weight
cache is kept between runs, so a re-run only trains what changed; its time
then says little, and the table marks it (`--cold` empties it). The result is
committed: matrix/matrix.json (every column's verdict per claim, its
behaviour against its backend's baseline, its versions and time),
matrix/matrix.md (claims × releases, then claims × backends) and
matrix/index.html. A column that fails to install, or whose spec run writes
no report, says so; the rest go on.

The columns are not pieces for a Dask cluster (approx.tools.pieces): each
needs an environment of its own, with its own TensorFlow and Keras, which a
cluster's workers do not have. In CI the workflow's job matrix is their
distributed engine: one job per column (`--list` names them) calls `approx
matrix COLUMN` on a fresh runner, its matrix.json records which columns it
`ran`, and a last job merges the jobs' files (`--merge`).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from approx.article.sections import position
from approx.atomic import write_atomically
from approx.report.words import VERDICTS
from approx.repository import ROOT
from approx.tools import spec_run
from approx.tools.environments import spec_packages
from approx.tools.tables.matrix_findings import RESULTS

FOLDER = RESULTS.parent
PAIRS = FOLDER / "pairs.json"
CACHE = Path(os.environ.get("APPROX_MATRIX_CACHE", Path.home() / ".cache" / "approx" / "matrix"))


def pairs() -> list[dict]:
    return json.loads(PAIRS.read_text())["pairs"]


def columns() -> list[dict]:
    """Every (pair, backend) the matrix runs, in pairs.json's order: name, tensorflow, keras, backend, packages."""
    packages = json.loads(PAIRS.read_text()).get("backend_packages", {})
    found = []
    for pair in pairs():
        for backend in pair.get("backends", ["tensorflow"]):
            found.append({"name": pair["name"] if backend == "tensorflow" else f"{pair['name']}-{backend}",
                          "pair": pair["name"], "tensorflow": pair["tensorflow"], "keras": pair["keras"],
                          "backend": backend, "packages": packages.get(backend, [])})
    return found


def _say(pair: str, what: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.0f} s] {pair}: {what}", flush=True)


def _venv(pair: dict, started: float) -> Path:
    """The pair's environment, made once; raises CalledProcessError when pip cannot install it."""
    folder = CACHE / pair["name"]
    python = folder / "bin" / "python"
    marker = folder / "installed.json"
    needs = spec_packages()
    wanted = {"tensorflow": pair["tensorflow"], "keras": pair["keras"], **({"packages": pair["packages"]}
                                                                            if pair["packages"] else {}),
              "approx needs": needs}  # a new dependency of approx re-makes the environment
    if not (marker.exists() and json.loads(marker.read_text()) == wanted):
        _say(pair["name"], f"installing tensorflow {pair['tensorflow']}, keras {pair['keras']}"
                           f"{''.join(', ' + p for p in pair['packages'])}", started)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"tensorflow=={pair['tensorflow']}",
                        f"keras=={pair['keras']}", *pair["packages"], *needs],
                       check=True, capture_output=True, text=True)
        write_atomically(marker, json.dumps(wanted))
    # Every time (seconds): approx's metadata, its declared ranges among them, follows pyproject.toml.
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", str(ROOT)], check=True,
                   capture_output=True, text=True)
    return python


def run_pair(pair: dict, started: float, cold: bool = False) -> dict:
    """One pair's column: its versions, time and each claim's verdict and behaviour, or why there are none.

    `cold` empties the column's weight cache first; its time is a cold run's whenever the cache starts empty.
    """
    begun = time.perf_counter()
    weights = CACHE / pair["name"] / "pytest-cache"
    if cold:
        shutil.rmtree(weights, ignore_errors=True)
    started_empty = not any(weights.rglob("*.npz"))
    try:
        python = _venv(pair, started)
    except subprocess.CalledProcessError as failed:
        return {"status": "install failed", "detail": (failed.stderr or str(failed))[-2000:]}
    _say(pair["name"], f"running the spec on {pair['backend']}", started)
    ran = spec_run.spec(CACHE / pair["name"] / "report", "-n", "auto", "-o", f"cache_dir={weights}",
                        "--drift", "warn", python=python, env={"KERAS_BACKEND": pair["backend"]})
    if ran.document is None:
        return {"status": "no report", "detail": ran.output[-3000:]}
    claims = ran.document
    baseline = claims["run"]["baseline"] or {"moved": []}
    return {
        "status": "ran", "exit": ran.exit, "seconds": round(time.perf_counter() - begun), "cold": started_empty,
        "pair": pair["pair"], "backend": pair["backend"],
        "versions": claims["run"]["versions"], "moved": baseline["moved"],
        "claims": {c["test"]: {"claim": c["claim"], "verdict": c["verdict"],
                               "moved": [b["name"] for b in c["behaviour"] if b["verdict"] == "moved"]}
                   for c in claims["claims"]},
    }


def _rows(results: dict) -> list[tuple[str, str]]:
    """(claim id, test id) of every test any pair ran, in the article's order."""
    seen = {(c["claim"], test) for column in results["pairs"].values() for test, c in column.get("claims", {}).items()}
    return sorted(seen, key=lambda row: (*position(row[0]), row[1]))


def _cell(column: dict, test: str) -> str:
    if column.get("status") != "ran":
        return column.get("status", "—")
    found = column["claims"].get(test)
    if found is None:
        return "—"
    moved = f" · moved: {', '.join(found['moved'])}" if found["moved"] else ""
    verdict = VERDICTS.get(found["verdict"])
    return (verdict.cell if verdict else found["verdict"]) + moved


def markdown(results: dict) -> str:
    names = list(results["pairs"])
    lines = [f"# The spec on each release pair\n\nMade by `approx matrix` ({results['finished']}). Rows: the claims"
             " (one per spec test); columns: the pairs of matrix/pairs.json. ✓: holds; ✗ (as expected): the"
             " article's erratum, refuted as the spec expects; ≠ (declared): fails on that release as a"
             " `release` marker beside the test declares, with its reason; FAILED: the claim broke there; moved: behaviours"
             " that left the baseline's distribution (the pinned pair's calibration). Seconds: the column's"
             " spec run; *warm* when its weight cache held weights from an earlier run (`--cold` for a true time).", "",
             "| pair | status | seconds | behaviours moved |", "| --- | --- | ---: | --- |"]
    for name, column in results["pairs"].items():
        lines.append(f"| {name} | {column['status']}{'' if column.get('exit', 0) == 0 else ' (gate fails)'} |"
                     f" {_seconds(column)} | {', '.join(column.get('moved', [])) or '—'} |")
    lines += ["", "| claim | test | " + " | ".join(names) + " |", "| --- | --- |" + " --- |" * len(names)]
    for claim, test in _rows(results):
        cells = " | ".join(_cell(results["pairs"][name], test) for name in names)
        lines.append(f"| {claim} | `{test.split('::')[-1]}` | {cells} |")
    for pair, on in _backends(results).items():
        lines += ["", f"## Claims × backends: {pair}", "",
                  "Each backend judged against its own baseline (calibration/calibration[.backend].json).", "",
                  "| claim | test | " + " | ".join(on) + " |", "| --- | --- |" + " --- |" * len(on)]
        for claim, test in _rows(results):
            cells = " | ".join(_cell(results["pairs"][name], test) for name in on.values())
            lines.append(f"| {claim} | `{test.split('::')[-1]}` | {cells} |")
    return "\n".join(lines) + "\n"


def _seconds(column: dict) -> str:
    if "seconds" not in column:
        return ""
    return f"{column['seconds']}{'' if column.get('cold', True) else ' (warm)'}"


def _backends(results: dict) -> dict[str, dict[str, str]]:
    """For each pair run on more than one backend: backend -> its column's name."""
    found: dict[str, dict[str, str]] = {}
    for name, column in results["pairs"].items():
        found.setdefault(column.get("pair", name), {})[column.get("backend", "tensorflow")] = name
    return {pair: on for pair, on in found.items() if len(on) > 1}


def page(results: dict) -> str:
    """matrix/index.html: the markdown's two tables as one self-contained page (approx/report/templates/matrix.html)."""
    from approx.report.page import rendered  # here: listing the columns (--list) needs nothing but the standard library

    names = list(results["pairs"])
    rows = [(claim, test.split("::")[-1], [_cell(results["pairs"][n], test) for n in names])
            for claim, test in _rows(results)]
    return rendered("matrix.html", names=names, rows=rows, finished=results["finished"])


def _merged(files: list[Path], known: dict) -> dict:
    """The columns that each matrix.json (one CI job's) ran itself, by name; a column run twice is an error."""
    found: dict[str, dict] = {}
    for path in files:
        try:
            results = json.loads(Path(path).read_text())
            columns_run = {name: results["pairs"][name] for name in results["ran"]}
        except (OSError, ValueError, KeyError, TypeError) as problem:
            raise SystemExit(f"{path} is not a matrix.json that names the columns it ran ({problem})") from None
        for name, column in columns_run.items():
            if name not in known:
                raise SystemExit(f"{path} ran column {name}, which matrix/pairs.json does not list")
            if name in found:
                raise SystemExit(f"column {name} was run by more than one of the files to merge")
            found[name] = column
    return found


def render(results: dict) -> None:
    write_atomically(RESULTS, json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    write_atomically(FOLDER / "matrix.md", markdown(results))
    write_atomically(FOLDER / "index.html", page(results))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx matrix", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="*", metavar="COLUMN",
                        help="which pairs, as pair or pair-backend (default: every column of matrix/pairs.json)")
    parser.add_argument("--render", action="store_true", help="run nothing: re-render from matrix/matrix.json")
    parser.add_argument("--list", action="store_true",
                        help="run nothing: print every column's name as a JSON list (a CI job matrix reads it)")
    parser.add_argument("--merge", nargs="+", type=Path, metavar="MATRIX_JSON",
                        help="run nothing: take the columns each of these matrix.json files ran (CI jobs' artifacts)"
                             " into matrix/matrix.json, and re-render")
    parser.add_argument("--cold", action="store_true",
                        help="empty each column's weight cache first, so its time is a cold run's")
    args = parser.parse_args(argv)
    known = {c["name"]: c for c in columns()}
    if args.list:
        print(json.dumps(list(known)))
        return
    unknown = [p for p in args.pairs if p not in known]
    if unknown:
        parser.error(f"unknown column(s) {', '.join(unknown)}; known: {', '.join(known)}")
    old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {"pairs": {}}
    if args.render:
        render(old)
        return
    started = time.perf_counter()
    ran = dict(old["pairs"])
    fresh = _merged(args.merge, known) if args.merge else {}
    for name in [] if args.merge else args.pairs or known:
        fresh[name] = run_pair(known[name], started, cold=args.cold)
        _say(name, f"{fresh[name]['status']}", started)
    ran.update(fresh)
    results = {"finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "seconds": round(time.perf_counter() - started), "ran": [n for n in known if n in fresh],
               "pairs": {name: ran[name] for name in known if name in ran}}
    render(results)
    print(f"matrix: {len(results['pairs'])} columns in {results['seconds']} s -> {FOLDER / 'matrix.md'}")


if __name__ == "__main__":
    main()
