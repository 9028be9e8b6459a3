"""A flat rate in the application editor, in Chromium: choosing "Flat-rate costs" for a cost row asks for
the rate and the base categories instead of an amount (staff ticked for a start), the amount is computed
as the staff costs are typed (40 % of 57 437,00 € = 22 974,80 €), and the saved project shows the line as
a flat rate. Every page passes axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from testing.browser import add_row, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def test_director_enters_a_flat_rate_and_sees_it_computed_as_she_types(page: Page, live_server, demo_data):
    login(page, live_server, "kehittamisjohtaja")
    page.goto(f"{live_server.url}/projects/new/")
    page.fill("#id_title", "Osallisuuden ESR+-hanke")
    page.fill("#id_owning_unit", "Kehittämisyksikkö")
    page.fill("#id_manager", "Tiina Korhonen")
    page.fill("#id_start_date", "1.1.2024")
    page.fill("#id_end_date", "31.12.2024")
    page.fill("#id_objectives-0-text", "Osallisuus vahvistuu")
    flat_fields = page.locator("[data-row='budget-0'] [data-flat-rate-fields]")
    expect(flat_fields).to_be_hidden()  # an ordinary row asks for no rate

    page.select_option("#id_budget-0-category", "staff")
    page.fill("#id_budget-0-year", "2024")
    page.fill("#id_budget-0-amount", "50 000")
    add_row(page, "budget")
    page.select_option("#id_budget-1-category", "flat_rate")
    expect(page.locator("[data-row='budget-1'] [data-flat-rate-fields]")).to_be_visible()
    expect(page.locator("#id_budget-1-amount")).to_be_hidden()
    expect(page.locator("#id_budget-1-flat_rate_base_0")).to_be_checked()  # staff costs, the common base
    page.fill("#id_budget-1-year", "2024")
    page.fill("#id_budget-1-flat_rate", "40")
    computed = page.locator("#budget-1-computed")
    expect(computed).to_have_text(f"20{NBSP}000,00{NBSP}€")

    page.fill("#id_budget-0-amount", "57 437,00")  # the staff costs change: the flat rate follows
    expect(computed).to_have_text(f"22{NBSP}974,80{NBSP}€")
    assert_accessible(page)

    page.select_option("#id_financing-0-source", "applied")
    page.fill("#id_financing-0-year", "2024")
    page.fill("#id_financing-0-amount", "80 411,80")
    page.get_by_role("button", name="Tallenna").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("main")).to_contain_text(f"22{NBSP}974,80")
    expect(page.locator("main")).to_contain_text("Flat rate -kustannukset (40")
    assert_accessible(page)

    page.get_by_role("link", name="Muokkaa").first.click()
    page.wait_for_load_state()
    flat = page.locator("[data-cost-row]", has=page.locator("option[value='flat_rate']:checked"))
    expect(flat.locator(".flat-rate-amount")).to_have_text(f"22{NBSP}974,80{NBSP}€")
    assert_accessible(page)
