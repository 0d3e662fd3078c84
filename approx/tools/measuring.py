"""A calibration's work: every measure and arm on one seed under one round-off variant, as a piece.

Each seed under each variant is a piece (approx.tools.pieces), computed in
one process start to finish, on the local pool or on a Dask cluster; a
result depends only on its seed and variant, never on the worker, the
machine or the order. `approx calibrate` (approx.tools.calibrate) asks for
the pieces and writes what they found.
"""

from approx.tools import pieces
from approx.training import roundoff

_SESSIONS = {}  # nudge -> this process's session: compiled trainers are kept from seed to seed


def measure_seed(task: list) -> dict[str, float]:
    """One piece of a calibration: every name's value on `seed` under round-off `variant` (None: plain)."""
    seed, names, variant = task
    from approx.statistics.measures import quantities
    from approx.training.session import Session, using

    known = quantities()
    draw = roundoff.nudge(variant)
    session = _SESSIONS.setdefault(draw, Session(nudge=draw))
    with using(session):
        values = {name: float(known[name].compute(seed)) for name in names}
    session.forget()  # the next seed trains fresh models
    return values


def piece_key(seed: int, variant: str | None) -> str:
    """How a piece is named in the progress lines, the journal and the file's `computed_on`."""
    return f"seed {seed}" + (f", {variant}" if variant else "")


def work(tasks: list[tuple[int, str | None]], names: list[str]) -> list[pieces.Piece]:
    """A piece per task: a seed under a round-off variant, every name measured on it."""
    return [pieces.Piece(piece_key(seed, variant), "approx.tools.measuring", "measure_seed", [seed, names, variant],
                         roundoff.process_setting(variant)) for seed, variant in tasks]


def compute(tasks: list[tuple[int, str | None]], made_of: list[pieces.Piece], jobs: int,
            scheduler: str | None = None):
    """({(seed, variant): {name: value}} of every task, who computed which), its pieces here or on a Dask cluster."""
    done = pieces.run("calibrate", made_of, jobs, scheduler)
    machines: dict[str, dict] = {}
    for key, d in done.items():
        machines.setdefault(d.machine, {"cpu": d.cpu, "pieces": []})["pieces"].append(key)
    return {(seed, variant): done[piece_key(seed, variant)].result for seed, variant in tasks}, machines
