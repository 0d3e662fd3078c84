"""Where the browser tests saved their screenshots, said at the end of the run for a person to look at them.

The test that checks them records the folder as a user property, which
xdist carries from the worker to the controller; this prints it. (When the
suite runs from the repository's root under xdist, the controller never
loads this file, and the path is in that test's captured output instead.)
"""


def pytest_terminal_summary(terminalreporter):
    folders = {value for reports in terminalreporter.stats.values() for report in reports
               for key, value in getattr(report, "user_properties", ()) if key == "browser screenshots"}
    for folder in sorted(folders):
        terminalreporter.write_line(f"browser screenshots: {folder}")
