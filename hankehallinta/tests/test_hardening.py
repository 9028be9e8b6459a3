"""Hardening (security.md rows 22, 25-29, 35-36, 49): headers on every response, the content
security policy, cookies and HSTS under the HTTPS switch, check --deploy, no stack traces, no
TRACE, safe download headers.

The HTTPS switch in settings.py is read once, at import. The tests here override the settings it
sets (``HTTPS_SETTINGS``), and ``test_https_switch_sets_exactly_these_settings`` proves, in a fresh
process with ``HTTPS=1``, that the switch sets exactly those values.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern
from freezegun import freeze_time

from hankehallinta.health import PROBES
from hankehallinta.middleware import ADMIN_STYLE_ATTRIBUTES
from testing.factories import AgendaItemFactory, MeetingFactory, ProjectFactory
from testing.fault_urls import LEAK_CANARIES
from testing.headers import EXPECTED_CSP, assert_security_headers, parse_csp

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
FAULT_URLS = "testing.fault_urls"

#: What the HTTPS switch sets (settings.py); checked against the real switch below.
HTTPS_SETTINGS = {
    "SECURE_SSL_REDIRECT": True,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SECURE_HSTS_SECONDS": 365 * 24 * 60 * 60,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}


#: The test run's own switches, not for a production environment (the browser tests set the first).
TEST_ONLY_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE", "REQUIRE_2FA"}


def production_environment(**extra: str) -> dict[str, str]:
    """The environment of a production server, for `manage.py check --deploy` and the HTTPS switch."""
    inherited = {name: value for name, value in os.environ.items() if name not in TEST_ONLY_VARIABLES}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "hankehallinta.settings",
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "hankehallinta.example.fi",
    }
    environment.update(extra)
    return environment


@pytest.fixture
def fault_urls(settings):
    settings.ROOT_URLCONF = FAULT_URLS
    settings.DEBUG = False


def sample_responses(user, *, secure: bool = False) -> dict[str, object]:
    """One response of every kind: pages, redirects, 403/404/405/500/503, CSRF failure, PDF, static."""
    project = ProjectFactory(title="Otsikko")
    anonymous = Client(raise_request_exception=False)
    strict = Client(enforce_csrf_checks=True, raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(user)
    get = {"secure": secure}
    return {
        "anonymous dashboard (302)": anonymous.get("/", **get),
        "login page": anonymous.get(reverse("login"), **get),
        "login without CSRF token (403)": strict.post(reverse("login"), {"username": "x", "password": "y"}, **get),
        "dashboard": signed_in.get("/", **get),
        "project list": signed_in.get(reverse("projects:list"), **get),
        "project page": signed_in.get(project.get_absolute_url(), **get),
        "meetings": signed_in.get(reverse("decisions:meeting_list"), **get),
        "funding PDF": signed_in.get(reverse("projects:funding_pdf", args=[project.pk]), **get),
        "admin index": signed_in.get(reverse("admin:index"), **get),
        "admin history": signed_in.get(reverse("admin:projects_project_history", args=[project.pk]), **get),
        "not found (404)": signed_in.get("/ei-tallaista-sivua/", **get),
        "forbidden (403)": signed_in.get("/testing/forbidden/", **get),
        "server error (500)": signed_in.get("/testing/boom/", **get),
        "database down (503)": signed_in.get("/testing/database-down/", **get),
        "TRACE (405)": signed_in.generic("TRACE", "/", **get),
        "static file": anonymous.get("/static/css/app.css", **get),
    }


EXPECTED_STATUS = {
    "anonymous dashboard (302)": 302,
    "login page": 200,
    "login without CSRF token (403)": 403,
    "dashboard": 200,
    "project list": 200,
    "project page": 200,
    "meetings": 200,
    "funding PDF": 200,
    "admin index": 200,
    "admin history": 200,
    "not found (404)": 404,
    "forbidden (403)": 403,
    "server error (500)": 500,
    "database down (503)": 503,
    "TRACE (405)": 405,
    "static file": 200,
}


# Headers on every response -----------------------------------------------------------------------


def test_every_response_carries_the_security_headers(fault_urls, admin_user):
    responses = sample_responses(admin_user)
    assert {name: response.status_code for name, response in responses.items()} == EXPECTED_STATUS
    for name, response in responses.items():
        assert_security_headers(name, response)
        assert "Strict-Transport-Security" not in response.headers, name  # plain http: no HSTS


def test_under_https_every_response_also_carries_hsts(fault_urls, settings, admin_user):
    for name, value in HTTPS_SETTINGS.items():
        setattr(settings, name, value)
    responses = sample_responses(admin_user, secure=True)
    assert {name: response.status_code for name, response in responses.items()} == EXPECTED_STATUS
    for name, response in responses.items():
        assert_security_headers(name, response, https=True)
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https_with_the_headers(settings):
    for name, value in HTTPS_SETTINGS.items():
        setattr(settings, name, value)
    response = Client().get("/projects/?q=1")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/projects/?q=1"
    assert_security_headers("redirect to https", response)


def test_admin_allows_only_the_hashes_of_its_fixed_style_attributes(admin_client):
    response = admin_client.get(reverse("admin:index"))
    attributes = parse_csp(response["Content-Security-Policy"])["style-src-attr"]
    assert "'unsafe-hashes'" in attributes
    assert len(attributes) == 1 + len(ADMIN_STYLE_ATTRIBUTES)
    assert "'unsafe-inline'" not in attributes
    # The app's own pages allow no style attribute at all.
    assert "style-src-attr" not in parse_csp(admin_client.get("/")["Content-Security-Policy"])


def test_csp_is_the_django_csp_4_policy_from_settings():
    directives = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert {name: set(sources) for name, sources in directives.items()} == EXPECTED_CSP
    assert "csp.middleware.CSPMiddleware" in django_settings.MIDDLEWARE


def test_error_and_header_middleware_sit_outside_the_session_and_auth_middleware():
    """So that a response made when sessions or authentication fail still gets its headers."""
    middleware = django_settings.MIDDLEWARE
    session = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    for outer in (
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "csp.middleware.CSPMiddleware",
        "hankehallinta.middleware.SecurityHeadersMiddleware",
    ):
        assert middleware.index(outer) < session, outer


# Caching ----------------------------------------------------------------------------------------


def test_pages_of_signed_in_users_are_not_stored(fault_urls, staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    project = ProjectFactory()
    for path in ("/", reverse("projects:list"), project.get_absolute_url(), "/ei-ole/", "/testing/boom/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_a_view_that_sets_its_own_caching_keeps_it(staff_client):
    project = ProjectFactory()
    response = staff_client.get(reverse("projects:funding_pdf", args=[project.pk]))
    assert response["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable():
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# Cookies under the HTTPS switch ----------------------------------------------------------------


def test_cookies_under_https_are_host_prefixed_secure_and_same_site(settings, staff_user):
    for name, value in HTTPS_SETTINGS.items():
        setattr(settings, name, value)
    anonymous = Client()
    csrf = anonymous.get(reverse("login"), secure=True).cookies["__Host-csrftoken"]
    with freeze_time("2025-03-03 09:00") as frozen:
        signed_in = Client()
        signed_in.force_login(staff_user)
        frozen.tick(dt.timedelta(minutes=2))
        # A page a minute or more after the last renewal renews the idle timeout: the cookie again.
        session = signed_in.get("/", secure=True).cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        assert cookie["secure"] is True, cookie.key
        assert cookie["samesite"] == "Lax", cookie.key
        assert cookie["path"] == "/", cookie.key  # __Host-: path /, no domain
        assert not cookie["domain"], cookie.key
    assert session["httponly"] is True
    assert "sessionid" not in signed_in.cookies and "csrftoken" not in anonymous.cookies


def test_sign_in_sets_a_host_prefixed_secure_http_only_session_cookie(settings, staff_user):
    for name, value in HTTPS_SETTINGS.items():
        setattr(settings, name, value)
    client = Client()
    response = client.post(
        reverse("login"), {"username": staff_user.username, "password": "testipassword-123"}, secure=True
    )
    assert response.status_code == 302, response.content.decode()[:500]
    cookie = response.cookies["__Host-sessionid"]
    assert (cookie["secure"], cookie["httponly"], cookie["samesite"], cookie["path"]) == (True, True, "Lax", "/")


def test_https_switch_sets_exactly_these_settings():
    """settings.py with HTTPS=1, in a fresh process, has the values the tests above override."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {sorted(HTTPS_SETTINGS)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    expected = {name: list(value) if isinstance(value, tuple) else value for name, value in HTTPS_SETTINGS.items()}
    assert values == expected


# check --deploy -----------------------------------------------------------------------------------


def run_deploy_check(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_deploy_check(production_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_the_https_switch():
    """The check is not a formality: production without HTTPS fails it."""
    result = run_deploy_check(production_environment(HTTPS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


# No stack trace with DEBUG off --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/testing/boom/", "/testing/integrity/"])
def test_server_error_shows_no_trace_sql_or_settings(fault_urls, staff_user, path, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    response = client.get(path)
    assert response.status_code == 500
    body = response.content.decode()
    for canary in LEAK_CANARIES:
        assert canary not in body, canary
    assert 'File "' not in body and str(REPO) not in body
    assert "Jokin meni vikaan" in body  # Finnish: "Something went wrong"
    assert '<html lang="fi">' in body
    # The error is logged for the operators, though.
    assert any(record.exc_info and "secret_canary_value" in str(record.exc_info[1]) for record in caplog.records)


def test_not_found_and_forbidden_show_nothing_technical(fault_urls, staff_client):
    for path, status in (("/ei-tallaista-sivua/", 404), ("/testing/forbidden/", 403)):
        response = staff_client.get(path)
        assert response.status_code == status
        body = response.content.decode()
        for canary in (*LEAK_CANARIES, "URLconf", "urlpatterns", "Django tried"):
            assert canary not in body, (path, canary)
        assert '<html lang="fi">' in body


# CSRF on every state-changing request --------------------------------------------------------


def app_routes(resolver=None, prefix: str = ""):
    """Every URL pattern of the app outside the admin, as (route, name)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from app_routes(entry, prefix + str(entry.pattern))
        else:
            assert isinstance(entry.pattern, RoutePattern), f"{entry.pattern}: add regex patterns here"
            yield prefix + str(entry.pattern), entry.name


def fill_route(route: str, pk: int) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(pk) if m.group(1) == "int" else "x", route)


def rows() -> dict[str, int]:
    """Row counts, without sessions and logs (a refusal may be logged; nothing else may change)."""
    skipped = {"sessions", "axes", "contenttypes"}
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in skipped and model._meta.model_name != "auditevent"
    }


def test_every_post_without_a_csrf_token_is_refused(admin_user, body):
    """security.md row 25: every URL pattern, the app's and a sample of the admin's; nothing changes."""
    project = ProjectFactory()
    item = AgendaItemFactory(meeting=MeetingFactory(body=body), body=body)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(admin_user)
    pks = {"projects": project.pk, "items": item.pk, "meetings": item.meeting.pk}
    urls = [fill_route(route, pks.get(route.split("/")[0], 1)) for route, _name in app_routes()]
    urls += [
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("admin:password_change"),
        reverse("admin:projects_project_add"),
        reverse("admin:projects_project_change", args=[project.pk]),
        reverse("admin:projects_project_delete", args=[project.pk]),
        reverse("admin:projects_project_changelist"),
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
    ]
    before = rows()
    for url in urls:
        response = client.post(url, {"title": "Muutettu", "password1": "x" * 20, "post": "yes"})
        if url in PROBES:  # answered before the CSRF middleware, and only to GET and HEAD
            assert response.status_code == 405, (url, response.status_code)
            continue
        if getattr(resolve(url).func, "csrf_exempt", False):  # the open-data API (DRF): no session, no writes
            assert url.startswith("/api/") and response.status_code == 405, (url, response.status_code)
            continue
        assert response.status_code == 403, (url, response.status_code)
        assert "Lomake on vanhentunut" in response.content.decode(), url  # Django's CSRF failure view
    assert rows() == before
    assert len(urls) > 20


# Methods -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "TRACK", "CONNECT", "PUT", "DELETE", "PATCH", "PROPFIND"])
def test_unexpected_methods_get_405_and_no_echo(staff_user, method):
    project = ProjectFactory()
    anonymous = Client()
    signed_in = Client()
    signed_in.force_login(staff_user)
    for client in (anonymous, signed_in):
        for path in ("/", reverse("login"), project.get_absolute_url(), "/admin/", "/static/css/app.css"):
            response = client.generic(method, path, data="echo-canary", HTTP_X_PROBE="probe-canary")
            assert response.status_code == 405, (method, path)
            assert response["Allow"] == "GET, HEAD, POST, OPTIONS"
            assert b"canary" not in response.content
            assert_security_headers(f"{method} {path}", response)


def test_expected_methods_still_work(staff_client):
    assert staff_client.get("/").status_code == 200
    assert staff_client.head("/").status_code == 200
    assert staff_client.options("/").status_code != 405


# Safe download headers -------------------------------------------------------------------------


def test_download_name_from_a_hostile_title_is_one_safe_header(staff_client):
    project = ProjectFactory(title='Hanke "A"\r\nX-Evil: 1 äö')
    response = staff_client.get(reverse("projects:funding_pdf", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "X-Evil" not in response.headers
    raw_headers = response.serialize_headers().decode("latin-1").split("\r\n")
    dispositions = [line for line in raw_headers if line.lower().startswith("content-disposition:")]
    assert len(dispositions) == 1
    assert not any(line.lower().startswith("x-evil") for line in raw_headers)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=UTF-8''" in disposition
    assert '"A"' not in disposition and "\\" not in disposition
    assert re.fullmatch(r"[\x20-\x7e]+", disposition), disposition  # one line of printable ASCII
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
