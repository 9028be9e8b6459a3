"""Why a PDF could not be made: the exceptions, and their messages by reason.

A render that fails in a worker process answers a *reason* and its numbers ("pages", pages=300,
max=250), not a message: the message is written here, in the requesting user's language, and the
same reason can be remembered in the cache and answered again later (see ``REMEMBERED``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import Promise


class PdfError(Exception):
    """A PDF could not be made; the message says why, in Finnish, fit to show to the user."""

    def __init__(self, message: str = "", *, reason: str = "", params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params or {}


class PdfTooLarge(PdfError):
    """The document is over the size, page or memory limit."""


class PdfTimeout(PdfError):
    """Rendering took longer than the time limit, or no renderer was free within it."""


_REASONS: dict[str, tuple[type[PdfError], Promise]] = {
    "size": (PdfTooLarge, _("The document is too large to print (%(size)s bytes, at most %(max)s bytes).")),
    "pages": (
        PdfTooLarge,
        _("The document would have %(pages)s pages; at most %(max)s pages can be printed at once."),
    ),
    "memory": (PdfTooLarge, _("Making the PDF file needed more than %(mb)s MB of memory and was stopped.")),
    "timeout": (PdfTimeout, _("Making the PDF file took more than %(seconds)s seconds and was stopped.")),
    "busy": (
        PdfTimeout,
        _("Other PDF files were being made and this one could not start within %(seconds)s seconds. Try again soon."),
    ),
    "failed": (PdfError, _("The PDF file could not be made.")),
    "stylesheet": (PdfError, _("The print style sheet is missing (%(path)s).")),
}

#: Reasons that belong to the document (under the same limits) and are remembered for it. Not
#: "size" (checked before anything, at no cost), "busy" (the others' fault) or "stylesheet".
REMEMBERED = frozenset({"pages", "memory", "timeout", "failed"})


def pdf_error(reason: str, **params: Any) -> PdfError:
    """The exception for `reason`, its message in the active language."""
    cls, template = _REASONS.get(reason, _REASONS["failed"])
    return cls(str(template) % params, reason=reason, params=params)
