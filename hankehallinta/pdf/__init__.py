"""The one PDF entry point: every PDF of the app is rendered here, from a Django template.

    pdf = render_pdf("decisions/agendaitem_extract_pdf.html", {"item": item, "draft": True})
    return pdf_download(request, item, render=pdf, filename="poytakirjanote-....pdf", kind="extract")

PDF templates extend ``pdf/base.html`` (the page frame: organisation, document type, page numbers
and the draft mark, printed in the active language); the print stylesheet ``static/pdf/print.css``
and its fonts (DejaVu Sans, shipped in ``static/fonts/``) are added by the renderer, so templates
never link them. WeasyPrint loads nothing but the app's own static files
(:class:`~hankehallinta.pdf.fetcher.StaticFilesFetcher`). Importing this package does not import
WeasyPrint: only the render workers load it (:mod:`hankehallinta.pdf.workers`).

No PDF can starve anyone. In order, for each document (:func:`html_to_pdf`):

1. ``PDF_MAX_HTML_BYTES`` (2 000 000): larger rendered HTML raises :class:`PdfTooLarge` at once.
2. The cache, before any lock or worker: the PDF bytes are cached (Django cache ``PDF_CACHE_ALIAS``,
   default the alias "pdf" if configured, else "default"; ``PDF_CACHE_SECONDS``, default a day)
   under the SHA-256 of the rendered HTML plus the assets' version (stylesheet, fonts, images,
   renderer; cheap to compute, see ``assets.assets_version``). A cached PDF is answered while other
   renders run. Anything that changes the HTML (a new decision text, the date printed) renders anew.
   A view that gives a content key (``render_pdf(..., key=keys.document_key(...))``, from the rows
   the document prints) is answered from the cache before its HTML is even rendered.
3. Remembered failures: a render that failed for the document's own sake (too slow, too many pages,
   too much memory, the renderer crashed) is remembered in the same cache under the content hash
   and the limits, for ``PDF_FAILURE_SECONDS`` (600); a repeat answers the same error at once.
4. The render, in a worker process (:mod:`hankehallinta.pdf.workers`): killed after
   ``PDF_MAX_RENDER_SECONDS`` (30) wall-clock seconds (:class:`PdfTimeout`), limited to
   ``PDF_MAX_RENDER_MEMORY_MB`` (1024) of address space, at most ``PDF_RENDER_WORKERS`` (2) at
   once; a request that finds them all busy waits at most the time limit (:class:`PdfTimeout`).
   ``PDF_MAX_PAGES`` (250): a longer document raises :class:`PdfTooLarge` before it is written.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import content_disposition_header

from hankehallinta import access_log
from hankehallinta.pdf import workers
from hankehallinta.pdf.assets import assets_version, static_base_url
from hankehallinta.pdf.errors import REMEMBERED, PdfError, PdfTimeout, PdfTooLarge, pdf_error

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from django.core.cache.backends.base import BaseCache
    from django.db.models import Model

logger = logging.getLogger(__name__)

DEFAULT_MAX_HTML_BYTES = 2_000_000
DEFAULT_MAX_PAGES = 250
DEFAULT_MAX_RENDER_SECONDS = 30
DEFAULT_MAX_RENDER_MEMORY_MB = workers.DEFAULT_MAX_RENDER_MEMORY_MB
DEFAULT_CACHE_SECONDS = 24 * 60 * 60
DEFAULT_FAILURE_SECONDS = 10 * 60
#: PDFs larger than this are not cached (keeps an in-memory cache bounded).
MAX_CACHED_PDF_BYTES = 1_000_000


def _cache() -> BaseCache:
    alias = getattr(settings, "PDF_CACHE_ALIAS", None)
    if alias is None:
        alias = "pdf" if "pdf" in settings.CACHES else "default"
    return caches[alias]


def _cache_get(cache: BaseCache, key: str) -> Any:
    try:
        return cache.get(key)
    except Exception:  # a cache outage must not stop PDFs
        logger.warning("PDF cache unavailable", exc_info=True)
        return None


def _cache_set(cache: BaseCache, key: str, value: Any, seconds: int) -> None:
    try:
        cache.set(key, value, seconds)
    except Exception:
        logger.warning("PDF cache unavailable", exc_info=True)


def _render(job: workers.Job, seconds: float) -> bytes:
    """The one place a document is laid out (tests count the calls here)."""
    return workers.render(job, seconds)


def html_to_pdf(html: str, *, use_cache: bool = True) -> bytes:
    """PDF bytes of an HTML document (already rendered from a template), within the limits.

    ``use_cache=False`` neither reads nor writes the cache (PDFs and remembered failures alike).
    """
    max_bytes = getattr(settings, "PDF_MAX_HTML_BYTES", DEFAULT_MAX_HTML_BYTES)
    size = len(html.encode("utf-8"))
    if size > max_bytes:
        raise pdf_error("size", size=size, max=max_bytes)
    job = workers.Job(
        html=html,
        version=assets_version(),
        max_pages=getattr(settings, "PDF_MAX_PAGES", DEFAULT_MAX_PAGES),
        memory_mb=getattr(settings, "PDF_MAX_RENDER_MEMORY_MB", DEFAULT_MAX_RENDER_MEMORY_MB),
        hook=getattr(settings, "PDF_RENDER_TEST_HOOK", None) or {},
    )
    seconds = getattr(settings, "PDF_MAX_RENDER_SECONDS", DEFAULT_MAX_RENDER_SECONDS)
    if not use_cache:
        return _render(job, seconds)
    cache = _cache()
    key = "pdf:" + hashlib.sha256(f"{job.version}\n{html}".encode()).hexdigest()
    cached = _cache_get(cache, key)
    if cached is not None:
        return cached
    # The limits are part of a failure: under other limits the same document may succeed.
    failure_key = (
        "pdf-failed:" + hashlib.sha256(f"{key}\n{job.max_pages}\n{seconds}\n{job.memory_mb}".encode()).hexdigest()
    )
    failure = _cache_get(cache, failure_key)
    if isinstance(failure, tuple) and len(failure) == 2:
        reason, params = failure
        raise pdf_error(reason, **params)
    try:
        pdf = _render(job, seconds)
    except PdfError as error:
        if error.reason in REMEMBERED:
            failure_seconds = getattr(settings, "PDF_FAILURE_SECONDS", DEFAULT_FAILURE_SECONDS)
            _cache_set(cache, failure_key, (error.reason, error.params), failure_seconds)
        raise
    if len(pdf) <= MAX_CACHED_PDF_BYTES:
        _cache_set(cache, key, pdf, getattr(settings, "PDF_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))
    return pdf


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    request: HttpRequest | None = None,
    use_cache: bool = True,
    key: str | None = None,
) -> bytes:
    """Render a PDF template (one that extends pdf/base.html) to PDF bytes.

    The context gets defaults: ``organisation`` (settings.ORGANISATION_NAME), ``place``
    (settings.PDF_PLACE), ``generated_at`` (now, local time; base.html prints the date only, so
    the cache still hits within a day) and ``draft`` (False). With ``request``, the context
    processors run too. Raises :class:`PdfTooLarge` or :class:`PdfTimeout` (both :class:`PdfError`).

    ``key``: the document's content key (:func:`hankehallinta.pdf.keys.document_key`, from the rows it
    prints and the reader's choices). With one, a cached PDF is found before the HTML is rendered:
    the key is combined with the template, the language, the day printed, the draft mark, the
    organisation and the assets' version. Without one (or with a request, whose context processors
    the key cannot see), the cache key is the rendered HTML's digest, as always.
    """
    full_context = {
        "organisation": settings.ORGANISATION_NAME,
        "place": settings.PDF_PLACE,
        "generated_at": timezone.localtime(),
        "draft": False,
        **context,
    }
    if key is None or request is not None or not use_cache:
        return html_to_pdf(render_to_string(template_name, full_context, request=request), use_cache=use_cache)
    cache = _cache()
    document_key = _document_cache_key(template_name, full_context, key)
    cached = _cache_get(cache, document_key)
    if cached is not None:
        return cached
    pdf = html_to_pdf(render_to_string(template_name, full_context))
    if len(pdf) <= MAX_CACHED_PDF_BYTES:
        _cache_set(cache, document_key, pdf, getattr(settings, "PDF_CACHE_SECONDS", DEFAULT_CACHE_SECONDS))
    return pdf


def _document_cache_key(template_name: str, context: dict[str, Any], key: str) -> str:
    """The cache key of a document by content: everything besides the rows that shapes its HTML."""
    parts = [
        assets_version(),
        template_name,
        translation.get_language() or "",
        context["generated_at"].date().isoformat(),
        repr(context["draft"]),
        str(context["organisation"]),
        str(context["place"]),
        key,
    ]
    return "pdf-doc:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


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


def pdf_download(
    request: HttpRequest,
    obj: Model,
    *,
    render: Callable[[], bytes] | bytes,
    filename: str,
    kind: str,
    items: Iterable[int] = (),
    failed: Callable[[PdfError], HttpResponse] | None = None,
    **detail: Any,
) -> HttpResponse:
    """The one ending of every PDF view: the bytes, the disclosure in the audit log, the download.

    `render` is the document's bytes, or a function that renders them; a render that fails
    (too large, too slow) shows its message on `obj`'s page instead, or answers `failed(error)`
    when given (the public archive, whose visitors cannot open the staff page). The disclosure
    names the document, its kind, SHA-256 and items, with the permission the view entry recorded.
    """
    try:
        pdf = render() if callable(render) else render
    except PdfError as error:
        if failed is not None:
            return failed(error)
        messages.error(request, str(error))
        return redirect(obj)
    access_log.disclosure(
        request,
        obj,
        authority=getattr(request, "audit_authority", ""),
        kind=kind,
        document=filename,
        content=pdf,
        items=items,
        **detail,
    )
    return pdf_response(pdf, filename)


__all__ = [
    "PdfError",
    "PdfTimeout",
    "PdfTooLarge",
    "html_to_pdf",
    "pdf_download",
    "pdf_response",
    "render_pdf",
    "safe_filename",
    "static_base_url",
]
