"""Imported once by the multiprocessing forkserver, never by the app: Django and WeasyPrint are set
up in the forkserver, so that each PDF render worker forked from it starts in a fraction of a second
(a worker replaced after a killed render included). Importing this module sets Django up: that is its
purpose, and why it lives outside the package hankehallinta.pdf (importing that package needs
Django set up). A failure here is not fatal: each worker sets Django up itself if it is not yet ready.
"""

from __future__ import annotations

import contextlib

import django

with contextlib.suppress(Exception):
    django.setup()
    import hankehallinta.pdf.render_process  # noqa: F401  (WeasyPrint, the layout code: imported, not run)
