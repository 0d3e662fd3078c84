"""The article's sections, in its order, and the ids the catalogue gives its claims.

A claim id is `S<section>.<number>` (S2.4: section 2, fourth claim); the
section titles are ours, one per part of the article.
"""

import re

SECTIONS = {
    1: "The simplest network", 2: "More neurons", 3: "Momentum", 4: "A harder function", 5: "tanh",
    6: "Weight initialisation", 7: "How it works", 8: "Beyond the training domain", 9: "Going deeper",
    10: "Framework drift", 11: "Beyond the article",
}
CLAIM_ID = re.compile(r"^S(\d+)\.(\d+)$")


def is_claim_id(text) -> bool:
    return isinstance(text, str) and CLAIM_ID.match(text) is not None


def position(claim_id: str) -> tuple[int, int]:
    """(section, number) of a claim id: the article's order."""
    match = CLAIM_ID.match(claim_id)
    if match is None:
        raise ValueError(f"a claim id looks like 'S2.4', got {claim_id!r}")
    section, number = match.groups()
    return int(section), int(number)


def section_of(claim_id: str) -> int:
    return position(claim_id)[0]
