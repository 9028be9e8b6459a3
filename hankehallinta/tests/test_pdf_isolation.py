"""No PDF can starve anyone: renders run in worker processes that are killed at the time limit and
refused past the memory limit, failures are remembered, and the cache answers before any worker.

A render that hangs is made deterministic with the test-only setting PDF_RENDER_TEST_HOOK
({"sleep": seconds}: the worker sleeps before laying out; {"allocate_mb": n}: it asks for memory).
"""

from __future__ import annotations

import os
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.urls import reverse

from hankehallinta import pdf
from hankehallinta.pdf import PdfError, PdfTimeout, PdfTooLarge, html_to_pdf, layout, workers
from hankehallinta.pdf.errors import pdf_error
from testing.pdf import pdf_text
from testing.pdf_urls import pdf_document

HANG = {"sleep": 60}


@pytest.fixture(autouse=True)
def empty_pdf_cache():
    pdf._cache().clear()
    yield
    pdf._cache().clear()


@pytest.fixture
def renders(monkeypatch):
    """Every document handed to a renderer (a worker, or this process)."""
    calls = []
    original = pdf._render

    def spy(job, seconds):
        calls.append(job)
        return original(job, seconds)

    monkeypatch.setattr(pdf, "_render", spy)
    return calls


def idle_worker_pids() -> set[int]:
    return {worker.process.pid for worker in workers._get_pool().idle}


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def timed(function, *args):
    started = time.monotonic()
    try:
        return function(*args), time.monotonic() - started
    except PdfError as error:
        return error, time.monotonic() - started


# The time limit


def test_a_hanging_render_is_killed_at_the_limit_and_the_next_one_works(settings):
    settings.PDF_MAX_RENDER_SECONDS = 1.5
    html_to_pdf(pdf_document("warm"))  # a worker is up: its start is not part of the render
    before = idle_worker_pids()
    settings.PDF_RENDER_TEST_HOOK = HANG

    error, elapsed = timed(html_to_pdf, pdf_document("hangs"))

    assert isinstance(error, PdfTimeout)
    assert error.reason == "timeout"
    assert "kesti yli 1.5 sekuntia ja keskeytettiin" in str(error)
    assert 1.5 <= elapsed < 1.5 + 2
    killed = before - idle_worker_pids()
    assert len(killed) == 1
    assert not is_running(killed.pop())
    settings.PDF_RENDER_TEST_HOOK = None
    assert "Jälkeen" in pdf_text(html_to_pdf(pdf_document("Jälkeen")))


def test_a_real_render_over_the_limit_is_stopped(settings):
    html_to_pdf(pdf_document("warm"))
    settings.PDF_MAX_RENDER_SECONDS = 0.01

    error, elapsed = timed(html_to_pdf, pdf_document("Pitkä kappale. " * 20_000))

    assert isinstance(error, PdfTimeout)
    assert elapsed < 0.01 + 2


def test_when_every_worker_is_busy_a_render_waits_at_most_the_limit(settings):
    settings.PDF_RENDER_WORKERS = 1
    settings.PDF_MAX_RENDER_SECONDS = 1
    html_to_pdf(pdf_document("warm"))
    settings.PDF_RENDER_TEST_HOOK = HANG
    first = threading.Thread(target=timed, args=(html_to_pdf, pdf_document("first")))
    first.start()
    time.sleep(0.3)

    error, elapsed = timed(html_to_pdf, pdf_document("second"))

    first.join(5)
    assert isinstance(error, PdfTimeout)
    # At most the limit waiting for the worker, then at most the limit rendering (the hook hangs it too).
    assert elapsed < 2 * 1 + 2


# Remembered failures


@pytest.mark.parametrize("failure", ["timeout", "pages"])
def test_a_failed_render_is_remembered_and_not_repeated(failure, settings, renders):
    settings.PDF_MAX_RENDER_SECONDS = 1
    if failure == "timeout":
        html_to_pdf(pdf_document("warm"))
        settings.PDF_RENDER_TEST_HOOK = HANG
        document, expected = pdf_document("hangs"), PdfTimeout
    else:
        settings.PDF_MAX_RENDER_SECONDS = 30
        settings.PDF_MAX_PAGES = 1
        document, expected = pdf_document("Pitkä kappale. " * 1500), PdfTooLarge
    first, _elapsed = timed(html_to_pdf, document)
    renders.clear()

    second, elapsed = timed(html_to_pdf, document)

    assert isinstance(first, expected)
    assert first.reason == failure
    assert type(second) is type(first)
    assert str(second) == str(first)
    assert elapsed < 0.2
    assert renders == []  # the worker was not asked again


def test_a_remembered_failure_holds_for_those_limits_only(settings, renders):
    settings.PDF_MAX_PAGES = 1
    document = pdf_document("Pitkä kappale. " * 1500)
    with pytest.raises(PdfTooLarge):
        html_to_pdf(document)

    settings.PDF_MAX_PAGES = 250
    data = html_to_pdf(document)

    assert data.startswith(b"%PDF-")
    assert len(renders) == 2


def test_a_busy_answer_is_not_remembered(monkeypatch):
    """Busy is the others' fault, not the document's: the next request renders."""
    original = pdf._render
    answers = iter([pdf_error("busy", seconds="1")])

    def busy_once(job, seconds):
        error = next(answers, None)
        if error is not None:
            raise error
        return original(job, seconds)

    monkeypatch.setattr(pdf, "_render", busy_once)
    with pytest.raises(PdfTimeout):
        html_to_pdf(pdf_document("varattu"))

    assert html_to_pdf(pdf_document("varattu")).startswith(b"%PDF-")


# The memory limit


def test_a_worker_over_the_memory_limit_fails_with_pdf_error_and_the_server_lives_on(settings):
    settings.PDF_MAX_RENDER_MEMORY_MB = 1024
    settings.PDF_RENDER_TEST_HOOK = {"allocate_mb": 4096}

    error, elapsed = timed(html_to_pdf, pdf_document("memory"))

    assert isinstance(error, PdfTooLarge)
    assert error.reason == "memory"
    assert "1024" in str(error)
    settings.PDF_RENDER_TEST_HOOK = None
    assert "Muistin jälkeen" in pdf_text(html_to_pdf(pdf_document("Muistin jälkeen")))


# Without workers


def test_in_process_rendering_is_a_setting(settings, monkeypatch):
    settings.PDF_RENDER_IN_PROCESS = True
    laid_out = []
    original = layout.lay_out
    monkeypatch.setattr(layout, "lay_out", lambda html, **kwargs: laid_out.append(html) or original(html, **kwargs))

    data = html_to_pdf(pdf_document("Tässä prosessissa"))

    assert "Tässä prosessissa" in pdf_text(data)
    assert len(laid_out) == 1


def test_when_no_worker_can_start_it_renders_in_process(monkeypatch, caplog):
    workers.shut_down()

    def impossible() -> None:
        raise workers.WorkersUnavailable("no processes here")

    monkeypatch.setattr(workers, "_Worker", impossible)

    data = html_to_pdf(pdf_document("Varalla"))

    assert "Varalla" in pdf_text(data)
    assert any("no render worker could be started" in record.getMessage() for record in caplog.records)


# Against a live threaded server, as under `make run`


@dataclass
class Answer:
    status: int
    body: bytes
    seconds: float


def fetch(url: str) -> Answer:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    return Answer(status, body, time.monotonic() - started)


def fetch_in_thread(url: str, answers: dict[str, Answer], name: str) -> threading.Thread:
    thread = threading.Thread(target=lambda: answers.__setitem__(name, fetch(url)))
    thread.start()
    return thread


# PostgreSQL only: on SQLite the live server shares the test's one in-memory connection between its
# request threads, so two requests at once meet in one transaction and one of them fails (a 503).
@pytest.mark.postgres
@pytest.mark.urls("testing.pdf_urls")
def test_while_a_render_hangs_a_cached_pdf_and_a_page_answer_within_a_second(live_server, settings):
    settings.PDF_MAX_RENDER_SECONDS = 3
    cached_url = live_server.url + reverse("testing_pdf", args=["valmis"])
    cached = fetch(cached_url)
    assert cached.status == 200
    settings.PDF_RENDER_TEST_HOOK = HANG
    answers: dict[str, Answer] = {}

    slow = fetch_in_thread(live_server.url + reverse("testing_pdf", args=["jumissa"]), answers, "slow")
    time.sleep(0.5)  # the slow render is in a worker now
    others = [
        fetch_in_thread(cached_url, answers, "cached"),
        fetch_in_thread(live_server.url + reverse("login"), answers, "page"),
    ]
    for thread in others:
        thread.join(10)
    slow_done_early = not slow.is_alive()
    slow.join(10)

    assert not slow_done_early
    assert answers["cached"].status == 200
    assert answers["cached"].body == cached.body
    assert answers["cached"].seconds < 1
    assert answers["page"].status == 200
    assert answers["page"].seconds < 1
    assert answers["slow"].status == 503
    assert "keskeytettiin" in answers["slow"].body.decode()
    assert answers["slow"].seconds < 3 + 2
