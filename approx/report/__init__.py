"""The report: the article as a living document, rebuilt by every spec run.

  document  reports/claims.json: the records in the article's order, and their JSON Schema
  verdicts  one verdict per claim for readers, worked out from its tests (catalogue v4's scale), and the bottom line
  page      reports/index.html (the article, verified, for readers) and gate.html (the gate's machinery),
            from the Jinja2 templates in templates/
  comparison  the JSON Schema of what `approx compare --json` prints

It takes plain records and knows nothing of pytest: the plugin
(approx.plugin.report) makes the records from pytest's reports at the end of
a run, on the xdist controller, and calls both.
"""
