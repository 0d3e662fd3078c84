"""One claim record (see approx/report/claims.schema.json) from a spec test's final pytest report."""

from approx.article.sections import section_of
from approx.article.statements import said
from approx.plugin.claims import behaviour, properties, samples, verdict_word


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


def _article(claim_id: str) -> dict | None:
    found = said(claim_id)
    return None if found is None else {"place": found.place, "says": found.says}


def record(report, drift: dict | None = None) -> dict:
    """The claim record of one test's final report; `drift` (name -> Drift) gives its behaviour verdicts."""
    props = properties(report)
    claim = dict(props)["claim"]
    return {
        "test": report.nodeid,
        "claim": claim["id"], "section": section_of(claim["id"]), "cell": claim["cell"], "case": claim["case"],
        "statement": claim["statement"], "kind": claim["kind"], "article": _article(claim["id"]),
        "verdict": verdict_word(report), "outcome": _outcome(report), "message": _message(report),
        "reason": _reason(report),
        "releases": claim.get("releases", []),
        "usually": dict(props).get("usually"),
        "evidence": [value for key, value in props if key == "evidence"],
        "statistics": next((value for key, value in props if key == "verdict"), None),
        "behaviour": [{**d.as_dict(), "values": samples(props)[d.name]} for d in behaviour(props, drift or {})],
        "figures": [{"caption": f["caption"], "cell": f["cell"]} for key, f in props if key == "figure"],
    }


def images(report) -> list[dict]:
    """The figures a test attached, with their PNG as base64."""
    return [value for key, value in properties(report) if key == "figure"]
