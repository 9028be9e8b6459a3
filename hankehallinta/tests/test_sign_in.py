"""Signing in with a password: lockout after repeated failures (django-axes), password change and
its rules, no demo accounts outside the demo (security checklist rows 30, 32 and 35)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from conftest import PASSWORD
from hankehallinta.models import AuditEvent
from portal.checks import no_demo_accounts

pytestmark = pytest.mark.django_db

ADDRESS = "10.1.2.3"
OTHER_ADDRESS = "10.9.8.7"


def _sign_in(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _fail(client: Client, username: str, times: int) -> list[int]:
    return [_sign_in(client, username, "väärä-salasana").status_code for _ in range(times)]


# Lockout ---------------------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_at_that_address(secretary):
    client = Client(REMOTE_ADDR=ADDRESS)
    statuses = _fail(client, "sihteeri", 5)
    assert statuses[:4] == [200, 200, 200, 200]  # the form again, with its error
    assert statuses[4] == 429  # the fifth failure locks

    response = _sign_in(client, "sihteeri", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert client.get(reverse("dashboard")).status_code == 302


def test_lockout_page_is_finnish_and_says_when_to_try_again(secretary):
    client = Client(REMOTE_ADDR=ADDRESS)
    _fail(client, "sihteeri", 5)
    response = _sign_in(client, "sihteeri", PASSWORD)
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    text = response.content.decode()
    assert "Kirjautuminen on estetty tilapäisesti" in text
    assert "Yritä uudelleen 15 minuutin kuluttua" in text
    assert response["Retry-After"] == str(15 * 60)
    assert "no-store" in response["Cache-Control"]


def test_the_same_username_from_another_address_can_still_sign_in(secretary):
    _fail(Client(REMOTE_ADDR=ADDRESS), "sihteeri", 5)
    client = Client(REMOTE_ADDR=OTHER_ADDRESS)
    response = _sign_in(client, "sihteeri", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_another_username_from_the_locked_address_can_still_sign_in(secretary, director):
    client = Client(REMOTE_ADDR=ADDRESS)
    _fail(client, "sihteeri", 5)
    assert _sign_in(client, "kehittamisjohtaja", PASSWORD).status_code == 302


def test_lock_opens_after_the_cool_off(secretary):
    with freeze_time("2025-03-03 09:00") as frozen:
        client = Client(REMOTE_ADDR=ADDRESS)
        _fail(client, "sihteeri", 5)
        frozen.tick(dt.timedelta(minutes=14))
        assert _sign_in(client, "sihteeri", PASSWORD).status_code == 429
        # A failed attempt during the lockout restarts the cool-off, so wait the full 15 minutes.
        frozen.tick(dt.timedelta(minutes=16))
        assert _sign_in(client, "sihteeri", PASSWORD).status_code == 302
        assert _signed_in(client)


def test_a_successful_sign_in_resets_the_failure_count(secretary):
    client = Client(REMOTE_ADDR=ADDRESS)
    assert _fail(client, "sihteeri", 4) == [200] * 4
    assert _sign_in(client, "sihteeri", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert _fail(client, "sihteeri", 4) == [200] * 4  # counted from zero again: not locked


def test_failures_and_the_lockout_are_in_the_audit_log(secretary):
    client = Client(REMOTE_ADDR=ADDRESS)
    _fail(client, "sihteeri", 5)
    _sign_in(client, "sihteeri", PASSWORD)  # refused: locked

    failures = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    assert failures.count() == 6
    assert set(failures.values_list("username", "source_ip", "outcome")) == {
        ("sihteeri", ADDRESS, AuditEvent.Outcome.FAILURE)
    }
    lockouts = AuditEvent.objects.filter(action=AuditEvent.Action.DENIED)
    assert lockouts.count() == 2  # the failure that locked, and the attempt while locked
    assert {e.detail["reason"] for e in lockouts} == {"lockout"}
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN).exists()


def test_lockout_records_keep_no_password_or_csrf_token(secretary):
    client = Client(REMOTE_ADDR=ADDRESS, enforce_csrf_checks=False)
    client.post(
        reverse("login"),
        {"username": "sihteeri", "password": "salainen-kanarialintu", "csrfmiddlewaretoken": "kanarialintu-token"},
    )
    attempt = AccessAttempt.objects.get()
    assert "kanarialintu" not in attempt.post_data
    assert "kanarialintu" not in attempt.get_data


def test_force_login_is_not_counted_by_the_lockout(secretary_client):
    assert secretary_client.get(reverse("dashboard")).status_code == 200
    assert not AccessAttempt.objects.exists()


# Password change -------------------------------------------------------------------------------

NEW_PASSWORD = "vahva salalause kolmella sanalla"


def test_password_change_page_is_finnish_and_linked_from_the_menu(secretary_client):
    page = secretary_client.get(reverse("password_change"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Salasanan vaihto" in text
    assert "Vanha salasana" in text
    assert f'href="{reverse("password_change")}"' in secretary_client.get(reverse("dashboard")).content.decode()


def test_password_change_works_and_keeps_this_session(secretary, secretary_client):
    response = secretary_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert "Salasanasi on vaihdettu" in secretary_client.get(response.url).content.decode()
    assert secretary_client.get(reverse("dashboard")).status_code == 200
    secretary.refresh_from_db()
    assert secretary.check_password(NEW_PASSWORD)
    assert _sign_in(Client(), "sihteeri", PASSWORD).status_code == 200  # the old one no longer opens


def test_password_change_ends_the_other_sessions(secretary):
    other_device = Client()
    other_device.force_login(secretary)
    this_device = Client()
    this_device.force_login(secretary)
    this_device.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert this_device.get(reverse("dashboard")).status_code == 200
    assert other_device.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize(
    ("password", "finnish_error"),
    [
        ("Password1", "liian lyhyt. Siinä on oltava vähintään 12 merkkiä"),  # 9 characters
        ("password1234", "liian yleinen"),  # on the common-password list
        ("834729104723", "kokonaan numeerinen"),
    ],
)
def test_weak_new_passwords_are_refused_in_finnish(secretary, secretary_client, password, finnish_error):
    response = secretary_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert finnish_error in response.content.decode()
    secretary.refresh_from_db()
    assert secretary.check_password(PASSWORD)


def test_a_long_passphrase_is_accepted(secretary, secretary_client):
    passphrase = ("kuusikymmentäneljä merkkiä pitkä salalause kelpaa hyvin " * 2)[:64]
    assert len(passphrase) == 64
    response = secretary_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": passphrase, "new_password2": passphrase},
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    assert secretary.check_password(passphrase)


def test_wrong_old_password_is_refused_in_finnish(secretary_client):
    response = secretary_client.post(
        reverse("password_change"),
        {"old_password": "ei-tämä", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Vanha salasana" in response.content.decode()
    assert "Vanha salasana on virheellinen" in response.content.decode()


# No default accounts ---------------------------------------------------------------------------


def _demo_user(username: str, password: str = "demo") -> User:
    return User.objects.create_user(username=username, password=password)


def test_deploy_check_fails_on_a_demo_account_with_the_demo_password(settings):
    settings.DEBUG = False
    _demo_user("sihteeri")
    _demo_user("admin")
    _demo_user("henkilosto", "vahva salalause kolmella sanalla")
    errors = no_demo_accounts(databases=["default"])
    assert [e.id for e in errors] == ["hankehallinta.E001"]
    assert "admin, sihteeri" in errors[0].msg
    assert "henkilosto" not in errors[0].msg


def _check_ids(**kwargs) -> set[str]:
    return {message.id for message in run_checks(**kwargs)}


def test_deploy_check_runs_with_check_deploy_on_a_database(settings):
    settings.DEBUG = False
    _demo_user("kehittamisjohtaja")
    assert "hankehallinta.E001" in _check_ids(include_deployment_checks=True, databases=["default"])
    # Not without --deploy, nor without --database (a settings-only check, as make deploy-check runs it).
    assert "hankehallinta.E001" not in _check_ids(include_deployment_checks=False, databases=["default"])
    assert "hankehallinta.E001" not in _check_ids(include_deployment_checks=True)


def test_manage_py_check_deploy_database_fails_on_a_demo_account(settings):
    settings.DEBUG = False
    _demo_user("sihteeri")
    with pytest.raises(SystemCheckError, match="hankehallinta.E001"):
        call_command("check", "--deploy", "--database", "default", stdout=io.StringIO(), stderr=io.StringIO())


def test_deploy_check_passes_without_demo_passwords(settings):
    settings.DEBUG = False
    _demo_user("esittelija", "vahva salalause kolmella sanalla")
    _demo_user("someone-else")  # "demo" as a password is the validators' business, not this check's
    assert no_demo_accounts(databases=["default"]) == []


def test_deploy_check_ignores_the_local_demo(settings):
    settings.DEBUG = True
    _demo_user("sihteeri")
    assert no_demo_accounts(databases=["default"]) == []


def test_deploy_check_does_not_upgrade_or_save_the_hash(settings):
    settings.DEBUG = False
    user = _demo_user("admin")
    before = user.password
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert no_demo_accounts(databases=["default"])
    user.refresh_from_db()
    assert user.password == before
