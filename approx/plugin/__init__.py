"""The pytest plugin that turns spec tests into the article's claims.

  options   --seeds / --seed-base (mirrored by ini keys) and the `seeds` fixture
  claims    the `claim` marker, each test's statement, its evidence, and the
            end-of-run account of the article, claim by claim
  html      a Claim and a Verdict column in pytest-html's report

It imports no TensorFlow, so `pytest tests/` and `--help` stay quick.
"""
