"""approx: the article "The simplest neural network", as executable claims.

One folder per layer, top to bottom; every import points down, never up
(pyproject.toml's import-linter contract fails the build otherwise):

  tools | plugin       the maintainer's `approx` command (calibrate, bench, drill) | the pytest plugin
  report | statistics  claims.json and index.html | measures, reliability, the calibration
  analysis | training  reading what a model computes | training runs through model.fit, the weight store
  article              the article's targets, grids, networks, runs and sections, as values
  framework, atomic, cli
                       the ground: Keras imported once, on its backend; writing a file whole; argument types
  backend | installed | repository | probes
                       which Keras backend the process runs on (KERAS_BACKEND), read before Keras loads
                       | a module's installed version, whichever distribution provides it
                       | where the repository is: its committed records and the spec are read from there
                       | standalone checks of Keras (numpy and Keras only), for the spec and for `approx repro`

Siblings on one line (a | b) are independent: neither imports the other.
Each folder's __init__ lists its modules.
"""
