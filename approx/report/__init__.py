"""The report: the article as a living document, rebuilt by every spec run.

  document  reports/claims.json: the records in the article's order, and their JSON Schema
  page      reports/index.html, from the Jinja2 templates in templates/
  comparison  the JSON Schema of what `approx compare --json` prints

It takes plain records and knows nothing of pytest: the plugin
(approx.plugin.report) makes the records from pytest's reports at the end of
a run, on the xdist controller, and calls both.
"""
