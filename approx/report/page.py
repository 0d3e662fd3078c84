"""The two pages of a run: index.html, the article verified for its readers, and gate.html, the gate's machinery.

Both are Jinja2 templates (templates/, with the style sheet inlined) over
the claims.json document and each test's figures. The readers' page is a
card per claim, in the article's order, with its one verdict
(approx.report.verdicts), our numbers beside the article's, the figures and,
folded under it, the tests; the gate's page keeps each test's behaviour
against the baseline, its per-seed chart and what the drill's changes do to
it. Each claim has the same anchor on both (#S2.4), and each page links to
the other's. No scripts, fonts or images are fetched: figures are embedded
as data, charts are inline SVG, styles are inline CSS.
"""

import math
import re

import jinja2
from markupsafe import Markup, escape

from approx.article.sections import SECTIONS, position
from approx.article.statements import said
from approx.report.document import EVIDENCE_KINDS, VERDICTS
from approx.report.verdicts import LABELLED, NEEDS_INSTEAD, SCALE, by_claim, label, lead, some, tally

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("approx.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a missing field is a bug, not an empty string
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["number"] = lambda value: f"{value:.9g}" if isinstance(value, float) else value  # sees 1.9999999
CLAIM_REFERENCE = re.compile(r"\bS\d+\.\d+\b")


CODE = re.compile(r"`([^`]+)`")


def linked(text: str | None, page: str = "") -> Markup:
    """`text`, escaped, with every claim id in it (S10.3, S1.3's) a link to that claim's card, and `code` as code."""
    escaped = CODE.sub(r"<code>\1</code>", str(escape(text or "")))
    return Markup(CLAIM_REFERENCE.sub(lambda m: f'<a href="{page}#{m[0]}">{m[0]}</a>', escaped))


_TEMPLATES.filters["linked"] = linked


def rendered(template: str, **context) -> str:
    """One of the report's templates (templates/), rendered: the two pages, and the matrix page of approx matrix."""
    return _TEMPLATES.get_template(template).render(**context)

CHART = {"width": 420, "height": 120, "left": 40, "right": 10, "top": 12, "bottom": 18}


def chart(statistics: dict) -> dict:
    """Where each seed's dot, each threshold line and the baseline's box sit in the per-seed chart.

    The baseline (the calibration's seeds) is drawn under the run's seeds:
    its range as a pale band, its quartiles as a box, its median as a line.

    Log-scaled when every mark is positive and they span more than a decade.
    """
    values = {seed: float(v) for seed, v in statistics["values"].items()}
    lines = [float(b) for b in statistics["bounds"]]
    spread = statistics.get("spread")
    quartiles = statistics.get("quartiles")
    marks = [*values.values(), *lines, *([spread[0], spread[2]] if spread else [])]
    log = all(v > 0 for v in marks) and max(marks) / min(marks) > 10
    scale = math.log10 if log else float
    low, high = min(map(scale, marks)), max(map(scale, marks))
    pad = (high - low) * 0.15 or 1.0
    low, high = low - pad, high + pad
    width, height = CHART["width"], CHART["height"]
    plot_height = height - CHART["top"] - CHART["bottom"]

    def y(v):
        return round(height - CHART["bottom"] - (scale(v) - low) / (high - low) * plot_height, 1)

    step = (width - CHART["left"] - 20) / max(len(values), 1)
    return {
        **CHART, "log": log,
        "lines": [{"y": y(t), "label": f"{t:.3g}"} for t in lines],
        "dots": [{"x": round(CHART["left"] + 10 + step * (i + 0.5), 1), "y": y(v), "seed": seed, "value": f"{v:.4g}"}
                 for i, (seed, v) in enumerate(values.items())],
        "spread": None if not spread else {"top": y(spread[2]), "height": max(round(y(spread[0]) - y(spread[2]), 1), 1),
                                           "median": y(spread[1]),
                                           "label": f"baseline: {spread[0]:.3g} … {spread[2]:.3g}, median {spread[1]:.3g}"},
        "box": None if not quartiles else {"top": y(quartiles[1]),
                                           "height": max(round(y(quartiles[0]) - y(quartiles[1]), 1), 1),
                                           "label": f"baseline quartiles: {quartiles[0]:.3g} … {quartiles[1]:.3g}"},
    }


def per_seed_svg(statistics: dict) -> str:
    """The per-seed chart of one statistical claim, as inline SVG."""
    return _TEMPLATES.get_template("chart.svg").render(chart=chart(statistics))


def catches(record: dict, drill: dict | None) -> list[str]:
    """The drill's changes this claim test catches: the ones it fails under, and the ones that move its measure or arms."""
    if not drill:
        return []
    test = f"{record['claim']} {record['test'].split('::')[-1]}"
    names = [b["name"] for b in record["behaviour"]]
    found = []
    for change, row in drill["drills"].items():
        if row.get("kind", "change") != "change":
            continue
        moved = [name for name in names if name in row.get("moved", ())]
        how = (["fails it"] if test in row["failed"] else []) + ([f"moves {', '.join(moved)}"] if moved else [])
        if how:
            found.append(f"{change} ({'; '.join(how)})")
    return found


# What a test is to its claim, and what its outcome says, in a reader's words.
ROLES = {"erratum": "the article's version", "corrected": "what is true instead", "claim": "the claim"}
RESULTS = {
    "confirmed": ("holds", "yes"), "usually": ("holds on most trainings", "yes"), "corrected": ("holds", "yes"),
    "refuted": ("does not hold", "no"), "differs": ("differs on this Keras, as declared", "differs"),
    "FAILED": ("failed on this Keras: see the gate's page", "failed"), "skipped": ("not run", "skipped"),
}
WORST_FIRST = ("FAILED", "refuted", "differs", "skipped", "usually", "corrected", "confirmed")


def _role(record: dict) -> str:
    if record["evidence_kind"] == "ours":
        return "our finding"
    if record["evidence_kind"] == "code" and record["kind"] == "claim":
        return "a reading of the article's code"
    if record["section"] in LABELLED and record["kind"] == "claim":
        return "the check"  # §10's and §11's are not the article's claims
    return ROLES[record["kind"]]


def _told(record: dict) -> list[str]:
    """A test's numbers as a reader reads them: how often, the typical training, against the article's."""
    lines = []
    if record["rate"]:
        rate = record["rate"]
        lines.append(f"{rate['statement'][:1].upper()}{rate['statement'][1:]} on {rate['baseline'][0]} of"
                     f" {rate['baseline'][1]} reference trainings, and on {rate['run'][0]} of {rate['run'][1]} in"
                     f" this run.")
        if rate["median"]:
            lines.append(f"On the typical reference training, {rate['median']}.")
    stats = record["statistics"]
    if stats and stats.get("said"):
        n, (held, total) = len(stats["values"]), stats["calibrated"]
        lines.append(f"On this run's typical training, {stats['said']['run']}. It held on {stats['passed']}"
                     f" of this run's {n} trainings, and on {held} of {total} reference trainings.")
    if record["usually"] and not record["rate"]:
        lines.append(f"It held on {record['usually']['passed']} of {record['usually']['total']} reference trainings.")
    if record["kind"] == "erratum" and record["reason"]:
        lines.append(f"Why not: {record['reason']}.")
    lines += [f"{'This' if d['applies'] else 'On'} Keras ({d['where']}): {d['reason']}."
              for d in record["releases"] if d["applies"]]
    return lines


def checks(records: list[dict]) -> list[dict]:
    """The tests under a card, one entry per test function: its cases (n = 1, 3, 5) share one entry."""
    grouped: dict[str, list[dict]] = {}
    for record in records:
        grouped.setdefault(record["test"].split("[")[0], []).append(record)
    entries = []
    for group in grouped.values():
        first = group[0]
        worst = min((r["verdict"] for r in group), key=WORST_FIRST.index)
        result, tone = RESULTS[worst]
        entries.append({
            "statement": first["statement"], "role": _role(first), "result": result, "tone": tone, "word": worst,
            "cases": [r["case"] for r in group if r["case"]], "told": _told(first),
            "numbers": [e for r in group for e in r["evidence"] if e["article"] is None],
            "tests": [r["test"] for r in group],
        })
    return entries


def _headline(verdict: dict, entries: list[dict]) -> list[str]:
    """The numbers shown on the card itself: the deciding test's, else the first claim test's, in words."""
    chosen = next((e for e in entries if verdict["decided_by"] in e["tests"]), None)
    chosen = chosen or next((e for e in entries if e["role"] == "the claim"), entries[0] if entries else None)
    return [] if chosen is None else [line for line in chosen["told"] if not line.startswith("Why not")]


def cards(document: dict, images: dict[str, list[dict]]) -> list[dict]:
    """Each claim as the readers' page shows it, in the article's order."""
    records = by_claim(document["claims"])
    made = []
    for verdict in document["verdicts"]:
        own = records[verdict["claim"]]
        shown = [r for r in own if not r["gate_only"]] or own
        entries = checks(shown)
        made.append({
            "id": verdict["claim"], "section": verdict["section"], "verdict": verdict, "grade": SCALE[verdict["verdict"]],
            "label": label(verdict), "article": said(verdict["claim"]),
            "statement": shown[0]["statement"], "cells": list(dict.fromkeys(r["cell"] for r in shown if r["cell"])),
            "numbers": [e for r in shown for e in r["evidence"] if e["article"] is not None],
            "checks": entries, "headline": _headline(verdict, entries), "figures": [f for r in shown for f in images.get(r["test"], [])],
            "gate_checks": len(own) - len(shown), "records": shown,
        })
    return made


def beside(verdicts: list[dict]) -> Markup:
    """What else the page holds: our findings and the facts about Keras, which are not the article's claims."""
    told = [f'<a href="#s{section}">{some(count, what)}</a>' for section, what in ((11, "finding of our own"),
                                                                               (10, "fact about Keras 3"))
            if (count := sum(v["section"] == section for v in verdicts))]
    if not told:
        return Markup("")
    return Markup(f"Beside the article’s claims, we report {' and '.join(told)}. They carry labels, not verdicts:"
                  f" they are not the article’s claims.")


def index(document: dict, images: dict[str, list[dict]]) -> str:
    """The readers' page: the bottom line, the legend, and a card per claim."""
    made = cards(document, images)
    sections: dict[int, list[dict]] = {}
    for card in made:
        sections.setdefault(card["section"], []).append(card)
    by_verdict = tally(document["verdicts"])
    advice = {card["id"]: " ".join(card["headline"]) for card in made if card["verdict"]["verdict"] == "advice"}
    return rendered("index.html", run=document["run"], sections=sections, titles=SECTIONS, scale=SCALE,
                    by_verdict=by_verdict, lead=lead(document["verdicts"]), beside=beside(document["verdicts"]),
                    advice=advice, instead_heading=NEEDS_INSTEAD,
                    failed_tests=[r for r in document["claims"] if r["verdict"] == "FAILED"])


def gate(document: dict, drill: dict | None = None) -> str:
    """The gate's page: the run against its baseline, each claim's tests with their behaviour, and the drill."""
    return rendered(
        "gate.html", run=document["run"], claims=by_claim(document["claims"]), verdicts=VERDICTS,
        evidence_kinds=EVIDENCE_KINDS, chart_of=chart, drill=drill, catches=lambda record: catches(record, drill),
        claim_ids=lambda failed: sorted({test.split()[0] for test in failed}, key=position))
