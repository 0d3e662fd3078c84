"""The article back, claim by claim, at the end of the terminal's output.

Section by section, in the article's order: what the article says there in
our words (and our reading, labelled as ours), each claim's verdict and
statement (a code reading or a finding of ours tagged as such), the release differences that
apply, and its numbers beside the article's. It reads the run's claim
records (approx.plugin.records.ClaimRecord), as claims.json does.
"""

from approx.article.sections import SECTIONS, position
from approx.plugin.options import spec_run
from approx.report.document import EVIDENCE_KINDS


def pytest_terminal_summary(terminalreporter, config):
    records = spec_run(config).records
    if not records:
        return
    seeds = spec_run(config).seeds
    terminalreporter.section(f"the article, claim by claim ({len(seeds)} seeds: {seeds[0]} … {seeds[-1]})")
    for line in account_lines(records):
        terminalreporter.write_line(line)


def _word(record) -> str:
    if record.verdict == "usually":
        return f"holds usually ({record.usually['passed']} of {record.usually['total']})"
    return record.verdict


def _details(record) -> list[str]:
    """What stands under a claim's line: declared differences, numbers, the statistical verdict, the behaviour."""
    from approx.statistics.reliability import shown  # scipy: not at import, --help stays quick

    lines = [f"declared for {d['where']}: {d['expect']} here, because {d['reason']}"
             for d in record.releases if d["applies"]]
    for number in record.evidence:
        theirs = "" if number["article"] is None else f"   (article: {number['article']:.8g})"
        lines.append(f"{number['name']} = {number['ours']:.8g}{theirs}")
    stats = record.statistics
    if stats is not None:
        values = ", ".join(shown(v, 3) for v in stats["values"].values())
        lines.append(f"{stats['meaning']} {stats['rule']}: {stats['passed']}/{len(stats['values'])} seeds"
                     f" (needs {stats['required']}) [{values}]; calibration median {stats['spread'][1]:.3g}")
    lines += [f"behaviour of {d.name}: {d.verdict}, {d.effect}" for d in record.behaviour]
    return [f"{'':18s} {line}" for line in lines]


def account_lines(records) -> list[str]:
    """The article back, claim by claim, from the run's claim records."""
    from approx.article.statements import said

    lines, section, last = [], None, None
    for record in sorted(records, key=lambda r: r.order):
        number = position(record.claim)[0]
        if number != section:
            section = number
            lines.append(f"§{number} {SECTIONS.get(number, '')}")
        if record.claim != last:
            last, article = record.claim, said(record.claim)
            if article is not None:
                lines.append(f"  {record.claim:6s} the article ({article.place}), in our words: {article.says}")
            if article is not None and article.reading:
                lines.append(f"  {'':6s} our reading, not the article's: {article.reading}")
        cell = f" ({record.cell})" if record.cell else ""
        cell += f" [{record.case}]" if record.case else ""
        prefix = "the article: " if record.kind == "erratum" else ""
        if record.evidence_kind != "framework":
            prefix = f"[{EVIDENCE_KINDS[record.evidence_kind].label}] {prefix}"
        lines.append(f"  {record.claim:6s} {_word(record):10s} {prefix}{record.statement}{cell}")
        lines += _details(record)
    return lines
