"""gunicorn's configuration: the production server, locally through `make serve` and behind the proxy.

    gunicorn -c gunicorn.conf.py hankehallinta.wsgi

Read from the environment (and from `.env`, as the app reads it; the environment wins):

- ``PORT`` (default 8000): listen on 127.0.0.1:PORT, for a proxy on the same host. ``GUNICORN_BIND``
  replaces the whole address (``0.0.0.0:8000``, ``unix:/run/hankehallinta/gunicorn.sock``).
- ``GUNICORN_WORKERS``: worker processes (default 2 × CPU cores + 1, at most 8).
- ``GUNICORN_THREADS``: threads per worker (default 4).
- ``PDF_MAX_RENDER_SECONDS`` (default 30, the app's own setting): the time limits below follow it.

Options given on the command line win over this file (``--bind``, ``--workers``).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import environ
from django.conf import settings
from django.urls import get_resolver
from django.utils import translation

BASE_DIR = Path(__file__).resolve().parent
environ.Env.read_env(BASE_DIR / ".env")
env = environ.Env()

#: The default of settings.PDF_MAX_RENDER_SECONDS (hankehallinta/settings.py).
PDF_MAX_RENDER_SECONDS: float = env.float("PDF_MAX_RENDER_SECONDS", default=30)
MAX_WORKERS = 8


def _cores() -> int:
    """The CPU cores this process may use (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = env.str("GUNICORN_BIND", default=f"127.0.0.1:{env.int('PORT', default=8000)}")

# Each worker is a whole Django process with its own PDF render pool (PDF_RENDER_WORKERS processes,
# up to PDF_MAX_RENDER_MEMORY_MB each), so memory, not the core count, caps them.
workers = env.int("GUNICORN_WORKERS", default=min(2 * _cores() + 1, MAX_WORKERS))

# gthread, not sync: a request that waits (for its PDF from a render worker, up to the render limit,
# or for the database, up to the statement timeout) then holds one thread, not a whole process. With
# sync workers as many slow PDFs as there are workers would stop every page, the starvation the
# render workers exist to prevent. The waiting happens in another process, so the GIL is no cost.
worker_class = "gthread"
threads = env.int("GUNICORN_THREADS", default=4)

# A PDF request may wait up to the render limit for a free render worker and then up to the limit for
# its own render (both end in the app's message, never in a hang): the worker's time limit lies beyond
# both, so gunicorn never kills a worker that is about to answer.
timeout = math.ceil(2 * PDF_MAX_RENDER_SECONDS) + 15
# On a restart (HUP) or stop (TERM) a render that has begun may finish or be killed by its own limit.
graceful_timeout = math.ceil(PDF_MAX_RENDER_SECONDS) + 5
# Behind the proxy, which keeps its connections to the app open between requests.
keepalive = 5

# Not preloaded: each worker imports Django itself after the fork, so no database connection, render
# pool or forkserver of the master is shared by accident (the render pool also starts anew after a
# fork, hankehallinta/pdf/workers.py).
preload_app = False
# The heartbeat file in memory, where there is /dev/shm (a disk-backed /tmp can stall it).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# The access log on stdout (one line per request, with its time in milliseconds); errors on stderr.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
proc_name = "hankehallinta"
# No control socket (gunicorn 25+): its default path is one per user, shared by every instance on the
# host (two servers, or the test's server next to `make serve`, would take it from each other).
control_socket_disable = True


def post_worker_init(worker: object) -> None:
    """Before a worker takes its first request: import the URLconf (and with it every view module) and
    load the translations, about 1.5 s of work that would otherwise fall on whoever comes first. The
    worker starts accepting only after this, so a fresh worker (at start, or after a restart) never
    keeps anyone waiting while the warm ones answer."""
    get_resolver().url_patterns  # noqa: B018 (evaluated for its imports)
    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Finnish")
