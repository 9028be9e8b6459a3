"""The foundation's end-to-end path: the secretary signs in, finds the seed item and downloads its
minutes extract; every page on the way passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from testing.browser import LOGIN_PATH, assert_accessible, login
from testing.pdf import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_MEETING = "Tulevaisuuslautakunta 12/2023"
SEED_ITEM_TITLE = re.compile(r"Työkyvyn tuen palvelut", re.IGNORECASE)


def test_secretary_downloads_the_seed_extract(page: Page, live_server, demo_data):
    # Anonymous: the dashboard sends us to sign in.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN_PATH)))
    assert_accessible(page)

    login(page, live_server, "sihteeri")
    expect(page).to_have_url(f"{live_server.url}/")
    assert_accessible(page)

    page.goto(f"{live_server.url}/meetings/")
    assert_accessible(page)

    # The meetings list links the seed meeting, Tulevaisuuslautakunta 12/2023 (the demo also has an
    # upcoming one).
    page.get_by_role("link", name=SEED_MEETING).first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    assert_accessible(page)

    # The agenda links the seed item.
    page.get_by_role("link", name=SEED_ITEM_TITLE).first.click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/items/\d+/$"))
    expect(page.locator("body")).to_contain_text("Päätösehdotus")
    assert_accessible(page)

    # The item page links its extract; fetch it with the page's session.
    extract_link = page.locator("a[href$='/extract.pdf']").first
    expect(extract_link).to_be_visible()
    href = extract_link.get_attribute("href")
    response = page.request.get(href if href.startswith("http") else f"{live_server.url}{href}")
    assert response.status == 200, response.status
    assert response.headers["content-type"].startswith("application/pdf")
    body = response.body()
    assert body.startswith(b"%PDF")

    text = pdf_text(body)
    for expected in ("PÖYTÄKIRJANOTE", "Päätösehdotus", "Hyväksyttiin", "379 904", "303 924", "75 980"):
        assert expected in text, f"{expected!r} missing from the extract:\n{text}"
    # The figures also in the app's money format (the seed's own text writes 379.904 €).
    for expected in ("379 904,00 €", "303 924,00 €", "75 980,00 €"):
        assert expected in text, f"{expected!r} missing from the extract:\n{text}"
