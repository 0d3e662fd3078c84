"""Each spec test is one claim of the article; this plugin says so, and keeps the evidence.

A spec test carries `@pytest.mark.claim("S2.4", cell="In [67]")` (the id of
CLAIMS.md and the article's cell); its docstring's first paragraph is the
claim in English. `corrects=True` marks the corrected statement that stands
beside a strict xfail holding the article's own, wrong, version; that xfail
names the exception its failure raises (`raises=AssertionError`), so an
error anywhere else is a failure, not a refutation. Tests record
what they measured through the `evidence` fixture; `FinalReports` keeps each
test's final report for the end of the run (approx.plugin.ending).

What a test claims (approx.report.records.Claim) and each piece of its
evidence ride on its report's properties as plain values (`carried`), the
form in which they cross from an xdist worker to the controller. The words
a verdict is shown with on the terminal are approx.report.words.VERDICTS'.
"""

import base64
import inspect
import io

import pytest

from approx.article.sections import is_claim_id
from approx.plugin import releases
from approx.report.plain import as_plain, from_plain
from approx.report.records import Claim, Count, Figure, Medians, Number, Rate, Statistics
from approx.report.words import EVIDENCE_KINDS, VERDICTS

FIGURE_DPI = 2 * 96  # 2 image px per CSS px (sharp on 2× screens); a figure's inch is a CSS inch, 96 px


def pytest_addoption(parser):
    parser.getgroup("approx").addoption(
        "--claim", action="append", default=[], metavar="ID",
        help="run only the tests of this claim (S2.4) or section (S2); repeatable. -k S2.4 also works")


def _selected(claim_id: str, wanted: list[str]) -> bool:
    return any(claim_id == w or claim_id.startswith(w + ".") for w in wanted)


def pytest_configure(config):
    for wanted in config.getoption("--claim"):
        if not (is_claim_id(wanted) or is_claim_id(wanted + ".1")):
            raise pytest.UsageError(f"--claim takes a claim id like S2.4 or a section like S2, got {wanted!r}")
    config.addinivalue_line(
        "markers", "claim(id, cell=None, corrects=False, evidence_kind='framework', gate_only=False): the CLAIMS.md"
                   " claim a spec test checks, the article's cell, whether it is the corrected version of an erratum,"
                   " what its evidence is (framework, code: a reading of the article's code, ours: a finding beside"
                   " the claim), and whether it is the gate's check of Keras rather than evidence a reader is shown")
    config.stash[FINAL_REPORTS] = FinalReports()
    config.pluginmanager.register(config.stash[FINAL_REPORTS], "approx-final-reports")


def statement(item) -> str:
    """The claim in English: the first paragraph of the test's docstring."""
    doc = inspect.getdoc(getattr(item, "obj", None)) or ""
    return " ".join(doc.split("\n\n")[0].split())


def pytest_collection_modifyitems(config, items):
    wanted, kept, deselected = config.getoption("--claim"), [], []
    for item in items:
        marker = item.get_closest_marker("claim")
        if marker is None:
            (deselected if wanted else kept).append(item)
            continue
        claim_id = marker.args[0] if marker.args else None
        if not is_claim_id(claim_id):
            raise pytest.UsageError(f"{item.nodeid}: claim marker needs an id like 'S2.4', got {claim_id!r}")
        item.extra_keyword_matches.add(claim_id)  # so that -k S2.4 selects it
        (kept if not wanted or _selected(claim_id, wanted) else deselected).append(item)
        xfail = item.get_closest_marker("xfail")
        if xfail is not None and "raises" not in xfail.kwargs:
            raise pytest.UsageError(
                f"{item.nodeid}: the xfail of an article's claim must name what its failure raises"
                f" (raises=AssertionError), so that an error elsewhere is not taken for a refutation")
        evidence_kind = marker.kwargs.get("evidence_kind", "framework")
        if evidence_kind not in EVIDENCE_KINDS:
            raise pytest.UsageError(f"{item.nodeid}: evidence_kind is one of {', '.join(EVIDENCE_KINDS)},"
                                    f" got {evidence_kind!r}")
        erratum = xfail is not None
        kind = "erratum" if erratum else "corrected" if marker.kwargs.get("corrects") else "claim"
        found = releases.differences(item)
        releases.apply(item, found)  # after the kind is read: it is the claim's, whatever the release
        item.user_properties.append(carried("claim", Claim(
            test=item.nodeid, claim=claim_id, cell=marker.kwargs.get("cell"), statement=statement(item), kind=kind,
            case=item.callspec.id if hasattr(item, "callspec") else None,
            releases=tuple(d.release() for d in found), evidence_kind=evidence_kind,
            gate_only=bool(marker.kwargs.get("gate_only", False)))))
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def carried(key: str, piece) -> tuple[str, dict]:
    """A property a test's report carries: its `claim` from collection on, and each piece of its evidence.

    As plain values (approx.report.plain), which cross from an xdist worker
    to the controller; approx.plugin.from_reports makes them records again.
    """
    return key, as_plain(piece, whole=True)


class Evidence:
    """What a claim measured, kept on the test's report for the summary and the HTML report."""

    def __init__(self, item):
        self._properties = item.user_properties

    def number(self, name: str, ours: float, article: str | None = None) -> None:
        """One measured number, and the article's value for it, as text exactly as it printed it, where it did."""
        if article is not None:
            float(article)  # a printed number, not words: a ValueError here is a typo in the spec
        self._properties.append(carried("evidence", Number(name, float(ours), article)))

    def figure(self, figure, caption: str, cell: str | None = None) -> None:
        """A matplotlib Figure drawn from the models the test trained, kept as a 2× PNG for the report.

        Kept: `data`, the image in base64, of type `mime`, to be shown `width`
        × `height` CSS px (its natural size; a narrower column shrinks it).
        PNG, not SVG: the data's 1000 to 3000 dots make an SVG 1.7 to 6.4
        times the size of a 2× PNG (35–80 kB), and a page holds some forty.
        """
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight")
        figure.clear()  # the PNG is all that is kept; free the drawing
        png = buffer.getvalue()
        pixels = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")  # the IHDR chunk
        width, height = (-(-p * 96 // FIGURE_DPI) for p in pixels)  # CSS px: a figure's inch is a CSS inch
        self._properties.append(carried("figure", Figure(caption, cell, "image/png", width, height,
                                                      base64.b64encode(png).decode("ascii"))))

    def verdict(self, verdict, said: tuple[str, str] | None = None) -> None:
        """A statistical verdict (approx.statistics.reliability.Verdict): per-seed values, the rule, the calibration.

        `said`: the run's median and the baseline's, each in plain words, for readers.
        """
        self._properties.append(carried("statistics", Statistics(
            said=None if said is None else Medians(*said), rule=verdict.rule, bounds=tuple(verdict.bounds),
            meaning=verdict.meaning, required=verdict.required, passed=verdict.passed,
            values={str(s): v for s, v in verdict.values.items()}, calibrated=tuple(verdict.calibrated),
            spread=tuple(verdict.spread), quartiles=tuple(verdict.quartiles))))

    def rate(self, statement: str, run: tuple[int, int], baseline: tuple[int, int], how_often: str,
             median: str | None = None) -> None:
        """How often `statement` held: on the run's seeds and the baseline's, and in the readers' words.

        `how_often` is approx.statistics.reliability.how_often of the
        baseline's count; `median`, the baseline's median of the measure
        behind it, said in plain words.
        """
        self._properties.append(carried("rate", Rate(statement, tuple(run), tuple(baseline), how_often, median)))

    def usually(self, passed: int, total: int) -> None:
        """The claim holds on most trainings, not reliably: its verdict is "holds usually (passed of total)"."""
        self._properties.append(carried("usually", Count(int(passed), int(total))))

    def samples(self, values: dict[str, dict[int, float]]) -> None:
        """Each measure's and arm's value per seed, for the drift test against the baseline."""
        self._properties.append(("samples", {name: {str(s): float(v) for s, v in per_seed.items()}
                                             for name, per_seed in values.items()}))


@pytest.fixture
def evidence(request) -> Evidence:
    """Record measured numbers and statistical verdicts beside the claim."""
    return Evidence(request.node)


def properties(report) -> list:
    """A test report's approx properties: claim, evidence, figure, statistics, rate, usually, samples.

    On the process that writes the report they are moved off
    `report.user_properties`, which JUnit XML copies verbatim, to
    `report.approx_properties` (approx.plugin.junit).
    """
    return getattr(report, "approx_properties", report.user_properties)


def claimed(report) -> Claim | None:
    """What a test's report says it claims, or None for a test that is not a claim's."""
    found = dict(properties(report)).get("claim")
    return from_plain(Claim, found) if isinstance(found, dict) else None


def verdict_word(report) -> str | None:
    """confirmed / usually / corrected / refuted / differs / FAILED / skipped, for a spec test's final report."""
    claim = claimed(report)
    if claim is None:
        return None
    if hasattr(report, "wasxfail") and report.skipped:
        if claim.declared_failure:
            return "differs"  # fails on this release, as declared beside the test
        return "refuted"  # the article's version failed, as the erratum says
    if report.failed:
        return "FAILED"
    if report.skipped:
        return "skipped"
    if "usually" in dict(properties(report)):
        return "usually"
    return "corrected" if claim.kind == "corrected" else "confirmed"


def pytest_report_teststatus(report, config):
    if report.when != "call" and not (report.when == "setup" and report.skipped):
        return None
    word = verdict_word(report)
    status = VERDICTS[word].status if word else None
    if status is None:
        return None  # not a claim's, or failed or skipped: pytest says so itself
    said = status.word
    if word == "usually":
        rate = from_plain(Count, dict(properties(report))["usually"])
        said += f" ({rate.passed} of {rate.total})"
    return status.category, status.letter, (said, {status.colour: True})


class FinalReports:
    """Keeps every spec test's final report, for the end of the run (approx.plugin.ending).

    A plain class: pluggy keeps plugins in sets, so they must stay hashable.
    """

    def __init__(self):
        self.reports = {}

    def pytest_runtest_logreport(self, report):
        if "claim" not in dict(properties(report)):
            return
        # The call phase decides, unless setup skipped or errored, or teardown errored.
        if report.when == "call" or report.failed or (report.skipped and report.nodeid not in self.reports):
            self.reports[report.nodeid] = report


FINAL_REPORTS = pytest.StashKey[FinalReports]()


def final_reports(config) -> FinalReports | None:
    """What keeps the run's final reports of its claim tests (None without this plugin)."""
    return config.stash.get(FINAL_REPORTS, None)
