"""The maintainer's tools, run as `approx SUBCOMMAND` (command), never by the spec.

  command    the `approx` console script
  calibrate  every measure and arm over the calibration seeds (the baseline); the changelog
  bench      the benchmark: training paths and the whole spec, cold and warm
  drill      the drift drill: one Keras behaviour changed under its own name, and what the gate caught
  compare    two claims.json files or baselines: which claims flipped, which behaviours moved (text or JSON)
  docs       the README's and docs' generated tables, rendered by cog from the committed files
  changes    the changes the drill makes to Keras, and the plugin that makes them
  spec_run   `pytest spec/` in its own process, and the claims.json it wrote (for bench, drill and matrix)
  summary    a run's claims.json in CI's terms: a Markdown job summary, annotations, step outputs
  matrix     the spec on every release pair of matrix/pairs.json, each in its own environment
  reference  the training algorithm in plain numpy (the benchmark's floor)
  pieces     a job's independent pieces on the local process pool or a Dask cluster; the journal that resumes it
  bisect     which published version of a package broke a claim, a behaviour or the gate: the command, from
  search     the bisection itself, pure: a good version next to a bad one, skipped ones stepped around, and
  trial      one version tried: installed beside the pins, what is watched run there, good, bad or skip
  index      the versions a package index publishes, with their build dates (PEP 691)
  environments  an environment per version of one package, beside everything else pinned (bisect's steps)
  repro      a standalone reproducer of one claim, spec test, measure or arm (numpy and Keras, no approx): the parts
             of reproducers/ and the approx.probes it needs, and its lines from
  checks     the spec's exact checks of Keras, one line each, and
  recipes    each measure's and arm's value, one line each, and the runs they train
  upstream   after the nightly gate: the last nightly that passed, and a bisection and reproducer of what broke
"""
