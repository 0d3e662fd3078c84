"""`python -m approx.bench`: the benchmark (approx.tools.bench) under its short name."""

from approx.tools.bench import main

if __name__ == "__main__":
    main()
