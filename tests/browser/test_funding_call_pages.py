"""Funding calls in Chromium, without the admin: the development director goes from the project list to
the calls, adds one with the aid rate typed as "75,00 %", sees a rate above 100 % refused next to the
field, and reads the call back as "75,00 %". Every page passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from projects.models import FundingCall
from testing.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def test_director_adds_and_edits_a_funding_call_in_the_pages(page: Page, live_server, demo_data):
    login(page, live_server, "kehittamisjohtaja")
    page.goto(f"{live_server.url}/projects/")
    page.locator("main a[href='/projects/calls/']").click()
    expect(page).to_have_url(f"{live_server.url}/projects/calls/")
    assert_accessible(page)

    page.locator("a[href='/projects/calls/new/']").click()
    page.fill("#id_funder", "Euroopan sosiaalirahasto ESR+")
    page.fill("#id_name", "Työkyvyn tuki 2025")
    page.fill("#id_max_aid_rate", "100,01")
    page.fill("#id_deadline", "30.9.2025")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator("#id_max_aid_rate")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Prosentin on oltava 0–100.", exact=True)).to_be_visible()
    assert_accessible(page)

    page.fill("#id_max_aid_rate", "75,00 %")
    page.get_by_role("button", name="Tallenna").click()
    row = page.locator("tr", has_text="Työkyvyn tuki 2025")
    expect(row).to_contain_text(f"75,00{NBSP}%")
    expect(row).to_contain_text("30.9.2025")
    assert FundingCall.objects.get(name="Työkyvyn tuki 2025").max_aid_rate == Decimal("0.7500")

    row.locator("a[href$='/edit/']").click()
    expect(page.locator("#id_max_aid_rate")).to_have_value(f"75,00{NBSP}%")
    assert_accessible(page)
    page.fill("#id_max_aid_rate", "60")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator("tr", has_text="Työkyvyn tuki 2025")).to_contain_text(f"60,00{NBSP}%")
    assert "/admin/" not in page.url
