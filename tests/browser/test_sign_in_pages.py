"""Sign-in pages in a real browser: two-factor setup and verification, password change and the
lockout page work and pass axe-core's WCAG 2.1 A and AA rules, error states included."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from testing.browser import LOGIN_PATH, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(secret_text: str, offset_steps: int = 0) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key, t0=-offset_steps * 30):06d}"


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Kirjaudu ulos").first.click()
    page.wait_for_load_state()


def test_director_sets_up_and_uses_two_factor(page: Page, live_server, demo_data, settings):
    settings.REQUIRE_2FA = True
    login(page, live_server, "kehittamisjohtaja")

    # Straight to setup: nothing else opens before the second factor.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kaksivaiheisen tunnistautumisen käyttöönotto")
    qr = page.locator("img[src$='/accounts/2fa/qr.svg']")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code did not load"
    assert_accessible(page)

    page.get_by_label("Vahvistuskoodi").fill("12")
    page.get_by_role("button", name="Ota käyttöön").click()
    page.wait_for_load_state()
    expect(page.locator(".invalid-feedback")).to_contain_text("Anna kuusinumeroinen vahvistuskoodi.")
    assert_accessible(page)  # the error state too

    secret = page.locator("figcaption code").inner_text()
    page.get_by_label("Vahvistuskoodi").fill(_code_for(secret))
    page.get_by_role("button", name="Ota käyttöön").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".messages .alert")).to_contain_text("Kaksivaiheinen tunnistautuminen on nyt käytössä.")

    page.goto(f"{live_server.url}/accounts/2fa/")
    expect(page.locator("main")).to_contain_text("Käytössä")
    assert_accessible(page)

    # Next sign-in: the password, then the code.
    _sign_out(page)
    login(page, live_server, "kehittamisjohtaja")
    page.goto(f"{live_server.url}/projects/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/verify/\?next=%2Fprojects%2F"))
    assert_accessible(page)

    page.get_by_label("Vahvistuskoodi").fill("000000" if _code_for(secret, 1) != "000000" else "111111")
    page.get_by_role("button", name="Vahvista").click()
    page.wait_for_load_state()
    expect(page.locator(".invalid-feedback")).to_contain_text("Koodi on väärä tai vanhentunut")
    assert_accessible(page)

    time.sleep(1.5)  # django-otp's throttle: a moment's wait after a wrong code
    # The code of the next 30-second step: the one used at setup cannot be used again.
    page.get_by_label("Vahvistuskoodi").fill(_code_for(secret, 1))
    page.get_by_role("button", name="Vahvista").click()
    page.wait_for_load_state()
    expect(page).to_have_url(f"{live_server.url}/projects/")


def test_password_change_page_and_its_errors(page: Page, live_server, demo_data):
    login(page, live_server, "sihteeri")
    page.get_by_role("button", name="Sanna Sihvonen").click()  # the user menu
    page.get_by_role("link", name="Vaihda salasana").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Salasanan vaihto")
    assert_accessible(page)

    page.locator("input[name=old_password]").fill("demo")
    page.locator("input[name=new_password1]").fill("Password1")
    page.locator("input[name=new_password2]").fill("Password1")
    page.get_by_role("button", name="Vaihda salasana").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("liian lyhyt")
    assert_accessible(page)

    passphrase = "pitkä salalause jossa on monta sanaa"
    page.locator("input[name=old_password]").fill("demo")
    page.locator("input[name=new_password1]").fill(passphrase)
    page.locator("input[name=new_password2]").fill(passphrase)
    page.get_by_role("button", name="Vaihda salasana").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Salasana vaihdettu")
    assert_accessible(page)

    _sign_out(page)
    login(page, live_server, "sihteeri", passphrase)
    expect(page).to_have_url(f"{live_server.url}/")


def test_lockout_page(page: Page, live_server, demo_data):
    page.goto(f"{live_server.url}{LOGIN_PATH}")
    for _ in range(5):
        page.locator("input[name=username]").fill("sihteeri")
        page.locator("input[name=password]").fill("väärä salasana")
        with page.expect_navigation():
            page.locator("input[name=password]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjautuminen on estetty tilapäisesti")
    expect(page.locator("main")).to_contain_text("Yritä uudelleen 15 minuutin kuluttua.")
    assert_accessible(page)


def test_session_timeout_warning_and_continue(page: Page, live_server, demo_data):
    page.clock.install()
    login(page, live_server, "sihteeri")
    warning = page.locator("#session-timeout [data-state=warning]")
    expired = page.locator("#session-timeout [data-state=expired]")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("28:30")  # 90 s before the 30-minute idle timeout
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Istuntosi päättyy kahden minuutin kuluttua")
    assert_accessible(page)

    page.get_by_role("button", name="Jatka istuntoa").click()
    expect(warning).to_be_hidden()

    page.clock.fast_forward("30:01")  # no activity since continuing: now it times out
    expect(expired).to_be_visible()
    expect(expired.get_by_role("link", name="Kirjaudu uudelleen")).to_be_visible()
    assert_accessible(page)
