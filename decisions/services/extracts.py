"""Issuing a minutes extract and reading the issued one back: its exact bytes are kept and verified.

- One extract per item and language (the constraint "one_extract_per_item_and_language"; a bilingual
  body's item has a Finnish and a Swedish one, each with its own bytes and SHA-256): issuing takes a
  row lock on the item, and a repeat (a double click, three tabs at once) gets the extract already
  issued in that language, never a second.
- The file is written only after the row commits (transaction.on_commit): a transaction that rolls
  back, or a database lost before the commit, leaves no file behind.
- A secret attachment's title is printed only where the issuer chose to disclose it to the extract's
  recipients; the choice is kept on the extract and in the audit event.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, NamedTuple

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from decisions.documents import extract_filename
from decisions.models import AgendaItem, CheckedDecisionError, Extract
from hankehallinta.audit import record
from hankehallinta.models import AuditEvent
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

#: The kind of document named in the audit log (as the downloads name it).
KIND = "pöytäkirjanote"


class IssuedExtract(NamedTuple):
    """The item's extract, and whether this call issued it (False: it had been issued already)."""

    extract: Extract
    created: bool


def secret_attachment_ids(item: AgendaItem) -> set[int]:
    """The item's secret attachments: the only ones whose titles an issuer may choose to disclose."""
    return {attachment.pk for attachment in item.attachments.all() if not attachment.is_public}


def issue_extract(
    item: AgendaItem,
    render: Callable[[Collection[int]], bytes],
    *,
    by: AbstractBaseUser,
    certifier_name: str,
    certifier_title: str,
    place: str,
    recipients: str,
    disclosed_attachments: Collection[int] = (),
    language: str | None = None,
) -> IssuedExtract:
    """Issue the item's extract in `language` (default: its body's main language) once: keep its exact
    bytes and their SHA-256; later downloads in that language return them.

    `render(disclosed)` makes the PDF, printing the titles of the secret attachments in `disclosed`
    (and no other secret title) in `language`; it is called only when no extract has been issued in
    that language yet. Under the item's row lock a second call finds the first one's extract and
    returns it unchanged.
    Only a checked decision exists: before the check there is nothing to certify.
    """
    language = language or item.body.main_language
    if language not in item.languages:
        raise ActionRefused(_("The body does not issue its documents in that language."))
    with transaction.atomic():
        locked = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        issued = Extract.objects.filter(item=locked, language=language).first()
        if issued is not None:
            return IssuedExtract(issued, created=False)
        if not locked.is_checked:
            raise ActionRefused(_("An extract can be issued only once the minutes are checked."))
        disclosed = sorted(set(disclosed_attachments))
        if not set(disclosed) <= secret_attachment_ids(item):
            raise ActionRefused(_("Only the item's own secret attachments can be disclosed in its extract."))
        pdf = render(disclosed)
        extract = _store(
            item,
            pdf,
            by=by,
            certifier_name=certifier_name,
            certifier_title=certifier_title,
            place=place,
            recipients=recipients,
            disclosed=disclosed,
            language=language,
        )
        if extract is None:  # another issuer won the constraint without the lock (cannot happen under it)
            return IssuedExtract(Extract.objects.get(item=locked, language=language), created=False)
    return IssuedExtract(extract, created=True)


def _store(
    item: AgendaItem, pdf: bytes, *, by: AbstractBaseUser, disclosed: list[int], language: str, **certification: str
) -> Extract | None:
    """The extract's row now, its file once the row commits; None when the item already has one in
    `language`."""
    digest = hashlib.sha256(pdf).hexdigest()
    document = extract_filename(item, language)
    extract = Extract(
        item=item, issued_by=by, sha256=digest, disclosed_attachments=disclosed, language=language, **certification
    )
    field = extract.pdf.field
    wanted = field.generate_filename(extract, f"{document.removesuffix('.pdf')}-{digest[:12]}.pdf")
    extract.pdf.name = field.storage.get_available_name(wanted, max_length=field.max_length)
    try:
        with transaction.atomic():
            extract.save()
    except IntegrityError:
        return None
    record(
        AuditEvent.Action.EXPORT,
        obj=item,
        detail={
            "kind": KIND,
            "extract": extract.pk,
            "document": document,
            "language": language,
            "sha256": digest,
            "disclosed_attachments": disclosed,
        },
    )
    transaction.on_commit(lambda: _write_file(extract, pdf))
    return extract


def _write_file(extract: Extract, pdf: bytes) -> None:
    """Write the committed extract's bytes under the name its row holds (called after the commit)."""
    storage = extract.pdf.storage
    saved = storage.save(extract.pdf.name, ContentFile(pdf), max_length=extract.pdf.field.max_length)
    if saved != extract.pdf.name:  # someone wrote that name between the row and the file: never expected
        logger.error("extract %s was stored as %s, its row names %s", extract.pk, saved, extract.pdf.name)


def stored_extract_bytes(extract: Extract) -> bytes:
    """The issued bytes, verified against the SHA-256 recorded when they were issued."""
    with extract.pdf.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != extract.sha256:
        raise CheckedDecisionError(f"the stored extract {extract.pk} does not match its SHA-256")
    return data
