"""The report: the article as a living document, rebuilt by every spec run.

  records   one record per claim from pytest's reports, and the JSON file (claims.json)
  page      the self-contained HTML page (index.html), in the article's order

The plugin in approx.plugin.report calls both at the end of a run, on the
xdist controller, from the reports every worker sent back.
"""
