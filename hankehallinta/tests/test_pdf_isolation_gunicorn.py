"""Under the production server no PDF can starve anyone either: while one request's render hangs
until the time limit kills it, a cached PDF and a page answer within a second.

The scenario of test_pdf_isolation.py's live-server test (a threaded server, as under `make run`),
against gunicorn as `make serve` runs it: `gunicorn -c gunicorn.conf.py hankehallinta.wsgi` in a
subprocess with DEBUG off, two worker processes (GUNICORN_WORKERS) on a free loopback port (PORT),
its own migrated SQLite file, PDF_MAX_RENDER_SECONDS=3 and the settings testing.serve_settings (the
real ones plus the test PDFs of testing.serve_urls, one of which hangs in its render worker, and a
PDF cache the worker processes share).

The server's database is its own SQLite file whatever the suite runs on, so the test runs in the
SQLite pass only: on PostgreSQL it would repeat the same thing.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[2]
LIMIT = 3
#: How long the server may take to start answering (importing Django in two workers on a busy machine).
START_SECONDS = 30

pytestmark = [pytest.mark.urls("testing.serve_urls")]


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float


def fetch(url: str, timeout: float = 30) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return Answer(status, body, time.monotonic() - started)


def fetch_in_thread(url: str, answers: dict[str, Answer], name: str) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.__setitem__(name, fetch(url)))
    thread.start()
    return thread


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(tmp_path: Path, port: int) -> dict[str, str]:
    """The environment of `make serve`, pointed at a fresh database and the test settings."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("GUNICORN_", "PDF_"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="testing.serve_settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        TESTING_PDF_CACHE_DIR=str(tmp_path / "pdf-cache"),
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        PDF_MAX_RENDER_SECONDS=str(LIMIT),
        PORT=str(port),
        GUNICORN_WORKERS="2",
    )
    return environment


def wait_until_answering(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if fetch(url, timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {START_SECONDS} s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and everything it started (workers, render workers, their forkserver)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(10)


@pytest.fixture
def gunicorn_url(tmp_path: Path) -> Iterator[str]:
    """The base URL of `gunicorn -c gunicorn.conf.py hankehallinta.wsgi` on a fresh migrated database."""
    port = free_port()
    environment = server_environment(tmp_path, port)
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "hankehallinta.wsgi"],
            cwd=REPO,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop() ends every process it started
        )
    try:
        # Migrated while the server starts (it touches no database before its first request).
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=REPO,
            env=environment,
            check=True,
            capture_output=True,
            timeout=120,
        )
        url = f"http://127.0.0.1:{port}"
        wait_until_answering(url + reverse("login"), server, log)
        yield url
    finally:
        stop(server)


def test_while_a_render_hangs_a_cached_pdf_and_a_page_answer_within_a_second(gunicorn_url):
    cached_url = gunicorn_url + reverse("testing_pdf", args=["valmis"])
    cached = fetch(cached_url)
    assert cached.status == 200
    assert cached.body.startswith(b"%PDF-")
    answers: dict[str, Answer] = {}

    slow = fetch_in_thread(gunicorn_url + reverse("testing_pdf_hangs", args=["jumissa"]), answers, "slow")
    time.sleep(0.5)  # the slow request waits for its render worker now
    others = [
        fetch_in_thread(cached_url, answers, "cached"),
        fetch_in_thread(gunicorn_url + reverse("login"), answers, "page"),
    ]
    for thread in others:
        thread.join(10)
    slow_done_early = not slow.is_alive()
    slow.join(LIMIT + 20)

    print({name: round(answer.seconds, 2) for name, answer in answers.items()})
    assert not slow_done_early
    assert answers["cached"].status == 200
    assert answers["cached"].body == cached.body
    assert answers["cached"].seconds < 1
    assert answers["page"].status == 200
    assert answers["page"].seconds < 1
    assert answers["slow"].status == 503
    assert "keskeytettiin" in answers["slow"].body.decode()
    # The limit, plus the start of a render worker when this worker process had not rendered before
    # (about 3 s on a busy 2-core machine; the limit counts from when the worker has the document).
    assert LIMIT <= answers["slow"].seconds < LIMIT + 8
