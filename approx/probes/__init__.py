"""Standalone checks of the framework: each module imports numpy and Keras, and of approx only its siblings here.

The spec runs them, and `approx repro` copies the modules, as they are, into
a script for an upstream report, so a check is written once and means the
same in both. A check returns what is wrong, in words: nothing when Keras
behaves as the spec expects.

  dense         what a stack of Dense layers computes, from its weights and outputs (numpy only): the
                analyses' arithmetic, and the reproducers'
  forward       the article's nets' outputs against the formula their weights give (S1.4, S2.1–S2.4,
                S7.1–S7.3, S10.4, S11.1, S11.2, S11.5)
  defaults      what Keras does where the article leaves the choice to it (S1.1, S3.2, S10.1–S10.5)
  steps         optimiser steps of one neuron, worked out by hand
  initialisers  what each initialiser name promises, and Keras's draws against it (S6.3, S10.3)
  tensors       a backend's tensors and variables as numpy, on Keras 2 and 3
  gradients     the first layer's gradient, through one step of Keras's own SGD (S9.2)
  shuffling     model.fit, unseeded, takes every epoch in a fresh order (S10.4)
"""
