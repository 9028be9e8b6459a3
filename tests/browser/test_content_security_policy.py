"""The content security policy holds in a real browser: Chromium reports no violation on any page.

A signed-in superuser walks the app and the admin (every kind of page once: ids in the path are
folded, so /projects/1/ and /projects/2/ count as one), and the Bootstrap menu is opened on a
narrow screen, so the app's JavaScript runs under the policy. Chromium reports each blocked
script, style, image or font both as a ``securitypolicyviolation`` event (caught by a script the
driver injects; driver-injected scripts are not subject to the page's policy) and as a console
message ("Refused to ..."); either fails the test. A Permissions-Policy header Chromium cannot
parse is reported on the console too, and fails as well.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from testing.browser import LOGIN_PATH, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(
    `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || document.location.href}:${event.lineNumber} sample=${event.sample}`
  );
});
"""

#: Console messages that mean a policy was broken or a policy header is wrong.
PROBLEM = re.compile(r"CSP violation|Content Security Policy|Refused to|Permissions-Policy", re.IGNORECASE)

#: Never followed: state changes through GET do not exist, but be safe; downloads are not pages;
#: an admin add form has the widgets of the change form, which is visited.
SKIP = re.compile(
    r"logout|delete|\.(pdf|jsonl|csv|atom|ics)$|/SHA256SUMS$|/schema/$|/jsi18n/|/r/\d+/|/static/|/media/|/admin/.+/add/$",
    re.IGNORECASE,
)

#: Pages visited at most; each kind of page (ids folded) once.
MAX_PAGES = 160


def _kind(path: str) -> str:
    """/projects/1/ and /projects/2/ are one kind of page."""
    return re.sub(r"/\d+/", "/N/", path)


def _collect_problems(page: Page) -> list[str]:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if PROBLEM.search(message.text):
            problems.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    page.add_init_script(REPORT_VIOLATIONS)
    return problems


def _links(page: Page, base: str) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if not url.startswith(base) or parts.query or SKIP.search(parts.path):
            continue
        found.append(parts.path)
    return found


def test_no_csp_violation_on_any_page(page: Page, live_server, demo_data):
    problems = _collect_problems(page)

    page.goto(f"{live_server.url}{LOGIN_PATH}")
    login(page, live_server, "admin")

    queue = deque(["/", "/admin/"])
    seen_kinds: set[str] = set()
    visited: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        kind = _kind(path)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status < 500, f"{path} answered {response.status}"
        page.wait_for_load_state("load")
        visited.append(path)
        queue.extend(_links(page, live_server.url))

    # Every kind of page the walk met, the admin included.
    assert "/" in visited and "/admin/" in visited, visited
    assert any(path.startswith("/projects/") for path in visited), visited
    assert any(path.startswith("/meetings/") for path in visited), visited
    assert any(re.match(r"/admin/\w+/\w+/$", path) for path in visited), visited
    assert any(re.match(r"/admin/\w+/\w+/\d+/change/$", path) for path in visited), visited
    assert "/admin/projects/project/N/history/" in {_kind(path) for path in visited}, visited
    assert not problems, f"{len(problems)} policy problem(s) on {len(visited)} pages:\n" + "\n".join(problems)


def test_menu_script_runs_under_the_policy(page: Page, live_server, demo_data):
    """Bootstrap's collapse (a static script) opens the menu on a narrow screen: scripts run."""
    problems = _collect_problems(page)
    page.set_viewport_size({"width": 375, "height": 800})
    login(page, live_server, "henkilosto")
    menu = page.locator("#main-menu")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name=re.compile("valikko", re.IGNORECASE)).click()
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Hankkeet")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_error_pages_have_no_violations(page: Page, live_server, demo_data):
    problems = _collect_problems(page)
    response = page.goto(f"{live_server.url}/ei-tallaista-sivua/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_be_visible()
    assert not problems, "\n".join(problems)


def test_a_violation_would_be_caught(page: Page, live_server, demo_data):
    """The harness itself: an inline style attribute on a page of the app is blocked and reported."""
    problems = _collect_problems(page)
    page.goto(f"{live_server.url}{LOGIN_PATH}")
    with page.expect_console_message(lambda message: bool(PROBLEM.search(message.text))):
        page.evaluate("""document.querySelector("main").innerHTML += '<p style="color: red">x</p>'""")
    assert any("style-src" in problem for problem in problems), problems
