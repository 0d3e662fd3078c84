"""Every claim of the catalogue (spec/CLAIMS.md) has a test in spec/, and no test invents one."""

import re
from pathlib import Path

from approx.plugin.completeness import claim_tests

SPEC = Path(__file__).resolve().parents[2] / "spec"


def _catalogue() -> list[str]:
    return re.findall(r"^- (S\d+\.\d+) ", (SPEC / "CLAIMS.md").read_text(), re.M)


def _claims_in_spec() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for (file, function), test in claim_tests(SPEC).items():
        found.setdefault(test.claim, []).append(f"{file}::{function}")
    return found


def test_the_catalogue_lists_every_section():
    sections = {claim.split(".")[0] for claim in _catalogue()}
    assert sections == {f"S{n}" for n in range(1, 12)}


def test_every_catalogued_claim_has_a_spec_test():
    missing = [claim for claim in _catalogue() if claim not in _claims_in_spec()]
    assert not missing, f"claims with no test: {missing}"


def test_every_spec_test_names_a_catalogued_claim():
    unknown = set(_claims_in_spec()) - set(_catalogue())
    assert not unknown, f"tests of claims the catalogue does not have: {unknown}"


def test_each_section_lives_in_its_own_file():
    for claim, tests in _claims_in_spec().items():
        section = int(claim[1:].split(".")[0])
        assert all(test.startswith(f"test_s{section:02d}_") for test in tests), (claim, tests)
