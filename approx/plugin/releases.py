"""Where a claim's truth differs on a framework release or backend: declared beside the test, as data.

A spec test that reads differently on some releases carries, beside its
`claim` marker, one `release` marker per difference:

    @pytest.mark.release("keras<3", "fails", raises=AssertionError,
                         reason="Keras 2 still took lr= as an alias of learning_rate")

A difference of one Keras backend names it too (`backend="torch"`): it then
applies where the requirement matches and the run is on that backend.

On installed versions that match the requirement, "fails" makes the test a
strict xfail raising that exception (its verdict: "differs"), and "passes"
lifts the xfail of an erratum, whose article's version held on that release.
Elsewhere the marker does nothing. Strict either way: a declared difference
that stops being true fails the run, and nothing is skipped.

The idea is scikit-learn's `expected_failed_checks` and PyTorch OpInfo's
`DecorateInfo`: the exceptions live beside the check, with their reason,
and every report says which of them applied.
"""

import pytest
from packaging.requirements import InvalidRequirement, Requirement

from approx import backend as backends
from approx import installed
from approx.report.records import Release

OUTCOMES = ("fails", "passes")


class Difference:
    """One declared difference: on releases matching `where`, the test `expect`s to fail or pass."""

    def __init__(self, where: str, expect: str, reason: str, raises=None, backend: str | None = None):
        if backend is not None and backend not in backends.NAMES:
            raise ValueError(f"release marker: backend must be one of {backends.NAMES}, got {backend!r}")
        try:
            self.requirement = Requirement(where)
        except InvalidRequirement as e:
            raise ValueError(f"release marker: {where!r} is not a requirement like 'keras<3': {e}") from None
        if expect not in OUTCOMES:
            raise ValueError(f"release marker: expect must be one of {OUTCOMES}, got {expect!r}")
        if expect == "fails" and raises is None:
            raise ValueError("release marker: an expected failure must name what it raises (raises=AssertionError)")
        if not reason:
            raise ValueError("release marker: say why the release differs (reason=...)")
        self.where, self.expect, self.reason, self.raises = where, expect, reason, raises
        self.backend = backend

    def applies(self) -> bool:
        """Whether the installed package satisfies the requirement (an absent module never does), on the backend."""
        if self.backend is not None and self.backend != backends.chosen():
            return False
        try:
            version = installed.version(self.requirement.name)  # by module: keras-nightly is keras
        except installed.NotInstalled:
            return False
        return self.requirement.specifier.contains(version, prereleases=True)

    @property
    def place(self) -> str:
        """Where it applies, in words: the requirement, and the backend if it names one."""
        return self.where if self.backend is None else f"{self.where} on {self.backend}"

    def release(self) -> Release:
        """As the test's claim records it: where, what to expect, why, and whether it applies here."""
        return Release(self.place, self.expect, self.reason, self.applies())


def differences(item) -> list[Difference]:
    """The release markers of a test, read and checked; a malformed one is a usage error naming the test."""
    found = []
    for marker in item.iter_markers("release"):
        try:
            found.append(Difference(*marker.args, **marker.kwargs))
        except (TypeError, ValueError) as e:
            raise pytest.UsageError(f"{item.nodeid}: {e}") from None
    return found


def _lift_xfail(item) -> None:
    item.own_markers[:] = [m for m in item.own_markers if m.name != "xfail"]
    if item.get_closest_marker("xfail") is not None:
        raise pytest.UsageError(f"{item.nodeid}: a 'passes' release marker can only lift the test's own xfail")


def apply(item, found: list[Difference]) -> None:
    """Turn the differences that apply to the installed versions into the test's expected outcome."""
    for difference in found:
        if not difference.applies():
            continue
        if difference.expect == "passes":
            if item.get_closest_marker("xfail") is None:
                raise pytest.UsageError(f"{item.nodeid}: 'passes' on {difference.place} needs an erratum (xfail)")
            _lift_xfail(item)
        else:
            item.add_marker(pytest.mark.xfail(strict=True, raises=difference.raises,
                                              reason=f"on {difference.place}: {difference.reason}"))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "release(where, expect, reason, raises=None, backend=None): on installed versions matching the "
                   "requirement `where` (like 'keras<3'), and on `backend` if named, the test is expected to fail "
                   "('fails', raising `raises`) or its erratum xfail is lifted ('passes')")
