"""Laying out one PDF with WeasyPrint: runs in a render worker (or, as a fallback, in the web process).

WeasyPrint is imported here, at the top, and this module is loaded only by a process that renders:
the render workers (through :mod:`hankehallinta.pdf.render_process`), and the web process only when
it renders itself (``PDF_RENDER_IN_PROCESS``, or no worker could start). The web process imports
neither at start-up: about a second of import time and the memory of the renderer stay out of
every process that never renders.

One FontConfiguration and the parsed print stylesheet are built once per process and rebuilt
when the assets' version changes. The version (:func:`~hankehallinta.pdf.assets.assets_version`)
is computed by the web process without building anything, and is part of the cache key.
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass
from typing import Any

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from hankehallinta.pdf.assets import PDF_VARIANT, PRINT_CSS, assets_version, forget_version, static_base_url
from hankehallinta.pdf.errors import pdf_error
from hankehallinta.pdf.fetcher import StaticFilesFetcher

__all__ = ["assets_version", "get_assets", "lay_out", "reset_assets"]

#: Images (by URL, refused ones included) kept between renders before the image cache is emptied.
MAX_CACHED_IMAGES = 100


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
    global _assets
    _assets = None
    forget_version()


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
