"""Statistics: claims about training, judged over seeds against a committed calibration, the baseline.

  measures     each statistical claim as one number per seed, its rule, and why; the arms it is made of
               (a package: the registry, and one module per part of the article)
  reliability  how many seeds must pass, and the evidence when they do not
  calibration  the committed calibration: every measure and arm on 100 seeds, and the paired seeds (the baseline)
  envelope     the paired test: a seed against its own baseline value and round-off envelope
  drift        has a behaviour moved from the baseline: paired and rank tests, Holm, the power of the run's seeds
  permutations are fit's orders draws of a uniform random permutation: six tests, one family (S10.4)
  shuffles     skewed shuffles of fit's shape (buffered, sticky, tail): what those tests must catch, graded
"""
