"""The pytest plugin that turns spec tests into the article's claims.

  options   --seeds / --seed-base (mirrored by ini keys), the run's settings (SpecRun), the `seeds` fixture
  claims    the `claim` marker, each test's statement, its evidence, and the run's final reports of them (FinalReports)
  releases  the `release` marker: where a claim reads differently on a framework release, and why
  completeness  whether the run checked the whole spec, and if not why (a partial report goes beside)
  junit     flat claim properties for --junitxml, and no figures
  from_reports  each claim test's record (approx.report.records.ClaimRecord), made once from its final report
  ending    the end of a run, in one place: gather, judge the behaviour and completeness, write
  report    reports/claims.json and reports/index.html, written atomically
  account   the article back, claim by claim, in the terminal
  weights   each process's training session, with the weight store in pytest's cache
  gate      the upgrade gate: every measure and arm against the baseline, --drift fail|warn
  html      a Claim and a Verdict column in pytest-html's report

It imports no TensorFlow, so `pytest tests/unit`, `--help` and the xdist
controller stay quick.
"""
