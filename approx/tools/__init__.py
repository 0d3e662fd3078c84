"""The maintainer's tools, run as `approx SUBCOMMAND`, never by the spec.

Each command is a module of its own; the work it does lives in a module named for the work.

  command       the `approx` console script: a subcommand per module below
  calibrate     every measure and arm over the calibration seeds, committed as the baseline; the changelog
  bench         the benchmark: training paths and the whole spec, cold and warm
  drill         the drift drill: one Keras behaviour changed under its own name, and what the gate caught
  compare       two claims.json files or baselines: which claims flipped, which behaviours moved (text or JSON)
  docs          re-render the README's and docs' generated tables with cog
  summary       a run's claims.json in CI's terms: a Markdown job summary, annotations, step outputs
  matrix        the spec on every release pair of matrix/pairs.json, each in its own environment
  bisect        which published version of a package broke a claim, a behaviour or the gate
  repro         a standalone reproducer of one claim, spec test, measure or arm (numpy and Keras, no approx)
  upstream      after the nightly gate: the last nightly that passed, and a bisection and reproducer of what broke

The work:

  measuring     a calibration's pieces: every name on one seed under one round-off variant
  tables        the tables the docs quote, each from its committed record (one module per record)
  changes       the changes the drill makes to Keras, and the plugin that makes them
  skewed_fit    patches that skew fit's shuffle on each backend, keeping its shape (the drill's graded shuffles)
  shuffle_calibration
                the shuffle tests simulated: false alarms on uniform orders, power on skewed ones (shuffle.json)
  pieces        a job's independent pieces on the local process pool or a Dask cluster
  journal       what a job of pieces has done so far, on disk, so that a run cut short resumes
  spec_run      `pytest spec/` in its own process, and the claims.json it wrote (for bench, drill, matrix, bisect)
  reference     the training algorithm in plain numpy (the benchmark's floor)
  search        bisect's search, pure: a good version next to a bad one, skipped ones stepped around
  trial         one version tried: installed beside the pins, what is watched run there: good, bad or skip
  index         the versions a package index publishes, with their build dates (PEP 691)
  environments  an environment per version of one package, beside everything else pinned
  checks        the spec's exact checks of Keras, one line each, for repro
  recipes       each measure's and arm's value, one line each, and the runs they train, for repro
  reproducers   the reproducer script's own parts (models, training, main)
"""
