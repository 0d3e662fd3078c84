"""reports/claims.json: one record per claim, in the article's order, for CI to read and diff.

The format is written down as a JSON Schema, claims.schema.json beside this
module: every key, its type, and the words a verdict, a kind and an outcome
may take. Its `schema` key gives the version (SCHEMA_VERSION, below) and what
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

SCHEMA_VERSION = 5
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


@functools.cache
def schema() -> dict:
    """claims.json's JSON Schema, as a dict."""
    return json.loads(SCHEMA_PATH.read_text())


def order(claim: str, kind: str, test: str) -> tuple:
    """Where a record stands: by claim id in the article's order, the article's version of an erratum first."""
    return (*position(claim), kind != "erratum", test)


def document(records: list[dict], run: dict) -> dict:
    """The whole claims.json: the run (with its counts by verdict) and the records (as dicts) in the article's order."""
    counts = {verdict: 0 for verdict in VERDICTS}
    for r in records:
        counts[r["verdict"]] += 1
    ordered = sorted(records, key=lambda r: order(r["claim"], r["kind"], r["test"]))
    return {"schema": SCHEMA_VERSION, "run": {**run, "counts": counts}, "claims": ordered}


def write(document_: dict, path: Path) -> None:
    write_atomically(Path(path), json.dumps(document_, indent=1, ensure_ascii=False) + "\n")
