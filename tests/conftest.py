"""The count of inputs the hypothesis tests tried, printed at the end of a run.

Under pytest-xdist each worker counts its own and hands the counts to the controller, which prints
the sum. The hypothesis profiles themselves are registered in the root conftest.py, so that every
hypothesis test in the project runs with them.
"""

from __future__ import annotations

import pytest
from hypothesis import settings

from testing.fuzz.harness import INPUTS


def pytest_sessionfinish(session):
    """On an xdist worker: hand this worker's counts to the controller."""
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output["hypothesis_inputs"] = dict(INPUTS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """On the xdist controller: add up the counts of a worker that finished."""
    INPUTS.update(getattr(node, "workeroutput", {}).get("hypothesis_inputs", {}))


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
