"""JUnit XML that CI tools can read: flat properties per claim test, and no figures.

pytest's --junitxml writes every user property of a test as a <property>,
its value str()-ed: approx's evidence, per-seed samples and base64 figures
would arrive as megabytes of Python reprs. On the process that writes the
reports, this plugin moves approx's properties to
`report.approx_properties` (where approx.plugin.claims reads them) before
JUnit XML sees the report, and leaves it flat ones instead:

    claim    S2.4           cell     In [67]        kind     claim | corrected | erratum
    verdict  confirmed | corrected | refuted | differs | FAILED | skipped
    drift    as the baseline | moved: <names>   (statistical claims only)

The drift verdict is judged when the session ends, after JUnit XML has
closed each test's element, so it is added to the written file then.
"""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from approx.atomic import write_atomically
from approx.plugin import claims
from approx.plugin.options import spec_run


class Flattener:
    def __init__(self, config):
        self.config = config

    @pytest.hookimpl(tryfirst=True)  # before junitxml and the account read the report
    def pytest_runtest_logreport(self, report):
        if hasattr(report, "approx_properties"):
            return
        claim = claims.claimed(report)
        if claim is None:
            return
        report.approx_properties = list(report.user_properties)
        flat = [("claim", claim.claim), ("cell", claim.cell or ""), ("kind", claim.kind)]
        decisive = _decisive(self.config, report)
        if decisive is not None:
            flat.append(("verdict", claims.verdict_word(decisive)))
        report.user_properties = flat


def _decisive(config, report):
    """The report that decides the test's verdict, once it is known (JUnit XML reads the teardown's)."""
    if report.when == "call" or report.failed:
        return report
    kept = claims.final_reports(config)
    return None if kept is None else kept.reports.get(report.nodeid)


def drift_properties(xml_path: Path, records) -> None:
    """Add each statistical claim's drift verdict to its <testcase> in the written JUnit XML."""
    from _pytest.junitxml import mangle_test_address  # how junitxml names a test; stable since pytest 3

    drift = {}
    for record in records:
        if record.behaviour:
            moved = [b.name for b in record.behaviour if b.moved]
            names = mangle_test_address(record.test)
            drift[(".".join(names[:-1]), names[-1])] = f"moved: {', '.join(moved)}" if moved else "as the baseline"
    if not drift:
        return
    tree = ElementTree.parse(xml_path)
    for case in tree.iter("testcase"):
        verdict = drift.get((case.get("classname"), case.get("name")))
        if verdict is None:
            continue
        found = case.find("properties")
        if found is None:
            found = ElementTree.Element("properties")
            case.insert(0, found)
        ElementTree.SubElement(found, "property", name="drift", value=verdict)
    write_atomically(xml_path, ElementTree.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True))


@pytest.hookimpl(wrapper=True)  # around every other sessionfinish: after junitxml wrote and the report judged
def pytest_sessionfinish(session):
    result = yield
    config = session.config
    xml_path = getattr(config.option, "xmlpath", None)
    records = spec_run(config).records
    if not hasattr(config, "workerinput") and xml_path and records and Path(xml_path).exists():
        drift_properties(Path(xml_path), records)
    return result


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # a worker's reports must carry everything to the controller
        config.pluginmanager.register(Flattener(config), "approx-junit")
