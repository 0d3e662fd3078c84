"""Bisection over versions, as a pure function: a good index next to a bad one, skipped indices stepped around.

Indices 0 … count − 1 stand for the versions in order, 0 the known good and
count − 1 the known bad; `judge(indices)` gives each a verdict (good, bad or
skip), a round at a time, so that a round may test several at once (a
cluster's workers). The search checks the two bounds first, then narrows:
the first bad above the last good, the last good below the first bad, until
nothing untested lies between them. On a history that goes bad and good again
it still ends on a real good→bad pair, and says the history is not monotonic.
"""

from dataclasses import dataclass, field

GOOD, BAD, SKIP = "good", "bad", "skip"


@dataclass
class Search:
    """What the search knows: each tested index's verdict, and where it ended."""

    count: int
    verdicts: dict[int, str] = field(default_factory=dict)
    last_good: int | None = None
    first_bad: int | None = None
    ended: str = ""  # found, good-is-bad, bad-is-good, bound-skipped, hidden-by-skips

    @property
    def hidden(self) -> list[int]:
        """The skipped indices between the last good and the first bad: any of them may be the first bad."""
        if self.last_good is None or self.first_bad is None:
            return []
        return list(range(self.last_good + 1, self.first_bad))

    @property
    def monotonic(self) -> bool:
        """No tested version passes after one that fails."""
        bad = [i for i, v in self.verdicts.items() if v == BAD]
        return not any(v == GOOD and i > min(bad) for i, v in self.verdicts.items()) if bad else True


def _picks(open_: list[int], low: int, high: int, width: int) -> list[int]:
    """Up to `width` untested indices spread evenly over (low, high), each the open one nearest its mark."""
    chosen: list[int] = []
    for j in range(1, width + 1):
        mark = low + (high - low) * j / (width + 1)
        left = [i for i in open_ if i not in chosen]
        if left:
            chosen.append(min(left, key=lambda i: (abs(i - mark), i)))
    return sorted(chosen)


def search(count: int, judge, width: int = 1) -> Search:
    """Find a good index next to a bad one, index 0 being --good and count − 1 --bad.

    `judge(indices)` returns each index's verdict (good, bad or skip); it is
    called with the two bounds first, then with rounds of `width` indices.
    """
    found = Search(count)
    found.verdicts.update(judge([0, count - 1]))
    first, last = found.verdicts[0], found.verdicts[count - 1]
    if SKIP in (first, last):
        found.ended = "bound-skipped"
        return found
    if first == BAD:
        found.ended = "good-is-bad"
        return found
    if last == GOOD:
        found.ended = "bad-is-good"
        return found
    low, high = 0, count - 1
    while True:
        open_ = [i for i in range(low + 1, high) if i not in found.verdicts]
        if not open_:
            break
        found.verdicts.update(judge(_picks(open_, low, high, width)))
        high = min(i for i, v in found.verdicts.items() if v == BAD and i > low)
        low = max(i for i, v in found.verdicts.items() if v == GOOD and i < high)
    found.last_good, found.first_bad = low, high
    found.ended = "hidden-by-skips" if found.hidden else "found"
    return found
