"""Each claim as its readers see it: a card with its one verdict, the article's words, our numbers and its tests.

The readers' page (approx.report.page) shows one card per claim, in the
article's order; the terminal's account (approx.plugin.account) says the
same cards in lines. Under a card, its tests: one `Check` per test function
(its parametrised cases share one), each saying what it is to the claim and
what its outcome says, in a reader's words.
"""

from dataclasses import dataclass

from approx.article.statements import Relied, Said, relied, said
from approx.report.records import ClaimRecord, ClaimVerdict, Figure, Number
from approx.report.verdicts import LABELLED, by_claim, label
from approx.report.words import SCALE, VERDICTS, Grade

# What a test is to its claim.
ROLES = {"erratum": "the article's version", "corrected": "what is true instead", "claim": "the claim"}
WORST_FIRST = ("FAILED", "refuted", "differs", "skipped", "usually", "corrected", "confirmed")
# Whether this Keras still does what the article relies on, by the outcome of the test that checks it.
STILL = {"confirmed": "this Keras still does", "usually": "this Keras still does",
         "differs": "this Keras does not, as declared", "FAILED": "this Keras no longer does (the gate's page says how)",
         "skipped": "not checked in this run"}


@dataclass(frozen=True)
class Check:
    """One test function under a card."""

    statement: str
    role: str  # what it is to the claim: the claim, the article's version, our finding…
    word: str  # the worst verdict of its cases (approx.report.words.VERDICTS)
    cases: list[str]
    told: list[str]  # its numbers, in words
    numbers: list[Number]  # the ones the article printed nothing beside
    tests: list[str]

    @property
    def result(self) -> str:
        return VERDICTS[self.word].result

    @property
    def tone(self) -> str:
        return VERDICTS[self.word].tone


@dataclass(frozen=True)
class Card:
    """One claim, for readers."""

    id: str
    section: int
    verdict: ClaimVerdict
    article: Said | None  # the catalogue's entry: the article's words, and what is true instead
    statement: str
    cells: list[str]
    numbers: list[Number]  # ours beside the article's printed ones
    checks: list[Check]
    headline: list[str]  # the deciding test's numbers, in words
    relies: str | None  # what the article relies on Keras for here, and whether this Keras still does it
    figures: list[Figure]
    gate_checks: int  # tests only the gate's page shows
    records: list[ClaimRecord]  # those shown

    @property
    def grade(self) -> Grade:
        return SCALE[self.verdict.verdict]

    @property
    def label(self) -> str:
        return label(self.verdict)


def _role(record: ClaimRecord) -> str:
    if record.evidence_kind == "ours":
        return "our finding"
    if record.evidence_kind == "code" and record.kind == "claim":
        return "a reading of the article's code"
    if record.section in LABELLED and record.kind == "claim":
        return "the check"  # §10's and §11's are not the article's claims
    return ROLES[record.kind]


def _told(record: ClaimRecord) -> list[str]:
    """A test's numbers as a reader reads them: how often, the typical training, against the article's."""
    lines = []
    if record.rate:
        rate = record.rate
        lines.append(f"{rate.statement[:1].upper()}{rate.statement[1:]} on {rate.baseline[0]} of"
                     f" {rate.baseline[1]} reference trainings, and on {rate.run[0]} of {rate.run[1]} in"
                     f" this run.")
        if rate.median:
            lines.append(f"On the typical reference training, {rate.median}.")
    stats = record.statistics
    if stats and stats.said:
        n, (held, total) = len(stats.values), stats.calibrated
        lines.append(f"On this run's typical training, {stats.said.run}. It held on {stats.passed}"
                     f" of this run's {n} trainings, and on {held} of {total} reference trainings.")
    if record.usually and not record.rate:
        lines.append(f"It held on {record.usually.passed} of {record.usually.total} reference trainings.")
    if record.kind == "erratum" and record.reason:
        lines.append(f"Why not: {record.reason}.")
    lines += [f"{'This' if r.applies else 'On'} Keras ({r.where}): {r.reason}." for r in record.releases if r.applies]
    return lines


def checks(records: list[ClaimRecord]) -> list[Check]:
    """The tests under a card, one entry per test function: its cases (n = 1, 3, 5) share one entry."""
    grouped: dict[str, list[ClaimRecord]] = {}
    for record in records:
        grouped.setdefault(record.test.split("[")[0], []).append(record)
    return [Check(statement=group[0].statement, role=_role(group[0]),
                  word=min((r.verdict for r in group), key=WORST_FIRST.index),
                  cases=[r.case for r in group if r.case], told=_told(group[0]),
                  numbers=[e for r in group for e in r.evidence if e.article is None],
                  tests=[r.test for r in group])
            for group in grouped.values()]


def _headline(verdict: ClaimVerdict, entries: list[Check]) -> list[str]:
    """The numbers shown on the card itself: the deciding test's, else the first claim test's, in words."""
    chosen = next((e for e in entries if verdict.decided_by in e.tests), None)
    chosen = chosen or next((e for e in entries if e.role == "the claim"), entries[0] if entries else None)
    return [] if chosen is None else [line for line in chosen.told if not line.startswith("Why not")]


def _relies(relied_on: Relied | None, entries: list[Check]) -> str | None:
    """One sentence: what the article relies on, and whether the test that checks it says this Keras still does."""
    if relied_on is None:
        return None
    word = next((e.word for e in entries if any(t.split("::")[-1].split("[")[0] == relied_on.test for t in e.tests)),
                "skipped")
    return f"The article's {relied_on.place} {relied_on.relies}: {STILL[word]}."


def cards(verdicts: list[ClaimVerdict], records: list[ClaimRecord]) -> list[Card]:
    """Each claim as the readers' page shows it, in the article's order."""
    grouped = by_claim(records)
    made = []
    for verdict in verdicts:
        own = grouped[verdict.claim]
        shown = [r for r in own if not r.gate_only] or own
        entries = checks(shown)
        made.append(Card(
            id=verdict.claim, section=verdict.section, verdict=verdict, article=said(verdict.claim),
            statement=shown[0].statement, cells=list(dict.fromkeys(r.cell for r in shown if r.cell)),
            numbers=[e for r in shown for e in r.evidence if e.article is not None], checks=entries,
            headline=_headline(verdict, entries), relies=_relies(relied(verdict.claim), checks(own)), figures=[f for r in shown for f in r.figures if f.data],
            gate_checks=len(own) - len(shown), records=shown))
    return made
