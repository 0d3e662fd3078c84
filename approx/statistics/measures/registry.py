"""The registry of statistical measures and their arms: what a measure is, its rule, and how one is declared.

A measure or an arm is named where it is defined, never by a string beside
it: a decorated function (`@measure`, `@arm`) by its own name, and one a
factory makes (`ratio`, `mse_of`, `error_near_of`) by the variable its
section binds it to. Python tells a function called at module level nothing
of the name its result will be bound to (`__set_name__` fires for class
attributes only), so a factory's measure is made unnamed, and `register`,
which the table of contents in measures/__init__.py calls once per section,
reads the names from the section's variables.
"""

import string
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from approx.article.runs import Run


@dataclass(frozen=True)
class Arm:
    """One number of a trained run per seed, with no rule of its own: a part of one or more measures."""

    name: str
    meaning: str
    compute: Callable[[int], float]
    ulps_of: float | None = None  # settled to round-off at this scale: judged in its float32 ulps, never by rank
    # How it is made, where a factory made it, for a reproducer without approx (approx.tools.repro):
    # ("mse", run) or ("rms_near", run, places, radius), `run` a function of the seed.
    recipe: tuple = ()

    def __call__(self, seed: int) -> float:
        return self.compute(seed)


@dataclass(frozen=True)
class Rule:
    """What a measure's value must be on a seed: above `low`, below `high`, or strictly between the two."""

    low: float | None = None
    high: float | None = None

    def __post_init__(self):
        if self.low is None and self.high is None:
            raise ValueError("a rule needs a bound: above, below or between")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"a rule between {self.low:g} and {self.high:g} admits no value")

    def passes(self, value: float) -> bool:
        return (self.low is None or value > self.low) and (self.high is None or value < self.high)

    @property
    def bounds(self) -> tuple[float, ...]:
        """The numbers the rule is drawn with, low to high."""
        return tuple(b for b in (self.low, self.high) if b is not None)

    def __str__(self) -> str:
        if self.low is not None and self.high is not None:
            return f"in ({self.low:g}, {self.high:g})"
        return f"> {self.low:g}" if self.low is not None else f"< {self.high:g}"

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@dataclass(frozen=True)
class Measure:
    """`compute(seed)` must meet `rule` for the claim to hold on that seed."""

    name: str
    meaning: str  # what the number is, in a phrase
    compute: Callable[[int], float]
    rule: Rule
    why: str = ""  # why the rule sits where it does
    parts: tuple[Arm, ...] = ()  # the arms it is made of, as themselves: `arms` names them
    by_rate: bool = False  # the spec judges how often the rule holds (the `rate` fixture), not that it always does
    ulps_of: float | None = None  # settled to round-off at this scale: judged in its float32 ulps, never by rank
    # The value said in plain words for the article's reader: a format string whose one field is {value}.
    reader: str = ""
    # The rule in the reader's words, where `rule_said`'s generic "more than 1.2" would not do.
    reader_rule: str = ""
    made_by: tuple = ()  # ("ratio", numerator, denominator), the arms themselves, where `ratio` made it

    def __post_init__(self):
        if self.reader:
            fields = {field for _, field, _, _ in string.Formatter().parse(self.reader) if field is not None}
            if fields != {"value"}:
                raise ValueError(f"{self.name or self.meaning}: reader= must have the one field {{value}},"
                                 f" not {sorted(fields)}")
            self.reader.format(value=1.0)  # a broken format spec fails here, at import

    # A factory's arms are named when their section is registered, after the measures made of them: so
    # their names are read when asked for, not copied when the measure is made.
    @property
    def arms(self) -> tuple[str, ...]:
        """The arms it is made of, by name."""
        return tuple(part.name for part in self.parts)

    @property
    def recipe(self) -> tuple:
        """How a factory made it, its arms by name, for a reproducer without approx (approx.tools.repro)."""
        return tuple(part.name if isinstance(part, Arm) else part for part in self.made_by)

    def passes(self, value: float) -> bool:
        return self.rule.passes(value)

    def said(self, value: float) -> str:
        """The value in plain words: `reader` filled in, or the meaning and the number where there is none."""
        return self.reader.format(value=value) if self.reader else f"{self.meaning}: {value:.3g}"

    def rule_said(self) -> str:
        """The rule in plain words, in the units `reader` says the value in: "more than 1.2", "less than 25%"."""
        if self.reader_rule:
            return self.reader_rule
        low, high = (None if b is None else self._bound_said(b) for b in (self.rule.low, self.rule.high))
        if low is not None and high is not None:
            return f"between {low} and {high}"
        return f"more than {low}" if low is not None else f"less than {high}"

    def _bound_said(self, bound: float) -> str:
        """A bound of the rule as the reader's sentence says a value: as a percentage where it gives one."""
        specs = [spec for _, field, spec, _ in string.Formatter().parse(self.reader) if field == "value"]
        return f"{bound * 100:g}%" if specs and specs[0].endswith("%") else f"{bound:g}"

    def __call__(self, seed: int) -> float:
        return self.compute(seed)


MEASURES: dict[str, Measure] = {}
ARMS: dict[str, Arm] = {}


def register(*sections) -> None:
    """Register each section's measures and arms in the order it binds them, each named after its variable.

    A value its section imported from one registered before is passed over;
    so is one bound twice, after its first name.
    """
    for section in sections:
        for variable, value in vars(section).items():
            if isinstance(value, (Measure, Arm)) and not _registered(value):
                _enter(variable, value)


def _registered(value: "Measure | Arm") -> bool:
    return (MEASURES if isinstance(value, Measure) else ARMS).get(value.name) is value


def _enter(variable: str, value: "Measure | Arm") -> None:
    if variable in MEASURES or variable in ARMS:
        raise ValueError(f"{variable!r} is defined twice")
    if value.name not in ("", variable):
        raise ValueError(f"{value.name!r} is bound to {variable!r}: bind a measure or an arm to its own name")
    unknown = [a for a in getattr(value, "parts", ()) if not _registered(a)]
    if unknown:
        raise ValueError(f"{variable}: not registered arms: {unknown} (bind each to a variable of its section,"
                         f" above the measures made of it)")
    object.__setattr__(value, "name", variable)  # the one field set after it is made: see the module's docstring
    (MEASURES if isinstance(value, Measure) else ARMS)[variable] = value


def arm(meaning: str, ulps_of: float | None = None) -> Callable[[Callable[[int], float]], Arm]:
    """Declare the decorated function of the seed an arm, named after it; measures list it in `arms=`."""

    def declare(compute: Callable[[int], float]) -> Arm:
        return Arm(compute.__name__, meaning, compute, ulps_of)

    return declare


def _of_run(run: Callable[[int], "Run"], what: str, score, recipe: tuple) -> Arm:
    """An arm: `score(model, run)` of `run(seed)`, trained; its meaning, `what` of the run's description."""
    from approx.training.session import train

    def compute(seed: int) -> float:
        made = run(seed)
        return score(train(made), made)

    return Arm("", f"{what} {run(0).description}", compute, recipe=recipe)


def mse_of(run: Callable[[int], "Run"]) -> Arm:
    """An arm: the MSE of `run(seed)`, trained, on the run's own target and grid."""
    from approx.analysis.approximation import mse

    return _of_run(run, "MSE of", lambda model, made: mse(model, made.target, made.grid), ("mse", run))


NEAR = 0.5  # the half-width, in x, of the region an error near a place is taken over


def error_near_of(run: Callable[[int], "Run"], places: tuple[float, ...], where: str, radius: float = NEAR) -> Arm:
    """An arm: the RMS error of `run(seed)`, trained, within `radius` of `places` (`where`, in words)."""
    from approx.analysis.approximation import rms_error_near

    return _of_run(run, f"RMS error within {radius:g} of {where} of",
                   lambda model, made: rms_error_near(model, made.target, made.grid, places, radius),
                   ("rms_near", run, tuple(places), radius))


def measure(meaning: str, *, why: str, above: float | None = None, below: float | None = None,
            between: tuple[float, float] | None = None, arms: tuple[Arm, ...] = (), by_rate: bool = False,
            ulps_of: float | None = None, reader: str = "", reader_rule: str = "", recipe: tuple = ()):
    """Declare the decorated function of the seed a measure, named after it, with one rule: above, below or between.

    `arms` are the arms it is computed from, so that each is recorded and
    compared with the baseline beside it; they must be registered before
    it. `reader` says the value to the article's reader, a format string of
    `{value}`, and `reader_rule` the rule, where the generic words of
    `rule_said` fall short. `recipe` says how a factory made it (`ratio`),
    for a reproducer without approx.
    """
    if sum(rule is not None for rule in (above, below, between)) != 1:
        raise ValueError("a measure needs exactly one of above=, below=, between=")
    if not all(isinstance(a, Arm) for a in arms):
        raise ValueError(f"not arms: {[a for a in arms if not isinstance(a, Arm)]}")
    rule = Rule(*between) if between is not None else Rule(low=above, high=below)

    def declare(compute: Callable[[int], float]) -> Measure:
        return Measure(compute.__name__, meaning, compute, rule, why=why, parts=tuple(arms), by_rate=by_rate,
                       ulps_of=ulps_of, reader=reader, reader_rule=reader_rule, made_by=recipe)

    return declare


def ratio(numerator: Arm, denominator: Arm, meaning: str, **rule) -> Measure:
    """A measure: numerator(seed) / denominator(seed), its two arms, with `rule` as for `measure`.

    `rule` takes `reader=` and `reader_rule=` too, passed on to `measure`.
    """
    quotient = measure(meaning, arms=(numerator, denominator), recipe=("ratio", numerator, denominator), **rule)(
        lambda seed: numerator(seed) / denominator(seed))
    return replace(quotient, name="")  # not "<lambda>": the variable its section binds it to names it


def quantities() -> dict[str, Measure | Arm]:
    """Every measure and arm by name: what the baseline records and the drift test compares."""
    return {**MEASURES, **ARMS}


def round_off_only() -> dict[str, float]:
    """The names settled to float32 round-off, and the scale of their ulps (the drift test's `ulps_of`)."""
    return {name: q.ulps_of for name, q in quantities().items() if q.ulps_of is not None}
