"""The tables and figures README.md and docs/ quote, each built from committed files only.

A cog block in a page imports one of these modules and calls one of its
functions; `approx docs` writes what it returns under it (approx.tools.docs). Each reads its record
(or, for the round-off variants, approx's own table of them) and nothing
else, so a block is stale exactly when its record changed:

  baselines     calibration/calibration*.json: each measure's spread and power; the backends side by side
  drill_matrix  calibration/drill.json: what the gate caught of each change `approx drill` made
  speed         calibration/bench.json: one training three ways, the spec cold and warm, each backend
  matrix_findings  matrix/matrix.json: what the last `approx matrix` found, column by column
  roundoff_variants  approx.training.roundoff's own table: the variants the paired baseline is recomputed under
  regression    calibration/bisect-*.json and repro-*.json: a nightly's regression, bisected and reproduced
  shuffle       calibration/shuffle.json: S10.4's shuffle tests, their false alarms, real fit's check, their power
  tutorial      docs/adding-a-claim.md: the lines its claim took, counted from its own blocks

The commands that write the records (calibrate, drill, bench) re-render
the pages after; nothing here imports them. Nothing is imported here
either: `approx matrix` reads its record's path from `matrix_findings` without
loading Keras.
"""
