"""The one PDF entry point. (Being built: render_pdf(template_name, context) -> bytes and
pdf_response(pdf, filename) -> HttpResponse.)"""

from __future__ import annotations
