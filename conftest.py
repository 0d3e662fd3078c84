"""The approx pytest plugin, for the spec and the library's own tests alike."""

pytest_plugins = (
    "approx.plugin.options",
    "approx.plugin.releases",
    "approx.plugin.claims",
    "approx.plugin.junit",
    "approx.plugin.completeness",
    "approx.plugin.html",
    "approx.plugin.weights",
    "approx.plugin.gate",
    "approx.plugin.report",
    "approx.plugin.ending",
    "approx.plugin.account",
)
