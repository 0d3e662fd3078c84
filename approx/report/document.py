"""reports/claims.json: one record per claim, in the article's order, for CI to read and diff.

The format is written down as a JSON Schema, claims.schema.json beside this
module: every key, its type, and the words a verdict, a kind, an evidence kind and
an outcome may take. Its `schema` key gives the version (SCHEMA_VERSION, below) and what
each version added. A consumer validates a file against it; the
project's tests validate every file it writes.

Records are in the article's order (`order`): by claim id, the article's
version of an erratum first, then by test id. The pytest plugin makes them
from pytest's reports (approx.plugin.records.ClaimRecord); nothing here knows
pytest.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from approx.article.sections import position
from approx.atomic import write_atomically
from approx.report import verdicts

SCHEMA_VERSION = 7
SCHEMA_PATH = Path(__file__).resolve().with_name("claims.schema.json")

@dataclass(frozen=True)
class Verdict:
    """A word a claim can end on, and how each output shows it (the schema's enum is checked against these)."""

    word: str  # in claims.json, its counts and the step outputs
    label: str  # the report's badge and the job summary
    colour: str  # the report's count chip
    cell: str  # the release matrix's cell


VERDICTS = {v.word: v for v in (
    Verdict("confirmed", "confirmed", "#d3f9d8", "✓"),
    Verdict("usually", "holds usually", "#e6fcf5", "✓ usually"),
    Verdict("corrected", "corrected", "#d0ebff", "✓ corr."),
    Verdict("refuted", "the article is wrong here", "#ffe8cc", "✗ (as expected)"),
    Verdict("differs", "differs on this release, as declared", "#fff3bf", "≠ (declared)"),
    Verdict("FAILED", "FAILED", "#ffc9c9", "FAILED"),
    Verdict("skipped", "skipped", "#e9ecef", "skipped"),
)}


@dataclass(frozen=True)
class EvidenceKind:
    """What a claim test's evidence rests on, and how each output names it (the schema's enum is checked against these)."""

    word: str  # in claims.json and the marker: @pytest.mark.claim(..., evidence_kind="code")
    label: str  # the report, the terminal and the job summary
    what: str  # in a phrase, for the report's header


EVIDENCE_KINDS = {k.word: k for k in (
    EvidenceKind("framework", "framework evidence", "tests some Keras or TensorFlow change could fail: the gate's"),
    EvidenceKind("code", "code reading", "facts about the article's own code and functions, checked with numpy or on"
                                         " constants"),
    EvidenceKind("ours", "our finding", "the spec's own findings beside the article's claims, on the framework"),
)}


def _counts(records) -> dict[str, int]:
    counts = {verdict: 0 for verdict in VERDICTS}
    for r in records:
        counts[r["verdict"]] += 1
    return counts


@functools.cache
def schema() -> dict:
    """claims.json's JSON Schema, as a dict."""
    return json.loads(SCHEMA_PATH.read_text())


def order(claim: str, kind: str, test: str) -> tuple:
    """Where a record stands: by claim id in the article's order, the article's version of an erratum first."""
    return (*position(claim), kind != "erratum", test)


def document(records: list[dict], run: dict) -> dict:
    """The whole claims.json: the run (with its counts by verdict, all and by kind of evidence), one verdict per
    claim for readers (approx.report.verdicts), and the test records, each in the article's order."""
    by_evidence = {kind: _counts(r for r in records if r["evidence_kind"] == kind) for kind in EVIDENCE_KINDS}
    ordered = sorted(records, key=lambda r: order(r["claim"], r["kind"], r["test"]))
    return {"schema": SCHEMA_VERSION, "run": {**run, "counts": _counts(records), "by_evidence": by_evidence},
            "verdicts": verdicts.of_claims(ordered), "claims": ordered}


def write(document_: dict, path: Path) -> None:
    write_atomically(Path(path), json.dumps(document_, indent=1, ensure_ascii=False) + "\n")
