"""The life of a render worker process: set Django up, load the fonts and stylesheet once, then lay
out one document at a time under a memory limit and answer the web process.

Only a render worker loads this module (the forkserver preloads it, :mod:`hankehallinta.pdf_preload`;
a spawned worker imports it by name, :func:`hankehallinta.pdf.workers._serve`). It imports the
renderer (:mod:`hankehallinta.pdf.layout`, WeasyPrint) at its top: that is where the heavy library
belongs, in the processes that render, never in a web process that only serves pages.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import time
from typing import TYPE_CHECKING, Any

import django
from django.apps import apps

from hankehallinta.pdf import layout
from hankehallinta.pdf.assets import assets_version
from hankehallinta.pdf.errors import PdfError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from hankehallinta.pdf.workers import Job

logger = logging.getLogger("hankehallinta.pdf")

#: Loggers whose records a worker sends back to the web process (refused URLs, WeasyPrint's errors).
FORWARDED_LOGGERS = ("hankehallinta.pdf", "weasyprint")
MB = 1024 * 1024


class _Collector(logging.Handler):
    """Keeps a job's log records to send them back with the answer."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _set_memory_limit(megabytes: int | None) -> None:
    """The address-space limit of this process (soft limit; None lifts it to the hard limit)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = hard if not megabytes else megabytes * MB
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _run(job: Job) -> tuple[Any, ...]:
    """Lay out one job: ("ok", pdf) or ("refused", reason, params)."""
    _set_memory_limit(job.memory_mb)
    try:
        if job.hook.get("sleep"):
            time.sleep(float(job.hook["sleep"]))
        if job.hook.get("allocate_mb"):
            bytearray(int(job.hook["allocate_mb"]) * MB)
        return ("ok", layout.lay_out(job.html, version=job.version, max_pages=job.max_pages))
    except MemoryError:
        return ("refused", "memory", {"mb": job.memory_mb})
    except PdfError as error:
        return ("refused", error.reason or "failed", error.params)
    except Exception:
        logger.exception("PDF: the render failed")
        return ("refused", "failed", {})
    finally:
        _set_memory_limit(None)  # answering (pickling the PDF) is not the document's memory


def serve(connection: Connection) -> None:
    """A worker's life: set up once, then answer jobs until the web process goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the server, which ends us
    if not apps.ready:
        django.setup()
    layout.get_assets(assets_version())  # warm: fonts and stylesheet before the first job
    connection.send(("ready", os.getpid()))
    collector = _Collector()
    for name in FORWARDED_LOGGERS:
        logging.getLogger(name).addHandler(collector)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        collector.records = []
        answer = _run(job)
        connection.send((*answer, collector.records))
