"""Sign-in beyond the password: two-factor verification (TOTP), session timeouts and the lockout page.

- Accounts that can write (the permission `hankehallinta.write`) must verify a TOTP code after the password when
  settings.REQUIRE_2FA is on (the HTTPS switch turns it on). Anyone who has set up a device is asked
  for its code in any case. Until then `RequireTwoFactorMiddleware` lets them reach only the
  two-factor pages and sign-out: the admin site too.
- `SessionTimeoutMiddleware` ends a session SESSION_ABSOLUTE_SECONDS after sign-in, however active;
  the idle timeout is the session's age (SESSION_COOKIE_AGE), renewed by a request at most once a
  minute (RENEW_AFTER_SECONDS): the session row is written then, not on every request.
- `locked_out` is django-axes' lockout response (AXES_LOCKOUT_CALLABLE); the lockout is audited.
"""

from __future__ import annotations

import base64
import io
import re
import time
from binascii import unhexlify
from typing import TYPE_CHECKING, Any

import segno
from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from hankehallinta.audit import Action, Outcome, record
from hankehallinta.entry import view_entry
from hankehallinta.permissions import SIGNED_IN, WRITE, has_permission

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AbstractBaseUser

SIGNED_IN_AT = "hh_signed_in_at"  # session key: when the password sign-in happened (Unix time)
ACTIVE_AT = "hh_active_at"  # session key: when a request last renewed the idle timeout (Unix time)
RENEW_AFTER_SECONDS = 60  # a request renews the idle timeout (writes the session) at most this often
SETUP_KEY = "hh_totp_setup_key"  # session key: the secret offered on the setup page, until confirmed
DEVICE_NAME = "Todennussovellus"
TOKEN_DIGITS = 6
SESSION_WARNING_SECONDS = 120  # how long before the timeout the page warns (WCAG 2.2.1: at least 20 s)

# What an unverified user who needs the second factor may still open (URL names).
OPEN_BEFORE_VERIFICATION = ("two_factor_verify", "two_factor_setup", "two_factor_qr", "logout", "admin:logout")


# Who needs what -------------------------------------------------------------------------------


def must_use_two_factor(user: AbstractBaseUser) -> bool:
    """Whether the account may not be used without a verified second factor."""
    return bool(settings.REQUIRE_2FA) and has_permission(user, WRITE)


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def _is_verified(user: AbstractBaseUser) -> bool:
    """Whether OTPMiddleware found a verified device in this session (False outside a request)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def pending_step(user: AbstractBaseUser) -> str | None:
    """The two-factor page a signed-in user must pass next: "two_factor_verify", "two_factor_setup" or None."""
    if not user.is_authenticated or _is_verified(user):
        return None
    if confirmed_device(user) is not None:
        return "two_factor_verify"
    if must_use_two_factor(user):
        return "two_factor_setup"
    return None


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


# Middleware -----------------------------------------------------------------------------------


class RequireTwoFactorMiddleware:
    """Sends a signed-in user who still owes the second factor to the verify or setup page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _is_verified(user):
            step = pending_step(user)
            if step is not None and request.path_info not in {reverse(name) for name in OPEN_BEFORE_VERIFICATION}:
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                return redirect(f"{reverse(step)}?{query}" if query else reverse(step))
        return self.get_response(request)


class SessionTimeoutMiddleware:
    """Signs the user out SESSION_ABSOLUTE_SECONDS after the sign-in, however active the session is,
    and renews the idle timeout: a request a minute or more after the last renewal changes the session,
    so the session middleware saves it with a new expiry (and sends the cookie again). Requests in
    between write nothing (SESSION_SAVE_EVERY_REQUEST is off), so the idle timeout counts from at most
    a minute before the last request: a session idle for SESSION_COOKIE_AGE is always over."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_AT)
            if not isinstance(signed_in_at, int):
                signed_in_at = request.session[SIGNED_IN_AT] = now
            elif now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(
                    request, _("Your session reached its maximum length and has ended. Please sign in again.")
                )
                return redirect_to_login(request.get_full_path())
            active_at = request.session.get(ACTIVE_AT)
            if not isinstance(active_at, int) or now - active_at >= RENEW_AFTER_SECONDS:
                active_at = request.session[ACTIVE_AT] = now
            # For the warning before the timeout (templates/base.html, static/js/session-timeout.js):
            # the seconds the session really has left, counted from its last renewal.
            request.session_timeout = {
                "idle": settings.SESSION_COOKIE_AGE - (now - active_at),
                "absolute": settings.SESSION_ABSOLUTE_SECONDS - (now - signed_in_at),
                "warn": SESSION_WARNING_SECONDS,
            }
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="hankehallinta.accounts.signed_in_at")
def _remember_sign_in_time(sender, request, user, **kwargs) -> None:
    """The sign-in starts both clocks, in the session the sign-in saves anyway: the first request
    after it has nothing to write."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[ACTIVE_AT] = int(time.time())


# Lockout (django-axes) ------------------------------------------------------------------------


@receiver(user_locked_out, dispatch_uid="hankehallinta.accounts.locked_out")
def _audit_lockout(sender, request, username, ip_address, **kwargs) -> None:
    record(
        Action.DENIED,
        request=request,
        user=None,
        username=username or "",
        outcome=Outcome.DENIED,
        detail={"reason": "lockout", "failure_limit": settings.AXES_FAILURE_LIMIT},
    )


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None):
    """The page shown instead of signing in while the username and address are locked (429)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Cache-Control"] = "no-store"
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


# Forms ----------------------------------------------------------------------------------------


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=20,
        help_text=gettext_lazy("The six-digit code from your authenticator app, for example 123456."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_otp_token(self) -> str:
        token = re.sub(r"\s", "", self.cleaned_data["otp_token"])
        if not re.fullmatch(rf"\d{{{TOKEN_DIGITS}}}", token):
            raise forms.ValidationError(_("Enter the six-digit verification code."), code="format")
        return token


WRONG_CODE = gettext_lazy("The code is wrong or has expired. Check the code your app shows and try again.")
THROTTLED = gettext_lazy("Too many wrong codes in a row. Wait a moment and then try again.")


def _complete_verification(request: HttpRequest, device: TOTPDevice, *, setup: bool) -> None:
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the raised level of assurance
    record(
        Action.LOGIN,
        request=request,
        user=request.user,
        authority="TOTP",
        detail={"step": "two_factor_setup" if setup else "two_factor"},
    )


def _audit_wrong_code(request: HttpRequest, reason: str) -> None:
    record(
        Action.LOGIN_FAILED,
        request=request,
        user=request.user,
        outcome=Outcome.FAILURE,
        authority="TOTP",
        detail={"step": "two_factor", "reason": reason},
    )


# Views ----------------------------------------------------------------------------------------


@never_cache
@view_entry(SIGNED_IN)
def two_factor(request: HttpRequest) -> HttpResponse:
    """The account's two-factor status, with the way to set it up."""
    return render(
        request,
        "accounts/two_factor.html",
        {"device": confirmed_device(request.user), "required": must_use_two_factor(request.user)},
    )


@never_cache
@view_entry(SIGNED_IN, methods=("GET", "POST"))
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: the code of the device the account has set up."""
    next_url = _safe_next(request)
    if request.user.is_verified():
        return redirect(next_url)
    device = confirmed_device(request.user)
    if device is None:
        step = pending_step(request.user)
        return redirect(f"{reverse(step)}?{urlencode({'next': next_url})}" if step else next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("otp_token", THROTTLED)
            _audit_wrong_code(request, "throttled")
        elif device.verify_token(form.cleaned_data["otp_token"]):
            _complete_verification(request, device, setup=False)
            return redirect(next_url)
        else:
            form.add_error("otp_token", WRONG_CODE)
            _audit_wrong_code(request, "wrong_code")
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


def _setup_key(request: HttpRequest) -> str:
    key = request.session.get(SETUP_KEY)
    if not isinstance(key, str) or not re.fullmatch(r"[0-9a-f]{40}", key):
        key = random_hex(20)
        request.session[SETUP_KEY] = key
    return key


def _setup_device(request: HttpRequest) -> TOTPDevice:
    """The device being set up, not saved: the secret lives in the session until the code confirms it."""
    return TOTPDevice(user=request.user, name=DEVICE_NAME, key=_setup_key(request), confirmed=False)


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@view_entry(SIGNED_IN, methods=("GET", "POST"))
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then confirm with a code."""
    next_url = _safe_next(request)
    if confirmed_device(request.user) is not None:
        if request.user.is_verified():
            messages.info(request, _("Two-factor authentication is already in use."))
            return redirect("two_factor")
        return redirect(f"{reverse('two_factor_verify')}?{urlencode({'next': next_url})}")
    device = _setup_device(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        if totp.verify(int(form.cleaned_data["otp_token"]), device.tolerance):
            device.confirmed = True
            device.last_t = totp.t()
            device.save()
            del request.session[SETUP_KEY]
            _complete_verification(request, device, setup=True)
            messages.success(request, _("Two-factor authentication is now in use."))
            return redirect(next_url)
        form.add_error("otp_token", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "secret": _grouped(base64.b32encode(device.bin_key).decode()),
            "required": must_use_two_factor(request.user),
            "issuer": settings.OTP_TOTP_ISSUER,
        },
    )


@never_cache
@view_entry(SIGNED_IN)
def two_factor_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the device being set up, as SVG; only for its own user and only before confirmation."""
    if confirmed_device(request.user) is not None or SETUP_KEY not in request.session:
        raise Http404
    qr = segno.make(_setup_device(request).config_url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=5, border=4, dark="#000", light="#fff", title="QR")
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@view_entry(SIGNED_IN, methods=("POST",))
def session_extend(request: HttpRequest) -> HttpResponse:
    """The timeout warning's "Jatka istuntoa": any request renews the idle timeout; this one does nothing else."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return redirect(_safe_next(request))


def totp_token(device: TOTPDevice, at: float | None = None) -> str:
    """The device's code now, or at the Unix time `at` (for tests)."""
    totp = TOTP(unhexlify(device.key.encode()), device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"
