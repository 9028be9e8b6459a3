"""What the views log themselves (Tiedonhallintalaki 17 §): refusals, confidential reads, disclosures.

Writes are logged by the receivers in hankehallinta.audit. Reads are not writes, so the views call
these: every 403 on an object, every view of confidential content and every document handed out
(a disclosure: which document, which items, to whom, when, and the permission that allowed it).
Events name documents and items by id and hash, never by their confidential text.

Refusals are answered with a response, not by raising PermissionDenied: with ATOMIC_REQUESTS an
exception would roll the DENIED event back with the rest of the request.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from django.shortcuts import render

from hankehallinta import audit
from hankehallinta.models import AuditEvent

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db import models
    from django.http import HttpRequest, HttpResponse


def refuse(
    request: HttpRequest,
    obj: models.Model,
    *,
    authority: str,
    template: str = "403.html",
    context: dict[str, Any] | None = None,
    reason: str = "",
) -> HttpResponse:
    """A 403 on `obj`, logged as DENIED with the permission that said no."""
    audit.record(
        AuditEvent.Action.DENIED,
        request=request,
        obj=obj,
        outcome=AuditEvent.Outcome.DENIED,
        authority=authority,
        detail={"method": request.method, "path": request.path, **({"reason": reason} if reason else {})},
    )
    return render(request, template, context or {}, status=403)


def confidential_read(request: HttpRequest, obj: models.Model, *, authority: str, items: Iterable[int]) -> None:
    """The user was shown the content of confidential items (ids, never text)."""
    audit.record(
        AuditEvent.Action.READ_CONFIDENTIAL,
        request=request,
        obj=obj,
        authority=authority,
        detail={"items": sorted(items)},
    )


def disclosure(
    request: HttpRequest,
    obj: models.Model,
    *,
    authority: str,
    kind: str,
    document: str,
    content: bytes,
    items: Iterable[int] = (),
    **detail: Any,
) -> None:
    """A document was handed out: its name, kind, SHA-256 and the items it contains."""
    audit.record(
        AuditEvent.Action.DOWNLOAD,
        request=request,
        obj=obj,
        authority=authority,
        detail={
            "document": document,
            "kind": kind,
            "sha256": hashlib.sha256(content).hexdigest(),
            "bytes": len(content),
            "items": sorted(items),
            **detail,
        },
    )
