"""approx reads a framework's version by the module it imports, whatever distribution installed it."""

import pytest

from approx import installed
from approx.plugin import options, releases


@pytest.fixture
def providers(monkeypatch):
    """Pretend these distributions (name -> (version, top-level modules)) are what is installed."""
    def install(found: dict[str, tuple[str, list[str]]]):
        modules: dict[str, list[str]] = {}
        for name, (_, tops) in found.items():
            for top in tops:
                modules.setdefault(top, []).append(name)
        monkeypatch.setattr(installed, "_providers", lambda: modules)
        real = installed.metadata.version
        monkeypatch.setattr(installed.metadata, "version",
                            lambda name: found[name][0] if name in found else real(name))
    return install


def test_a_nightly_is_read_as_the_module_it_provides(providers):
    providers({"tf-nightly": ("2.22.0.dev20261201", ["tensorflow"]),
               "keras-nightly": ("3.16.0.dev2026120103", ["keras"])})
    assert installed.distribution("tensorflow") == "tf-nightly"
    assert installed.version("tensorflow") == "2.22.0.dev20261201"
    assert installed.version("keras") == "3.16.0.dev2026120103"


def test_nightlies_are_supported_not_refused(providers):
    providers({"tf-nightly": ("2.22.0.dev20261201", ["tensorflow"]),
               "keras-nightly": ("3.16.0.dev2026120103", ["keras"])})
    assert options.unsupported() == []


def test_a_release_marker_applies_to_a_nightly(providers):
    providers({"keras-nightly": ("3.16.0.dev2026120103", ["keras"])})
    assert releases.Difference("keras>=3", "passes", "why").applies()
    assert not releases.Difference("keras<3", "passes", "why").applies()


def test_a_missing_module_is_named(providers):
    providers({})
    with pytest.raises(installed.NotInstalled, match="tensorflow is not installed"):
        installed.version("tensorflow")
    assert "tensorflow is not installed (approx needs tensorflow>=2.15)" in options.unsupported()


def test_two_distributions_of_one_module_are_an_error_naming_both(providers):
    providers({"keras": ("3.15.1", ["keras"]), "keras-nightly": ("3.16.0.dev2026120103", ["keras"])})
    with pytest.raises(installed.Ambiguous, match=r"keras 3\.15\.1, keras-nightly 3\.16\.0\.dev2026120103"):
        installed.version("keras")
    assert any("several installed distributions" in problem for problem in options.unsupported())


def test_the_real_installation_is_read():
    import keras
    import numpy

    installed.forget()
    assert installed.version("keras") == keras.__version__
    assert installed.version("numpy") == numpy.__version__
