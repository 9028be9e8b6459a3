"""Two-factor sign-in (TOTP, django-otp): required of accounts that can write when REQUIRE_2FA is on,
optional otherwise (security checklist row 31, ASVS 6.3.3)."""

from __future__ import annotations

import datetime as dt
from base64 import b32encode
from binascii import unhexlify

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from conftest import PASSWORD
from hankehallinta.accounts import SETUP_KEY, WRONG_CODE, pending_step, totp_token
from hankehallinta.models import AuditEvent
from hankehallinta.permissions import WRITE, has_permission

pytestmark = pytest.mark.django_db

PROJECTS = reverse("projects:list")
VERIFY = reverse("two_factor_verify")
SETUP = reverse("two_factor_setup")
QR = reverse("two_factor_qr")


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


@pytest.fixture
def frozen():
    with freeze_time("2025-03-03 09:00:00") as frozen:
        yield frozen


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Todennussovellus", confirmed=True)


def _code(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, computed as django-otp's own tests do."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:06d}"


def _signed_in_with_password(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "the password step failed"
    return client


def _redirect_path(response) -> str:
    assert response.status_code == 302
    return response.url.split("?")[0]


# Who must ----------------------------------------------------------------------------------------


def test_accounts_that_can_write_are_the_ones_that_must(secretary, director, presenter, staff_user, admin_user):
    assert has_permission(secretary, WRITE)
    assert has_permission(director, WRITE)
    assert has_permission(presenter, WRITE)
    assert has_permission(admin_user, WRITE)
    assert not has_permission(staff_user, WRITE)


def test_nothing_is_required_when_the_switch_is_off(settings, director):
    settings.REQUIRE_2FA = False
    client = _signed_in_with_password("kehittamisjohtaja")
    assert client.get(PROJECTS).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200


# Setting up --------------------------------------------------------------------------------------


def test_director_without_a_device_is_sent_to_set_one_up_and_cannot_open_pages(required, director):
    client = _signed_in_with_password("kehittamisjohtaja")
    response = client.get(PROJECTS)
    assert _redirect_path(response) == SETUP
    assert response.url == f"{SETUP}?next=%2Fprojects%2F"
    assert _redirect_path(client.get(reverse("dashboard"))) == SETUP
    assert _redirect_path(client.get(reverse("password_change"))) == SETUP
    assert _redirect_path(client.post(PROJECTS)) == SETUP


def test_setup_shows_the_qr_code_and_the_key_and_confirms_with_a_code(required, director, frozen):
    client = _signed_in_with_password("kehittamisjohtaja")
    page = client.get(f"{SETUP}?next={PROJECTS}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kaksivaiheisen tunnistautumisen käyttöönotto" in text
    assert f'<img src="{QR}"' in text
    assert not TOTPDevice.objects.exists(), "nothing is written on GET: the secret waits in the session"

    qr = client.get(QR)
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") and b"<svg" in qr.content
    assert b"<script" not in qr.content

    key = client.session[SETUP_KEY]
    secret = b32encode(unhexlify(key)).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in text

    code = f"{totp(unhexlify(key)):06d}"
    response = client.post(SETUP, {"otp_token": code, "next": PROJECTS})
    assert response.status_code == 302
    assert response.url == PROJECTS
    assert client.get(PROJECTS).status_code == 200
    device = TOTPDevice.objects.get(user=director)
    assert device.confirmed
    assert device.key == key
    assert SETUP_KEY not in client.session
    event = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN, authority="TOTP").get()
    assert event.user == director
    assert event.detail == {"step": "two_factor_setup"}


def test_setup_refuses_a_wrong_code_in_finnish(required, director, frozen):
    client = _signed_in_with_password("kehittamisjohtaja")
    client.get(SETUP)
    right = totp(unhexlify(client.session[SETUP_KEY]))
    response = client.post(SETUP, {"otp_token": f"{(right + 1) % 1_000_000:06d}"})
    assert response.status_code == 200
    assert str(WRONG_CODE) in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert _redirect_path(client.get(PROJECTS)) == SETUP


@pytest.mark.parametrize("token", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_refused_in_finnish(required, director, token):
    client = _signed_in_with_password("kehittamisjohtaja")
    client.get(SETUP)
    response = client.post(SETUP, {"otp_token": token})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Anna kuusinumeroinen vahvistuskoodi." in text or "Tämä kenttä vaaditaan." in text
    assert 'aria-invalid="true"' in text or "is-invalid" in text


def test_the_qr_code_is_only_for_the_device_being_set_up(required, director):
    client = _signed_in_with_password("kehittamisjohtaja")
    assert client.get(QR).status_code == 404  # the setup page has not offered a key yet
    assert Client().get(QR).status_code == 302  # anonymous: to the sign-in page


def test_someone_with_only_the_password_cannot_replace_a_device(required, director):
    _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    assert _redirect_path(client.get(SETUP)) == VERIFY
    assert client.get(QR).status_code == 404


# Verifying ---------------------------------------------------------------------------------------


def test_with_a_device_the_director_must_verify_before_pages(required, director, frozen):
    device = _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    response = client.get(PROJECTS)
    assert response.url == f"{VERIFY}?next=%2Fprojects%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'for="id_otp_token"' in page.content.decode()

    response = client.post(VERIFY, {"otp_token": _code(device), "next": PROJECTS})
    assert response.status_code == 302
    assert response.url == PROJECTS
    assert client.get(PROJECTS).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200


def test_wrong_code_is_refused_with_a_finnish_error(required, director, frozen):
    device = _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    right = _code(device)
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    response = client.post(VERIFY, {"otp_token": wrong})
    assert response.status_code == 200
    assert "Koodi on väärä tai vanhentunut" in response.content.decode()
    assert _redirect_path(client.get(PROJECTS)) == VERIFY

    # Right after a wrong code, django-otp's throttle asks to wait a moment.
    response = client.post(VERIFY, {"otp_token": right})
    assert "Liian monta väärää koodia" in response.content.decode()
    frozen.tick(dt.timedelta(seconds=5))
    response = client.post(VERIFY, {"otp_token": _code(device), "next": PROJECTS})
    assert response.status_code == 302
    assert client.get(PROJECTS).status_code == 200

    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, authority="TOTP")
    assert [e.detail["reason"] for e in failed.order_by("pk")] == ["wrong_code", "throttled"]
    assert set(failed.values_list("user", flat=True)) == {director.pk}


def test_a_code_cannot_be_used_twice(required, director, frozen):
    device = _device(director)
    code = _code(device)
    first = _signed_in_with_password("kehittamisjohtaja")
    assert first.post(VERIFY, {"otp_token": code}).status_code == 302
    second = _signed_in_with_password("kehittamisjohtaja")
    response = second.post(VERIFY, {"otp_token": code})
    assert response.status_code == 200
    assert "Koodi on väärä tai vanhentunut" in response.content.decode()


def test_verification_gives_a_new_session_key(required, director, frozen):
    device = _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    before = client.session.session_key
    client.post(VERIFY, {"otp_token": _code(device)})
    assert client.session.session_key != before


def test_an_outside_next_address_is_ignored(required, director, frozen):
    device = _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    response = client.post(VERIFY, {"otp_token": _code(device), "next": "https://evil.example/"})
    assert response.url == reverse("dashboard")


def test_an_unverified_user_can_still_sign_out(required, director):
    client = _signed_in_with_password("kehittamisjohtaja")
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_signed_in_session_without_verification_is_stopped_too(required, director_client):
    """force_login (as a stolen session cookie would be) does not skip the second factor."""
    assert _redirect_path(director_client.get(PROJECTS)) == SETUP


def test_the_admin_site_also_requires_verification(required, admin_user, frozen):
    client = Client()
    response = client.post(reverse("admin:login"), {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    assert _redirect_path(client.get(reverse("admin:index"))) == SETUP
    device = _device(admin_user)
    assert _redirect_path(client.get(reverse("admin:index"))) == VERIFY
    client.post(VERIFY, {"otp_token": _code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


# Staff and the local demo ------------------------------------------------------------------------


def test_read_only_staff_are_not_forced(required, staff_user):
    client = _signed_in_with_password("henkilosto")
    assert client.get(PROJECTS).status_code == 200
    assert pending_step(staff_user) is None


def test_without_the_requirement_a_set_up_device_is_still_asked_for(settings, director, frozen):
    settings.REQUIRE_2FA = False
    device = _device(director)
    client = _signed_in_with_password("kehittamisjohtaja")
    assert _redirect_path(client.get(PROJECTS)) == VERIFY
    client.post(VERIFY, {"otp_token": _code(device)})
    assert client.get(PROJECTS).status_code == 200


def test_without_the_requirement_anyone_can_set_it_up(settings, staff_user, frozen):
    settings.REQUIRE_2FA = False
    client = _signed_in_with_password("henkilosto")
    status = client.get(reverse("two_factor"))
    assert "Ei käytössä" in status.content.decode()
    client.get(SETUP)
    code = f"{totp(unhexlify(client.session[SETUP_KEY])):06d}"
    assert client.post(SETUP, {"otp_token": code}).status_code == 302
    assert "Käytössä" in client.get(reverse("two_factor")).content.decode()
    assert TOTPDevice.objects.get(user=staff_user).confirmed


def test_totp_token_helper_matches_django_otp(director, frozen):
    device = _device(director)
    assert totp_token(device) == _code(device)
