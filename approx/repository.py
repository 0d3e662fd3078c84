"""Where approx's repository is: the folder that holds pyproject.toml, spec/, calibration/ and matrix/.

The committed records (the baselines, the drill, the bench, the matrix) and
the spec itself are read from here. approx runs from its repository (an
editable install, as the README's commands make), so this module's folder's
parent is the root: it is worked out once, here.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
