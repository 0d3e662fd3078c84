"""What the article defines: its targets and grids, its networks, its training runs, its sections.

Nothing here trains or reads a model: these are descriptions (values) that
the layers above train (approx.training) and interpret (approx.analysis,
approx.statistics).

  targets       the functions approximated and the grids they are sampled on
  nets          the article's networks as values (Net), built with keras.Sequential
  runs          one training run as a value (Run), and the article's runs, cell by cell
  sections      the article's sections and the grammar of claim ids (S2.4)
  statements    what the article says, claim by claim, in our words
"""
