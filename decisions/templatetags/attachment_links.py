"""{% attachment_entry attachment as entry %}: how the item partial lists one attachment.

`entry.titled` says whether the title may be shown, `entry.url` where the file opens (empty: no link).
A secret attachment's title is shown only to those entitled to it ("decisions.view_attachment": the
body's secretary and the item's presenter); everyone else reads only "confidential" with its ground.
- On the public archive's pages and PDFs (`public` in the context, the item a public copy whose secret
  attachments are already titled only "Confidential attachment", decisions.publication) a public
  attachment with a file links to /archive/attachments/<pk>/ on a page; a secret one never links.
- On the staff pages (a request in the context) the permission decides both the title and the link.
- Inside a PDF (no request in the context) the view names the reader it renders for as
  `attachment_reader` (a user); without one the PDF is for anyone: no secret title. An issued extract
  may name the secret attachments its issuer chose to disclose as `disclosed_attachments` (their pks).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import template
from django.urls import reverse

from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from decisions.models import Attachment

register = template.Library()

PERMISSION = "decisions.view_attachment"


@dataclass(frozen=True)
class AttachmentEntry:
    titled: bool
    url: str = ""


def _titled_in_pdf(context: template.Context, attachment: Attachment) -> bool:
    """A PDF prints a secret title only for an entitled reader, or where the issuer disclosed it."""
    if attachment.is_public:
        return True
    disclosed: Collection[int] = context.get("disclosed_attachments") or ()
    if attachment.pk in disclosed:
        return True
    reader = context.get("attachment_reader")
    return reader is not None and has_permission(reader, PERMISSION, attachment)


@register.simple_tag(takes_context=True)
def attachment_entry(context: template.Context, attachment: Attachment) -> AttachmentEntry:
    request = context.get("request")
    if context.get("public"):  # a public copy: a secret attachment's title is already the placeholder
        if request is None or not attachment.is_public or not attachment.file:
            return AttachmentEntry(titled=True)
        return AttachmentEntry(titled=True, url=reverse("archive:attachment_download", args=[attachment.pk]))
    if request is None:
        return AttachmentEntry(titled=_titled_in_pdf(context, attachment))
    if not has_permission(request.user, PERMISSION, attachment):
        return AttachmentEntry(titled=False)
    url = reverse("decisions:attachment_download", args=[attachment.pk]) if attachment.file else ""
    return AttachmentEntry(titled=True, url=url)
