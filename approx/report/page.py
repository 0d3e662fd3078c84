"""reports/index.html: the article read back, claim by claim, in one self-contained file.

No scripts, fonts or images are fetched: figures are embedded as PNG data,
per-seed charts are inline SVG, styles are inline CSS.
"""

import html
import math

from approx.plugin.claims import SECTIONS

VERDICT_TEXT = {
    "confirmed": "confirmed", "corrected": "corrected", "refuted": "the article is wrong here",
    "FAILED": "FAILED", "skipped": "skipped",
}

STYLE = """
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; background: #f6f7f9;
       margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 1.9em; margin: 0.2em 0 0.1em; } h2 { margin-top: 2.2em; border-bottom: 2px solid #e3e6eb; }
.subtitle { color: #5b6472; margin-top: 0; }
.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 0.92em; margin: 1em 0; }
.run dt { color: #5b6472; } .run dd { margin: 0; }
.counts span { display: inline-block; margin: 0 6px 6px 0; padding: 2px 10px; border-radius: 12px; }
nav ol { columns: 2; font-size: 0.95em; }
article.claim { border: 1px solid #e3e6eb; border-left: 6px solid #9aa3af; border-radius: 6px;
                padding: 10px 16px; margin: 14px 0; }
article.confirmed { border-left-color: #2f9e44; } article.corrected { border-left-color: #1c7ed6; }
article.refuted { border-left-color: #e8590c; background: #fffaf5; }
article.FAILED { border-left-color: #c92a2a; background: #fff5f5; }
.head { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.id { font-weight: 700; } .cell { color: #5b6472; font-size: 0.9em; }
.badge { margin-left: auto; font-size: 0.8em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em;
         padding: 2px 10px; border-radius: 12px; color: #fff; background: #9aa3af; }
.badge.confirmed { background: #2f9e44; } .badge.corrected { background: #1c7ed6; }
.badge.refuted { background: #e8590c; } .badge.FAILED { background: #c92a2a; }
.statement { margin: 6px 0; } .article-says { color: #8a4b0f; font-style: italic; }
.how { color: #5b6472; font-size: 0.9em; margin: 4px 0; } .why { color: #8a4b0f; margin: 4px 0; }
table { border-collapse: collapse; font-size: 0.9em; margin: 6px 0; }
td, th { padding: 2px 10px; border-bottom: 1px solid #eef0f3; text-align: left; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
.stats { font-size: 0.9em; } .fail { color: #c92a2a; font-weight: 600; }
figure { margin: 10px 0; } figure img { max-width: 100%; border: 1px solid #eef0f3; }
figcaption { font-size: 0.85em; color: #5b6472; }
pre { white-space: pre-wrap; font-size: 0.8em; background: #fff0f0; padding: 8px; border-radius: 4px;
      max-height: 24em; overflow: auto; }
"""

COUNT_COLOURS = {"confirmed": "#d3f9d8", "corrected": "#d0ebff", "refuted": "#ffe8cc", "FAILED": "#ffc9c9",
                 "skipped": "#e9ecef"}


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _number(value) -> str:
    return f"{value:.9g}" if isinstance(value, float) else _e(value)  # enough digits to see 1.9999999


def per_seed_svg(statistics: dict, width: int = 420, height: int = 120) -> str:
    """Each seed's value as a dot, log-scaled when the values span a decade, with the threshold as a line."""
    values = [float(v) for v in statistics["values"].values()]
    threshold = _threshold(statistics["rule"])
    marks = values + threshold
    positive = all(v > 0 for v in marks)
    log = positive and max(marks) / min(marks) > 10
    scale = (lambda v: math.log10(v)) if log else (lambda v: v)
    low, high = min(map(scale, marks)), max(map(scale, marks))
    pad = (high - low) * 0.15 or 1.0
    low, high = low - pad, high + pad

    def y(v):
        return height - 18 - (scale(v) - low) / (high - low) * (height - 30)

    step = (width - 60) / max(len(values), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="value per seed">', f'<rect width="{width}" height="{height}" fill="#fbfbfc"/>']
    for t in threshold:
        parts.append(f'<line x1="40" x2="{width - 10}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="#c92a2a" '
                     f'stroke-dasharray="4 3"/><text x="2" y="{y(t) + 4:.1f}" font-size="10" fill="#c92a2a">'
                     f'{t:.3g}</text>')
    for i, (seed, value) in enumerate(statistics["values"].items()):
        cx = 50 + step * (i + 0.5)
        parts.append(f'<circle cx="{cx:.1f}" cy="{y(value):.1f}" r="4" fill="#1c7ed6"><title>seed {_e(seed)}: '
                     f'{value:.4g}</title></circle><text x="{cx:.1f}" y="{height - 4}" font-size="10" '
                     f'text-anchor="middle" fill="#5b6472">{_e(seed)}</text>')
    parts.append(f'<text x="{width - 10}" y="12" font-size="10" text-anchor="end" fill="#5b6472">'
                 f'{"log scale" if log else "linear scale"}</text></svg>')
    return "".join(parts)


def _threshold(rule: str) -> list[float]:
    """The numbers a rule such as '> 1.2' or 'in (0.5, 2.5)' draws as lines."""
    text = rule.replace("in (", "").replace(")", "").replace(">", "").replace("<", "")
    return [float(part) for part in text.split(",")]


def _evidence(record: dict) -> str:
    if not record["evidence"]:
        return ""
    rows = "".join(f'<tr><td>{_e(e["name"])}</td><td class="num">{_number(e["ours"])}</td>'
                   f'<td class="num">{"" if e["article"] is None else _number(e["article"])}</td></tr>'
                   for e in record["evidence"])
    return f"<table><tr><th>measured</th><th>ours</th><th>article</th></tr>{rows}</table>"


def _statistics(record: dict) -> str:
    stats = record["statistics"]
    if stats is None:
        return ""
    n = len(stats["values"])
    cal_passed, cal_total = stats["calibrated"]
    return (f'<div class="stats"><p>{_e(stats["meaning"])} must be <b>{_e(stats["rule"])}</b> on at least '
            f'{stats["required"]} of {n} seeds: it was on <b>{stats["passed"]}/{n}</b> '
            f'(rate {stats["passed"] / n:.2f}). Calibration: {cal_passed}/{cal_total} seeds.</p>'
            f'{per_seed_svg(stats)}</div>')


def _figures(images: list[dict]) -> str:
    return "".join(f'<figure><img alt="{_e(f["caption"])}" src="data:image/png;base64,{f["png"]}">'
                   f'<figcaption>{_e(f["caption"])}{" — " + _e(f["cell"]) if f["cell"] else ""}</figcaption>'
                   f"</figure>" for f in images)


def claim_html(record: dict, images: list[dict]) -> str:
    cell = " ".join(filter(None, [record["cell"], f'[{record["case"]}]' if record["case"] else None]))
    says = '<span class="article-says">The article: </span>' if record["kind"] == "erratum" else ""
    message = f'<pre>{_e(record["message"])}</pre>' if record["message"] else ""
    why = f'<p class="why">Why: {_e(record["reason"])}</p>' if record["reason"] else ""
    return (f'<article class="claim {_e(record["verdict"])}" id="{_e(record["test"])}">'
            f'<div class="head"><span class="id">{_e(record["claim"])}</span><span class="cell">{_e(cell)}</span>'
            f'<span class="badge {_e(record["verdict"])}">{_e(VERDICT_TEXT[record["verdict"]])}</span></div>'
            f'<p class="statement">{says}{_e(record["statement"])}</p>'
            f'{why}<p class="how">{_e(record["test"])}</p>'
            f"{_evidence(record)}{_statistics(record)}{_figures(images)}{message}</article>")


def page(document: dict, images: dict[str, list[dict]]) -> str:
    """The whole page; `images` maps each test id to the figures it attached."""
    run = document["run"]
    versions = ", ".join(f"{k} {v}" for k, v in run["versions"].items())
    seeds = run["seeds"]
    counts = "".join(f'<span style="background:{COUNT_COLOURS[k]}">{v} {_e(k)}</span>'
                     for k, v in run["counts"].items() if v)
    sections: dict[int, list[dict]] = {}
    for record in document["claims"]:
        sections.setdefault(record["section"], []).append(record)
    toc = "".join(f'<li><a href="#s{n}">§{n} {_e(SECTIONS.get(n, ""))}</a></li>' for n in sorted(sections))
    body = "".join(
        f'<section id="s{n}"><h2>§{n} {_e(SECTIONS.get(n, ""))}</h2>'
        + "".join(claim_html(r, images.get(r["test"], [])) for r in records) + "</section>"
        for n, records in sorted(sections.items()))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>The simplest neural network, verified</title><style>{STYLE}</style></head><body><main>"
        "<h1>The simplest neural network, verified</h1>"
        "<p class=\"subtitle\">Every claim of the tutorial “Самая простая нейросеть”, checked on the installed "
        "Keras. Figures are redrawn from the models the tests trained.</p>"
        f"<dl class=\"run\"><dt>run</dt><dd>{_e(run['started'])}, {run['seconds']:.0f} s</dd>"
        f"<dt>versions</dt><dd>{_e(versions)}</dd>"
        f"<dt>seeds</dt><dd>{len(seeds)}: {_e(', '.join(map(str, seeds)))}</dd>"
        f"<dt>claims</dt><dd class=\"counts\">{counts}</dd></dl>"
        f"<nav><ol>{toc}</ol></nav>{body}</main></body></html>\n")
