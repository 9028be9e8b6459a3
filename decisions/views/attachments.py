"""Attachments that open: the staff download and the public archive's.

Files are read through the field's storage (Django's storage API), never served from /media/. Each
download goes through the view entry's permission, is logged as a disclosure with the file's
SHA-256, and is answered as a download (`Content-Disposition: attachment`, a safe file name, the
type found from the content, `X-Content-Type-Options: nosniff`), so a browser never renders it.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.http import Http404

from decisions.models import Attachment
from hankehallinta import access_log
from hankehallinta.entry import view_entry
from hankehallinta.uploads import UNKNOWN, detect_type, download_response, safe_download_name

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

#: The kind of document in the disclosure log.
STAFF_KIND = "liite"
PUBLIC_KIND = "julkinen liite"


@view_entry("decisions.view_attachment", Attachment, queryset=Attachment.objects.for_download)
def attachment_download(request: HttpRequest, attachment: Attachment) -> HttpResponse:
    """An attachment for whoever may see it: public ones with the item, secret ones for the body's
    secretary and the item's presenter (decisions.rules, "decisions.view_attachment")."""
    return _download(request, attachment, kind=STAFF_KIND)


@view_entry("hankehallinta.public", Attachment, public=True, queryset=Attachment.objects.in_public_archive)
def archive_attachment_download(request: HttpRequest, attachment: Attachment) -> HttpResponse:
    """A public attachment of a public § of published minutes; anything else is 404."""
    return _download(request, attachment, kind=PUBLIC_KIND)


def _read(attachment: Attachment) -> bytes:
    """The stored bytes through the field's storage; a file gone from the storage is 404."""
    try:
        with attachment.file.open("rb") as stored:
            return stored.read()
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing


def _download(request: HttpRequest, attachment: Attachment, *, kind: str) -> HttpResponse:
    content = _read(attachment)
    file_type = detect_type(io.BytesIO(content)) or UNKNOWN
    filename = safe_download_name(PurePosixPath(attachment.file.name).stem, file_type)
    access_log.disclosure(
        request,
        attachment,
        authority=getattr(request, "audit_authority", ""),
        kind=kind,
        document=filename,
        content=content,
        items=[attachment.item_id],
        stored_sha256=attachment.sha256,
    )
    return download_response(content, filename=filename, file_type=file_type)
