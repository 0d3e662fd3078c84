"""approx: the article "The simplest neural network", as executable claims.

Modules, in the order the article needs them:
  framework      Keras 3 on TensorFlow, imported once; the versions that decide the numbers
  targets        the functions approximated and the grids they are sampled on
  nets           the article's networks as values, built with keras.Sequential
  training       reproducible training through model.fit, one compiled model per architecture
  store          trained weights kept between runs, keyed by everything that decides them
  article        the article's training runs, cell by cell
  layers         a trained model read back as (W, b, activation)
  linear         collapse of stacked linear layers; the least-squares line
  piecewise      ReLU breakpoints, segments and linear pieces
  decomposition  a tanh net split into per-neuron terms
  extrapolation  slopes and error beyond the training interval
  approximation  errors: MSE, where the error sits
  initialisers   what glorot_normal / he_normal promise
  gradients      gradient reaching the first layer at initialisation
  roundoff       how close float32 must come to float64 maths
  measures       the statistical claims, one number per seed
  reliability    how many seeds must pass, from the calibration
  calibration    the committed calibration data; calibrate: the command making it
  figures        the article's figures, as matplotlib Figures
  report         reports/claims.json and reports/index.html
  plugin         the pytest plugin
  reference      the training algorithm in plain numpy (the benchmark's floor)
  bench, drill   the benchmark; the drift drill
  cli            argument types shared by the options and the commands
  atomic         writing a file whole or not at all
"""
