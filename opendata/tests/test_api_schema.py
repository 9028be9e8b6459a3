"""Schemathesis against the live API with the demo data: every operation of the OpenAPI schema,
no 5xx and no answer outside the schema. PostgreSQL only, so that `make test` runs it once."""

from __future__ import annotations

from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from testing.url_map import url_patterns

SCHEMA = "/api/oparl/v1.1/schema/"
EXAMPLES_PER_OPERATION = 8


def _api_operations() -> int:
    """The API's JSON URL patterns (all but the schema and the documentation page): one GET each."""
    return sum(name.startswith("oparl-") and name not in ("oparl-schema", "oparl-docs") for name, _ in url_patterns())


@pytest.fixture
def live_handler(settings):
    """A WSGI handler on the test's database: as Django's test client does, requests must not close
    the test's connection (the signals are put back whatever happens)."""
    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.postgres
@pytest.mark.django_db
def test_schemathesis_finds_no_server_error_and_no_schema_violation(settings, live_handler, capsys):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    schema = schemathesis.openapi.from_wsgi(SCHEMA, live_handler)
    operations, examples = 0, 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        sent = []

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case):
            response = case.call()
            sent.append(case.path)  # noqa: B023 (run at once, in this iteration)
            assert response.status_code < 500, (case.path, case.query)
            case.validate_response(response)

        run()
        examples += len(sent)
    with capsys.disabled():
        print(f"\nSchemathesis: {operations} operations, {examples} examples sent")
    assert operations == _api_operations() == 17
