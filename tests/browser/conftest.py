"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this directory is marked `browser`. Fixtures:

- `browser_type_launch_args`: headless Chromium from CHROMIUM (default /usr/bin/chromium), no
  downloads of its own, no network chatter.
- `demo_data`: the demo (load_demo) in the test database.
- `assert_accessible`, `login`: the helpers of testing/browser.py.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from testing import browser as helpers

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse to run
# there. The test thread and the live server never share a connection, so this is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install the Debian package chromium (make test does as root) "
            "or set CHROMIUM to its path.",
            pytrace=False,
        )
    return {
        "headless": True,
        **browser_type_launch_args,  # --headed still works when debugging
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "fi-FI",
        "timezone_id": "Europe/Helsinki",
        "accept_downloads": True,
    }


@pytest.fixture
def demo_data(transactional_db, settings):
    """Load the demo (the seed decision and the demo users) into the test database."""
    settings.DEBUG = True  # load_demo refuses to run with DEBUG off
    try:
        call_command("load_demo", stdout=io.StringIO())
    finally:
        settings.DEBUG = False


@pytest.fixture
def assert_accessible():
    return helpers.assert_accessible


@pytest.fixture
def login():
    return helpers.login
