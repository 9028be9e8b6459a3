"""The accessibility statement (/accessibility/) in a real browser, without signing in: the page from
the footer link, a refused feedback with its errors, a sent one with the thanks. Every state passes
axe-core's WCAG 2.1 A and AA rules."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from testing.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_statement_and_its_feedback_form_are_accessible(page: Page, live_server):
    page.goto(f"{live_server.url}/fi/archive/")
    page.locator('footer a[href="/accessibility/"]').click()
    expect(page).to_have_url(re.compile(r"/accessibility/$"))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_accessible(page)

    send = page.locator("form.accessibility-feedback-form").get_by_role("button")
    with page.expect_navigation():
        send.click()
    expect(page.locator("#id_message")).to_have_class(re.compile(r"is-invalid"))
    assert_accessible(page)

    page.locator("#id_message").fill("Pöytäkirjan liite ei aukea ruudunlukijalla.")
    page.locator("#id_email").fill("palaute@example.fi")
    page.locator("#id_wants_reply").check()
    with page.expect_navigation():
        send.click()
    expect(page.locator(".messages [role=status]")).to_be_visible()
    assert_accessible(page)
