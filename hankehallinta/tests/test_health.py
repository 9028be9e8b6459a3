"""The load balancer's probes (hankehallinta/health.py): /healthz answers without the database,
the session or the host check; /readyz answers 200 while the database answers and 503 with the
reason when it does not; a shared cache that does not answer is reported in a 200 (every server
shares it: refusing would empty the balancer while the app still works without it)."""

from __future__ import annotations

import json
from unittest import mock

import environ
import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hankehallinta.deployment_settings import cache_settings
from testing.servers import free_port

pytestmark = pytest.mark.django_db


def _database_down():
    """Every new cursor fails as against a database that is gone."""
    return mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused"))


def test_the_probe_urls_are_the_ones_the_guide_names():
    assert (reverse("healthz"), reverse("readyz")) == ("/healthz", "/readyz")


def test_healthz_asks_nothing_of_the_database_not_even_for_a_signed_in_session(secretary_client):
    with CaptureQueriesContext(connection) as queries:
        response = secretary_client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert queries.captured_queries == []
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


def test_healthz_answers_while_the_database_is_down():
    with _database_down():
        response = Client().get("/healthz")
    assert response.status_code == 200


def test_probes_answer_by_address_and_over_plain_http_under_the_https_switch(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client(HTTP_HOST="10.0.0.12:8000")  # a balancer probes the server's address
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert Client().get(reverse("login")).status_code == 301  # every other page goes to https


def test_readyz_is_ready_while_the_database_answers():
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ready"}


def test_readyz_is_503_with_the_reason_when_the_database_is_unreachable():
    with _database_down():
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable", "database": "OperationalError"}
    assert "connection refused" not in response.content.decode()


def test_readyz_reports_a_shared_cache_that_does_not_answer_but_stays_ready(settings, monkeypatch):
    monkeypatch.setenv("CACHE_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    monkeypatch.setenv("CACHE_SOCKET_SECONDS", "0.5")
    settings.CACHES = cache_settings(environ.Env())
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ready", "cache": "default: ConnectionError"}


def test_readyz_is_ready_with_redis_as_the_shared_cache(redis_url, settings, monkeypatch):
    monkeypatch.setenv("CACHE_URL", redis_url.rsplit("/", 1)[0] + "/12")
    settings.CACHES = cache_settings(environ.Env())
    assert Client().get("/readyz").status_code == 200


def test_probes_accept_only_get_and_head():
    assert Client().post("/healthz").status_code == 405
    assert Client().head("/readyz").status_code == 200
