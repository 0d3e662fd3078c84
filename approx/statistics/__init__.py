"""Statistics: claims about training, judged over seeds against a committed calibration.

  measures     each statistical claim as one number per seed, its rule, and why
  reliability  how many seeds must pass, and the evidence when they do not
  calibration  the committed calibration: every measure on 100 seeds
"""
