"""The count of inputs the hypothesis tests tried, printed at the end of a run.

The hypothesis profiles themselves are registered in the root conftest.py, so that every
hypothesis test in the project runs with them.
"""

from __future__ import annotations

from hypothesis import settings

from testing.fuzz.harness import INPUTS


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not INPUTS:
        return
    terminalreporter.section("hypothesis inputs tried")
    for name, count in sorted(INPUTS.items()):
        terminalreporter.write_line(f"{count:6d}  {name}")
    profile = settings.get_current_profile_name()
    terminalreporter.write_line(
        f"{sum(INPUTS.values()):6d}  in total, {len(INPUTS)} hypothesis tests, profile {profile!r} "
        f"(max_examples {settings.default.max_examples})"
    )
