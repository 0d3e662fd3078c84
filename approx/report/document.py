"""reports/claims.json: one record per claim test, in the article's order, for CI to read and diff.

The format is written down as a JSON Schema, claims.schema.json beside this
module: every key, its type, and the words a verdict, a kind, an evidence kind and
an outcome may take. Its `schema` key gives the version, and what each version
added; the schema file is where the version is set, and `SCHEMA_VERSION`
reads it from there. A consumer validates a file against it; the project's
tests validate every file it writes.

The file is a `Document` of typed records (approx.report.records), written
and read back by approx.report.plain. Records are in the article's order
(`Claim.order`): by claim id, the article's version of an erratum first,
then by test id. The pytest plugin makes them from pytest's reports
(approx.plugin.from_reports); nothing here knows pytest.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from approx.atomic import write_atomically
from approx.report import verdicts
from approx.report.plain import as_plain, from_plain
from approx.report.records import ClaimRecord, ClaimVerdict
from approx.report.words import EVIDENCE_KINDS, VERDICTS

SCHEMA_PATH = Path(__file__).resolve().with_name("claims.schema.json")


@functools.cache
def schema() -> dict:
    """claims.json's JSON Schema, as a dict."""
    return json.loads(SCHEMA_PATH.read_text())


SCHEMA_VERSION = schema()["properties"]["schema"]["const"]  # set in the schema, and only there


@dataclass(frozen=True, kw_only=True)
class Document:
    """The whole claims.json: the run, one verdict per claim for readers, and the test records."""

    schema: int
    run: dict  # when, on what, against which baseline; its counts by verdict, all and by kind of evidence
    verdicts: tuple[ClaimVerdict, ...] = ()  # since schema 7
    claims: tuple[ClaimRecord, ...]


def _counts(records) -> dict[str, int]:
    counts = {verdict: 0 for verdict in VERDICTS}
    for r in records:
        counts[r.verdict] += 1
    return counts


def document(records: list[ClaimRecord], run: dict) -> Document:
    """The run (with its counts by verdict, all and by kind of evidence), one verdict per claim for readers
    (approx.report.verdicts), and the test records, each in the article's order."""
    by_evidence = {kind: _counts(r for r in records if r.evidence_kind == kind) for kind in EVIDENCE_KINDS}
    ordered = tuple(sorted(records, key=lambda r: r.order))
    return Document(schema=SCHEMA_VERSION, run={**run, "counts": _counts(records), "by_evidence": by_evidence},
                    verdicts=tuple(verdicts.of_claims(ordered)), claims=ordered)


def write(document_: Document, path: Path) -> None:
    write_atomically(Path(path), json.dumps(as_plain(document_), indent=1, ensure_ascii=False) + "\n")


def read(path: Path) -> Document:
    """A claims.json back as the records it was written from (without the figures' images)."""
    return from_plain(Document, json.loads(Path(path).read_text()))
