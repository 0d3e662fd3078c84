"""Whether a run checked the whole spec, and if not, why: a selection, an interrupt, -x, a crashed worker.

The whole spec is every claim test in the directories the run collected
from, read from their source (a test is a function with a `claim` marker),
so a run of one file still knows what it left out. A run is complete when
it selected every one of those tests and each of them reported, with no
interrupt, no early stop and no crashed worker. The report plugin writes a
complete run's report in place of the last one and an incomplete run's
beside it (approx.plugin.report).
"""

import ast
import dataclasses
import typing
from pathlib import Path

import pytest

from approx.plugin import claims
from approx.report.records import Claim


class ClaimTest(typing.NamedTuple):
    claim: str
    cell: str | None
    statement: str  # the first paragraph of the docstring, as approx.plugin.claims.statement reads it
    evidence_kind: str = "framework"
    gate_only: bool = False


def claim_tests(directory: Path) -> dict[tuple[str, str], ClaimTest]:
    """(file name, test function) -> its claim, for every test of `directory`'s test_*.py with a claim marker."""
    found = {}
    for path in sorted(Path(directory).glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for decorator in node.decorator_list:
                if (isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == "claim"
                        and decorator.args and isinstance(decorator.args[0], ast.Constant)):
                    given = {k.arg: k.value.value for k in decorator.keywords if isinstance(k.value, ast.Constant)}
                    doc = " ".join((ast.get_docstring(node) or "").split("\n\n")[0].split())
                    found[(path.name, node.name)] = ClaimTest(decorator.args[0].value, given.get("cell"), doc,
                                                              given.get("evidence_kind", "framework"),
                                                              bool(given.get("gate_only", False)))
    return found


def _function(nodeid: str) -> tuple[str, str, str]:
    """(directory, file name, function) of a test id such as 'spec/test_s01.py::test_x[3]'."""
    path, _, name = nodeid.partition("::")
    return str(Path(path).parent), Path(path).name, name.split("[")[0]


@dataclasses.dataclass
class Completeness:
    complete: bool
    why_partial: str | None  # why it is not complete, in words
    claims_run: int
    claims_total: int
    tests_run: int
    tests_selected: int

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def summary(self) -> str:
        counted = f"{self.claims_run} of {self.claims_total} claims"
        return counted if self.complete else f"{counted}: {self.why_partial}"


class Tracker:
    """What the run selected, what reported, and what cut it short; kept on the process that writes the report."""

    def __init__(self, root: Path):
        self.root = root  # test ids are relative to it
        self.selected: set[str] = set()
        self.crashed: list[str] = []

    def pytest_collection_finish(self, session):
        if not hasattr(session.config, "workerinput"):  # without xdist the items are here
            self.selected.update(item.nodeid for item in session.items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        self.selected.update(ids)

    @pytest.hookimpl(optionalhook=True)
    def pytest_handlecrashitem(self, crashitem, report, sched):
        """On the xdist controller: a worker died running `crashitem`; its report becomes the claim's failure."""
        self.crashed.append(crashitem)
        directory, name, function = _function(crashitem)
        found = claim_tests(self.root / directory).get((name, function))
        if found is not None:
            case = crashitem.partition("[")[2].removesuffix("]") or None
            report.user_properties.append(claims.carried("claim", Claim(
                test=crashitem, claim=found.claim, cell=found.cell, statement=found.statement, case=case,
                evidence_kind=found.evidence_kind, gate_only=found.gate_only)))

    def judge(self, session, reported: dict) -> Completeness:
        """`reported`: test id -> ClaimRecord of every claim test that reported."""
        spec = {}
        for directory in sorted({_function(nodeid)[0] for nodeid in self.selected | set(reported)}):
            spec.update({(directory, *key): test.claim for key, test in claim_tests(self.root / directory).items()})
        selected_claim_tests = {n for n in self.selected if _function(n) in spec}
        left_out = set(spec) - {_function(n) for n in selected_claim_tests}
        unfinished = selected_claim_tests - set(reported)
        reasons = []
        stop = _stopped(session)
        if stop:
            reasons.append(stop)
        if self.crashed:
            reasons.append(f"a worker crashed running {', '.join(self.crashed)}")
        if unfinished:
            reasons.append(f"{len(unfinished)} of {len(selected_claim_tests)} selected tests did not finish")
        if left_out:
            reasons.append(f"a selection: {len(spec) - len(left_out)} of {len(spec)} spec tests"
                           f" (a path, -k or --claim left out the rest)")
        return Completeness(
            complete=not reasons, why_partial="; ".join(reasons) or None,
            claims_run=len({r.claim for r in reported.values()}), claims_total=len(set(spec.values())),
            tests_run=len(reported), tests_selected=len(selected_claim_tests))


def _stopped(session) -> str | None:
    """Why the session ended before its tests did, if it did: an interrupt, -x / --maxfail, a stop request."""
    dsession = session.config.pluginmanager.get_plugin("dsession")
    said = getattr(dsession, "shouldstop", None) or session.shouldfail or session.shouldstop
    if session.exitstatus == pytest.ExitCode.INTERRUPTED:
        return f"interrupted ({said})" if isinstance(said, str) else "interrupted"
    return f"stopped early ({said})" if isinstance(said, str) else None


TRACKER = pytest.StashKey[Tracker]()


def pytest_configure(config):
    tracker = Tracker(Path(config.rootpath))
    config.stash[TRACKER] = tracker
    config.pluginmanager.register(tracker, "approx-completeness")


def tracker(config) -> Tracker:
    return config.stash[TRACKER]
