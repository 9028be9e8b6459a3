"""What a PDF is made from besides its HTML, known without loading the renderer.

The web process needs these to build cache keys and jobs; it never imports WeasyPrint for them
(the renderer is loaded only by the render workers, :mod:`hankehallinta.pdf.render_process`).
:func:`assets_version` names the renderer, WeasyPrint's version (from the installed package's
metadata, not its import), the PDF variant and the static files (names, sizes, modification times,
and the print stylesheet's digest); it is part of every cache key.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

from hankehallinta.pdf.errors import pdf_error

#: Bump when the way PDFs are made changes in a way the HTML does not show (cache key).
RENDERER_VERSION = "2"  # 2: the funding chart's alternative text carries its figures (issue 16)
PRINT_CSS = "pdf/print.css"
#: PDF/A-3a: archivable (PDF/A) and tagged (structure for screen readers); text stays extractable.
#: WeasyPrint does not guarantee validity: run veraPDF before relying on it for the archive.
PDF_VARIANT = "pdf/a-3a"
#: Virtual host of the static files inside a PDF: file://static.invalid/static/pdf/print.css.
#: ".invalid" never resolves (RFC 2606) and a file:// URL with a host is never opened by urllib.
STATIC_HOST = "static.invalid"


def static_base_url() -> str:
    """The base URL of PDF documents: relative and {% static %} URLs resolve under it."""
    prefix = urlsplit(settings.STATIC_URL).path or "/"  # what {% static %} puts before a name
    if not prefix.endswith("/"):
        prefix += "/"
    return f"file://{STATIC_HOST}{prefix}"


def _static_fingerprint() -> str:
    """Names, sizes and modification times of the project's static files (a few dozen stats)."""
    digest = hashlib.sha256()
    for entry in settings.STATICFILES_DIRS:
        root = entry[1] if isinstance(entry, (list, tuple)) else entry
        for directory, subdirectories, files in os.walk(root):
            subdirectories.sort()
            for name in sorted(files):
                stat = os.stat(os.path.join(directory, name))
                digest.update(f"{directory}/{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


_version: str | None = None


def assets_version() -> str:
    """What the PDF depends on besides its HTML. Computed once per process, or on every call with
    DEBUG on (static files change while developing). No lock: two threads may compute it twice."""
    global _version
    if _version is not None and not settings.DEBUG:
        return _version  # static files do not change under a running production process
    css_path = finders.find(PRINT_CSS)
    if not css_path or isinstance(css_path, list):
        raise pdf_error("stylesheet", path=PRINT_CSS)
    css_digest = hashlib.sha256(Path(css_path).read_bytes()).hexdigest()
    renderer = metadata.version("weasyprint")
    version = f"{RENDERER_VERSION}:{renderer}:{PDF_VARIANT}:{_static_fingerprint()}:{css_digest}"
    _version = version
    return version


def forget_version() -> None:
    """Compute the version afresh on the next call (tests that change the static files)."""
    global _version
    _version = None
