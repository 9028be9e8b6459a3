"""The interface in Finnish, Swedish and English (issue 13, item 1; hankehallinta/languages.py).

The switch on every page sets Django's language cookie and, for a signed-in user, their preference,
which comes back at the next sign-in; <html lang> follows the page's language; the public archive
has an address per language (/fi/archive/, /sv/arkiv/, /en/archive/) with hreflang alternates, and
its addresses from before the languages redirect; euros are written the way of each language.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD
from hankehallinta.models import UserPreference
from hankehallinta.money import format_eur, format_percent
from testing.seed import seed_item

pytestmark = pytest.mark.django_db

MENU = {"fi": "Päätösarkisto", "sv": "Beslutsarkiv", "en": "Decision archive"}


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode())[1]


def switch(client: Client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


# The switch --------------------------------------------------------------------------------------


def test_every_page_has_a_labelled_switch_with_each_language_named_in_itself(client):
    page = client.get(reverse("login")).content.decode()

    form = re.search(rf'<form method="post" action="{reverse("set_language")}".*?</form>', page, re.S)[0]
    assert '<legend class="visually-hidden">Kieli</legend>' in form
    assert 'name="next" value="/accounts/login/"' in form
    for code, name in settings.LANGUAGES:
        assert re.search(
            rf'<button type="submit" name="language" value="{code}" lang="{code}"[^>]*>{name}</button>', form
        )
    assert 'value="fi" lang="fi" class="btn btn-sm btn-light" aria-pressed="true"' in form


def test_the_switch_sets_the_cookie_and_the_pages_answer_in_swedish(client):
    response = switch(client, "sv", reverse("login"))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    page = client.get(reverse("login"))
    assert html_lang(page) == "sv"
    assert MENU["sv"] in page.content.decode()
    assert MENU["fi"] not in page.content.decode()


def test_the_switch_on_an_archive_page_goes_to_the_same_page_in_the_new_language(client):
    response = switch(client, "en", "/sv/arkiv/?q=hoito")

    assert response["Location"] == "/en/archive/?q=hoito"


def test_the_switch_refuses_to_send_the_reader_elsewhere(client):
    response = switch(client, "sv", "https://example.com/")

    assert response["Location"] == "/"


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_html_lang_follows_the_language_on_pages_and_error_pages(client, language):
    switch(client, language)

    assert html_lang(client.get(reverse("login"))) == language
    assert html_lang(client.get("/no-such-page/")) == language


def test_without_a_choice_the_browser_decides_and_else_finnish(client):
    assert html_lang(client.get(reverse("login"))) == "fi"
    assert html_lang(client.get(reverse("login"), headers={"accept-language": "sv-FI,sv;q=0.9"})) == "sv"
    assert html_lang(client.get(reverse("login"), headers={"accept-language": "de"})) == "fi"


# The signed-in user's choice ----------------------------------------------------------------------


def test_a_signed_in_users_choice_is_kept_in_their_profile(staff_client, staff_user):
    switch(staff_client, "en")

    assert UserPreference.objects.get(user=staff_user).language == "en"
    switch(staff_client, "sv")
    assert UserPreference.objects.get(user=staff_user).language == "sv"


def test_an_anonymous_choice_stays_in_the_cookie_only(client):
    switch(client, "sv")

    assert not UserPreference.objects.exists()


def test_the_choice_comes_back_at_the_next_sign_in_on_another_browser(staff_client, staff_user):
    switch(staff_client, "sv")
    other_browser = Client()

    response = other_browser.post(reverse("login"), {"username": staff_user.username, "password": PASSWORD})

    assert response.status_code == 302
    assert other_browser.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    page = other_browser.get(reverse("dashboard"))
    assert html_lang(page) == "sv"
    assert MENU["sv"] in page.content.decode()


def test_a_user_who_never_chose_keeps_the_cookies_language_at_sign_in(staff_user):
    browser = Client()
    switch(browser, "en")

    browser.post(reverse("login"), {"username": staff_user.username, "password": PASSWORD})

    assert html_lang(browser.get(reverse("dashboard"))) == "en"


# The archive under language prefixes --------------------------------------------------------------


def test_the_archive_has_an_address_per_language():
    addresses = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            addresses[code] = reverse("archive:item", args=[7])

    assert addresses == {"fi": "/fi/archive/items/7/", "sv": "/sv/arkiv/items/7/", "en": "/en/archive/items/7/"}


@pytest.mark.parametrize(("url", "language"), [("/fi/archive/", "fi"), ("/sv/arkiv/", "sv"), ("/en/archive/", "en")])
def test_the_archive_answers_in_the_language_of_its_address(client, url, language):
    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    assert MENU[language] in response.content.decode()


def test_the_address_wins_over_the_cookie(client):
    switch(client, "en")

    assert html_lang(client.get("/sv/arkiv/")) == "sv"
    assert client.get("/sv/archive/").status_code == 404


def test_archive_pages_name_their_alternates(client, body, presenter_person):
    item = seed_item(body, presenter_person)

    page = client.get(f"/sv/arkiv/items/{item.pk}/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {
        "fi": f"http://testserver/fi/archive/items/{item.pk}/",
        "sv": f"http://testserver/sv/arkiv/items/{item.pk}/",
        "en": f"http://testserver/en/archive/items/{item.pk}/",
        "x-default": f"http://testserver/fi/archive/items/{item.pk}/",
    }


def test_pages_with_one_address_for_every_language_have_no_alternates(client):
    assert 'hreflang="' not in client.get(reverse("login")).content.decode()


def test_the_archives_old_addresses_redirect_to_the_readers_language(client):
    assert client.get("/archive/").headers["Location"] == "/fi/archive/"
    assert client.get("/archive/items/5/?q=hoito").headers["Location"] == "/fi/archive/items/5/?q=hoito"
    switch(client, "sv")
    assert client.get("/archive/meetings/3/minutes.pdf").headers["Location"] == "/sv/arkiv/meetings/3/minutes.pdf"


# Euros and rates ----------------------------------------------------------------------------------

AMOUNTS = {
    "fi": ("379\u00a0904,00\u00a0€", "-1\u00a0234,50\u00a0€", "379\u00a0904,00", "80,00\u00a0%"),
    "sv": ("379\u00a0904,00\u00a0€", "-1\u00a0234,50\u00a0€", "379\u00a0904,00", "80,00\u00a0%"),
    "en": ("€379,904.00", "-€1,234.50", "379,904.00", "80.00%"),
}


@pytest.mark.parametrize("language", AMOUNTS)
def test_euros_and_rates_are_written_the_way_of_the_language(language):
    with translation.override(language):
        shown = (
            format_eur(Decimal("379904")),
            format_eur(Decimal("-1234.5")),
            format_eur(Decimal("379904"), symbol=False),
            format_percent(Decimal("0.8")),
        )

    assert shown == AMOUNTS[language]


@pytest.mark.parametrize("language", AMOUNTS)
def test_the_eur_filter_follows_the_active_language(language):
    template = Template("{% load money %}{{ amount|eur }} {{ amount|eur_plain }} {{ rate|percent }}")

    with translation.override(language):
        shown = template.render(Context({"amount": Decimal("379904"), "rate": Decimal("0.8")}))

    expected = AMOUNTS[language]
    assert shown == f"{expected[0]} {expected[2]} {expected[3]}"


@pytest.mark.parametrize(("language", "expected"), [("fi", "31.12.2025"), ("sv", "31.12.2025"), ("en", "31.12.2025")])
def test_short_dates_keep_the_finnish_order_in_every_language(language, expected):
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}')

    with translation.override(language):
        shown = template.render(Context({"day": dt.date(2025, 12, 31)}))

    assert shown == expected
