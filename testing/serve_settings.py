"""Settings for the app under gunicorn in a test (hankehallinta/tests/test_pdf_isolation_gunicorn.py).

The real settings, with two changes the test needs:

- ``ROOT_URLCONF`` is :mod:`testing.serve_urls`: the app's URLs plus test PDFs that need no sign-in,
  one of which hangs in its render worker until the time limit kills it.
- The PDF cache (alias "pdf") is a file-based cache in ``TESTING_PDF_CACHE_DIR``, shared by the
  server's worker processes: with the default local-memory cache each worker process has its own,
  and a PDF cached by one would be rendered again by another. (A deployment with several workers
  shares the cache the same way, through its shared cache backend.)
"""

from __future__ import annotations

import os

from hankehallinta.settings import *  # noqa: F403

ROOT_URLCONF = "testing.serve_urls"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pdf": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["TESTING_PDF_CACHE_DIR"],
    },
}
