"""Health and readiness for the load balancer (docs/deployment.md, "Health checks").

- ``/healthz``: the process is alive and answers. It touches nothing else: no database, no cache,
  no session. It answers while the database is down, so the balancer restarts nothing for that.
- ``/readyz``: this server can serve pages now: the database answers ``SELECT 1`` within
  READY_DATABASE_SECONDS: 200 ``{"status": "ready"}``, otherwise 503 with the check that failed,
  e.g. ``{"status": "unavailable", "database": "OperationalError"}``. The shared cache (Redis) is
  checked too, but a cache that does not answer is reported, not refused
  (``{"status": "ready", "cache": "pdf: ConnectionError"}``): every server shares the one Redis, so
  refusing would take them all out of the balancer at once, while without the cache the app still
  serves every page (PDFs are rendered again).

Both are ordinary views through the view entry (public), and ``HealthCheckMiddleware``, first in
MIDDLEWARE, answers them before the rest of the stack: no session or user is loaded, no host name is
checked (balancers probe by address) and there is no https redirect (they probe the app directly).
Neither view runs in the request's transaction (``non_atomic_requests``): opening one would connect.
The answers are for machines, not people: English, not translated, without any detail of an error
beyond its class name.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse

from hankehallinta.entry import view_entry
from hankehallinta.permissions import PUBLIC

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest

logger = logging.getLogger(__name__)

#: The longest the database may take to answer ``SELECT 1`` (PostgreSQL's statement_timeout; the
#: connection itself is bounded by DATABASE_CONNECT_TIMEOUT).
READY_DATABASE_SECONDS = 2
LOCAL_CACHE_BACKENDS = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@transaction.non_atomic_requests
@view_entry(PUBLIC, public=True)
def healthz(request: HttpRequest) -> HttpResponse:
    """Alive: answers without asking anything else."""
    return _no_store(HttpResponse("ok\n", content_type="text/plain; charset=utf-8"))


@transaction.non_atomic_requests
@view_entry(PUBLIC, public=True)
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready: the database answers (503 and the failed check otherwise); a failed cache is reported."""
    failures = {name: reason for name, check in CHECKS.items() if (reason := check()) is not None}
    warnings = {name: reason for name, check in ADVISORY_CHECKS.items() if (reason := check()) is not None}
    if failures:
        return _no_store(JsonResponse({"status": "unavailable", **failures, **warnings}, status=503))
    return _no_store(JsonResponse({"status": "ready", **warnings}))


# The checks: each returns None when all is well, else a short reason ----------------------------


def check_database() -> str | None:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL statement_timeout = {READY_DATABASE_SECONDS * 1000}")
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # whatever it is, this server cannot serve pages now
        logger.warning("readyz: the database does not answer", exc_info=True)
        return type(error).__name__
    return None


def check_caches() -> str | None:
    """Every configured shared cache (not local memory) stores and returns a value."""
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] in LOCAL_CACHE_BACKENDS:
            continue
        try:
            cache = caches[alias]
            cache.set("readyz", "1", 10)
            if cache.get("readyz") != "1":
                return f"{alias}: value not returned"
        except Exception as error:
            logger.warning("readyz: the cache %s does not answer", alias, exc_info=True)
            return f"{alias}: {type(error).__name__}"
    return None


#: Without these the server cannot serve: 503.
CHECKS: dict[str, Callable[[], str | None]] = {"database": check_database}
#: Without these it serves more slowly: reported in the answer, still 200.
ADVISORY_CHECKS: dict[str, Callable[[], str | None]] = {"cache": check_caches}


# Before the rest of the middleware --------------------------------------------------------------

#: Path -> view answered by the middleware (the same views the URLconf names healthz and readyz).
PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """First in MIDDLEWARE: answers the probes before sessions, users, host checks and redirects."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        request.user = AnonymousUser()  # a probe is anonymous: its cookies, if any, are not read
        return probe(request)
