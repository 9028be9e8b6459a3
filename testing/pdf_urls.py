"""A test-only URLconf: the app's own URLs plus a PDF view that needs no sign-in and no database.

Tests select it with ``@pytest.mark.urls("testing.pdf_urls")``. ``/testing/pdf/<text>/`` answers a
one-line PDF of ``<text>``, or 503 with the renderer's message when the PDF cannot be made; with
``PDF_RENDER_TEST_HOOK = {"sleep": ...}`` its render hangs until the time limit kills it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.html import escape

from hankehallinta import urls as app_urls
from hankehallinta.pdf import PdfError, html_to_pdf, pdf_response


def pdf_document(text: str) -> str:
    """The HTML of the test PDF of `text`: one line."""
    return (
        '<!DOCTYPE html><html lang="fi"><head><meta charset="utf-8"><title>Testi</title></head>'
        f"<body><p>{escape(text)}</p></body></html>"
    )


def sample_pdf(request: HttpRequest, text: str) -> HttpResponse:
    try:
        data = html_to_pdf(pdf_document(text))
    except PdfError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
    return pdf_response(data, f"{text}.pdf")


urlpatterns = [
    path("testing/pdf/<slug:text>/", sample_pdf, name="testing_pdf"),
    *app_urls.urlpatterns,
]

handler403 = app_urls.handler403
handler404 = app_urls.handler404
handler500 = app_urls.handler500
