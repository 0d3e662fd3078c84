"""The two pages of a run: index.html, the article verified for its readers, and gate.html, the gate's machinery.

Both are Jinja2 templates (templates/, with the style sheet inlined) over
the run's Document (approx.report.document), whose records hold the figures
too. The readers' page is a card per claim (approx.report.cards), in the
article's order, with its one verdict (approx.report.verdicts), our numbers
beside the article's, the figures and, folded under it, the tests; the
gate's page keeps each test's behaviour
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
from approx.report.cards import cards
from approx.report.document import Document
from approx.report.records import ClaimRecord, ClaimVerdict, Statistics
from approx.report.verdicts import by_claim, lead, some, tally
from approx.report.words import EVIDENCE_KINDS, SCALE, VERDICTS

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("approx.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a missing field is a bug, not an empty string
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.globals["verdicts"] = VERDICTS  # the style sheet colours each verdict from its record
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


def chart(statistics: Statistics) -> dict:
    """Where each seed's dot, each threshold line and the baseline's box sit in the per-seed chart.

    The baseline (the calibration's seeds) is drawn under the run's seeds:
    its range as a pale band, its quartiles as a box, its median as a line.

    Log-scaled when every mark is positive and they span more than a decade.
    """
    values = {seed: float(v) for seed, v in statistics.values.items()}
    lines = [float(b) for b in statistics.bounds]
    spread, quartiles = statistics.spread, statistics.quartiles
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


def per_seed_svg(statistics: Statistics) -> str:
    """The per-seed chart of one statistical claim, as inline SVG."""
    return _TEMPLATES.get_template("chart.svg").render(chart=chart(statistics))


def catches(record: ClaimRecord, drill: dict | None) -> list[str]:
    """The drill's changes this claim test catches: the ones it fails under, and the ones that move its measure or arms."""
    if not drill:
        return []
    test = f"{record.claim} {record.test.split('::')[-1]}"
    names = [b.name for b in record.behaviour]
    found = []
    for change, row in drill["drills"].items():
        if row.get("kind", "change") != "change":
            continue
        moved = [name for name in names if name in row.get("moved", ())]
        how = (["fails it"] if test in row["failed"] else []) + ([f"moves {', '.join(moved)}"] if moved else [])
        if how:
            found.append(f"{change} ({'; '.join(how)})")
    return found


def beside(verdicts: list[ClaimVerdict]) -> Markup:
    """What else the page holds: our findings and the facts about Keras, which are not the article's claims."""
    told = [f'<a href="#s{section}">{some(count, what)}</a>' for section, what in ((11, "finding of our own"),
                                                                               (10, "fact about Keras 3"))
            if (count := sum(v.section == section for v in verdicts))]
    if not told:
        return Markup("")
    return Markup(f"Beside the article’s claims, we report {' and '.join(told)}. They carry labels, not verdicts:"
                  f" they are not the article’s claims.")


def index(document: Document) -> str:
    """The readers' page: the bottom line, the legend, and a card per claim, with the figures its records hold."""
    made = cards(document.verdicts, document.claims)
    sections: dict[int, list] = {}
    for card in made:
        sections.setdefault(card.section, []).append(card)
    advice = {card.id: " ".join(card.headline) for card in made if card.verdict.verdict == "advice"}
    return rendered("index.html", run=document.run, sections=sections, titles=SECTIONS, scale=SCALE,
                    by_verdict=tally(document.verdicts), lead=lead(document.verdicts),
                    beside=beside(document.verdicts), advice=advice,
                    failed_tests=[r for r in document.claims if r.verdict == "FAILED"])


def gate(document: Document, drill: dict | None = None) -> str:
    """The gate's page: the run against its baseline, each claim's tests with their behaviour, and the drill."""
    return rendered(
        "gate.html", run=document.run, claims=by_claim(document.claims),
        evidence_kinds=EVIDENCE_KINDS, chart_of=chart, drill=drill, catches=lambda record: catches(record, drill),
        claim_ids=lambda failed: sorted({test.split()[0] for test in failed}, key=position))
