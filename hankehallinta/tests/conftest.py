"""Servers for the deployment tests (testing/servers.py): Redis and an S3-compatible object store,
each started once per test session when a test asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from testing.servers import redis_server, s3_server


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis that answers: TEST_REDIS_URL (127.0.0.1:6379 under .ci/run) or a redis-server of our own."""
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's S3 server on a free port of 127.0.0.1."""
    with s3_server() as endpoint:
        yield endpoint
