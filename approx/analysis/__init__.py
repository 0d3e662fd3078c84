"""Analysis: what a model computes, read through its forward pass and its weights, exact where the maths is.

  reading        a model's outputs (predict) and its Dense layers' weights
  linear         collapse of stacked linear layers; the least-squares line
  piecewise      ReLU breakpoints and segments, at any depth
  decomposition  a tanh net split into per-neuron terms
  extrapolation  slopes and error beyond the training interval
  approximation  errors: MSE, and where the error sits
  shape          a target's bends, plateaus and evenness, read on the function itself
  vanishing      the gradient reaching the first layer at initialisation

  figures        the article's figures as matplotlib Figures

Nothing here trains: a model comes in trained (approx.training) or built.
"""
