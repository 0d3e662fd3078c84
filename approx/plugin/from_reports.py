"""One record per claim test, made once, at the end of the run, from its final pytest report.

A test's report carries its `Claim` and each piece of its evidence as plain
values (approx.plugin.claims.carried), which is how they cross from an xdist
worker; here, on the process that owns the session, they become records
again (approx.report.plain.from_plain) and, with the report's outcome, the
test's `ClaimRecord` (approx.report.records). The gate then adds how its
measure and arms behaved against the baseline (`with_behaviour`). The terminal's
account, claims.json, both pages and JUnit XML's drift property all read it.
"""

from dataclasses import replace

from approx.plugin.claims import claimed, properties, verdict_word
from approx.report.plain import from_plain
from approx.report.records import (Behaviour, ClaimRecord, Count, Figure, Number, PairedTest, Rate, Statistics,
                                   Ulps)
from approx.statistics.drift import Drift


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


def _all(report, key: str, kind) -> tuple:
    return tuple(from_plain(kind, value) for k, value in properties(report) if k == key)


def _first(report, key: str, kind):
    return next(iter(_all(report, key, kind)), None)


def record_of(report) -> ClaimRecord:
    """The record of a test's final report, its behaviour not yet judged."""
    return ClaimRecord.of(
        claimed(report), verdict=verdict_word(report), outcome=_outcome(report), message=_message(report),
        reason=_reason(report), usually=_first(report, "usually", Count), rate=_first(report, "rate", Rate),
        evidence=_all(report, "evidence", Number), statistics=_first(report, "statistics", Statistics),
        figures=_all(report, "figure", Figure), samples=_first(report, "samples", dict[str, dict[str, float]]) or {})


def behaviour(drift: Drift, values: dict[str, float]) -> Behaviour:
    """How the gate judged one measure or arm, as its records keep it, with the run's value on each seed."""
    paired = None if drift.paired is None else PairedTest(
        seeds=drift.paired.seeds, exceeding=drift.paired.exceeding, ratio=drift.paired.ratio,
        worst=drift.paired.worst, smallest_effect=drift.paired.effect, p=drift.paired.p,
        adjusted=drift.paired_adjusted)
    return Behaviour(
        name=drift.name, verdict=drift.verdict, judged=drift.judged, baseline_median=drift.baseline_median,
        run_median=drift.run_median, factor=drift.factor, p=drift.p, adjusted=drift.adjusted,
        detectable=drift.detectable, family=drift.family, paired=paired,
        ulps=None if drift.ulps is None else Ulps(drift.ulps.worst, drift.ulps.tolerance), values=values)


def with_behaviour(record: ClaimRecord, drift: dict[str, Drift]) -> ClaimRecord:
    """The record with its behaviour: the gate's verdict on each name it sampled, its measure first."""
    return replace(record, behaviour=tuple(behaviour(drift[name], values) for name, values in record.samples.items()
                                           if name in drift))
