"""The URLconf of :mod:`testing.serve_settings`: :mod:`testing.pdf_urls` plus a PDF whose render hangs.

``/testing/pdf/<text>/`` answers a one-line PDF of ``<text>`` through the app's PDF path (cache
first, then a render worker); ``/testing/pdf-hangs/<text>/`` sends its document to a render worker
with the test hook ``{"sleep": 60}``, so the worker hangs until ``PDF_MAX_RENDER_SECONDS`` kills it
and the request answers 503 with the renderer's message. The hook travels with that one job only
(not through the settings, which every thread of the process shares), so a server with threads
serves the other requests as it always does.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path

from hankehallinta import pdf
from hankehallinta.pdf import PdfError, layout, pdf_response, workers
from testing import pdf_urls

HANG = {"sleep": 60}


def hanging_pdf(request: HttpRequest, text: str) -> HttpResponse:
    job = workers.Job(
        html=pdf_urls.pdf_document(text),
        version=layout.assets_version(),
        max_pages=getattr(settings, "PDF_MAX_PAGES", pdf.DEFAULT_MAX_PAGES),
        memory_mb=settings.PDF_MAX_RENDER_MEMORY_MB,
        hook=HANG,
    )
    try:
        data = workers.render(job, settings.PDF_MAX_RENDER_SECONDS)
    except PdfError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return pdf_response(data, f"{text}.pdf")


urlpatterns = [
    path("testing/pdf-hangs/<slug:text>/", hanging_pdf, name="testing_pdf_hangs"),
    *pdf_urls.urlpatterns,
]

handler403 = pdf_urls.handler403
handler404 = pdf_urls.handler404
handler500 = pdf_urls.handler500
