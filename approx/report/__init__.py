"""The report: the article as a living document, rebuilt by every spec run.

  records   what a run concluded, typed: each test's claim record, its evidence, statistics and behaviour,
            and one verdict per claim; the objects of claims.json, one dataclass each
  plain     the one pair of functions that writes a record as JSON values and reads it back, for claims.json
            and for the trip from an xdist worker to the controller
  words     every word a record can end on (a test's verdict, the readers' scale, a kind of evidence), with
            its labels and colours: one table each, read by every output
  document  reports/claims.json: the records in the article's order, and their JSON Schema
  verdicts  one verdict per claim for readers, worked out from its tests (catalogue v4's scale), and the bottom line
  cards     each claim as its readers see it, for the readers' page and the terminal
  page      reports/index.html (the article, verified, for readers) and gate.html (the gate's machinery),
            from the Jinja2 templates in templates/
  comparison  the JSON Schema of what `approx compare --json` prints

It knows nothing of pytest: the plugin (approx.plugin.from_reports) makes the
records from pytest's reports at the end of a run, on the xdist controller,
and calls both pages.
"""
