"""One verdict per claim (approx.report.verdicts): worked out from its tests' records, on the readers' scale."""

import pytest

from approx.article.statements import RELIED, SAID
from approx.plugin.completeness import claim_tests
from approx.report import document, page, verdicts
from approx.report.cards import cards
from approx.report.plain import from_plain
from approx.report.records import ClaimRecord, ClaimVerdict, Count
from approx.report.words import SCALE
from approx.statistics.reliability import how_often
from tests.unit.test_catalogue import SPEC


def record(claim="S2.4", kind="claim", verdict="confirmed", evidence_kind="framework", gate_only=False,
           rate=None, usually=None, releases=(), test=None) -> dict:
    """A claims.json record with only what the verdict reads."""
    return {"claim": claim, "kind": kind, "verdict": verdict, "evidence_kind": evidence_kind, "gate_only": gate_only,
            "rate": rate, "usually": usually, "releases": list(releases), "test": test or f"spec/t.py::{kind}",
            "statement": "", "outcome": "passed"}


def rate_of(passed, total=100):
    return {"statement": "it held", "run": [3, 5], "baseline": [passed, total], "how_often": how_often(passed, total),
            "median": None}


def verdict_of(*records, claim="S2.4") -> ClaimVerdict:
    return verdicts.of_claim(claim, [from_plain(ClaimRecord, {**r, "claim": claim}) for r in records])


def test_a_claim_whose_tests_hold_is_right():
    assert verdict_of(record(), record(kind="claim", verdict="confirmed")).verdict == "right"


def test_a_refuted_erratum_makes_the_claim_wrong_with_what_is_true_instead():
    found = verdict_of(record(kind="erratum", verdict="refuted"), record(kind="corrected", verdict="corrected"))
    assert found.verdict == "wrong"
    assert found.instead == SAID["S2.4"].instead


def test_an_erratum_on_the_articles_code_is_a_slip():
    assert verdict_of(record(kind="erratum", verdict="refuted", evidence_kind="code"),
                      claim="S4.1").verdict == "slip"


@pytest.mark.parametrize(("passed", "word"), [(61, "sometimes"), (59, "sometimes"), (35, "wrong"), (4, "wrong")],
                         ids=["61-sometimes", "59-sometimes", "35-wrong", "4-wrong"])
def test_an_erratum_refuted_on_a_rate_is_sometimes_unless_a_clear_minority(passed, word):
    found = verdict_of(record(kind="erratum", verdict="refuted", rate=rate_of(passed)), record(), claim="S6.1")
    assert found.verdict == word
    assert found.count == Count(passed, 100)


def test_the_weakest_part_decides_and_the_right_ones_do_not_hide_it():
    parts = [record(verdict="usually", usually={"passed": 91, "total": 100}),
             record(kind="erratum", verdict="refuted", rate=rate_of(61))]
    assert verdict_of(*parts, claim="S7.2").verdict == "sometimes"
    assert verdict_of(parts[0], record(), claim="S3.3").verdict == "usually"
    assert verdict_of(parts[0], record(), claim="S3.3").count == Count(91, 100)


def test_a_release_difference_reads_right_on_keras_2_on_every_release():
    declared = {"where": "keras>=3", "expect": "fails", "reason": "renamed", "applies": True}
    on_keras_3 = verdict_of(record(verdict="differs", releases=[declared]), record(), claim="S3.2")
    on_keras_2 = verdict_of(record(releases=[{**declared, "applies": False}]), record(), claim="S3.2")
    assert on_keras_3.verdict == on_keras_2.verdict == "keras2"


def test_findings_corrections_and_the_gates_checks_are_evidence_not_parts():
    found = verdict_of(record(), record(evidence_kind="ours", verdict="FAILED"),
                       record(kind="corrected", verdict="corrected"), record(gate_only=True, verdict="refuted"))
    assert found.verdict == "failed"  # a failed finding still leaves the claim unjudged...
    found = verdict_of(record(), record(gate_only=True, verdict="FAILED"))
    assert found.verdict == "right"  # ...but a failed check of the gate's is the gate's page's to show
    assert found.tests == ("spec/t.py::claim", "spec/t.py::claim")


def test_what_the_article_does_not_claim_is_labelled_not_judged():
    assert verdict_of(record(), claim="S10.3").verdict == "keras"
    assert verdict_of(record(), claim="S11.1").verdict == "ours"
    assert not SCALE["keras"].of_the_article and not SCALE["ours"].of_the_article


def test_advice_is_shown_with_what_was_measured():
    found = verdict_of(record(rate=rate_of(71)), claim="S9.3")
    assert (found.verdict, found.count) == ("advice", Count(71, 100))
    assert found.instead is None


def test_a_claim_no_test_of_which_ran_is_not_run():
    assert verdict_of(record(verdict="skipped")).verdict == "unrun"


def test_the_badge_gives_the_count_where_the_scale_asks_for_it():
    assert verdicts.label(ClaimVerdict(claim="S3.3", verdict="usually", count=Count(95, 100))) == "right, usually (95 of 100)"
    assert verdicts.label(ClaimVerdict(claim="S2.4", verdict="wrong", count=Count(4, 100))) == "wrong"


def test_every_claim_the_article_can_be_wrong_on_says_what_is_true_instead():
    """A claim with an erratum or a release difference in spec/ has its `instead` sentence, in our words."""
    marked = {test.claim for (file, function), test in claim_tests(SPEC).items() if function.startswith("test_article")}
    missing = sorted(c for c in marked if c in SAID and not SAID[c].instead)
    assert not missing, f"no `instead` for {missing}"


def test_the_schemas_verdict_words_are_the_scales():
    assert document.schema()["$defs"]["verdict"]["properties"]["verdict"]["enum"] == list(SCALE)


def test_the_bottom_line_counts_every_claim_of_the_article_once():
    listed = [ClaimVerdict(claim=c, verdict=w) for c, w in [("S1.1", "right"), ("S2.4", "wrong"), ("S3.3", "failed"),
                                                             ("S4.1", "slip"), ("S10.1", "keras"), ("S11.1", "ours")]]
    told = verdicts.lead(listed)
    assert told.startswith("We checked the article's 4 claims. It is right on 1, wrong on 1 and not judged on 1")
    assert "1 is a slip in its code" in told
    assert "1 finding of our own" in page.beside(listed) and "1 fact about Keras 3" in page.beside(listed)


def test_what_the_article_relies_on_names_a_test_of_its_claim():
    """Each RELIED entry is checked by a test of its own claim in spec/, so its sentence has an outcome to follow."""
    tests = {function: test.claim for (file, function), test in claim_tests(SPEC).items()}
    assert {claim: tests.get(r.test) for claim, r in RELIED.items()} == {claim: claim for claim in RELIED}


@pytest.mark.parametrize("outcome, still", [("confirmed", "this Keras still does."),
                                            ("FAILED", "this Keras no longer does"),
                                            (None, "not checked in this run.")])
def test_the_card_says_whether_this_keras_still_does_what_the_article_relies_on(outcome, still):
    claim, relied_on = next(iter(RELIED.items()))
    shown = [record(claim=claim, test="spec/t.py::test_other")]
    if outcome:
        shown.append(record(claim=claim, verdict=outcome, test=f"spec/t.py::{relied_on.test}"))
    made = [from_plain(ClaimRecord, r) for r in shown]
    card, = cards(verdicts.of_claims(made), made)
    assert card.relies.startswith(f"The article's {relied_on.place} {relied_on.relies}: ") and still in card.relies
