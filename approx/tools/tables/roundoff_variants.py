"""The docs' table of the round-off variants the envelopes are made of, from their own table (approx.training.roundoff)."""

from approx.training.roundoff import VARIANTS


def roundoff_variants() -> str:
    """Each round-off variant: its name, what it changes, and on which backends."""
    lines = ["| variant | what it changes | on |", "| --- | --- | --- |"]
    for variant in VARIANTS:
        names = f"`{variant.name}-K`, K = 0 … {variant.draws - 1}" if variant.draws else f"`{variant.name}`"
        backends = "TensorFlow" if variant.tensorflow_only else "every backend"
        lines.append(f"| {names} | {variant.describe()} | {backends} |")
    return "\n".join(lines) + "\n"
