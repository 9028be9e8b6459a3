"""Laying out one PDF with WeasyPrint: runs in a render worker (or, as a fallback, in the web process).

One FontConfiguration and the parsed print stylesheet are built once per process and rebuilt
when the assets' version changes. The version (:func:`assets_version`) is computed by the web
process without building anything: it names the renderer, WeasyPrint, the PDF variant and the
static files (names, sizes, modification times, and the print stylesheet's digest), and it is
part of the cache key.
"""

from __future__ import annotations

import atexit
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.text.fonts import FontConfiguration

from hankehallinta.pdf.errors import pdf_error
from hankehallinta.pdf.fetcher import StaticFilesFetcher, static_base_url

#: Bump when the way PDFs are made changes in a way the HTML does not show (cache key).
RENDERER_VERSION = "1"
PRINT_CSS = "pdf/print.css"
#: PDF/A-3a: archivable (PDF/A) and tagged (structure for screen readers); text stays extractable.
#: WeasyPrint does not guarantee validity: run veraPDF before relying on it for the archive.
PDF_VARIANT = "pdf/a-3a"
#: Images (by URL, refused ones included) kept between renders before the image cache is emptied.
MAX_CACHED_IMAGES = 100


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
    version = f"{RENDERER_VERSION}:{weasyprint.__version__}:{PDF_VARIANT}:{_static_fingerprint()}:{css_digest}"
    _version = version
    return version


@dataclass
class _Assets:
    """What every render shares: fonts, the parsed print stylesheet, the image cache."""

    version: str
    font_config: FontConfiguration
    stylesheet: weasyprint.CSS
    image_cache: dict[str, Any]


_assets: _Assets | None = None


def get_assets(version: str) -> _Assets:
    """The shared assets of `version`, built on first use and again when the version changes."""
    global _assets
    if _assets is None or _assets.version != version:
        font_config = FontConfiguration()
        stylesheet = weasyprint.CSS(
            url=static_base_url() + PRINT_CSS, url_fetcher=StaticFilesFetcher(), font_config=font_config
        )
        _assets = _Assets(version, font_config, stylesheet, {})
    return _assets


def reset_assets() -> None:
    """Forget the fonts and stylesheet (and the version): the next render loads them afresh."""
    global _assets, _version
    _assets = None
    _version = None


# Dropping the shared FontConfiguration at exit lets WeasyPrint remove its temporary font folder.
atexit.register(reset_assets)


def lay_out(html: str, *, version: str, max_pages: int) -> bytes:
    """Lay out and write one PDF: the expensive part. Not thread-safe (WeasyPrint's shared font
    state): one at a time per process. Raises PdfTooLarge ("pages") over `max_pages`."""
    assets = get_assets(version)
    if len(assets.image_cache) > MAX_CACHED_IMAGES:
        assets.image_cache.clear()
    options = {
        "stylesheets": [assets.stylesheet],
        "cache": assets.image_cache,
        "pdf_variant": PDF_VARIANT,
    }
    document = weasyprint.HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesFetcher()).render(
        font_config=assets.font_config, **options
    )
    if len(document.pages) > max_pages:
        raise pdf_error("pages", pages=len(document.pages), max=max_pages)
    return document.write_pdf(**options)
