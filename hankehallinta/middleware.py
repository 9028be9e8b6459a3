"""Response hardening that Django and django-csp do not do by themselves.

:class:`AllowedMethodsMiddleware` answers 405 to any method other than GET, HEAD, POST and
OPTIONS (TRACE, TRACK, CONNECT, PUT, DELETE...): the app is server-rendered forms and needs no
others.

:class:`SecurityHeadersMiddleware`, at the top of ``MIDDLEWARE`` so that every response passes
through it, error pages and redirects included:

- adds ``Permissions-Policy`` (:data:`PERMISSIONS_POLICY`): no camera, microphone, location,
  payment and similar browser features;
- marks every response to a signed-in user ``Cache-Control: no-store`` unless the view chose its
  own caching (PDF downloads do): pages with names, decisions and drafts stay out of shared and
  browser caches;
- lets the admin's pages use the few fixed inline style attributes of third-party admin templates
  (:data:`ADMIN_STYLE_ATTRIBUTES`), by hash: the content security policy stays strict everywhere
  else, and even in the admin no other style attribute applies.
"""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from django.db import DatabaseError
from django.http import HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

#: The methods the app answers; anything else gets 405 before it reaches a view.
ALLOWED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")

#: Browser features no page of the app uses (Permissions-Policy syntax; () = nobody may).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


#: Style attributes written verbatim in third-party admin templates; django-simple-history's
#: object_history_list.html has <p class="paginator" style="border-top: 0">.
ADMIN_STYLE_ATTRIBUTES = ("border-top: 0",)


def _csp_hash(source: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()}'"


#: django-csp's per-response addition for the admin (read by csp.middleware.CSPMiddleware, which
#: is outside this middleware in MIDDLEWARE).
ADMIN_CSP_UPDATE = {"style-src-attr": ["'unsafe-hashes'", *(_csp_hash(s) for s in ADMIN_STYLE_ATTRIBUTES)]}


def _signed_in(request: HttpRequest) -> bool:
    """Whether the request comes from a signed-in user.

    Static files (whitenoise answers before the session and authentication middleware) have no
    user. If the database cannot tell, count the user as signed in: no-store is the safe side.
    """
    user = getattr(request, "user", None)
    if user is None:
        return False
    try:
        return bool(user.is_authenticated)
    except DatabaseError:
        return True


class AllowedMethodsMiddleware:
    """405 for every method but :data:`ALLOWED_METHODS`; placed inside SecurityMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            return HttpResponseNotAllowed(ALLOWED_METHODS)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Permissions-Policy, no-store for signed-in users, the admin's style hashes; outermost."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response.headers and _signed_in(request):
            add_never_cache_headers(response)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.app_name == "admin" and not hasattr(response, "_csp_update"):
            response._csp_update = ADMIN_CSP_UPDATE
        return response
