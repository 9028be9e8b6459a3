"""The error pages: 403 and 404 in the site layout; 400, 500 and 503 without the request or the database."""

from __future__ import annotations

import sys

from django.db import utils as db_utils
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token

# Error pages ----------------------------------------------------------------------------------
# 403 and 404 use the site layout; 400, 500 and 503 render without a request context or the database.


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400 in Finnish (a form with too many fields, a malformed request). The request itself is
    suspect (its body or host may be what failed), so the page uses neither it nor the database."""
    return HttpResponseBadRequest(loader.get_template("400.html").render())


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponseNotFound(loader.render_to_string("404.html", request=request))


#: Seconds a client is asked to wait (Retry-After) when the database cannot be reached.
DATABASE_RETRY_AFTER_SECONDS = 30
#: Errors that mean "the database cannot be reached or cannot answer now", not a bug: a refused or
#: dropped connection, a server shutting down, a cancelled statement. Django wraps the driver's
#: errors in its own classes; the driver's are listed too for errors raised outside that wrapper.
DATABASE_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (db_utils.OperationalError, db_utils.InterfaceError)
try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    pass
else:
    DATABASE_UNAVAILABLE_ERRORS += (psycopg.OperationalError, psycopg.InterfaceError)


def _database_unavailable(exception: BaseException | None) -> bool:
    """Whether the exception, or one it was raised from, says the database is unavailable."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with Retry-After when the cause is an unreachable database.

    Django calls this inside its ``except`` block, for exceptions from views and from middleware
    alike (sessions, authentication), so ``sys.exc_info()`` is the error being handled. Neither
    page touches the database or the request; the next request connects afresh
    (CONN_HEALTH_CHECKS), so the service recovers by itself when the database returns.
    """
    if _database_unavailable(sys.exc_info()[1]):
        _keep_session_middleware_off_the_database(request)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


def _keep_session_middleware_off_the_database(request: HttpRequest) -> None:
    """On the way out Django's session middleware reads a session it could not load once more
    (for the cookie's expiry, with SESSION_SAVE_EVERY_REQUEST): against a database that hangs
    that is a second connect timeout before the 503 leaves. An empty stand-in for this response
    stops it; it is never saved (the middleware saves no session on a 5xx) and the cookie stays,
    so the user is still signed in when the database returns."""
    session = getattr(request, "session", None)
    if session is not None and not hasattr(session, "_session_cache"):
        session._session_cache = {}
