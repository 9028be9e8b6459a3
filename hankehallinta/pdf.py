"""The one PDF entry point: every PDF of the app is rendered here, from a Django template.

    pdf = render_pdf("decisions/agendaitem_extract_pdf.html", {"item": item, "draft": True})
    return pdf_response(pdf, "poytakirjanote-tulevaisuuslautakunta-2023-45.pdf")

PDF templates extend ``pdf/base.html`` (A4, organisation top left, document type top right,
"Sivu x / y" bottom right, LUONNOS on every page when ``draft`` is true); the print stylesheet
``static/pdf/print.css`` and its fonts (DejaVu Sans, shipped in ``static/fonts/``) are added here,
so templates never link them.

No network, no files outside the static files. WeasyPrint fetches every URL (stylesheets, images,
fonts, attachments, SVG references) through :class:`StaticFilesFetcher`, which only serves the
app's own static files: ``{% static "img/logo.svg" %}`` works, anything else (``http://``,
``file:///etc/passwd``, ``data:``, ``../``) is refused and WeasyPrint leaves it out.

Bounded work (settings, with these defaults):

- ``PDF_MAX_HTML_BYTES`` (2 000 000): larger rendered HTML raises :class:`PdfTooLarge` before any
  layout.
- ``PDF_MAX_PAGES`` (250): a longer document raises :class:`PdfTooLarge` after layout, before the
  PDF is written.
- ``PDF_MAX_RENDER_SECONDS`` (30): a wall-clock limit (SIGALRM) that raises :class:`PdfTimeout`.
  A signal can only be delivered to the main thread, so the limit applies where requests run in
  the main thread (sync WSGI workers such as gunicorn's default, management commands, tests); in a
  threaded server only the size and page limits and the server's own worker timeout apply. Best
  effort: the alarm interrupts Python code, not a single long call into Pango or HarfBuzz.

WeasyPrint is not thread-safe with shared font state, so renders in one process take turns (a
lock); it is CPU-bound anyway. One FontConfiguration and the parsed print stylesheet are built
once per process and rebuilt when a file under STATICFILES_DIRS changes.

Repeated work is skipped: the PDF bytes are cached (Django cache ``PDF_CACHE_ALIAS``, default the
alias "pdf" if configured, else "default"; ``PDF_CACHE_SECONDS``, default a day) under the SHA-256
of the rendered HTML plus the version of the stylesheet, fonts, images and renderer. Same content,
same bytes, no layout. Anything that changes the HTML (a new decision text, the date printed in
the footer) renders anew.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import re
import signal
import threading
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

if TYPE_CHECKING:
    from collections.abc import Iterator

logger = logging.getLogger(__name__)

#: Bump when the way PDFs are made changes in a way the HTML does not show (cache key).
RENDERER_VERSION = "1"
#: Virtual host of the static files inside a PDF: file://static.invalid/static/pdf/print.css.
#: ".invalid" never resolves (RFC 2606) and a file:// URL with a host is never opened by urllib.
STATIC_HOST = "static.invalid"
PRINT_CSS = "pdf/print.css"
#: PDF/A-3a: archivable (PDF/A) and tagged (structure for screen readers); text stays extractable.
#: WeasyPrint does not guarantee validity: run veraPDF before relying on it for the archive.
PDF_VARIANT = "pdf/a-3a"

DEFAULT_MAX_HTML_BYTES = 2_000_000
DEFAULT_MAX_PAGES = 250
DEFAULT_MAX_RENDER_SECONDS = 30
DEFAULT_CACHE_SECONDS = 24 * 60 * 60
#: PDFs larger than this are not cached (keeps an in-memory cache bounded).
MAX_CACHED_PDF_BYTES = 1_000_000
#: Images (by URL, refused ones included) kept between renders before the image cache is emptied.
MAX_CACHED_IMAGES = 100
#: Largest static file the fetcher hands to WeasyPrint.
MAX_STATIC_FILE_BYTES = 10_000_000

#: What a PDF may load from the static files, and as what.
STATIC_CONTENT_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class PdfError(Exception):
    """A PDF could not be made; the message says why, in Finnish, fit to show to the user."""


class PdfTooLarge(PdfError):
    """The document is over the size or page limit."""


class PdfTimeout(PdfError):
    """Rendering took longer than the time limit."""


class StaticFileRefused(ValueError):
    """The URL is not one of the app's own static files; WeasyPrint logs it and leaves it out."""


def static_base_url() -> str:
    """The base URL of PDF documents: relative and {% static %} URLs resolve under it."""
    prefix = urlsplit(settings.STATIC_URL).path or "/"  # what {% static %} puts before a name
    if not prefix.endswith("/"):
        prefix += "/"
    return f"file://{STATIC_HOST}{prefix}"


def _static_roots() -> list[str]:
    """The directories the static file finders search (STATICFILES_DIRS and apps' static/)."""
    roots = set()
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.add(os.path.realpath(location))
    return sorted(roots)


class StaticFilesFetcher(weasyprint.URLFetcher):
    """Serves the app's own static files to WeasyPrint, and nothing else.

    Accepted: ``file://static.invalid/<STATIC_URL path><name>``, where ``<name>`` is found by the
    static file finders, resolves (symlinks followed) inside one of the finders' directories, is a
    regular file of an allowed type (STATIC_CONTENT_TYPES) and at most MAX_STATIC_FILE_BYTES.
    Everything else raises :class:`StaticFileRefused`: other schemes (http, https, ftp, data),
    other hosts, ``file:///`` paths, ``..`` and ``.`` segments, backslashes, NUL, encoded tricks.
    Never opens a network connection; follows no redirects (there are none to follow).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False, timeout=1)
        self._roots = _static_roots()
        self._prefix = urlsplit(static_base_url()).path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            path = self._resolve(url)
        except StaticFileRefused as refused:
            logger.warning("PDF: refused to fetch %.200s (%s)", url, refused)
            raise
        content_type = STATIC_CONTENT_TYPES[Path(path).suffix.lower()]
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": content_type})

    def _resolve(self, url: str) -> str:
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise StaticFileRefused("malformed URL") from error
        if parts.scheme.lower() != "file" or parts.netloc.lower() != STATIC_HOST:
            raise StaticFileRefused("not a static file URL")
        path = unquote(parts.path)
        if not path.startswith(self._prefix):
            raise StaticFileRefused("outside the static URL")
        name = path[len(self._prefix) :]
        segments = name.split("/")
        if (
            not name
            or "\\" in name
            or "\x00" in name
            or any(segment in ("", ".", "..") for segment in segments)
            or unquote(name) != name
        ):
            raise StaticFileRefused("not a plain static file name")
        if Path(name).suffix.lower() not in STATIC_CONTENT_TYPES:
            raise StaticFileRefused("file type not allowed")
        try:
            found = finders.find(name)
        except SuspiciousFileOperation as error:
            raise StaticFileRefused("outside the static files") from error
        if not found or isinstance(found, list):
            raise StaticFileRefused("no such static file")
        real = os.path.realpath(found)
        if not any(os.path.commonpath([real, root]) == root for root in self._roots):
            raise StaticFileRefused("resolves outside the static directories")
        if not os.path.isfile(real):
            raise StaticFileRefused("not a regular file")
        if os.path.getsize(real) > MAX_STATIC_FILE_BYTES:
            raise StaticFileRefused("file too large")
        return real


@dataclass
class _Assets:
    """What every render shares: fonts, the parsed print stylesheet, the image cache."""

    fingerprint: str
    version: str
    font_config: FontConfiguration
    stylesheet: weasyprint.CSS
    image_cache: dict[str, Any]


_LOCK = threading.Lock()
_assets: _Assets | None = None


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


def _get_assets() -> _Assets:
    """The shared assets, built on first use (and, with DEBUG on, again when a static file has changed)."""
    global _assets
    if _assets is not None and not settings.DEBUG:
        return _assets  # static files do not change under a running production process
    fingerprint = _static_fingerprint()
    if _assets is None or _assets.fingerprint != fingerprint:
        css_path = finders.find(PRINT_CSS)
        if not css_path:
            raise PdfError(f"Tulostustyylit puuttuvat ({PRINT_CSS}).")
        css_digest = hashlib.sha256(Path(css_path).read_bytes()).hexdigest()
        font_config = FontConfiguration()
        stylesheet = weasyprint.CSS(
            url=static_base_url() + PRINT_CSS, url_fetcher=StaticFilesFetcher(), font_config=font_config
        )
        version = f"{RENDERER_VERSION}:{weasyprint.__version__}:{PDF_VARIANT}:{fingerprint}:{css_digest}"
        _assets = _Assets(fingerprint, version, font_config, stylesheet, {})
    return _assets


def _reset_assets() -> None:
    global _assets
    _assets = None


# Dropping the shared FontConfiguration at exit lets WeasyPrint remove its temporary font folder.
atexit.register(_reset_assets)


class _Expired(BaseException):
    """Raised by the alarm; a BaseException so that WeasyPrint's `except Exception` lets it pass."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _Expired in the main thread after `seconds`; elsewhere, no limit (see above)."""
    usable = (
        seconds > 0
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # leave someone else's alarm alone
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expired)
    # Re-armed every 50 ms: an alarm that lands where Python swallows exceptions (a garbage-collector
    # callback) fires again instead of leaving the render without a limit.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _write_pdf(html: str, assets: _Assets) -> bytes:
    """Lay out and write one PDF: the expensive part, done only on a cache miss."""
    max_pages = getattr(settings, "PDF_MAX_PAGES", DEFAULT_MAX_PAGES)
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
        raise PdfTooLarge(
            f"Asiakirjaan tulisi {len(document.pages)} sivua; enintään {max_pages} sivua voidaan tulostaa kerralla."
        )
    return document.write_pdf(**options)


def html_to_pdf(html: str, *, use_cache: bool = True) -> bytes:
    """PDF bytes of an HTML document (already rendered from a template), within the limits."""
    max_bytes = getattr(settings, "PDF_MAX_HTML_BYTES", DEFAULT_MAX_HTML_BYTES)
    size = len(html.encode("utf-8"))
    if size > max_bytes:
        raise PdfTooLarge(f"Asiakirja on liian suuri tulostettavaksi ({size} tavua, enintään {max_bytes} tavua).")
    seconds = getattr(settings, "PDF_MAX_RENDER_SECONDS", DEFAULT_MAX_RENDER_SECONDS)
    try:
        with _time_limit(seconds):
            return _cached_or_written(html, use_cache=use_cache)
    except _Expired:
        _reset_assets()  # interrupted half-way: start the shared font state afresh
        raise PdfTimeout(f"PDF-tiedoston muodostaminen kesti yli {seconds:g} sekuntia ja keskeytettiin.") from None


def _cached_or_written(html: str, *, use_cache: bool) -> bytes:
    with _LOCK:
        assets = _get_assets()
    cache = _cache() if use_cache else None
    key = "pdf:" + hashlib.sha256(f"{assets.version}\n{html}".encode()).hexdigest()
    if cache is not None:
        try:
            cached = cache.get(key)
        except Exception:  # a cache outage must not stop PDFs
            logger.warning("PDF cache unavailable", exc_info=True)
            cached = None
        if cached is not None:
            return cached
    with _LOCK:
        pdf = _write_pdf(html, assets)
    if cache is not None and len(pdf) <= MAX_CACHED_PDF_BYTES:
        try:
            cache.set(key, pdf, getattr(settings, "PDF_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))
        except Exception:
            logger.warning("PDF cache unavailable", exc_info=True)
    return pdf


def _cache():
    alias = getattr(settings, "PDF_CACHE_ALIAS", None)
    if alias is None:
        alias = "pdf" if "pdf" in settings.CACHES else "default"
    return caches[alias]


def render_pdf(
    template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None, use_cache: bool = True
) -> bytes:
    """Render a PDF template (one that extends pdf/base.html) to PDF bytes.

    The context gets defaults: ``organisation`` (settings.ORGANISATION_NAME), ``place``
    (settings.PDF_PLACE), ``generated_at`` (now, local time; base.html prints the date only, so
    the cache still hits within a day) and ``draft`` (False). With ``request``, the context
    processors run too. Raises :class:`PdfTooLarge` or :class:`PdfTimeout` (both :class:`PdfError`).
    """
    full_context = {
        "organisation": settings.ORGANISATION_NAME,
        "place": settings.PDF_PLACE,
        "generated_at": timezone.localtime(),
        "draft": False,
        **context,
    }
    html = render_to_string(template_name, full_context, request=request)
    return html_to_pdf(html, use_cache=use_cache)


_UNSAFE_IN_FILENAME = re.compile(r"[\\/:*?<>|;]+")


def safe_filename(filename: str) -> str:
    """The name without control characters (CR, LF, ...), quotes, slashes or reserved characters.

    Always ends in ".pdf"; an empty result becomes "asiakirja.pdf".
    """
    name = unicodedata.normalize("NFC", filename)
    name = "".join(" " if unicodedata.category(char).startswith("C") else char for char in name)
    name = _UNSAFE_IN_FILENAME.sub("-", name.replace('"', "").replace("'", ""))
    name = re.sub(r"\s+", " ", name).strip()
    if name.lower().endswith(".pdf"):
        name = name[:-4]
    stem = name.strip(" .-")[:150].strip(" .-") or "asiakirja"
    return f"{stem}.pdf"


_ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _ascii_filename(name: str) -> str:
    """ä -> a, ö -> o, å -> a; anything else not plain ASCII becomes '-'."""
    decomposed = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = _ASCII_UNSAFE.sub("-", decomposed[:-4]).strip(".-") or "asiakirja"
    return f"{stem}.pdf"


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download of PDF bytes: attachment, RFC 6266 file name (ASCII fallback + UTF-8), no caching."""
    name = safe_filename(filename)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=True, filename=_ascii_filename(name))
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name, safe='')}"
    response["Content-Length"] = str(len(pdf))
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


__all__ = [
    "PdfError",
    "PdfTimeout",
    "PdfTooLarge",
    "StaticFileRefused",
    "StaticFilesFetcher",
    "html_to_pdf",
    "pdf_response",
    "render_pdf",
    "safe_filename",
    "static_base_url",
]
