"""Reading a PDF the way the tests check it: its text, with no-break spaces folded to spaces."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader


def fold_spaces(text: str) -> str:
    """No-break and narrow no-break spaces (as in 379 904,00 €) become plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pdf_text(data: bytes) -> str:
    """The text of every page, spaces folded and every run of white space made one space."""
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", fold_spaces("\n".join(page.extract_text() or "" for page in reader.pages)))


def response_pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)
