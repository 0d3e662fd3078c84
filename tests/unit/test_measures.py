"""The measures' registry: a measure and its arms are values a spec test passes, each declared once."""

import ast
import re
import types
from pathlib import Path

import numpy as np
import pytest

from approx.article import runs
from approx.statistics import calibration, measures
from approx.statistics.measures import ARMS, MEASURES, Arm, Measure, Rule, depth, momentum, registry


def test_a_spec_test_passes_the_registered_object_itself():
    assert isinstance(momentum.momentum_gain, Measure) and MEASURES["momentum_gain"] is momentum.momentum_gain
    assert isinstance(momentum.mse_relu_momentum_on_sine, Arm)
    assert momentum.momentum_gain.arms == ("mse_relu59_on_sine", "mse_relu_momentum_on_sine")


def test_an_arm_made_from_a_run_says_what_it_trains():
    assert depth.mse_sigmoid_momentum_on_hard.meaning == f"MSE of {runs.sigmoid_momentum_on_hard(0).description}"
    assert "seed" not in depth.mse_sigmoid_momentum_on_hard.meaning
    assert momentum.rms_relu100_near_bends.meaning.startswith("RMS error within 0.5 of ±π/2 of relu[100]")


def _section(**declared):
    """A stand-in for a module of measures: its variables, in the order it binds them."""
    return types.SimpleNamespace(**declared)


@pytest.fixture
def empty(monkeypatch):
    """An empty registry for a test's own sections, the real one untouched."""
    monkeypatch.setattr(registry, "MEASURES", {})
    monkeypatch.setattr(registry, "ARMS", {})


def test_a_factorys_measure_and_arms_take_the_names_of_their_variables(empty):
    top, bottom = measures.mse_of(runs.relu_momentum_on_sine), measures.mse_of(runs.neuron_on_sine)
    quotient = measures.ratio(top, bottom, "top / bottom", above=1.0, why="w")
    assert top.name == quotient.name == ""
    measures.register(_section(top=top, bottom=bottom, quotient=quotient))
    assert list(registry.ARMS) == ["top", "bottom"] and registry.MEASURES == {"quotient": quotient}
    assert quotient.arms == ("top", "bottom") and quotient.recipe == ("ratio", "top", "bottom")


def test_each_name_is_the_variable_a_section_binds_it_to():
    for name, value in measures.quantities().items():
        assert any(vars(section).get(name) is value for section in measures.CONTENTS), name
    before = list(measures.quantities())
    measures.register(*measures.CONTENTS)  # what a section imports, or a second registration, is passed over
    assert list(measures.quantities()) == before


@pytest.mark.parametrize("at", range(len(measures.CONTENTS)))
def test_a_section_imports_only_the_sections_above_it(at):
    """Else the one above would name the arms it imports, and register them out of the table's order."""
    section = measures.CONTENTS[at]
    above = {s.__name__ for s in measures.CONTENTS[:at]}
    tree = ast.parse(Path(section.__file__).read_text(encoding="utf-8"))
    imported = set()  # `from approx.statistics.measures.momentum import …` and `from … import momentum` alike
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    sections = {s.__name__ for s in measures.CONTENTS}
    assert imported & sections <= above, f"{section.__name__} imports {sorted(imported & sections - above)}"


def test_a_name_is_declared_once():
    again = measures.ratio(momentum.mse_relu100_on_sine, momentum.mse_relu_momentum_on_sine, "again", above=1.0,
                           why="a second declaration")
    with pytest.raises(ValueError, match="'momentum_gain' is defined twice"):
        measures.register(_section(momentum_gain=again))
    with pytest.raises(ValueError, match="defined twice"):
        measures.register(_section(mse_relu100_on_sine=measures.mse_of(runs.relu_momentum_on_sine)))


def test_a_function_is_bound_to_its_own_name():
    @measures.arm("one arm")
    def one_name(seed):
        return 1.0

    with pytest.raises(ValueError, match="'one_name' is bound to 'another_name'"):
        measures.register(_section(another_name=one_name))


def test_a_measure_takes_only_registered_arms_and_one_rule():
    stray = measures.mse_of(runs.relu_momentum_on_sine)  # bound to no variable of a section: never named
    with pytest.raises(ValueError, match="not registered arms"):
        measures.register(_section(quotient=measures.ratio(stray, momentum.mse_relu_momentum_on_sine, "m",
                                                           above=1.0, why="w")))
    with pytest.raises(ValueError, match="exactly one of above=, below=, between="):
        measures.measure("m", why="w", above=1.0, below=2.0)
    assert "quotient" not in MEASURES and stray not in ARMS.values()


# The words of the machinery, which the reader's page must not use: it says the numbers as the article would.
INTERNAL_WORDS = re.compile(r"(?<!\w)(arms?|envelopes?|ulps|seeds?|calibrations?|measures?|rules?|δ|holm|mse)(?!\w)",
                            re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_every_measure_says_its_calibration_median_in_plain_words(name):
    measure = MEASURES[name]
    assert measure.reader, f"{name} has no reader= text"
    said = measure.said(float(np.median(calibration.committed().of(name))))
    assert "{" not in said and "}" not in said
    for text in (said, measure.rule_said()):
        assert not INTERNAL_WORDS.search(text), f"{name}: {INTERNAL_WORDS.search(text).group()!r} in {text!r}"


def test_a_measure_says_its_value_and_rule_in_the_readers_units():
    share = Measure("m", "the share", lambda s: 0.0, Rule(low=0.5), reader="{value:.0%} of the units are flat")
    assert share.said(0.85) == "85% of the units are flat"
    assert share.rule_said() == "more than 50%"
    gain = Measure("m", "a / b", lambda s: 0.0, Rule(0.7, 4.0), reader="a's error is {value:.1f} times b's")
    assert gain.rule_said() == "between 0.7 and 4"
    assert Measure("m", "a / b", lambda s: 0.0, Rule(high=1e-4)).rule_said() == "less than 0.0001"
    assert Measure("m", "a / b", lambda s: 0.0, Rule(low=1.0), reader_rule="3 or more").rule_said() == "3 or more"


def test_a_measure_without_reader_text_says_its_meaning():
    assert Measure("m", "a / b", lambda s: 0.0, Rule(low=1.0)).said(22.4512) == "a / b: 22.5"


def test_a_broken_reader_text_fails_where_it_is_declared():
    with pytest.raises(ValueError, match="one field"):
        Measure("m", "a / b", lambda s: 0.0, Rule(low=1.0), reader="{ratio:.1f} times smaller")
    with pytest.raises(ValueError):
        Measure("m", "a / b", lambda s: 0.0, Rule(low=1.0), reader="{value:.1q} times smaller")
