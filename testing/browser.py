"""Helpers for the browser tests: sign in, check accessibility, read PDFs.

Import them (`from testing.browser import login`) or take the fixtures of the same name
from tests/browser/conftest.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

DEMO_PASSWORD = "demo"
LOGIN_PATH = "/accounts/login/"

# WCAG 2.1 level A and AA: the rules axe-core tags with these (best-practice rules are not included).
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()  # ships its own axe.min.js: no network


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}  [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            target = ", ".join(str(t) for t in node["target"])
            html = " ".join(node.get("html", "").split())
            lines.append(f"    at {target}: {html[:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now; fail listing every WCAG 2.1 A/AA violation."""
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        pytest.fail(
            f"{len(violations)} accessibility violation(s) (WCAG 2.1 A/AA) on {page.url}:\n{_describe(violations)}",
            pytrace=False,
        )


def login(page: Page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form; stays on the login page if the page already shows it."""
    if LOGIN_PATH not in page.url:
        page.goto(f"{live_server.url}{LOGIN_PATH}")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if LOGIN_PATH in page.url:
        text = " ".join(page.locator("main, body").first.inner_text().split())
        pytest.fail(f"signing in as {username!r} failed; the login page says: {text[:500]}", pytrace=False)


def add_row(page: Page, prefix: str) -> None:
    """Press the section's "add" button (the script copies a blank row) and wait for the row."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    count = int(total.input_value())
    page.locator(f"button[data-formset-add='{prefix}']").click()
    expect(total).to_have_value(str(count + 1))
