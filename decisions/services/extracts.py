"""Issuing a minutes extract and reading the issued one back: its exact bytes are kept and verified."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from decisions.models import AgendaItem, CheckedDecisionError, Extract
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def issue_extract(
    item: AgendaItem,
    pdf: bytes,
    *,
    by: AbstractBaseUser,
    certifier_name: str,
    certifier_title: str,
    place: str,
    recipients: str,
) -> Extract:
    """Keep the issued extract's exact bytes and their SHA-256; later downloads return these bytes.

    Only a checked decision exists: before the check there is nothing to certify.
    """
    if not item.is_checked:
        raise ActionRefused(_("An extract can be issued only once the minutes are checked."))
    digest = hashlib.sha256(pdf).hexdigest()
    extract = Extract(
        item=item,
        issued_by=by,
        certifier_name=certifier_name,
        certifier_title=certifier_title,
        place=place,
        recipients=recipients,
        sha256=digest,
    )
    extract.pdf.save(f"{item.extract_filename.removesuffix('.pdf')}-{digest[:12]}.pdf", ContentFile(pdf), save=False)
    extract.save()
    return extract


def stored_extract_bytes(extract: Extract) -> bytes:
    """The issued bytes, verified against the SHA-256 recorded when they were issued."""
    with extract.pdf.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != extract.sha256:
        raise CheckedDecisionError(f"the stored extract {extract.pk} does not match its SHA-256")
    return data
