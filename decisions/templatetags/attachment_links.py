"""{% attachment_entry attachment as entry %}: how the item partial lists one attachment.

`entry.titled` says whether the title may be shown, `entry.url` where the file opens (empty: no link).
- Inside a PDF (no request in the context) nothing changes: the PDF's own template decides.
- On the public archive's pages (`public` in the context, the item a public copy whose secret
  attachments are already titled only "Confidential attachment", decisions.publication) a public
  attachment with a file links to /archive/attachments/<pk>/; a secret one never links.
- On the staff pages the permission "decisions.view_attachment" decides both the title and the
  link: a secret attachment shows neither to those not entitled, only "confidential" with its ground.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django import template
from django.urls import reverse

from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from decisions.models import Attachment

register = template.Library()


@dataclass(frozen=True)
class AttachmentEntry:
    titled: bool
    url: str = ""


@register.simple_tag(takes_context=True)
def attachment_entry(context: template.Context, attachment: Attachment) -> AttachmentEntry:
    request = context.get("request")
    if request is None:
        return AttachmentEntry(titled=True)
    if context.get("public"):  # a public copy: a secret attachment's title is already the placeholder
        if not attachment.is_public or not attachment.file:
            return AttachmentEntry(titled=True)
        return AttachmentEntry(titled=True, url=reverse("decisions:archive_attachment_download", args=[attachment.pk]))
    if not has_permission(request.user, "decisions.view_attachment", attachment):
        return AttachmentEntry(titled=False)
    url = reverse("decisions:attachment_download", args=[attachment.pk]) if attachment.file else ""
    return AttachmentEntry(titled=True, url=url)
