"""The article back, claim by claim, at the end of the terminal's output, wrapped to the terminal's width.

Section by section, in the article's order: each claim's one verdict
(approx.report.verdicts), what the article says there in our words (or, for
§10 and §11, what the spec checks), what is true instead where it is not
right, and the numbers the article printed beside ours, exactly as printed.
The behaviour of each measure and arm against the baseline is the gate's: a
line for each that moved, every one with -v, and one line when nothing did.
The bottom line closes the section. It reads the run's claim records
(approx.report.records.ClaimRecord) as the readers' page does, card by card
(approx.report.cards).
"""

import textwrap

from approx.article.sections import SECTIONS
from approx.plugin.gate import mode
from approx.plugin.options import spec_run
from approx.report.cards import cards
from approx.report.verdicts import lead, of_claims
from approx.statistics.drift import ALPHA

INDENT = 2 + 6 + 1  # a claim's lines hang under its statement: "  S2.4   …"


def pytest_terminal_summary(terminalreporter, config):
    state = spec_run(config)
    if not state.records:
        return
    terminalreporter.section(f"the article, claim by claim ({len(state.seeds)} seeds: {state.seeds[0]} …"
                             f" {state.seeds[-1]})")
    width = terminalreporter._tw.fullwidth  # the terminal's, or $COLUMNS; pytest's own sections use it too
    verbose = config.getoption("verbose") > 0
    judging = config.pluginmanager.hasplugin("approx.plugin.gate")  # --drift is that plugin's option
    behaviour = _behaviour(state.drift or {}, verbose, mode(config) == "fail") if judging else []
    for line in account_lines(state.records, width, verbose, behaviour):
        alarm = line.startswith("behaviour of") and "MOVED" in line or "behaviour(s) moved" in line
        terminalreporter.write_line(line, red=alarm, bold=alarm)


def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False) or [first]


def _behaviour(judged: dict, verbose: bool, failing: bool) -> list[str]:
    """The gate's lines: one per measure or arm that moved (every one with -v), or one saying none did."""
    moved = sorted((d for d in judged.values() if d.moved), key=lambda d: d.name)
    shown = sorted(judged.values(), key=lambda d: (not d.moved, d.name)) if verbose else moved
    lines = [f"behaviour of {d.name}: {'MOVED' if d.moved else 'as the baseline'}, {d.effect} (judged {d.judged};"
             f" detects {d.sees})" for d in shown]
    if moved:
        lines.append(f"{len(moved)} behaviour(s) moved, which {'fails the run' if failing else 'is reported only'}"
                     f"{'' if failing else ' (--drift warn)'}: {', '.join(d.name for d in moved)}. If the change is"
                     f" intended, re-baseline with `approx calibrate` and commit calibration/calibration.json.")
    elif judged:
        family = next(iter(judged.values())).family
        lines.append(f"behaviour: none of the {len(judged)} measures and arms moved against the baseline ({family}"
                     f" paired and rank tests, Holm, false-alarm rate ≤ {ALPHA:.0%} per run; -v lists them)")
    return lines


def account_lines(records, width: int = 100, verbose: bool = False, behaviour: list[str] = ()) -> list[str]:
    """The article back, claim by claim, from the run's claim records, then `behaviour`'s lines and the bottom
    line, no line wider than `width`."""
    ordered = sorted(records, key=lambda r: r.order)
    verdicts = of_claims(ordered)
    lines, section, hang = [], None, " " * INDENT
    for card in cards(verdicts, ordered):
        if card.section != section:
            section = card.section
            lines.append(f"§{section} {SECTIONS.get(section, '')}")
        article = card.article
        said = f"The article ({article.place}): {article.says}." if article else card.statement
        lines += _wrapped(f"{card.label.upper()}. {said}", width, f"  {card.id:6s} ", hang)
        if article and article.reading:
            lines += _wrapped(f"Our reading, not the article's: {article.reading}.", width, hang, hang)
        if card.verdict.instead:
            lines += _wrapped(f"Instead: {card.verdict.instead}.", width, hang, hang)
        if card.relies:
            lines += _wrapped(card.relies, width, hang, hang)
        for record in card.records:
            for release in record.releases:
                if release.applies:
                    lines += _wrapped(f"declared for {release.where}: {release.expect} here, because"
                                      f" {release.reason}", width, hang, hang)
        for number in card.numbers:
            lines += _wrapped(f"{number.name} = {number.ours:.9g} (the article printed {number.article})",
                              width, hang, hang)
        if verbose:  # the card's numbers in words, and each test's own word, as the gate's page gives them
            for line in card.headline:
                lines += _wrapped(line, width, hang, hang)
            for check in card.checks:
                cases = f" [{', '.join(check.cases)}]" if check.cases else ""
                lines += _wrapped(f"{check.word}: {check.role}: {check.statement}{cases}", width,
                                  hang, hang + "  ")
    for line in behaviour:
        lines += _wrapped(line, width, "", "  ")
    lines += _wrapped(f"bottom line: {lead(verdicts)}", width, "", "  ")
    return lines
