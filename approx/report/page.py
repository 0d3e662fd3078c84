"""reports/index.html: the article read back, claim by claim, in one self-contained file.

The page is a Jinja2 template (templates/index.html, with its style sheet
inlined); this module hands it the claims.json document and each test's
figures, and works out the geometry of the per-seed charts. No scripts,
fonts or images are fetched: figures are embedded as PNG data, charts are
inline SVG, styles are inline CSS.
"""

import math

import jinja2

from approx.article.sections import SECTIONS, position
from approx.report.document import EVIDENCE_KINDS, VERDICTS

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("approx.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,  # a missing field is a bug, not an empty string
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["number"] = lambda value: f"{value:.9g}" if isinstance(value, float) else value  # sees 1.9999999


def rendered(template: str, **context) -> str:
    """One of the report's templates (templates/), rendered: the report page, and the matrix page of approx matrix."""
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


def page(document: dict, images: dict[str, list[dict]], drill: dict | None = None) -> str:
    """The whole page; `images` maps each test id to the figures it attached; `drill`, the committed drill matrix."""
    sections: dict[int, list[dict]] = {}
    for record in document["claims"]:
        sections.setdefault(record["section"], []).append(record)
    return _TEMPLATES.get_template("index.html").render(
        run=document["run"], sections=dict(sorted(sections.items())), titles=SECTIONS, images=images,
        verdicts=VERDICTS, evidence_kinds=EVIDENCE_KINDS, chart_of=chart, drill=drill,
        catches=lambda record: catches(record, drill),
        claim_ids=lambda failed: sorted({test.split()[0] for test in failed}, key=position))
