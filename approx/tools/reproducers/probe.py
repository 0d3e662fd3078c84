# The end of a probe's reproducer (approx repro ID): the probe module above it, as approx.probes has it, runs here.

if __name__ == "__main__":
    import sys

    print(f"baseline: {BASELINE}: {HOLDS}")  # noqa: F821 (BASELINE: the header; HOLDS: the probe)
    wrong = observe()  # noqa: F821 (the probe's)
    print(f"here:     keras {keras.__version__} on {keras.backend.backend()}: {'; '.join(wrong) or HOLDS}")  # noqa: F821
    print("differs from the baseline's release" if wrong else "as the baseline's release")
    sys.exit(1 if wrong else 0)
