"""A Claim and a Verdict column in pytest-html's report, when pytest-html is active."""

import html

from approx.plugin.claims import claimed, verdict_word


class ClaimColumns:
    def pytest_html_results_table_header(self, cells):
        cells.insert(1, "<th>Claim</th>")
        cells.insert(2, "<th>Verdict</th>")

    def pytest_html_results_table_row(self, report, cells):
        claim = claimed(report)
        text = "" if claim is None else f"{claim.claim} {claim.cell or ''}: {claim.statement}"
        cells.insert(1, f"<td>{html.escape(text)}</td>")
        cells.insert(2, f"<td>{html.escape(verdict_word(report) or '')}</td>")


def pytest_configure(config):
    if config.pluginmanager.hasplugin("html"):
        config.pluginmanager.register(ClaimColumns(), "approx-html-columns")
