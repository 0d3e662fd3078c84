"""Every word a claim record can end on, and how each output shows it: one record per word, read by all of them.

Three vocabularies, each a table in the order claims.json lists its words:

- VERDICTS: what one spec test concluded (confirmed … skipped), as claims.json,
  the terminal's status line, both pages, the job summary and the release
  matrix show it;
- SCALE: the readers' scale, one verdict per claim (right … unrun), worked
  out by approx.report.verdicts;
- EVIDENCE_KINDS: what a test's evidence rests on.

The schema's enums (claims.schema.json) are checked against these tables by
the unit tests, so a word added here and not there, or the other way round,
fails at once.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Status:
    """How pytest's terminal shows a test that ended so, in place of its own passed or xfailed."""

    category: str  # pytest's: passed | xfailed, for its counts
    letter: str  # the progress letter
    word: str  # the word with -v; "usually" adds its count
    colour: str  # the terminal's markup


@dataclass(frozen=True)
class Verdict:
    """A word a claim test can end on, and how each output shows it."""

    word: str  # in claims.json, its counts and the step outputs
    label: str  # the gate page's badge and the job summary
    chip: str  # the gate page's count chip
    colour: str | None  # the gate page's badge and the border of the test's box; None: the default grey
    background: str | None  # the test's box, where its verdict needs a second look
    cell: str  # the release matrix's cell
    result: str  # what the readers' page says of a test that ended so
    tone: str  # the readers' page's CSS class for that result
    status: Status | None  # None: pytest's own (failed, skipped)


VERDICTS = {v.word: v for v in (
    Verdict("confirmed", "confirmed", "#d3f9d8", "#2f9e44", None, "✓", "holds", "yes",
            Status("passed", ".", "CONFIRMED", "green")),
    Verdict("usually", "holds usually", "#e6fcf5", "#0ca678", None, "✓ usually", "holds on most trainings", "yes",
            Status("passed", "u", "HOLDS USUALLY", "green")),
    Verdict("corrected", "corrected", "#d0ebff", "#1c7ed6", None, "✓ corr.", "holds", "yes",
            Status("passed", ".", "CORRECTED", "green")),
    Verdict("refuted", "the article is wrong here", "#ffe8cc", "#e8590c", "#fffaf5", "✗ (as expected)",
            "does not hold", "no", Status("xfailed", "x", "REFUTED (the article's version, as expected)", "yellow")),
    Verdict("differs", "differs on this release, as declared", "#fff3bf", "#f08c00", None, "≠ (declared)",
            "differs on this Keras, as declared", "differs",
            Status("xfailed", "x", "DIFFERS ON THIS RELEASE (as declared)", "yellow")),
    Verdict("FAILED", "FAILED", "#ffc9c9", "#c92a2a", "#fff5f5", "FAILED", "failed on this Keras: see the gate's page",
            "failed", None),
    Verdict("skipped", "skipped", "#e9ecef", None, None, "skipped", "not run", "skipped", None),
)}


@dataclass(frozen=True)
class Grade:
    """A step of the readers' scale, or a label for what the article does not claim, and how it is shown."""

    word: str  # in claims.json's verdicts, and the page's anchors (#verdict-right)
    label: str  # the badge
    meaning: str  # the legend
    colour: str  # the badge's background; its text is white
    of_the_article: bool  # a verdict on the article's statement; False for a label (ours, Keras, not judged)
    instead: str | None = None  # where the verdict is shown with what is true instead: how the page heads it


SCALE = {g.word: g for g in (
    Grade("right", "right", "the statement holds as the article makes it; for a claim about training, reliably:"
                            " on all or nearly all trainings", "#2b8a3e", True),
    Grade("usually", "right, usually", "true on most trainings by a clear margin (at least two in three, at 95%"
                                       " confidence), but not on every one", "#5c940d", True),
    Grade("sometimes", "sometimes", "true on some trainings and not on others, neither a clear majority nor a clear"
                                    " minority: neither right nor wrong", "#b35c00", True, "What holds:"),
    Grade("wrong", "wrong", "false by mathematics or by the article's own code, or true on a minority of trainings"
                            " (below a half, at 95% confidence); what is true instead is said under it",
          "#c92a2a", True, "What is true instead:"),
    Grade("keras2", "right on Keras 2, differs on Keras 3", "right for the Keras the article was written for;"
                                                            " Keras 3 behaves otherwise", "#1864ab", True,
          "On Keras 3:"),
    Grade("slip", "a slip in the article's code", "a fact about the article's code, apart from its claims about"
                                                  " networks", "#862e9c", True, "What the code does:"),
    Grade("advice", "advice", "a recommendation no training can confirm as stated: shown with what we measured",
          "#495057", True),
    Grade("ours", "our finding", "not the article's claim: a result of ours beside it, checked the same way",
          "#5f3dc4", False),
    Grade("keras", "a Keras 3 fact", "not the article's claim: how Keras behaves where the article relied on it",
          "#0b7285", False),
    Grade("failed", "not judged: a check failed", "this Keras no longer behaves as one of the claim's checks"
                                                  " expects; the gate's page says which, and how", "#a61e1e", False),
    Grade("unrun", "not run", "none of the claim's checks ran", "#868e96", False),
)}


@dataclass(frozen=True)
class EvidenceKind:
    """What a claim test's evidence rests on, and how each output names it."""

    word: str  # in claims.json and the marker: @pytest.mark.claim(..., evidence_kind="code")
    label: str  # the report, the terminal and the job summary
    what: str  # in a phrase, for the report's header


EVIDENCE_KINDS = {k.word: k for k in (
    EvidenceKind("framework", "framework evidence", "tests some Keras or TensorFlow change could fail: the gate's"),
    EvidenceKind("code", "code reading", "facts about the article's own code and functions, checked with numpy or on"
                                         " constants"),
    EvidenceKind("ours", "our finding", "the spec's own findings beside the article's claims, on the framework"),
)}
