"""One verdict per claim, for readers: is the article right here? (catalogue v4)

A claim's tests each say something about it: the article's statement
(a claim test), the article's own version where it is wrong (an erratum, a
strict xfail), the right statement beside it (corrected), a finding of ours,
or a check of Keras that only the gate keeps. A reader asks one question of
the claim, so its verdict is worked out from those tests, never typed in:

- an erratum refuted on the article's code is a slip in its code; one
  refuted on a rate of trainings is "sometimes" when the rate is neither a
  clear majority nor a clear minority, and wrong otherwise; any other
  refuted erratum is wrong;
- a claim test declared to fail on some release is right on Keras 2 and
  differs on Keras 3; one that holds on most trainings only is right,
  usually; one that holds is right;
- the claim takes the weakest of these (wrong, slip, sometimes, Keras 2,
  usually, right), so one wrong part makes the claim wrong, with what is
  true instead under it.

What is not the article's claim gets a label, not a verdict: §10's facts
about Keras, §11's findings of ours. Advice (S9.3) is shown with what we
measured. A claim a failed test leaves unjudged says so: the gate's page
tells why. Corrected statements, our findings and the gate's checks are
evidence under the verdict, never parts of it.

The scale's words, labels and colours are approx.report.words.SCALE.
"""

from approx.article.sections import position
from approx.article.statements import said
from approx.report.records import ClaimRecord, ClaimVerdict, Count
from approx.report.words import SCALE

# The weakest part decides a claim's verdict: one wrong part makes the claim wrong.
WEAKEST_FIRST = ("wrong", "slip", "sometimes", "keras2", "usually", "right")
LABELLED = {10: "keras", 11: "ours"}  # sections whose claims are not the article's


def _count(pair) -> Count | None:
    return None if pair is None else Count(int(pair[0]), int(pair[1]))


def part(record: ClaimRecord) -> tuple[str, Count | None] | None:
    """What one test says of its claim on the readers' scale, with the count behind it; None: not a part."""
    if record.gate_only or record.evidence_kind == "ours" or record.kind == "corrected":
        return None
    rate = record.rate
    count = _count(rate.baseline) if rate else None
    if record.kind == "erratum":
        if record.verdict != "refuted":
            return None  # skipped, or failed (which leaves the claim unjudged)
        if record.evidence_kind == "code":
            return "slip", None
        return ("sometimes" if rate and rate.how_often == "sometimes" else "wrong"), count
    if record.verdict == "differs" or any(r.expect == "fails" for r in record.releases):
        return "keras2", None
    if record.verdict == "usually":
        return "usually", record.usually
    if record.verdict in ("confirmed", "corrected"):
        return "right", None
    return None


def _weakest(parts: list[tuple[str, Count | None, str]]) -> tuple[str, Count | None, str]:
    """The weakest part, and of its kind the one with the smallest count: the verdict, its count, its test."""
    word = min((w for w, _, _ in parts), key=WEAKEST_FIRST.index)
    ties = [p for p in parts if p[0] == word]
    return min(ties, key=lambda p: p[1].passed / p[1].total if p[1] else 2)


def of_claim(claim_id: str, records: list[ClaimRecord]) -> ClaimVerdict:
    """The verdict on one claim, from its tests' records, and what a reader is shown beside it."""
    shown = [r for r in records if not r.gate_only]
    article = said(claim_id)
    count, decided_by = None, None
    if any(r.verdict == "FAILED" for r in shown):
        word = "failed"
    elif all(r.verdict == "skipped" for r in shown):
        word = "unrun"
    elif position(claim_id)[0] in LABELLED:
        word = LABELLED[position(claim_id)[0]]
    elif article is not None and article.advice:
        word = "advice"
        rates = [r.rate for r in shown if r.rate]
        count = _count(rates[0].baseline) if rates else None
    else:
        parts = [(*p, r.test) for r in shown if (p := part(r)) is not None]
        word, count, decided_by = _weakest(parts) if parts else ("unrun", None, None)
    return ClaimVerdict(
        claim=claim_id, verdict=word, count=count,
        instead=article.instead if article is not None and SCALE[word].instead else None,
        decided_by=decided_by, tests=tuple(r.test for r in records))


def by_claim(records: list[ClaimRecord]) -> dict[str, list[ClaimRecord]]:
    """The records of each claim, claims in the article's order, records in theirs."""
    grouped: dict[str, list[ClaimRecord]] = {}
    for record in records:
        grouped.setdefault(record.claim, []).append(record)
    return {claim: grouped[claim] for claim in sorted(grouped, key=position)}


def of_claims(records: list[ClaimRecord]) -> list[ClaimVerdict]:
    """Every claim's verdict, in the article's order."""
    return [of_claim(claim, own) for claim, own in by_claim(records).items()]


def label(verdict: ClaimVerdict) -> str:
    """The badge's words: "right, usually (95 of 100)"."""
    count = verdict.count
    words = SCALE[verdict.verdict].label
    if count and verdict.verdict in ("usually", "sometimes"):
        words += f" ({count.passed} of {count.total})"
    return words


def tally(verdicts: list[ClaimVerdict]) -> dict[str, list[ClaimVerdict]]:
    """The claims under each verdict of the scale, in the scale's order: what the bottom line says."""
    return {word: [v for v in verdicts if v.verdict == word] for word in SCALE}


def some(count: int, one: str, many: str | None = None) -> str:
    """`count` and the noun, in the plural where it needs one: "1 finding of our own", "3 facts about Keras 3"."""
    if many is None:
        noun, _, rest = one.partition(" ")
        many = f"{noun}s {rest}".strip()
    return f"{count} {one if count == 1 else many}"


# The bottom line's words for each verdict on the article, in the order it says them.
LEAD = (("right", "right on {}"), ("usually", "right on most trainings on {} more"), ("wrong", "wrong on {}"),
        ("sometimes", "right only sometimes on {}"), ("keras2", "right on Keras 2 but not on Keras 3 on {}"),
        ("failed", "not judged on {}, where a check failed on this Keras"))


def lead(verdicts: list[ClaimVerdict]) -> str:
    """The bottom line in one or two sentences: how many of the article's claims are right, and how many are not."""
    by_verdict = tally([v for v in verdicts if v.section not in LABELLED])  # the article's, failed or not
    parts = [words.format(len(by_verdict[word])) for word, words in LEAD if by_verdict[word]]
    total = sum(map(len, by_verdict.values()))
    if not total:
        return "This run checked none of the article's own claims."
    told = f"We checked the article's {some(total, 'claim')}."
    if parts:
        told += f" It is {', '.join(parts[:-1])} and {parts[-1]}." if len(parts) > 1 else f" It is {parts[0]}."
    extra = [some(len(by_verdict["slip"]), "is a slip", "are slips") + " in its code" if by_verdict["slip"] else "",
             some(len(by_verdict["advice"]), "is advice", "are advice") if by_verdict["advice"] else ""]
    extra = [e for e in extra if e]
    return told + (f" Of the rest, {' and '.join(extra)}." if extra else "")
