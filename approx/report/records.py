"""What a run concluded about each claim test, typed: one dataclass for each object of claims.json.

A spec test's marker makes its `Claim` when it is collected; what the test
measures (`Number`, `Statistics`, `Rate`, `Count`, `Figure`) is made while it
runs; at the end of the run the process that owns it makes the test's
`ClaimRecord` from them and from its final report, and the gate adds each
measure's and arm's `Behaviour` (approx.plugin.from_reports). One `ClaimVerdict`
per claim is worked out from its records (approx.report.verdicts).

Each of them crosses the xdist worker-to-controller boundary and is written
to claims.json by approx.report.plain, one pair of functions, so the
schema (claims.schema.json) describes the fields below, in their order. The
terminal, both pages, JUnit XML, pytest-html and the job summary read these
objects' attributes.
"""

from dataclasses import dataclass, field, fields

from approx.article.sections import position, section_of
from approx.article.statements import said
from approx.report.plain import OFF_FILE


@dataclass(frozen=True)
class Release:
    """A release on which a test is declared to read differently (approx.plugin.releases)."""

    where: str  # a requirement on an installed package, keras<3, and the backend if it names one
    expect: str  # fails | passes
    reason: str
    applies: bool  # whether the run's installed versions match `where`


@dataclass(frozen=True)
class Count:
    """On how many of some trainings a statement held."""

    passed: int
    total: int


@dataclass(frozen=True)
class Rate:
    """How often a statement held, in the run and in the baseline."""

    statement: str
    run: tuple[int, int]  # seeds on which it held, seeds
    baseline: tuple[int, int]  # trainings on which it held, trainings
    how_often: str  # the baseline's count on the readers' scale: usually | sometimes | rarely
    median: str | None  # the baseline's median of the measure behind it, in plain words


@dataclass(frozen=True)
class Number:
    """One measured number, beside the article's where it printed one."""

    name: str
    ours: float
    article: str | None  # as text, exactly as the article printed it


@dataclass(frozen=True)
class Medians:
    """The typical training of the run and of the baseline, in plain words, for readers."""

    run: str
    baseline: str


@dataclass(frozen=True)
class Statistics:
    """A statistical claim's result: its measure on each seed against the rule, and the calibration behind it."""

    said: Medians | None
    rule: str  # > 1.2 | < 0.1 | in (0.5, 2.5)
    bounds: tuple[float, ...]  # the rule's numbers, low to high
    meaning: str
    required: int  # seeds that had to meet the rule
    passed: int  # seeds that met it
    values: dict[str, float]  # seed -> value
    calibrated: tuple[int, int]  # seeds passed, seeds, in the calibration
    spread: tuple[float, float, float]  # min, median, max over the calibration's seeds
    quartiles: tuple[float, float]  # first and third, over the calibration's seeds


@dataclass(frozen=True)
class PairedTest:
    """A name's paired test over the baseline's paired seeds (approx.statistics.envelope)."""

    seeds: int
    exceeding: int  # of them, those beyond the smallest effect
    ratio: float  # median per-seed new / baseline value
    worst: float  # largest per-seed relative change
    smallest_effect: float  # the relative change that counts as a move
    p: float
    adjusted: float  # Holm-adjusted over the run


@dataclass(frozen=True)
class Ulps:
    """A round-off-only name's largest distance from the baseline, in float32 ulps."""

    worst: float
    tolerance: int


@dataclass(frozen=True)
class Behaviour:
    """One measure or arm against the baseline, as the gate judged it (approx.statistics.drift.Drift)."""

    name: str
    verdict: str  # as the baseline | moved
    judged: str  # which tests judged it
    baseline_median: float
    run_median: float
    factor: float | None
    p: float | None  # the rank test's; None: not ranked
    adjusted: float | None
    detectable: float | None  # the smallest factor these seeds detect; None: not even the largest tried
    family: int  # tests corrected together
    paired: PairedTest | None
    ulps: Ulps | None
    values: dict[str, float]  # seed -> value in this run

    @property
    def moved(self) -> bool:
        return self.verdict == "moved"


@dataclass(frozen=True)
class Figure:
    """A figure drawn from the models a test trained; claims.json keeps its caption, the page its image too."""

    caption: str
    cell: str | None
    mime: str | None = field(default=None, metadata=OFF_FILE)
    width: int | None = field(default=None, metadata=OFF_FILE)  # CSS px, as it is shown
    height: int | None = field(default=None, metadata=OFF_FILE)
    data: str | None = field(default=None, metadata=OFF_FILE)  # the image, in base64


@dataclass(frozen=True)
class Article:
    """What the article says at a claim, in our words, and where (approx.article.statements)."""

    place: str
    says: str
    reading: str | None  # ours: what the tests read into it


def _article(claim: str) -> Article | None:
    found = said(claim)
    return None if found is None else Article(found.place, found.says, found.reading)


@dataclass(frozen=True, kw_only=True)
class Claim:
    """What a spec test claims, from its marker: known when it is collected, and sent with each of its reports.

    Its section and the article's words are the catalogue's, looked up by
    the claim's id.
    """

    test: str  # pytest's node id
    claim: str  # the catalogue's id, S2.4
    section: int = field(init=False)
    cell: str | None = None  # the article's cell, In [67]
    case: str | None = None  # the parameter set's id, for a parametrised test
    statement: str  # the claim in English: the first paragraph of the test's docstring
    kind: str = "claim"  # claim | corrected | erratum
    evidence_kind: str = "framework"  # a word of approx.report.words.EVIDENCE_KINDS
    gate_only: bool = False  # the gate's check of Keras, not evidence of the article's claim: on the gate's page only
    article: Article | None = field(init=False)
    releases: tuple[Release, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "section", section_of(self.claim))
        object.__setattr__(self, "article", _article(self.claim))

    @property
    def order(self) -> tuple:
        """Where it stands: by claim id in the article's order, the article's version of an erratum first."""
        return (*position(self.claim), self.kind != "erratum", self.test)

    @property
    def declared_failure(self) -> Release | None:
        """The release difference that expects this test to fail here, if one applies."""
        return next((r for r in self.releases if r.applies and r.expect == "fails"), None)


@dataclass(frozen=True, kw_only=True)
class ClaimRecord(Claim):
    """A spec test's claim as the run ended it: the claim, its verdict, what it measured, how it behaved."""

    verdict: str  # a word of approx.report.words.VERDICTS
    outcome: str  # pytest's: passed | failed | skipped | xfailed
    message: str | None = None  # why it failed
    reason: str | None = None  # an erratum's xfail reason
    usually: Count | None = None  # for a claim that holds on most trainings only
    rate: Rate | None = None
    evidence: tuple[Number, ...] = ()
    statistics: Statistics | None = None
    behaviour: tuple[Behaviour, ...] = ()  # its measure first, then its arms
    figures: tuple[Figure, ...] = ()
    samples: dict[str, dict[str, float]] = field(default_factory=dict, metadata=OFF_FILE)  # name -> seed -> value

    @classmethod
    def of(cls, claim: Claim, **found) -> "ClaimRecord":
        """The record of `claim` with what its run `found`."""
        return cls(**{f.name: getattr(claim, f.name) for f in fields(Claim) if f.init}, **found)


@dataclass(frozen=True, kw_only=True)
class ClaimVerdict:
    """One claim's verdict for readers, worked out from its tests (approx.report.verdicts)."""

    claim: str
    section: int = field(init=False)
    verdict: str  # a word of approx.report.words.SCALE
    count: Count | None = None  # on how many of the baseline's trainings the statement held, where that decides
    instead: str | None = None  # what is true instead, where the verdict is not right
    decided_by: str | None = None  # the test whose part set the verdict
    tests: tuple[str, ...] = ()  # its tests' node ids

    def __post_init__(self):
        object.__setattr__(self, "section", section_of(self.claim))
