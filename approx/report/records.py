"""One record per claim, and reports/claims.json: a stable schema CI can diff between versions.

Schema (version 1), every key always present:

    {
      "schema": 1,
      "run": {"started": ISO-8601 UTC, "seconds": float, "seeds": [int],
              "versions": {"python", "tensorflow", "keras", "backend", "numpy": str},
              "counts": {verdict: int}},
      "claims": [ {
          "test": pytest node id,
          "claim": "S2.4", "section": 2, "cell": str | null, "case": str | null,
          "statement": str,
          "kind": "claim" | "corrected" | "erratum",
          "verdict": "confirmed" | "corrected" | "refuted" | "FAILED" | "skipped",
          "outcome": "passed" | "failed" | "skipped" | "xfailed",
          "message": str | null,                 # the failure, when there is one
          "reason": str | null,                  # for an erratum: why the article is wrong
          "evidence": [{"name": str, "ours": float, "article": float | null}],
          "statistics": null | {"meaning": str, "rule": str, "required": int, "passed": int,
                                "values": {seed: float}, "calibrated": [passed, total]},
          "figures": [{"caption": str, "cell": str | null}]   # images live in index.html only
      } ]
    }

Records are in the article's order: by claim id, the article's version of an
erratum first, then by test id.
"""

import json
from pathlib import Path

from approx.atomic import write_atomically
from approx.plugin.claims import CLAIM_ID, verdict_word

SCHEMA_VERSION = 1
VERDICTS = ("confirmed", "corrected", "refuted", "FAILED", "skipped")
KINDS = ("claim", "corrected", "erratum")
OUTCOMES = ("passed", "failed", "skipped", "xfailed")


def _outcome(report) -> str:
    if hasattr(report, "wasxfail") and report.skipped:
        return "xfailed"
    return report.outcome


def _message(report) -> str | None:
    if not report.failed:
        return None
    crash = getattr(report.longrepr, "reprcrash", None)
    return str(report.longrepr) if crash is None else f"{crash.message}\n\n{report.longreprtext}"


def _reason(report) -> str | None:
    """The xfail reason of an erratum: pytest keeps it as "reason: …" or bare."""
    reason = getattr(report, "wasxfail", "") or ""
    return reason.removeprefix("reason: ") or None


def record(report) -> dict:
    """The claim record of one test's final report (see the module docstring)."""
    props = report.user_properties
    claim = dict(props)["claim"]
    section = int(CLAIM_ID.match(claim["id"]).group(1))
    return {
        "test": report.nodeid,
        "claim": claim["id"], "section": section, "cell": claim["cell"], "case": claim["case"],
        "statement": claim["statement"], "kind": claim["kind"],
        "verdict": verdict_word(report), "outcome": _outcome(report), "message": _message(report),
        "reason": _reason(report),
        "evidence": [value for key, value in props if key == "evidence"],
        "statistics": next((value for key, value in props if key == "verdict"), None),
        "figures": [{"caption": f["caption"], "cell": f["cell"]} for key, f in props if key == "figure"],
    }


def images(report) -> list[dict]:
    """The figures a test attached, with their PNG as base64."""
    return [value for key, value in report.user_properties if key == "figure"]


def order(record_: dict):
    section, number = CLAIM_ID.match(record_["claim"]).groups()
    return int(section), int(number), record_["kind"] != "erratum", record_["test"]


def document(records: list[dict], run: dict) -> dict:
    counts = {verdict: 0 for verdict in VERDICTS}
    for r in records:
        counts[r["verdict"]] += 1
    return {"schema": SCHEMA_VERSION, "run": {**run, "counts": counts}, "claims": sorted(records, key=order)}


def write(document_: dict, path: Path) -> None:
    write_atomically(Path(path), json.dumps(document_, indent=1, ensure_ascii=False) + "\n")


def problems(document_: dict) -> list[str]:
    """Every way `document_` departs from the schema above; empty when it conforms."""
    found = []

    def need(ok, what):
        if not ok:
            found.append(what)

    need(document_.get("schema") == SCHEMA_VERSION, "schema must be 1")
    run = document_.get("run", {})
    need(isinstance(run.get("started"), str), "run.started must be a string")
    need(isinstance(run.get("seconds"), (int, float)), "run.seconds must be a number")
    need(isinstance(run.get("seeds"), list) and all(isinstance(s, int) for s in run.get("seeds", [None])),
         "run.seeds must be a list of int")
    need(set(run.get("versions", {})) == {"python", "tensorflow", "keras", "backend", "numpy"},
         "run.versions must name python, tensorflow, keras, backend, numpy")
    need(set(run.get("counts", {})) == set(VERDICTS), "run.counts must count every verdict")
    keys = {"test", "claim", "section", "cell", "case", "statement", "kind", "verdict", "outcome", "message", "reason",
            "evidence", "statistics", "figures"}
    for i, r in enumerate(document_.get("claims", [])):
        where = f"claims[{i}]"
        need(set(r) == keys, f"{where} must have exactly the keys {sorted(keys)}")
        need(bool(CLAIM_ID.match(str(r.get("claim")))), f"{where}.claim must look like S2.4")
        need(r.get("kind") in KINDS, f"{where}.kind must be one of {KINDS}")
        need(r.get("verdict") in VERDICTS, f"{where}.verdict must be one of {VERDICTS}")
        need(r.get("outcome") in OUTCOMES, f"{where}.outcome must be one of {OUTCOMES}")
        need((r.get("message") is None) == (r.get("outcome") != "failed"), f"{where}.message iff failed")
        for e in r.get("evidence", []):
            need(set(e) == {"name", "ours", "article"}, f"{where}.evidence entries need name, ours, article")
        stats = r.get("statistics")
        if stats is not None:
            need({"meaning", "rule", "required", "passed", "values", "calibrated"} <= set(stats),
                 f"{where}.statistics is incomplete")
    return found
