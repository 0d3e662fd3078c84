"""Standalone checks of the framework: each module imports numpy and Keras, nothing of approx.

The spec runs them, and `approx repro` copies a module as it is into a
script for an upstream report, so a check is written once and means the same
in both. Each module says what it checks in its docstring's first paragraph,
what holds on the baseline's release (`HOLDS`), and has `observe()`, which
returns what is wrong here, in words: nothing when the check holds.

  defaults   what Keras does where the article leaves the choice to it (S1.1, S3.2, S10.1-S10.5)
  initialisers  Keras's initialiser draws against what their names promise (S6.3, S10.3)
  steps      optimiser steps of one neuron worked out by hand
  dense      what a stack of Dense layers computes, from its weights and outputs (numpy only): the
             analyses' arithmetic, and the reproducers'
  gradients  the first layer's gradient, through one step of Keras's own SGD (S9.2)
  shuffling  S10.4: model.fit, unseeded, takes every epoch in a fresh order
"""
