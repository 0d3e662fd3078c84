"""Training: a run goes in, a trained Keras model comes out, reproducibly and once.

  draws     what a seed means: starting weights and batch orders, drawn by approx (Philox)
  trainer   the article's algorithm through `model.fit`, on one compiled model per architecture
  store     trained weights kept between runs, keyed by everything that decides them
  session   what a process keeps while it trains; `train(run)`
  roundoff  the round-off variants: the same training rounded otherwise, and how a process enters one
"""
