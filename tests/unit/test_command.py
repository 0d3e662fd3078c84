"""`approx SUBCOMMAND`: the maintainer's command dispatches to the tools and refuses what it does not know."""

from approx.tools import command


def test_no_subcommand_prints_the_usage(capsys):
    assert command.main([]) == 0
    assert "usage: approx SUBCOMMAND" in capsys.readouterr().out


def test_version_names_approx_python_and_the_frameworks(capsys):
    import keras

    assert command.main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("approx 0.") and f"keras {keras.__version__} (" in out and "tensorflow " in out


def test_help_lists_every_subcommand(capsys):
    assert command.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ("calibrate", "bench", "drill"))


def test_an_unknown_subcommand_is_named(capsys):
    assert command.main(["calibrat"]) == 2
    assert "unknown subcommand 'calibrat'; known: calibrate, bench, drill" in capsys.readouterr().err


def test_a_subcommand_gets_the_rest_of_the_arguments(capsys, monkeypatch):
    seen = []
    monkeypatch.setattr("approx.tools.drill.main", lambda argv: seen.append(argv))
    assert command.main(["drill", "relu", "--seeds", "3"]) == 0
    assert seen == [["relu", "--seeds", "3"]]
