"""Helpers for the browser tests: sign in, check accessibility, read PDFs.

Import them (`from testing.browser import login`) or take the fixtures of the same name
from tests/browser/conftest.py.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

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


# -- Keyboard (issue 16): where the focus is, Tab until it gets somewhere, no trap --------------------------------

# What the focused element is, in a line: tag#id[name] "its text". Radio buttons are named by their group
# (Tab enters a group once, at the checked or the first/last button), other controls by name and value.
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return "";
  let d = e.tagName.toLowerCase();
  if (e.id && e.type !== "radio") d += "#" + e.id;
  const name = e.getAttribute("name");
  if (name) d += "[name=" + name + "]";
  const valued = e.tagName === "BUTTON" || e.type === "checkbox";
  if (valued && e.value) d += "[value=" + e.value + "]";
  const named = ["A", "BUTTON", "SUMMARY"].includes(e.tagName);
  const label = named ? e.innerText || e.getAttribute("aria-label") || "" : "";
  const text = label.trim().replace(/\\s+/g, " ");
  if (text) d += ' "' + text.slice(0, 40) + '"';
  return d;
}"""

# The last element Tab can reach on the page: visible, enabled, not taken out of the tab order.
_LAST_TABBABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const tabbable = [...document.querySelectorAll(selector)].filter((e) =>
    !e.disabled && e.tabIndex >= 0 && e.getClientRects().length && getComputedStyle(e).visibility !== "hidden");
  const last = tabbable[tabbable.length - 1];
  const marked = last && last.type === "radio" ? [...document.getElementsByName(last.name)] : [last];
  marked.forEach((e) => e && e.setAttribute("data-last-tabbable", ""));
}"""


def focused(page: Page) -> str:
    """The focused element in a line (tag#id[name] "text"), or "" when nothing on the page has the focus."""
    return page.evaluate(_FOCUSED)


def focus_matches(page: Page, target: str | Locator) -> bool:
    """Whether the focus is on an element matching the CSS selector (or one of the locator's elements)."""
    if isinstance(target, str):
        return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", target)
    return target.evaluate_all("elements => elements.includes(document.activeElement)")


def tab_to(page: Page, selector: str | Locator, *, backwards: bool = False, limit: int = 150) -> list[str]:
    """Press Tab (Shift+Tab when backwards) until the focus is on an element matching the CSS selector
    (or on one of the locator's elements).

    Returns the stops passed on the way; fails listing them when the element is not reached."""
    key = "Shift+Tab" if backwards else "Tab"
    passed: list[str] = []
    for _ in range(limit):
        page.keyboard.press(key)
        if focus_matches(page, selector):
            return passed
        passed.append(focused(page))
    pytest.fail(f"{key} x {limit} never reached {selector!r} on {page.url}; passed: {passed}", pytrace=False)


def assert_skip_link_first(page: Page) -> None:
    """On a freshly loaded page: the first Tab reaches the skip link, Enter on it puts the focus on <main>."""
    page.keyboard.press("Tab")
    assert focus_matches(page, "a.skip-link"), f"the first Tab on {page.url} reached {focused(page)!r}"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def assert_no_keyboard_trap(page: Page, *, limit: int = 400) -> list[str]:
    """On a freshly loaded page: Tab from the top reaches the page's last focusable element (nothing holds the
    focus on the way), and Shift+Tab from there comes back through the same stops to the first one.

    Returns the stops in Tab order."""
    page.evaluate(_LAST_TABBABLE)
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if focus_matches(page, "[data-last-tabbable]"):
            break
        same = page.evaluate(
            "() => { const s = window.__kbLast === document.activeElement; "
            "window.__kbLast = document.activeElement; return s; }"
        )
        if same:
            pytest.fail(f"the focus is stuck at {stops[-1]!r} on {page.url}; stops: {stops}", pytrace=False)
    else:
        pytest.fail(f"Tab x {limit} never reached the end of {page.url}; stops: {stops}", pytrace=False)
    back = [stops[-1]]
    for _ in range(len(stops) - 1):
        page.keyboard.press("Shift+Tab")
        back.append(focused(page))
    assert back == stops[::-1], f"Shift+Tab on {page.url} did not retrace the Tab order:\n{stops}\n{back[::-1]}"
    return stops


def field(scope: Page | Locator, label: str) -> Locator:
    """A form field by its visible label; a required one's label ends "(pakollinen)" ("(required)")."""
    labelled = scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*(?:\((?:pakollinen|required)\))?\s*$"))
    return labelled.and_(scope.locator("input, select, textarea"))
