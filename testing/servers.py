"""Servers the deployment tests run against, on this machine: Redis and an S3-compatible object store.

- ``redis_server()``: TEST_REDIS_URL (default 127.0.0.1:6379, its databases 14 and 15, far from an
  app's 0) when a Redis answers there (`.ci/run` starts Debian's redis-server on 127.0.0.1:6379),
  otherwise a redis-server of our own on a free port, stopped afterwards. Neither:
  the test fails and says what to install (no skips).
- ``s3_server()``: moto's S3 in server mode on a free port (a real HTTP endpoint, as MinIO would be).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest
import redis
from moto.server import ThreadedMotoServer

REDIS_SERVER = "/usr/bin/redis-server"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"  # 14 and 15 (the pdf alias): far from a default 0
START_SECONDS = 10


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """The URL of a Redis server (database 0) for the duration of the block."""
    url = os.environ.get("TEST_REDIS_URL", DEFAULT_REDIS_URL)
    if redis_answers(url):
        yield url
        return
    binary = os.environ.get("REDIS_SERVER") or shutil.which("redis-server") or REDIS_SERVER
    if not os.access(binary, os.X_OK):
        pytest.fail(
            f"No Redis answers at {url} and there is no redis-server to start: install Debian's "
            "redis-server (scripts/system-deps.sh --browser does) or set TEST_REDIS_URL."
        )
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="hh-redis-") as directory:
        server = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        try:
            deadline = time.monotonic() + START_SECONDS
            while not redis_answers(url):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{binary} did not answer on port {port} within {START_SECONDS} s")
                time.sleep(0.05)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@contextlib.contextmanager
def s3_server() -> Iterator[str]:
    """The endpoint URL of moto's S3 server, in this process, for the duration of the block."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
