"""Render workers: PDFs are laid out in separate processes that the web process can kill.

A small pool (``PDF_RENDER_WORKERS``, default 2) of long-lived processes, forked from a
multiprocessing forkserver that has imported Django and WeasyPrint once (``spawn`` where there is
no forkserver). This module is the web process's side: it never imports WeasyPrint, so a web
process that only answers pages (or PDFs from the cache) never loads the renderer. A worker runs
:mod:`hankehallinta.pdf.render_process`, which imports the renderer at its top. Each worker
sets Django up, builds the fonts and print stylesheet once, and then lays out one document at a
time under a memory limit (``resource.setrlimit(RLIMIT_AS)``, ``PDF_MAX_RENDER_MEMORY_MB``). The web
process sends the HTML and waits at most the time limit
(``PDF_MAX_RENDER_SECONDS``); a worker still busy then is killed (SIGKILL, whatever it was doing,
inside Pango as well as in Python) and replaced when next needed. A request that finds every
worker busy waits at most the time limit for one and then gets "busy" (PdfTimeout): nobody waits
forever, and no lock is held while waiting. Works the same under a threaded server (``make run``),
a sync WSGI server, management commands and pytest: the worker reads the same settings module
(DJANGO_SETTINGS_MODULE); it needs no database. Limits and the test hook travel with each job,
so per-test settings of those reach the worker; other settings are the worker's own.

``PDF_RENDER_IN_PROCESS = True`` (for debugging), or a platform where no process can be started,
lays out in the web process instead, one at a time (a lock), with the size and page limits only.

``PDF_RENDER_TEST_HOOK`` is for tests only: a dict the worker obeys before laying out,
``{"sleep": seconds}`` (a render that hangs) or ``{"allocate_mb": n}`` (a render that needs memory).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings

from hankehallinta.pdf.errors import pdf_error

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from types import ModuleType

logger = logging.getLogger("hankehallinta.pdf")

DEFAULT_WORKERS = 2
DEFAULT_MAX_RENDER_MEMORY_MB = 1024
#: How long a new worker may take to start (set Django up, load fonts) before it counts as impossible.
WORKER_START_SECONDS = 60.0
#: A worker is replaced after this many documents, so that slow leaks in the libraries stay bounded.
MAX_JOBS_PER_WORKER = 500
#: What a worker process runs, and the renderer: both import WeasyPrint, and only a process that
#: renders loads them (by name, so that importing this module never does).
WORKER_MODULE = "hankehallinta.pdf.render_process"
LAYOUT_MODULE = "hankehallinta.pdf.layout"


@dataclass(frozen=True)
class Job:
    """One document for a worker: the HTML and everything the worker must not take from its own settings."""

    html: str
    version: str
    max_pages: int
    memory_mb: int
    hook: dict[str, Any] = field(default_factory=dict)


class WorkersUnavailable(Exception):
    """No worker process could be started here: render in this process instead."""


def _serve(connection: Connection) -> None:
    """The target of a new worker process: load the renderer there, then answer jobs (never returns
    while the web process lives). Runs in the worker only; the web process never imports it."""
    importlib.import_module(WORKER_MODULE).serve(connection)


def _renderer() -> ModuleType:
    """The layout module (WeasyPrint), for rendering in this process: loaded on its first render."""
    return importlib.import_module(LAYOUT_MODULE)


# The web process ------------------------------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    """forkserver (workers fork from a process that has imported Django and WeasyPrint), else spawn."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(["hankehallinta.pdf_preload"])  # Django and the renderer, once
    return context


class _Worker:
    def __init__(self) -> None:
        context = _context()
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end,), name="pdf-render-worker", daemon=True)
        try:
            self.process.start()
        except Exception as error:  # no forkserver, no fork, no pipes: whatever the platform refuses
            self.connection.close()
            raise WorkersUnavailable(str(error)) from error
        finally:
            child_end.close()
        self.jobs = 0
        try:
            ready = self.connection.poll(WORKER_START_SECONDS) and self.connection.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise WorkersUnavailable("the worker did not start")

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        """Kill the worker, whatever it is doing, and reap it."""
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(Exception):
            self.connection.close()


class _Pool:
    """At most `size` workers busy at once; idle ones wait in a list. The lock guards the list only."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.slots = threading.BoundedSemaphore(size)
        self.idle: list[_Worker] = []
        self.lock = threading.Lock()
        self.retired = False

    def _checkout(self) -> _Worker:
        with self.lock:
            while self.idle:
                worker = self.idle.pop()
                if worker.alive():
                    return worker
                worker.stop()
        return _Worker()

    def _checkin(self, worker: _Worker) -> None:
        with self.lock:
            if not self.retired and worker.jobs < MAX_JOBS_PER_WORKER and worker.alive():
                self.idle.append(worker)
                return
        worker.stop()

    def retire(self) -> None:
        with self.lock:
            self.retired = True
            idle, self.idle = self.idle, []
        for worker in idle:
            worker.stop()

    def render(self, job: Job, seconds: float) -> bytes:
        if not self.slots.acquire(timeout=seconds):
            raise pdf_error("busy", seconds=f"{seconds:g}")
        try:
            worker = self._checkout()
            try:
                worker.connection.send(job)
            except (OSError, ValueError):  # died while idle: one fresh worker, once
                worker.stop()
                worker = _Worker()
                worker.connection.send(job)
            worker.jobs += 1
            return self._answer(worker, seconds)
        finally:
            self.slots.release()

    def _answer(self, worker: _Worker, seconds: float) -> bytes:
        try:
            if not worker.connection.poll(seconds):
                worker.stop()
                raise pdf_error("timeout", seconds=f"{seconds:g}")
            status, *rest, records = worker.connection.recv()
        except (EOFError, OSError):
            worker.stop()
            logger.error("PDF: a render worker ended unexpectedly (exit code %s)", worker.process.exitcode)
            raise pdf_error("failed") from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if status == "ok":
            self._checkin(worker)
            return rest[0]
        reason, params = rest
        if reason in ("memory", "failed"):
            worker.stop()  # a library that ran out of memory may be left in any state
        else:
            self._checkin(worker)
        raise pdf_error(reason, **params)


_pool: _Pool | None = None
_pool_lock = threading.Lock()


def _get_pool() -> _Pool:
    global _pool
    size = max(1, int(getattr(settings, "PDF_RENDER_WORKERS", DEFAULT_WORKERS)))
    with _pool_lock:
        if _pool is None or _pool.size != size:
            if _pool is not None:
                _pool.retire()
            _pool = _Pool(size)
        return _pool


def _forget_after_fork() -> None:
    """A forked copy of the web process (a server forking its workers) starts its own pool: the
    parent's workers answer the parent."""
    global _pool, _pool_lock, _in_process_lock
    _pool = None
    _pool_lock = threading.Lock()
    _in_process_lock = threading.Lock()


def shut_down() -> None:
    """Stop the idle workers (busy ones stop when their render ends); the next render starts new ones."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.retire()


_in_process_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)


def _render_in_process(job: Job) -> bytes:
    with _in_process_lock:
        return _renderer().lay_out(job.html, version=job.version, max_pages=job.max_pages)


def render(job: Job, seconds: float) -> bytes:
    """The PDF of `job`, from a worker within `seconds` (or in this process, see the module docstring).

    Raises PdfError by reason: "timeout", "busy", "pages", "memory", "failed".
    """
    if getattr(settings, "PDF_RENDER_IN_PROCESS", False):
        return _render_in_process(job)
    try:
        return _get_pool().render(job, seconds)
    except WorkersUnavailable as error:
        logger.error("PDF: no render worker could be started (%s); rendering in the web process", error)
        return _render_in_process(job)
