"""The document `approx compare --json` prints, and its JSON Schema (comparison.schema.json beside this module).

Version 1: the two files compared, whether anything changed, each flipped
verdict (a claim's, or a behaviour's against its baseline) and each measure
and arm both sides hold, B against A, by the rank test and Holm's correction.
"""

import functools
import json
from pathlib import Path

SCHEMA_VERSION = 2
SCHEMA_PATH = Path(__file__).resolve().with_name("comparison.schema.json")


@functools.cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text())
