"""A test-only URLconf: the app's own URLs plus views that fail on purpose.

Tests select it with ``settings.ROOT_URLCONF = "testing.fault_urls"``; the error
handlers are the app's own.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hankehallinta import urls as app_urls

#: What the failing views put into their exceptions: none of it may reach a response body.
LEAK_CANARIES = (
    "Traceback",
    "SELECT",
    "INSERT INTO",
    "secret_canary_value",
    "SECRET_KEY",
    "DATABASES",
    "RuntimeError",
    "IntegrityError",
    "OperationalError",
    "fault_urls.py",
)


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("SELECT secret_canary_value FROM auth_user -- SECRET_KEY DATABASES")


def integrity_boom(request: HttpRequest) -> HttpResponse:
    raise IntegrityError("INSERT INTO \"auth_user\" VALUES ('secret_canary_value') violates SECRET_KEY")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("secret_canary_value")


def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError('connection to server at "10.0.0.5", port 5432 failed: secret_canary_value')


def database_down_wrapped(request: HttpRequest) -> HttpResponse:
    """A database error raised on by other code (a template, a library) still counts."""
    try:
        raise OperationalError("server closed the connection unexpectedly secret_canary_value")
    except OperationalError as error:
        raise RuntimeError("rendering failed") from error


urlpatterns = [
    path("testing/boom/", boom),
    path("testing/integrity/", integrity_boom),
    path("testing/forbidden/", forbidden),
    path("testing/database-down/", database_down),
    path("testing/database-down-wrapped/", database_down_wrapped),
    *app_urls.urlpatterns,
]

handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500
