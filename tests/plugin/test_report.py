"""reports/index.html and reports/claims.json, from a small fake spec run through pytester."""

import json
import subprocess
import sys
from html.parser import HTMLParser

import jsonschema
import pytest

from approx.report import document, page

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account", "-p", "no:cacheprovider")

SPEC = '''
import sys, types
import pytest
from matplotlib.figure import Figure

# Stands in for TensorFlow in the processes that run the tests: the report
# must name what they ran on, without importing the framework where no test ran.
RAN_ON = {**{k: "as run by the tests" for k in ("python", "tensorflow", "keras", "numpy")}, "backend": "jax"}
sys.modules["approx.framework"] = types.SimpleNamespace(versions=lambda: RAN_ON)

class Verdict:  # the attributes approx.statistics.reliability.Verdict exposes
    rule, bounds, meaning, required, passed = "> 1", (1.0,), "the ratio", 2, 3
    values, calibrated, spread = {0: 2.0, 1: 30.0, 2: 4.0}, (100, 100), (1.5, 8.0, 60.0)
    quartiles = (4.0, 20.0)

@pytest.mark.claim("S1.2", cell="In [10]")
def test_weights(evidence):
    """One neuron finds w = 2.

    How it is checked.
    """
    evidence.number("w", 2.0000001, article="2.00000048")
    fig = Figure(); fig.add_subplot().plot([0, 1], [0, 1])
    evidence.figure(fig, "the fit", cell="In [13]")
    evidence.verdict(Verdict())

@pytest.mark.claim("S1.1", cell="In [8]")
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="wrong")
def test_article_version():
    """The article's wrong version."""
    assert False

@pytest.mark.claim("S2.1")
def test_broken():
    """A claim that fails."""
    assert 1 == 2, "the evidence of failure"

def test_not_a_claim():
    pass
'''


class Outline(HTMLParser):
    """What the page is made of: tags, claim articles and their classes, external references."""

    def __init__(self):
        super().__init__()
        self.tags, self.articles, self.external, self.sections = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "article":
            self.articles.append((attrs.get("id"), attrs.get("class")))
        if tag == "section":
            self.sections.append(attrs.get("id"))
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if value and not value.startswith(("#", "data:")):
                self.external.append(value)
        if tag in ("script", "link", "iframe"):
            self.external.append(tag)


@pytest.fixture(scope="module", params=["one process", "two workers"])
def run(request, tmp_path_factory):
    """The fake spec run once per module and mode: (report folder, pytest's output)."""
    folder = tmp_path_factory.mktemp("spec")
    (folder / "test_spec.py").write_text(SPEC)
    workers = ["-p", "xdist", "-n", "2"] if request.param == "two workers" else []
    result = subprocess.run([sys.executable, "-m", "pytest", *PLUGINS, *workers, "-q", "-o", "addopts="],
                            cwd=folder, capture_output=True, text=True)
    assert result.returncode == 1 and "1 failed, 2 passed, 1 xfailed" in result.stdout, result.stdout[-3000:]
    return folder / "reports", result.stdout


def _outline(folder, page="index.html"):
    outline = Outline()
    outline.feed((folder / page).read_text())
    return outline


def test_both_files_are_written_whole(run):
    folder, output = run
    assert sorted(p.name for p in folder.iterdir()) == ["claims.json", "gate.html", "index.html"]
    told = " ".join(output.split("report: ")[1].split())  # wrapped to the terminal's width
    assert told.startswith(f"{folder / 'index.html'} (for readers), {folder / 'gate.html'} (the gate),"
                           f" {folder / 'claims.json'}")


def test_the_report_names_the_versions_and_the_backend_the_tests_ran_on(run):
    """With xdist they come from the workers: the controller never imports TensorFlow."""
    document = json.loads((run[0] / "claims.json").read_text())
    assert document["run"]["versions"] == {**{k: "as run by the tests" for k in ("python", "tensorflow", "keras", "numpy")},
                                           "backend": "jax"}
    assert "on its jax backend" in (run[0] / "index.html").read_text()
    assert "<dt>backend</dt><dd><b>jax</b>" in (run[0] / "gate.html").read_text()


def test_claims_json_follows_its_schema(run):
    claims = json.loads((run[0] / "claims.json").read_text())
    jsonschema.validate(claims, document.schema())
    assert [c["claim"] for c in claims["claims"]] == ["S1.1", "S1.2", "S2.1"]
    assert claims["run"]["counts"] == {"confirmed": 1, "usually": 0, "corrected": 0, "refuted": 1, "differs": 0, "FAILED": 1,
                                       "skipped": 0}
    assert claims["run"]["seeds"] == [0, 1, 2, 3, 4]


def test_a_record_carries_its_evidence_statistics_and_figures(run):
    claims = {c["claim"]: c for c in json.loads((run[0] / "claims.json").read_text())["claims"]}
    weights = claims["S1.2"]
    assert weights["statement"] == "One neuron finds w = 2." and weights["cell"] == "In [10]"
    assert weights["evidence"] == [{"name": "w", "ours": 2.0000001, "article": "2.00000048"}]
    assert weights["statistics"]["values"] == {"0": 2.0, "1": 30.0, "2": 4.0}
    assert weights["statistics"]["spread"] == [1.5, 8.0, 60.0]
    assert weights["figures"] == [{"caption": "the fit", "cell": "In [13]"}]
    assert claims["S1.1"]["verdict"] == "refuted" and claims["S1.1"]["outcome"] == "xfailed"
    assert claims["S1.1"]["reason"] == "wrong" and weights["reason"] is None


def test_a_failing_claim_is_shown_failed_with_its_message(run):
    folder = run[0]
    broken = next(c for c in json.loads((folder / "claims.json").read_text())["claims"] if c["claim"] == "S2.1")
    assert broken["verdict"] == "FAILED" and "the evidence of failure" in broken["message"]
    assert (None, "claim FAILED framework") in _outline(folder, "gate.html").articles
    assert "the evidence of failure" in (folder / "gate.html").read_text()
    claim = json.loads((folder / "claims.json").read_text())["verdicts"][-1]
    assert (claim["claim"], claim["verdict"]) == ("S2.1", "failed")  # not judged, on the readers' page too
    assert 'id="S2.1" data-verdict="failed"' in (folder / "index.html").read_text()


def test_the_page_follows_the_article_and_loads_nothing(run):
    reader, gate = _outline(run[0]), _outline(run[0], "gate.html")
    assert reader.sections == ["bottom-line", "legend", "s1", "s2"]  # the bottom line first, then the article
    assert reader.articles == [("S1.1", "card"), ("S1.2", "card"), ("S2.1", "card")]  # one card per claim
    assert gate.sections == ["failed", "S1.1", "S1.2", "S2.1", "drill"]  # what failed, each claim, what it catches
    assert reader.external == ["gate.html#failed", "gate.html#S1.1", "gate.html#S1.2", "gate.html#S2.1", "gate.html"]
    assert gate.external == ["index.html", "index.html#S1.1", "index.html#S1.2", "index.html#S2.1"]
    assert reader.tags.count("img") == 1 and "svg" in gate.tags


def test_no_report_without_claims(pytester):
    pytester.makepyfile("def test_plain(): pass")
    pytester.runpytest_subprocess(*PLUGINS).assert_outcomes(passed=1)
    assert not (pytester.path / "reports").exists()


def test_the_page_shows_the_calibration_beside_the_seeds(run):
    text = (run[0] / "gate.html").read_text()
    assert "Calibration: 100/100 seeds passed; min 1.5, median 8, max 60 (shaded)." in text
    assert 'class="spread"' in text


@pytest.mark.parametrize("workers", [[], ["-p", "xdist", "-n", "2"]], ids=["one process", "two workers"])
def test_junit_xml_has_flat_claim_properties_and_no_figures(tmp_path, workers):
    import xml.etree.ElementTree as ElementTree

    (tmp_path / "test_spec.py").write_text(SPEC)
    subprocess.run([sys.executable, "-m", "pytest", *PLUGINS, "-p", "approx.plugin.junit", *workers, "-q",
                    "-o", "addopts=", "--junitxml", "junit.xml"], cwd=tmp_path, capture_output=True, text=True)
    text = (tmp_path / "junit.xml").read_text()
    assert "iVBOR" not in text and "{'" not in text and len(text) < 5000  # no base64 PNG, no dict reprs
    found = {case.get("name"): dict((p.get("name"), p.get("value")) for p in case.iter("property"))
             for case in ElementTree.fromstring(text).iter("testcase")}
    assert found == {
        "test_weights": {"claim": "S1.2", "cell": "In [10]", "kind": "claim", "verdict": "confirmed"},
        "test_article_version": {"claim": "S1.1", "cell": "In [8]", "kind": "erratum", "verdict": "refuted"},
        "test_broken": {"claim": "S2.1", "cell": "", "kind": "claim", "verdict": "FAILED"},
        "test_not_a_claim": {},
    }
