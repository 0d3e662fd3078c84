"""The maintainer's tools, run as `approx SUBCOMMAND` (command), never by the spec.

  command    the `approx` console script
  calibrate  every measure over the calibration seeds; the README's calibration table
  bench      the benchmark: training paths and the whole spec, cold and warm
  drill      the drift drill: one Keras behaviour changed on purpose, and the claims that catch it
  reference  the training algorithm in plain numpy (the benchmark's floor)
"""
