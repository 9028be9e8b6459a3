"""Sessions: idle and absolute timeouts, a new key on sign-in, sign-out that really ends the session,
deactivated users cut off, cookie attributes (security checklist rows 29, 33 and 34)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from conftest import PASSWORD
from hankehallinta.models import AuditEvent

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")
LOGIN = reverse("login")


def _goes_to_login(response) -> bool:
    return response.status_code == 302 and response.url.startswith(LOGIN)


def _session_cookie(client: Client) -> str:
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


# Timeouts ------------------------------------------------------------------------------------------


def test_idle_timeout_is_thirty_minutes_by_default():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert not django_settings.SESSION_SAVE_EVERY_REQUEST  # renewed at most once a minute instead


def test_after_31_idle_minutes_the_session_is_gone(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client()
        client.force_login(secretary)
        assert client.get(DASHBOARD).status_code == 200
        frozen.tick(dt.timedelta(minutes=31))
        response = client.get(DASHBOARD)
        assert _goes_to_login(response)
        assert response.url == f"{LOGIN}?next=/"


def test_activity_extends_the_session(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client()
        client.force_login(secretary)
        for _ in range(4):  # two hours in all, never 30 minutes idle
            frozen.tick(dt.timedelta(minutes=29))
            assert client.get(DASHBOARD).status_code == 200
        frozen.tick(dt.timedelta(minutes=31))
        assert _goes_to_login(client.get(DASHBOARD))


def _session_writes(client: Client) -> list[str]:
    """The SQL statements a request to the dashboard runs against the session table, other than reads."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return [
        query["sql"]
        for query in queries.captured_queries
        if "django_session" in query["sql"] and not query["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_a_second_request_within_a_minute_writes_no_session(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client()
        client.force_login(secretary)  # the sign-in starts the idle clock
        assert _session_writes(client) == []
        frozen.tick(dt.timedelta(seconds=50))
        assert _session_writes(client) == []
        frozen.tick(dt.timedelta(seconds=15))  # a minute and more since the renewal
        assert len(_session_writes(client)) == 1


def test_the_idle_timeout_counts_from_the_last_renewal_not_the_last_request(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client()
        client.force_login(secretary)
        assert client.get(DASHBOARD).status_code == 200  # renewed at 09:00:00
        frozen.tick(dt.timedelta(seconds=59))
        page = client.get(DASHBOARD).content.decode()  # not renewed: 29 min 1 s left
        assert 'data-idle-seconds="1741"' in page
        frozen.tick(dt.timedelta(minutes=29, seconds=2))
        assert _goes_to_login(client.get(DASHBOARD))


def test_the_absolute_timeout_ends_even_an_active_session(secretary, settings):
    assert settings.SESSION_ABSOLUTE_SECONDS == 10 * 60 * 60
    with freeze_time("2025-03-03 07:00") as frozen:
        client = Client()
        client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
        for _ in range(23):  # 9 h 35 min of steady work
            frozen.tick(dt.timedelta(minutes=25))
            assert client.get(DASHBOARD).status_code == 200
        frozen.tick(dt.timedelta(minutes=26))  # 10 h 01 min after signing in
        response = client.get(DASHBOARD)
        assert _goes_to_login(response)
        assert "_auth_user_id" not in client.session
        page = client.get(response.url)
        assert "Istuntosi on päättynyt enimmäiskestonsa vuoksi" in page.content.decode()
        assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).count() == 1


def test_signing_in_again_restarts_the_absolute_timeout(secretary):
    with freeze_time("2025-03-03 07:00") as frozen:
        client = Client()
        client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
        frozen.tick(dt.timedelta(hours=9, minutes=50))
        client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})  # the old session had lapsed
        frozen.tick(dt.timedelta(minutes=20))
        assert client.get(DASHBOARD).status_code == 200


# Keys and sign-out --------------------------------------------------------------------------------


def test_signing_in_gives_a_new_session_key(secretary):
    client = Client()
    before = client.session
    before["valittu_lautakunta"] = "Tulevaisuuslautakunta"
    before.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = before.session_key

    client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
    after = _session_cookie(client)
    assert after != before.session_key
    assert not SessionStore().exists(before.session_key), "the pre-sign-in session must not live on"
    assert client.get(DASHBOARD).status_code == 200


def test_signing_out_ends_the_session_on_the_server(secretary):
    client = Client()
    client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
    stolen = _session_cookie(client)
    assert client.post(reverse("logout")).status_code == 302

    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = stolen
    assert _goes_to_login(replay.get(DASHBOARD))
    assert not SessionStore().exists(stolen)


def test_signing_out_needs_post():
    assert Client().get(reverse("logout")).status_code == 405


def test_a_deactivated_user_is_cut_off_mid_session(secretary, secretary_client):
    assert secretary_client.get(DASHBOARD).status_code == 200
    secretary.is_active = False
    secretary.save(update_fields=["is_active"])
    assert _goes_to_login(secretary_client.get(DASHBOARD))
    assert _goes_to_login(secretary_client.get(reverse("projects:list")))


def test_a_deactivated_user_cannot_sign_in(secretary):
    secretary.is_active = False
    secretary.save(update_fields=["is_active"])
    client = Client()
    response = client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


# Cookies ------------------------------------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax(secretary):
    client = Client()
    response = client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert int(cookie["max-age"]) == 30 * 60


def test_under_https_cookies_are_host_only_and_secure(secretary, settings):
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.SESSION_COOKIE_SECURE = True
    client = Client()
    response = client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD}, secure=True)
    cookie = response.cookies["__Host-sessionid"]
    # A __Host- cookie must be Secure, have Path=/ and no Domain, or browsers drop it.
    assert cookie["secure"]
    assert cookie["path"] == "/"
    assert not cookie["domain"]
    assert cookie["httponly"]


def _settings_under(**environment: str) -> list:
    """Some settings as a fresh process reads them (settings are read once per process)."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_NAME,"
        " s.CSRF_COOKIE_SECURE, s.REQUIRE_2FA]))"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"HTTPS", "REQUIRE_2FA"}}
    env.update({"DJANGO_SETTINGS_MODULE": "hankehallinta.settings", "SECRET_KEY": "x" * 60, "DEBUG": "0"})
    env.update(environment)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_https_switch_turns_on_secure_cookies_and_two_factor():
    assert _settings_under(HTTPS="1") == ["__Host-sessionid", True, "__Host-csrftoken", True, True]
    assert _settings_under(HTTPS="1", REQUIRE_2FA="0")[4] is False


def test_without_https_two_factor_is_optional_unless_asked_for():
    assert _settings_under() == ["sessionid", False, "csrftoken", False, False]
    assert _settings_under(REQUIRE_2FA="1")[4] is True


# The warning before the timeout (WCAG 2.2.1) -------------------------------------------------------


def test_pages_carry_the_timeout_warning_with_the_time_left(secretary, settings):
    with freeze_time("2025-03-03 07:00") as frozen:
        client = Client()
        client.post(LOGIN, {"username": "sihteeri", "password": PASSWORD})
        for _ in range(5):
            frozen.tick(dt.timedelta(minutes=24))
            page = client.get(DASHBOARD).content.decode()
    assert 'id="session-timeout" role="alert"' in page
    assert 'data-idle-seconds="1800"' in page
    assert f'data-absolute-seconds="{settings.SESSION_ABSOLUTE_SECONDS - 2 * 60 * 60}"' in page
    assert 'data-warn-seconds="120"' in page
    assert "Jatka istuntoa" in page
    assert "/static/js/session-timeout.js" in page


def test_signed_out_pages_have_no_timeout_warning():
    page = Client().get(LOGIN).content.decode()
    assert "session-timeout" not in page


def test_continuing_the_session_renews_the_idle_timeout(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client()
        client.force_login(secretary)
        frozen.tick(dt.timedelta(minutes=29))
        response = client.post(reverse("session_extend"), headers={"X-Requested-With": "fetch"})
        assert response.status_code == 204
        frozen.tick(dt.timedelta(minutes=29))
        assert client.get(DASHBOARD).status_code == 200


def test_continuing_without_javascript_returns_to_the_page(secretary_client):
    response = secretary_client.post(reverse("session_extend"), {"next": "/projects/"})
    assert response.status_code == 302
    assert response.url == "/projects/"
    response = secretary_client.post(reverse("session_extend"), {"next": "https://evil.example/"})
    assert response.url == DASHBOARD


def test_continuing_needs_a_session_and_post(secretary_client):
    assert secretary_client.get(reverse("session_extend")).status_code == 405
    assert _goes_to_login(Client().post(reverse("session_extend")))
