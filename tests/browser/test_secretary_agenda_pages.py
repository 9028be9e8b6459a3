"""The secretary's meeting pages in Chromium: a new meeting, its attendance, two items, the agenda
published and reordered, and the body's page; every page passes axe (WCAG 2.1 A and AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from testing.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_builds_a_meeting_and_its_agenda(page: Page, live_server, demo_data):
    login(page, live_server, "sihteeri")
    page.goto(f"{live_server.url}/meetings/")
    page.get_by_role("link", name="Uusi kokous").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uusi kokous")
    assert_accessible(page)

    page.get_by_label("Alkaa").fill("bad")
    page.get_by_role("button", name="Luo kokous").click()
    expect(page.locator(".invalid-feedback").first).to_contain_text("Anna aika muodossa 31.12.2025 14:00.")
    assert_accessible(page)  # the error state too
    page.get_by_label("Alkaa").fill("15.1.2030 14:00")
    page.get_by_label("Paikka").fill("Joensuu, kokoushuone Pielinen")
    page.get_by_role("button", name="Luo kokous").click()
    expect(page).to_have_url(re.compile(r"/meetings/\d+/$"))
    assert_accessible(page)

    page.get_by_role("link", name="Kirjaa läsnäolijat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Läsnäolijat")
    assert_accessible(page)
    page.get_by_role("button", name="Tallenna läsnäolijat").click()
    expect(page.locator(".quorum")).to_contain_text("päätösvaltainen")

    for title in ("Ensimmäinen asia", "Toinen asia"):
        page.get_by_role("link", name="Lisää asia esityslistalle").click()
        assert_accessible(page)
        page.get_by_label("Otsikko").fill(title)
        page.get_by_label("Päätösehdotus").fill(f"Lautakunta hyväksyy: {title}.")
        page.get_by_role("button", name="Lisää asia").click()
        expect(page.locator(".messages")).to_contain_text("Asia lisättiin esityslistalle")

    page.get_by_role("button", name="Julkaise esityslista").click()
    expect(page.locator(".messages")).to_contain_text("Esityslista julkaistiin")
    page.get_by_role("button", name=re.compile(r"Siirrä alas\W+Ensimmäinen asia")).click()
    rows = page.locator(".agenda-table tbody tr")
    expect(rows.first).to_contain_text("Toinen asia")
    assert_accessible(page)

    page.get_by_role("link", name="Tulevaisuuslautakunta").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tulevaisuuslautakunta")
    assert_accessible(page)
    page.get_by_role("link", name="Lisää jäsenyys").click()
    assert_accessible(page)
