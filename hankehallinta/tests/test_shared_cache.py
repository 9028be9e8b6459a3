"""The shared cache (docs/deployment.md, "Redis"): CACHE_URL gives Django's Redis backend for the
default cache and the PDF cache, and a PDF rendered by one process is served from Redis by another
process without rendering it again. Without CACHE_URL every process keeps its own local memory."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import environ
import pytest
from django.core.cache import caches

from hankehallinta import pdf
from hankehallinta.deployment_settings import cache_settings

REPO = Path(__file__).resolve().parents[2]
REDIS = "django.core.cache.backends.redis.RedisCache"
LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
#: The database numbers of these tests (the PDF cache takes the next one), apart from any others.
TEST_DATABASE = 12

#: Run in a second process: the PDF of the HTML on stdin, with rendering forbidden.
SERVE_FROM_CACHE = """
import hashlib, sys
import django
django.setup()
from hankehallinta import pdf

def render_again(*args, **kwargs):
    raise SystemExit("rendered again: the PDF was not in the shared cache")

pdf._render = render_again
print(hashlib.sha256(pdf.html_to_pdf(sys.stdin.read())).hexdigest())
"""


def _process_env(**variables: str) -> dict[str, str]:
    drop = {"CACHE_URL", "REDIS_URL", "PDF_CACHE_URL"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    return {**env, "DJANGO_SETTINGS_MODULE": "hankehallinta.settings", "SECRET_KEY": "x" * 60, **variables}


def _caches_under(**variables: str) -> dict:
    """settings.CACHES as a fresh process reads it."""
    code = "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=_process_env(**variables), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _database(url: str, number: int) -> str:
    return url.rsplit("/", 1)[0] + f"/{number}"


def test_without_cache_url_each_process_keeps_local_memory():
    caches = _caches_under()
    assert list(caches) == ["default"]
    assert caches["default"]["BACKEND"] == LOCAL_MEMORY


def test_cache_url_gives_redis_for_the_default_and_the_pdf_cache():
    caches = _caches_under(CACHE_URL="redis://cache.example.fi:6379/4")
    assert {alias: config["BACKEND"] for alias, config in caches.items()} == {"default": REDIS, "pdf": REDIS}
    assert caches["default"]["LOCATION"] == "redis://cache.example.fi:6379/4"
    # Its own database, so that emptying the PDF cache (FLUSHDB) keeps the rest; a day's timeout.
    assert caches["pdf"]["LOCATION"] == "redis://cache.example.fi:6379/5"
    assert caches["pdf"]["TIMEOUT"] == 24 * 60 * 60
    assert caches["default"]["KEY_PREFIX"] != caches["pdf"]["KEY_PREFIX"]


def test_redis_url_works_as_well_and_the_pdf_cache_can_have_its_own_server():
    caches = _caches_under(REDIS_URL="redis://cache.example.fi:6379/0", PDF_CACHE_URL="redis://pdf.example.fi:6379/0")
    assert caches["default"]["LOCATION"] == "redis://cache.example.fi:6379/0"
    assert caches["pdf"]["LOCATION"] == "redis://pdf.example.fi:6379/0"


def test_a_pdf_rendered_by_one_process_is_served_from_redis_by_another(redis_url, settings, monkeypatch):
    url = _database(redis_url, TEST_DATABASE)
    monkeypatch.setenv("CACHE_URL", url)
    # A busy test machine may take longer than the production 2 s to answer; a timeout would read as
    # a miss here and fail the test for the machine's sake, not the cache's.
    monkeypatch.setenv("CACHE_SOCKET_SECONDS", "20")
    settings.CACHES = cache_settings(environ.Env())
    settings.PDF_RENDER_IN_PROCESS = True
    html = f"<html><body><h1>Jaettu välimuisti</h1><p>{uuid.uuid4()}</p></body></html>"

    rendered = pdf.html_to_pdf(html)
    assert rendered.startswith(b"%PDF")

    other = subprocess.run(
        [sys.executable, "-c", SERVE_FROM_CACHE],
        cwd=REPO,
        env=_process_env(CACHE_URL=url, CACHE_SOCKET_SECONDS="20"),
        input=html,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert other.returncode == 0, other.stderr[-2000:]
    assert other.stdout.strip() == hashlib.sha256(rendered).hexdigest()


def test_the_pdf_cache_and_the_default_cache_are_apart_in_redis(redis_url, settings, monkeypatch):
    monkeypatch.setenv("CACHE_URL", _database(redis_url, TEST_DATABASE))
    settings.CACHES = cache_settings(environ.Env())
    key = f"erillinen-{uuid.uuid4()}"
    caches["default"].set(key, "oletus", 30)
    pdf._cache().clear()  # what the benchmark does before it measures renders
    assert caches["default"].get(key) == "oletus"


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis://cache.example.fi/kanta"])
def test_a_cache_url_that_is_not_redis_is_refused(url):
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=_process_env(CACHE_URL=url), capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
