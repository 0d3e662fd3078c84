"""A run's claims.json in CI's own terms: a Markdown summary, annotations and step outputs.

    approx summary                          # reports/claims.json, as Markdown on stdout
    approx summary reports/claims.json --github
    approx summary reports/claims.json --report-log reports/report-log.jsonl

With `--github` (in a GitHub Actions step) it also appends the summary to the
job's page ($GITHUB_STEP_SUMMARY), annotates each flipped claim at its spec
test (`::error file=…,line=…`), each moved behaviour as an error (a warning
when the run judged drift with `--drift warn`), and writes the verdict counts
of the framework evidence as step outputs ($GITHUB_OUTPUT): confirmed,
usually, corrected, refuted, differs and skipped, then failed (every failed
test, code readings and findings of ours included), moved and complete. The reusable workflow returns
those outputs to its caller.

A claim *flipped* when its test no longer ends as the spec expects (verdict
FAILED); a behaviour *moved* when the gate judged it different from its
baseline. A run that left no claims.json, or a partial one, says so. With
`--report-log` (pytest-reportlog's file, as xarray's upstream-dev CI reads
it) it also lists every test and collection that failed, which names what
broke even when the run ended before its report.

Exit status: 0 when it summarised a report, 2 when there was none to read.
"""

import argparse
import ast
import functools
import json
import os
import sys
from pathlib import Path

from approx.report import document, verdicts
from approx.report.document import Document
from approx.report.records import Behaviour, ClaimRecord
from approx.report.words import EVIDENCE_KINDS, VERDICTS

REPORT = Path("reports/claims.json")
OUTPUTS = {verdict.lower(): verdict for verdict in VERDICTS}  # output name (FAILED: failed) -> verdict


def flipped(doc: Document) -> list[ClaimRecord]:
    return [record for record in doc.claims if record.verdict == "FAILED"]


def moved(doc: Document) -> list[tuple[str, Behaviour]]:
    """The claim and behaviour of each name that moved, one per name (a name shared by claims is judged once)."""
    names, found = set(doc.run["baseline"]["moved"]), {}
    for record in doc.claims:
        for behaviour in record.behaviour:
            if behaviour.name in names:
                found.setdefault(behaviour.name, (record.claim, behaviour))
    return [found[name] for name in sorted(found)]


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _effect(behaviour: Behaviour) -> str:
    factor = "" if behaviour.factor is None else f" (×{behaviour.factor:.6g})"
    return f"{behaviour.baseline_median:.4g} → {behaviour.run_median:.4g}{factor}, judged {behaviour.judged}"


def _by_evidence(run: dict) -> dict[str, dict[str, int]]:
    """The counts of each kind of evidence; a report older than schema 6 counted every record as framework evidence."""
    return run.get("by_evidence") or {"framework": run["counts"]}


def markdown(doc: Document) -> str:
    run = doc.run
    versions = run["versions"]
    extra = "" if versions["backend"] == "tensorflow" else f" {versions.get(versions['backend'], '')}"
    lines = [f"## approx: the article on TensorFlow {versions['tensorflow']}, Keras {versions['keras']},"
             f" {versions['backend']}{extra}, Python {versions['python']}", ""]
    if not run["complete"]:
        lines += [f"**Partial run**: {run['why_partial']}", ""]
    if doc.verdicts:  # schema 7 on: the readers' bottom line, before the gate's counts
        lines += [f"**The article**: {verdicts.lead(doc.verdicts)}", ""]
    kinds = _by_evidence(run)
    lines += ["| verdict | " + " | ".join(EVIDENCE_KINDS[k].label for k in kinds) + " |",
              "|---|" + "---:|" * len(kinds)]
    lines += [f"| {VERDICTS[verdict].label} | " + " | ".join(str(counts[verdict]) for counts in kinds.values()) + " |"
              for verdict in run["counts"]]
    lines += ["", f"{run['tests_run']} tests of {run['tests_selected']} selected, seeds {run['seeds'][0]}…"
                  f"{run['seeds'][-1]}, {run['seconds']:.0f} s; judged against {run['baseline']['file']}"
                  f" (drift {run['baseline']['mode']})", ""]
    claims = flipped(doc)
    lines += [f"### Claims that flipped ({len(claims)})", ""]
    lines += [f"- **{r.claim}** {r.statement} `{r.test}`: {_first_line(r.message)}" for r in claims] or [
        "None: every claim ends as the spec expects."]
    behaviours = moved(doc)
    lines += ["", f"### Behaviours that moved ({len(behaviours)} of {run['baseline']['names']})", ""]
    lines += [f"- **{b.name}** ({claim}): {_effect(b)}" for claim, b in behaviours] or [
        "None: every measure and arm trains as the baseline did."]
    return "\n".join(lines) + "\n"


@functools.cache
def _line_of(path: str, function: str) -> int:
    """The line a spec test is defined on (1 when the file or function cannot be found)."""
    try:
        tree = ast.parse(Path(path).read_text())
    except (OSError, SyntaxError):
        return 1
    return next((node.lineno for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == function), 1)


def _escape(text: str) -> str:
    """A workflow command's message: its %, CR and LF escaped, as the runner reads them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotations(doc: Document) -> list[str]:
    out = []
    for record in flipped(doc):
        path, _, name = record.test.partition("::")
        line = _line_of(path, name.split("[")[0])
        out.append(f"::error file={path},line={line},title={record.claim} flipped::"
                   + _escape(f"{record.statement} {_first_line(record.message)}".strip()))
    level = "error" if doc.run["baseline"]["mode"] == "fail" else "warning"
    for _, behaviour in moved(doc):
        out.append(f"::{level} title={behaviour.name} moved::" + _escape(_effect(behaviour)))
    return out


def outputs(doc: Document) -> dict[str, str]:
    """The gate's counts: framework evidence by verdict, but every failed test of any kind, and what moved."""
    counts = _by_evidence(doc.run)["framework"]
    found = {name: str(counts.get(verdict, 0)) for name, verdict in OUTPUTS.items()}
    found["failed"] = str(doc.run["counts"]["FAILED"])
    return {**found, "moved": str(len(doc.run["baseline"]["moved"])),
            "complete": "true" if doc.run["complete"] else "false"}


def failed_tests(log: Path) -> list[tuple[str, str]]:
    """(test id, first line of its failure) of each failed test, setup or collection in pytest's report log."""
    found = []
    for line in log.read_text().splitlines():
        report = json.loads(line)
        if report.get("outcome") != "failed" or report.get("$report_type") not in ("TestReport", "CollectReport"):
            continue
        longrepr = report.get("longrepr")
        crash = longrepr.get("reprcrash") if isinstance(longrepr, dict) else None
        found.append((report.get("nodeid") or "(collection)",
                      _first_line(crash["message"] if crash else str(longrepr or ""))))
    return found


def log_markdown(failed: list[tuple[str, str]]) -> str:
    lines = [f"### Tests that failed, from pytest's report log ({len(failed)})", ""]
    lines += [f"- `{test}`: {message}" for test, message in failed] or ["None."]
    return "\n".join(lines) + "\n"


def _append(variable: str, text: str) -> None:
    where = os.environ.get(variable)
    if where:
        with open(where, "a", encoding="utf-8") as f:
            f.write(text)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="approx summary", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("report", type=Path, nargs="?", default=REPORT, help="a claims.json (default: %(default)s)")
    parser.add_argument("--report-log", type=Path, metavar="FILE",
                        help="pytest's report log (pytest --report-log): also list every test that failed")
    parser.add_argument("--github", action="store_true",
                        help="also write the job summary, annotations and step outputs of GitHub Actions")
    args = parser.parse_args(argv)
    log = ""
    if args.report_log is not None:
        try:
            log = "\n" + log_markdown(failed_tests(args.report_log))
        except (OSError, json.JSONDecodeError) as e:
            log = f"\npytest's report log {args.report_log} could not be read ({type(e).__name__}: {e}).\n"
    try:
        doc = document.read(args.report)
        text = markdown(doc) + log
    except (OSError, json.JSONDecodeError, KeyError, TypeError, IndexError) as e:
        message = f"{args.report}: no report to summarise ({type(e).__name__}: {e}); the run ended before writing it"
        print(f"approx summary: {message}", file=sys.stderr)
        print(log, end="")
        if args.github:
            print(f"::error title=no report::{_escape(message)}")
            _append("GITHUB_STEP_SUMMARY", f"## approx\n\n**No report**: {message}\n{log}")
            _append("GITHUB_OUTPUT", "complete=false\n")
        return 2
    print(text, end="")
    if args.github:
        print("\n".join(annotations(doc)))
        _append("GITHUB_STEP_SUMMARY", text)
        _append("GITHUB_OUTPUT", "".join(f"{name}={value}\n" for name, value in outputs(doc).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
