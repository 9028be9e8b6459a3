"""The public archive in a real browser, without signing in: the front page, a search, the seed's
published meeting and its item, the body's page and the public PDF; then the staff search signed
in. Every page passes axe-core's WCAG 2.1 A and AA rules and the content security policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from testing.browser import assert_accessible, login
from testing.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_TITLE = re.compile(r"Työkyvyn tuen palvelut", re.IGNORECASE)


def _csp_violations(page: Page) -> list[str]:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


def test_public_reads_the_seed_decision_without_signing_in(page: Page, live_server, demo_data):
    violations = _csp_violations(page)
    page.goto(f"{live_server.url}/archive/")
    expect(page.get_by_role("heading", name="Päätösarkisto", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Tulevaisuuslautakunta", exact=True)).to_be_visible()
    assert_accessible(page)

    # Search with the form.
    page.get_by_label("Hae julkaistuista päätöksistä").fill("työkyvyn tuen")
    with page.expect_navigation():
        page.get_by_role("button", name="Hae").click()
    expect(page).to_have_url(re.compile(r"/archive/\?q="))
    expect(page.get_by_role("heading", level=2, name=re.compile("hakutulos"))).to_be_visible()
    assert_accessible(page)

    # The result opens the item's public page.
    page.get_by_role("link", name=SEED_TITLE).first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/archive/items/\d+/$"))
    expect(page.locator("main")).to_contain_text("Päätösehdotus")
    expect(page.locator("main")).to_contain_text("Hyväksyttiin")
    expect(page.locator("a[href$='/edit/']")).to_have_count(0)
    assert_accessible(page)

    # Its public PDF.
    href = page.locator("a[href$='/extract.pdf']").first.get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    text = pdf_text(response.body())
    assert "PÖYTÄKIRJANOTE" in text
    assert "Hyväksyttiin" in text

    # Up to the meeting, and to the body.
    breadcrumb = page.get_by_role("navigation", name="Murupolku")
    breadcrumb.get_by_role("link", name="12/2023", exact=True).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/archive/meetings/\d+/$"))
    expect(page.get_by_role("link", name=SEED_TITLE)).to_be_visible()
    assert_accessible(page)

    breadcrumb = page.get_by_role("navigation", name="Murupolku")
    breadcrumb.get_by_role("link", name="Tulevaisuuslautakunta", exact=True).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/archive/tulevaisuuslautakunta/$"))
    assert_accessible(page)
    assert not violations, violations


def test_staff_search_finds_the_seed_with_its_extract_one_click_away(page: Page, live_server, demo_data):
    violations = _csp_violations(page)
    login(page, live_server, "henkilosto")
    page.get_by_role("link", name="Haku").first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/search/$"))
    assert_accessible(page)

    page.get_by_label("Hakusanat").fill("työkyvyn tuen")
    with page.expect_navigation():
        page.get_by_role("button", name="Hae").click()
    expect(page.get_by_role("link", name=SEED_TITLE).first).to_be_visible()
    assert_accessible(page)

    extract = page.locator("a[href$='/extract.pdf']").first
    response = page.request.get(f"{live_server.url}{extract.get_attribute('href')}")
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    assert not violations, violations
