"""One record per claim test: built once, at the end of the run, from its final pytest report.

A `ClaimRecord` is what the run concluded about one spec test: the claim
(id, cell, statement, kind), its verdict, what it measured, and how its
measure and arms behaved against the baseline. The terminal's account
(approx.plugin.account), claims.json and the HTML report (approx.report),
and JUnit XML's drift property (approx.plugin.junit) all read it.
"""

from dataclasses import dataclass, replace

from approx.article.sections import section_of
from approx.article.statements import said
from approx.plugin.claims import properties, verdict_word
from approx.report import document


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


def _all(props, key: str) -> tuple:
    return tuple(value for k, value in props if k == key)


@dataclass(frozen=True)
class ClaimRecord:
    """A spec test's claim as the run ended it (approx/report/claims.schema.json, "claims")."""

    test: str  # pytest's node id
    claim: str  # the catalogue's id, S2.4
    cell: str | None  # the article's cell, In [67]
    case: str | None  # the parameter set's id, for a parametrised test
    statement: str  # the claim in English: the first paragraph of the test's docstring
    kind: str  # claim | corrected | erratum
    evidence_kind: str  # framework | code | ours (approx.report.document.EVIDENCE_KINDS)
    gate_only: bool  # the gate's check of Keras, not evidence of the article's claim: on the gate's page only
    verdict: str  # a word of approx.report.document.VERDICTS
    outcome: str  # pytest's: passed | failed | skipped | xfailed
    message: str | None  # why it failed
    reason: str | None  # an erratum's xfail reason
    releases: tuple[dict, ...]  # the `release` markers' differences (approx.plugin.releases)
    usually: dict | None  # passed and total, for a claim that holds on most trainings only
    rate: dict | None  # how often a statement held, run and baseline (approx.plugin.claims.Evidence.rate)
    evidence: tuple[dict, ...]  # measured numbers, each beside the article's where it printed one
    statistics: dict | None  # a statistical verdict: the rule, each seed's value, the calibration
    samples: dict  # measure or arm name -> seed -> value, its measure first
    behaviour: tuple  # approx.statistics.drift.Drift of each sampled name, measure first
    figures: tuple[dict, ...]  # caption, cell, and the image: data (base64) of type mime, shown width × height

    @classmethod
    def of(cls, report) -> "ClaimRecord":
        """The record of a test's final report, its behaviour not yet judged."""
        props = properties(report)
        claim = dict(props)["claim"]
        samples = next(iter(_all(props, "samples")), {})
        return cls(
            test=report.nodeid, claim=claim["id"], cell=claim["cell"], case=claim["case"],
            statement=claim["statement"], kind=claim["kind"],
            evidence_kind=claim.get("evidence_kind", "framework"), gate_only=claim.get("gate_only", False),
            verdict=verdict_word(report),
            outcome=_outcome(report), message=_message(report), reason=_reason(report),
            releases=tuple(claim.get("releases", ())), usually=dict(props).get("usually"),
            rate=dict(props).get("rate"),
            evidence=_all(props, "evidence"), statistics=next(iter(_all(props, "verdict")), None),
            samples=samples, behaviour=(), figures=_all(props, "figure"))

    def judged_by(self, drift: dict) -> "ClaimRecord":
        """The record with its behaviour: the drift verdicts (name -> Drift) of its sampled names."""
        return replace(self, behaviour=tuple(drift[name] for name in self.samples if name in drift))

    @property
    def order(self) -> tuple:
        """Where it stands in the article (approx.report.document.order)."""
        return document.order(self.claim, self.kind, self.test)

    def as_dict(self) -> dict:
        """As claims.json keeps it: no pictures, and the article's words beside the claim."""
        found = said(self.claim)
        return {
            "test": self.test, "claim": self.claim, "section": section_of(self.claim), "cell": self.cell,
            "case": self.case, "statement": self.statement, "kind": self.kind,
            "evidence_kind": self.evidence_kind, "gate_only": self.gate_only,
            "article": None if found is None else {"place": found.place, "says": found.says, "reading": found.reading},
            "verdict": self.verdict, "outcome": self.outcome, "message": self.message, "reason": self.reason,
            "releases": list(self.releases), "usually": self.usually, "rate": self.rate,
            "evidence": list(self.evidence),
            "statistics": self.statistics,
            "behaviour": [{**d.as_dict(), "values": self.samples[d.name]} for d in self.behaviour],
            "figures": [{"caption": f["caption"], "cell": f["cell"]} for f in self.figures],
        }
