"""Reflow, text size and focus indicator (issue 16, item 2 and the focus indicator of item 1).

Every page of the URL map (testing/url_map.py), opened by the first role that may, at 320 × 640 CSS px
(WCAG 1.4.10): the page does not scroll sideways (a data table may be wider, inside its own scrolling
region `.table-scroll`); the same with the text at 200 % (WCAG 1.4.4), and nothing that hides its
overflow cuts its text off. Then the focus indicator of a button and of an input has at least 3:1
contrast against what is around it, and input borders at least 3:1 against the page (WCAG 1.4.11).
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import PASSWORD
from testing.browser import assert_accessible, login
from testing.url_map import build_objects, openable_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 320, "height": 640}

USERNAMES = {
    "secretary": "sihteeri",
    "other_secretary": "toinen_sihteeri",
    "director": "kehittamisjohtaja",
    "presenter": "esittelija",
    "staff_user": "henkilosto",
    "admin_user": "admin",
}

# What sticks out of the viewport (outside a table's scrolling region), and what cuts its text off.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const clipped = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      if (up.classList.contains('table-scroll')) return true;
      const style = getComputedStyle(up);
      if (up.classList.contains('visually-hidden') || style.display === 'none') return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.classList.contains('visually-hidden') || el.classList.contains('visually-hidden-focusable')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 && !clipped(el)) {
      found.push('sticks out: ' + name(el) + ' right=' + Math.round(box.right));
    }
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) found.push('ellipsis: ' + name(el));
    const hides = ['hidden', 'clip'].includes(style.overflowX);
    if (hides && el.clientWidth > 2 && el.scrollWidth > el.clientWidth + 1 && el.innerText.trim() && !clipped(el)) {
      found.push('cuts text: ' + name(el));
    }
  }
  if (!found.length && document.documentElement.scrollWidth > width) {  // whatever else is wider
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 || el.scrollWidth > el.clientWidth + 1 && el.clientWidth && !clipped(el)) {
        found.push('wide: ' + name(el) + ' right=' + Math.round(box.right) + ' scrollWidth=' + el.scrollWidth);
      }
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, found: found.slice(0, 8)};
}"""

# The contrast of the focus indicator of the focused element: its outline, or its halo (the box
# shadow), against the first opaque background around it; and of its border against the same.
CONTRAST_JS = """(selector) => {
  const el = document.querySelector(selector);
  el.focus();
  const parse = (text) => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const luminance = (c) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let background = {r: 255, g: 255, b: 255, a: 1};
  for (let up = el.parentElement; up; up = up.parentElement) {
    const c = parse(getComputedStyle(up).backgroundColor);
    if (c && c.a === 1) { background = c; break; }
  }
  const style = getComputedStyle(el);
  const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const outline = outlined ? parse(style.outlineColor) : null;
  const halo = parse(style.boxShadow);
  const border = parse(style.borderTopColor);
  return {
    focusVisible: el.matches(':focus-visible'),
    outline: outline && outline.a === 1 ? ratio(outline, background) : 0,
    halo: halo && halo.a === 1 ? ratio(halo, background) : 0,
    border: border && parseFloat(style.borderTopWidth) > 0 ? ratio(border, background) : 0,
  };
}"""


def _contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours written #rrggbb."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _reflow_problems(page: Page, label: str) -> list[str]:
    result = page.evaluate(OVERFLOW_JS)
    if result["scrollWidth"] <= result["innerWidth"] and not result["found"]:
        return []
    return [f"{page.url} {label}: scrollWidth {result['scrollWidth']} > {result['innerWidth']}; {result['found']}"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_every_page_reflows_at_320_px_and_200_percent_text_with_a_visible_focus(
    browser: Browser,
    browser_context_args,
    live_server,
    body,
    other_body,
    presenter_person,
    secretary,
    other_secretary,
    director,
    presenter,
    staff_user,
    admin_user,
):
    objects = build_objects(body, other_body, presenter_person)
    contexts: dict[str, BrowserContext] = {}
    problems: list[str] = []
    visited = 0
    try:
        for name, key, role in openable_pages():
            if role not in contexts:
                contexts[role] = browser.new_context(**{**browser_context_args, "viewport": VIEWPORT})
                if role != "anonymous":
                    login(contexts[role].new_page(), live_server, USERNAMES[role], PASSWORD)
            page = contexts[role].pages[0] if contexts[role].pages else contexts[role].new_page()
            obj = objects[key] if key else None
            url = reverse(name, kwargs={"pk": obj.pk} if obj is not None else None)
            if url.startswith("/healthz") or url.startswith("/readyz"):
                continue
            answer = contexts[role].request.get(f"{live_server.url}{url}", max_redirects=0)
            if answer.status != 200 or not answer.headers.get("content-type", "").startswith("text/html"):
                continue  # documents and downloads: not pages
            page.goto(f"{live_server.url}{url}")
            visited += 1
            problems += _reflow_problems(page, f"({role}) at 320 px")
            if page.locator(".table-scroll").count():  # the new scrolling regions: named, focusable
                assert_accessible(page)
                assert page.locator(".table-scroll:not([tabindex='0'][role=region])").count() == 0, url
            page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
            problems += _reflow_problems(page, f"({role}) at 320 px with 200 % text")
        assert visited > 40
        assert not problems, f"{len(problems)} page states scroll sideways or cut text off:\n" + "\n".join(problems)

        # The focus indicator: a button in the dark navigation and on the page, an input on the page.
        page = contexts["secretary"].pages[0]
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{live_server.url}{reverse('decisions:search')}")
        page.keyboard.press("Tab")  # a keyboard user: the browser shows focus as :focus-visible
        for selector in (
            "form[action$='/logout/'] button",
            ".language-switch button[aria-pressed=false]",
            "main form button[type=submit]",
            "main input[type=search], main input[type=text]",
        ):
            seen = page.evaluate(CONTRAST_JS, selector)
            assert seen["focusVisible"], selector
            assert max(seen["outline"], seen["halo"]) >= 3, (selector, seen)
        field = page.evaluate(CONTRAST_JS, "main input[type=search], main input[type=text]")
        assert field["border"] >= 3, field

        # The funding chart: its figures in words and in the table beside it; its bars outlined at 3:1.
        page.goto(f"{live_server.url}{objects['project'].get_absolute_url()}")
        chart = page.locator("svg.funding-chart-svg")
        assert any(character.isdigit() for character in chart.locator("desc").text_content() or "")
        assert page.locator(".table-scroll[aria-labelledby=per-year-heading] table").count() == 1
        strokes = chart.locator("rect").evaluate_all("(rects) => rects.map((r) => r.getAttribute('stroke'))")
        assert strokes and all(_contrast(stroke, "#ffffff") >= 3 for stroke in strokes), strokes
    finally:
        for context in contexts.values():
            context.close()
