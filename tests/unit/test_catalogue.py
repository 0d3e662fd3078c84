"""Every claim of the catalogue (spec/CLAIMS.md) has a test in spec/, and no test invents one."""

import re

from approx.plugin.completeness import claim_tests
from approx.repository import ROOT

SPEC = ROOT / "spec"


def _catalogue() -> list[str]:
    return re.findall(r"^- (S\d+\.\d+) ", (SPEC / "CLAIMS.md").read_text(), re.M)


def _entries() -> dict[str, str]:
    """Each claim's entry in spec/CLAIMS.md, its lines joined."""
    text = (SPEC / "CLAIMS.md").read_text()
    found = re.findall(r"^- (S\d+\.\d+) (.*?)(?=^- S|^## |^\*\*|\Z)", text, re.M | re.S)
    return {claim: " ".join(entry.split()) for claim, entry in found}


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


def test_the_catalogue_names_each_claims_kinds_of_evidence():
    """A claim with a code-reading test says so in its entry; a finding of ours is called ours."""
    entries, wrong = _entries(), []
    for (file, function), test in claim_tests(SPEC).items():
        word = {"code": "code reading", "ours": "ours"}.get(test.evidence_kind)
        if word and word not in entries[test.claim]:
            wrong.append(f"{test.claim} ({function}) is {test.evidence_kind}, its entry does not say {word!r}")
    assert not wrong, wrong
