"""The settings that differ between one machine and several: caches and stored files.

Read from the environment by hankehallinta/settings.py; documented in docs/deployment.md. Nothing here
imports Django's configured settings: these functions build them.

- ``cache_settings``: local memory in each process (the default of `make run` and the tests), or
  Redis from ``CACHE_URL`` (or ``REDIS_URL``), shared by every process and server.
- ``s3_storage_options``: the options of django-storages' S3Storage for ``STORAGE_BACKEND=s3``.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
LOCAL_MEMORY_BACKEND = "django.core.cache.backends.locmem.LocMemCache"
#: How long a cached PDF lives unless PDF_CACHE_SECONDS says otherwise (hankehallinta/pdf's default).
DEFAULT_PDF_CACHE_SECONDS = 24 * 60 * 60
#: A Redis that stops answering costs a request at most this long per call (the PDF cache then
#: renders anew; hankehallinta/pdf treats a cache error as a miss).
DEFAULT_CACHE_SOCKET_SECONDS = 2.0


# Caches -------------------------------------------------------------------------------------------


def cache_settings(env: environ.Env) -> dict[str, dict]:
    """CACHES: "default" only, in local memory, without CACHE_URL; "default" and "pdf" in Redis with it."""
    url = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
    if not url:
        return {"default": {"BACKEND": LOCAL_MEMORY_BACKEND}}
    seconds = env.float("CACHE_SOCKET_SECONDS", default=DEFAULT_CACHE_SOCKET_SECONDS)
    pdf_url = env.str("PDF_CACHE_URL", default="") or next_redis_database(url)
    return {
        "default": _redis(url, seconds, key_prefix="hh"),
        # A longer timeout, and a database of its own: the PDF cache's clear() is Redis' FLUSHDB
        # (the benchmark empties it), which must not empty the default cache as well.
        "pdf": _redis(
            pdf_url,
            seconds,
            key_prefix="hh-pdf",
            timeout=env.int("PDF_CACHE_SECONDS", default=DEFAULT_PDF_CACHE_SECONDS),
        ),
    }


def _redis(url: str, socket_seconds: float, *, key_prefix: str, timeout: int | None = None) -> dict:
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] != REDIS_BACKEND:
        raise ImproperlyConfigured(f"CACHE_URL must be a redis:// or rediss:// address, not {url!r}")
    config.update(
        {
            "KEY_PREFIX": key_prefix,
            # Passed to redis-py's connection pool: a Redis that is down or stalled fails fast.
            "OPTIONS": {"socket_connect_timeout": socket_seconds, "socket_timeout": socket_seconds},
        }
    )
    if timeout is not None:
        config["TIMEOUT"] = timeout
    return config


def next_redis_database(url: str) -> str:
    """The same Redis server, the next database number: redis://h:6379/0 -> redis://h:6379/1."""
    parts = urlsplit(url)
    number = parts.path.strip("/") or "0"
    if not number.isdigit():
        raise ImproperlyConfigured(f"Set PDF_CACHE_URL: cannot find the database number in CACHE_URL {url!r}")
    return urlunsplit(parts._replace(path=f"/{int(number) + 1}"))


# Stored files -------------------------------------------------------------------------------------


def s3_storage_options(env: environ.Env) -> dict:
    """django-storages' S3Storage options from the S3_* variables (docs/deployment.md, "Object storage").

    Attachments can be confidential, so every object is private: no public ACL, no custom domain
    (which would give unsigned URLs), signed URLs that expire in five minutes. The app itself reads
    the objects behind its permission-checked views; nobody is sent to the bucket.
    """
    endpoint = env.str("S3_ENDPOINT_URL", default="") or None
    return {
        "bucket_name": env.str("S3_BUCKET"),
        "endpoint_url": endpoint,
        "region_name": env.str("S3_REGION", default="") or None,
        # Unset: boto3's own chain (AWS_ACCESS_KEY_ID, an instance role...).
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "location": env.str("S3_PREFIX", default=""),
        # MinIO and most county object stores want path-style addresses (https://host/bucket/key).
        "addressing_style": env.str("S3_ADDRESSING_STYLE", default="path" if endpoint else "") or None,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "custom_domain": None,
        # Never replace another upload's object: a name taken gets a suffix, as on the local disk.
        "file_overwrite": False,
    }
