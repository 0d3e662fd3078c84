# The end of a probe's reproducer (approx repro ID): the probe module above it, as approx.probes has it, runs here.

if __name__ == "__main__":
    import sys

    print(f"baseline: {BASELINE}: {HOLDS}")  # noqa: F821 (BASELINE: the header; HOLDS: the probe)
    wrong = observe()  # noqa: F821 (the probe's)
    here = f"keras {keras.__version__} on {keras.backend.backend()}"  # noqa: F821
    if keras.backend.backend() == "tensorflow":  # noqa: F821
        import tensorflow

        here += f" {tensorflow.__version__}"
    print(f"here:     {here}: {'; '.join(wrong) or HOLDS}")
    print("differs from the baseline's release" if wrong else "as the baseline's release")
    sys.exit(1 if wrong else 0)
