"""claims.json's schema and the page, on documents made in-process (no pytest run)."""

import copy
import json

import jsonschema
import pytest

from approx.article.statements import said
from approx.report import document, page
from approx.report.plain import as_plain, from_plain
from approx.report.records import ClaimRecord, Statistics

RECORD = {
    "test": "spec/test_s02.py::test_x", "claim": "S2.5", "section": 2, "cell": "In [72]", "case": None,
    "statement": "More neurons fit better.", "kind": "claim", "evidence_kind": "framework", "gate_only": False,
    "article": None, "verdict": "confirmed", "outcome": "passed", "message": None, "reason": None, "releases": [],
    "usually": None, "rate": None, "evidence": [{"name": "w", "ours": 1.9999999, "article": "2.00000048"}],
    "statistics": {"meaning": "a ratio", "rule": "> 1.2", "bounds": [1.2], "required": 3, "passed": 5,
                   "values": {"0": 20.0, "1": 31.5}, "calibrated": [100, 100], "spread": [1.3, 26.0, 151.0],
                   "quartiles": [12.0, 40.0],
                   "said": {"run": "ReLU(59)'s error is 26 times smaller", "baseline": "26 times smaller"}},
    "behaviour": [{"name": "width_gain", "verdict": "as the baseline", "judged": "paired and by rank",
                   "baseline_median": 26.0, "run_median": 25.7, "factor": 1.0000001, "p": 0.8, "adjusted": 1.0,
                   "detectable": 3.0, "family": 4,
                   "paired": {"seeds": 2, "exceeding": 0, "ratio": 1.0000001, "worst": 2e-7, "smallest_effect": 0.001,
                              "p": 1.0, "adjusted": 1.0}, "ulps": None,
                   "values": {"0": 25.7, "1": 27.0}}],
    "figures": [],
}
RUN = {"started": "2026-11-27T00:00:00+00:00", "seconds": 1.5, "seeds": [0, 1],
       "versions": {**{k: "1" for k in ("python", "tensorflow", "keras", "numpy")}, "backend": "tensorflow"},
       "baseline": {"file": "calibration/calibration.json", "command": "approx calibrate", "versions": {},
                    "seeds": 100, "paired_seeds": [0, 1], "variants": ["onednn", "nudge-0"], "alpha": 0.01,
                    "names": 2, "family": 4, "mode": "fail", "moved": [], "failures": []},
       "complete": True, "why_partial": None, "claims_run": 1, "claims_total": 1, "tests_run": 2, "tests_selected": 2}


ERRATUM = {**RECORD, "test": "spec/test_s02.py::test_article", "kind": "erratum", "verdict": "refuted",
           "outcome": "xfailed", "reason": "wrong", "statistics": None, "evidence": [], "behaviour": []}


def made(*records: dict) -> document.Document:
    """The document of these claims.json records, read as the records they are."""
    return document.document([from_plain(ClaimRecord, r) for r in records], copy.deepcopy(RUN))


@pytest.fixture
def claims():
    return made(RECORD, ERRATUM)


def test_a_document_follows_the_schema_and_the_articles_order(claims):
    jsonschema.validate(as_plain(claims), document.schema())
    assert [r.kind for r in claims.claims] == ["erratum", "claim"]
    assert claims.run["counts"] == {"confirmed": 1, "usually": 0, "corrected": 0, "refuted": 1, "differs": 0, "FAILED": 0,
                                       "skipped": 0}


@pytest.mark.parametrize("break_it", [
    lambda d: d.update(schema=1),
    lambda d: d["claims"][0].update(verdict="fine"),
    lambda d: d["claims"][0].update(claim="2.5"),
    lambda d: d["claims"][0].update(outcome="failed"),  # a failure needs its message
    lambda d: d["claims"][1]["statistics"].pop("spread"),
    lambda d: d["run"]["versions"].pop("keras"),
    lambda d: d["claims"][1]["behaviour"][0].update(verdict="drifted"),
    lambda d: d["claims"][1].update(extra=1),
    lambda d: d["claims"][1].update(releases=[{"where": "keras<3", "expect": "breaks", "reason": "r", "applies": True}]),
    lambda d: d["verdicts"][0].update(verdict="confirmed"),  # a test's word, not the readers' scale
    lambda d: d["claims"][1]["evidence"][0].update(article=2.00000048),  # printed numbers are text, as printed
], ids=["schema", "verdict", "claim-id", "failure-without-message", "spread", "versions", "behaviour", "unknown-key",
        "release", "claim-verdict", "printed-number"])
def test_the_schema_rejects_what_departs_from_it(claims, break_it):
    plain = as_plain(claims)
    break_it(plain)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plain, document.schema())


def test_a_document_reads_back_as_the_records_it_was_written_from(claims, tmp_path):
    document.write(claims, tmp_path / "claims.json")
    assert document.read(tmp_path / "claims.json") == claims
    written, found = json.loads((tmp_path / "claims.json").read_text())["claims"][1], said("S2.5")
    assert written == {**RECORD, "article": {"place": found.place, "says": found.says, "reading": found.reading}}


def test_the_page_escapes_text_and_renders_every_claim():
    claims = made({**RECORD, "statement": "x < y & <script>"}, ERRATUM)
    html = page.index(claims)
    assert "x &lt; y &amp; &lt;script&gt;" in html and "<script>" not in html
    assert html.count('<article class="card"') == 1 and ">wrong</a>" in html  # one card for the claim's two tests
    assert "1.9999999" in html and "2.00000048" in html  # ours to nine significant digits, theirs as printed
    gate = page.gate(claims)
    assert gate.count('<article class="claim') == 2 and "the article is wrong here" in gate


def test_a_declared_release_difference_is_shown_with_its_reason():
    differs = {**RECORD, "verdict": "differs", "outcome": "xfailed", "reason": "on keras<3: Keras 2 took it",
               "releases": [{"where": "keras<3", "expect": "fails", "reason": "Keras 2 took it", "applies": True},
                            {"where": "keras>=9", "expect": "fails", "reason": "not here", "applies": False}]}
    claims = made(differs, ERRATUM)
    jsonschema.validate(as_plain(claims), document.schema())
    html = page.gate(claims)
    assert "differs on this release, as declared" in html
    assert "On this release (keras&lt;3) this test is declared to fail: Keras 2 took it" in html
    assert "Elsewhere (keras&gt;=9) this test is declared to fail: not here" in html


def test_per_seed_chart_draws_every_seed_and_the_thresholds_over_the_baseline():
    svg = page.per_seed_svg(Statistics(said=None, rule="in (0.5, 2.5)", bounds=(0.5, 2.5), meaning="m", required=1,
                                       passed=1, values={"0": 2.0, "7": 300.0}, calibrated=(100, 100),
                                       spread=(0.6, 1.0, 2.4), quartiles=(0.8, 1.5)))
    assert svg.count("<circle") == 2 and svg.count('stroke-dasharray') == 2 and "log scale" in svg
    assert 'class="spread"' in svg and "baseline: 0.6 … 2.4, median 1" in svg
    assert 'class="box"' in svg and "baseline quartiles: 0.8 … 1.5" in svg and 'class="median"' in svg


def test_the_page_renders_a_drill_matrix_of_an_earlier_format(claims):
    """A drill.json made before rows had a kind and a test per moved name still renders, and never stops the report."""
    old = {"command": "approx drill", "versions": {"tensorflow": "2.21.0", "keras": "3.15.1"}, "seeds": 5,
           "drills": {"none": {"change": "nothing", "exit": 0, "seconds": 1, "failed": [], "moved": [], "seeds": 5},
                      "relu": {"change": "leaks", "exit": 1, "seconds": 1, "failed": ["S2.3 test_x"],
                               "moved": ["m"], "seeds": 5}}}
    html = page.gate(claims, old)
    assert "<b>relu</b>: leaks" in html and "<td>change</td>" in html


def test_the_schema_s_verdicts_are_the_verdict_records():
    from approx.report.document import schema
    from approx.report.words import VERDICTS

    claim = schema()["$defs"]["claim"]["properties"]["verdict"]["enum"]
    counts = schema()["$defs"]["counts"]["required"]
    assert claim == counts == list(VERDICTS)


def test_the_schema_s_evidence_kinds_are_the_kind_records():
    from approx.report.document import schema
    from approx.report.words import EVIDENCE_KINDS

    assert schema()["$defs"]["claim"]["properties"]["evidence_kind"]["enum"] == list(EVIDENCE_KINDS)
    assert schema()["properties"]["run"]["properties"]["by_evidence"]["required"] == list(EVIDENCE_KINDS)


def test_each_kind_of_evidence_is_counted_apart_and_shown_as_itself():
    reading = {**RECORD, "test": "spec/test_s04.py::test_branch", "claim": "S4.1", "section": 4,
               "evidence_kind": "code", "statistics": None, "behaviour": []}
    ours = {**RECORD, "test": "spec/test_s09.py::test_depth", "claim": "S9.1", "section": 9, "evidence_kind": "ours",
            "verdict": "FAILED", "outcome": "failed", "message": "boom", "statistics": None, "behaviour": [],
            "article": {"place": "the N.B.", "says": "no automatic gain", "reading": "a reading of ours"}}
    doc = made(RECORD, reading, ours)
    jsonschema.validate(as_plain(doc), document.schema())
    by = doc.run["by_evidence"]
    assert (by["framework"]["confirmed"], by["code"]["confirmed"], by["ours"]["FAILED"]) == (1, 1, 1)
    assert doc.run["counts"]["confirmed"] == 2
    html = page.gate(doc)
    assert html.count('<span class="evidence-kind">code reading</span>') == 1
    assert html.count('<span class="evidence-kind">our finding</span>') == 1
    assert "<dt>code reading</dt>" in html
    reader = page.index(doc)
    assert "Our reading, not the article’s:</span> ReLU(59), the net In [72] then trains" in reader  # S2.5's
    assert "<span class=\"role\">our finding:</span>" in reader and "<dt>framework evidence</dt>" in html


def test_under_each_claim_the_drill_changes_it_catches(claims):
    drill = {"command": "approx drill", "versions": {"tensorflow": "2.21.0", "keras": "3.15.1"}, "seeds": 5,
             "drills": {"none": {"change": "nothing", "exit": 0, "failed": [], "moved": [], "kind": "none"},
                        "lr@0.1": {"change": "rate", "exit": 1, "failed": [], "moved": ["width_gain"], "kind": "change"},
                        "relu": {"change": "leaks", "exit": 1, "failed": ["S2.5 test_x"], "moved": [], "kind": "change"},
                        "threads": {"change": "round-off", "exit": 0, "failed": [], "moved": ["width_gain"],
                                    "kind": "benign"}}}
    record = claims.claims[1]
    assert page.catches(record, drill) == ["lr@0.1 (moves width_gain)", "relu (fails it)"]
    assert page.catches(claims.claims[0], drill) == []
    html = page.gate(claims, drill)
    assert "The drill's changes this test catches: lr@0.1 (moves width_gain), relu (fails it)." in html
    assert "No change of the drill (<code>approx drill</code>) fails this test or moves its numbers." in html
