"""Writing the audit log. `record()` is the one way in; the receivers below call it for sign-ins and
for every write to the domain models, so no view can forget them.

Reads of confidential content and document downloads are disclosures: their views call `record()`.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from hankehallinta.models import AuditEvent
from hankehallinta.permissions import roles_of

if TYPE_CHECKING:
    from django.db import models
    from django.http import HttpRequest

AUDITED_APPS = {"projects", "budgets", "decisions"}
Action = AuditEvent.Action
Outcome = AuditEvent.Outcome


def source_address(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or the forwarded one only when the peer is a trusted proxy."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote and forwarded and remote in settings.TRUSTED_PROXIES:
        remote = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(remote)) if remote else None
    except ValueError:
        return None


def current_request() -> HttpRequest | None:
    return getattr(HistoricalRecords.context, "request", None)


def _clean(text: str, limit: int) -> str:
    """No control characters (log injection) and no overlong values."""
    return "".join(ch if ch.isprintable() else " " for ch in str(text))[:limit]


def _object_repr(obj: models.Model) -> str:
    """How the log names an object. A confidential item or attachment is named by kind and id only:
    its title may be confidential too, and the log carries no confidential content."""
    if getattr(obj, "is_public", True) is False:
        return f"{obj._meta.verbose_name} {obj.pk} ({gettext('Confidential').lower()})"
    return str(obj)


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    authority: str = "",
    detail: dict[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    request = request or current_request()
    if not authority and request is not None:
        # A view names the permission it acted on once; the write receivers' events carry it too.
        authority = getattr(request, "audit_authority", "")
    if user is None and request is not None:
        user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    roles = ""
    if signed_in:
        # One look-up of the roles per request, however many events it writes.
        roles = getattr(request, "_audit_roles", None) if request is not None else None
        if roles is None:
            roles = _clean(", ".join(roles_of(user)), 500)
            if request is not None:
                request._audit_roles = roles
    return AuditEvent.objects.create(
        user=user if signed_in else None,
        username=_clean(user.get_username() if signed_in else username, 150),
        roles=roles,
        authority=_clean(authority, 200),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=_clean(_object_repr(obj), 300) if obj is not None else "",
        source_ip=source_address(request),
        outcome=outcome,
        detail=detail or {},
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    record(Action.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        record(Action.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    record(
        Action.LOGIN_FAILED,
        request=request,
        username=credentials.get("username", ""),
        outcome=Outcome.FAILURE,
    )


def _audited(sender: type) -> bool:
    return sender._meta.app_label in AUDITED_APPS and not sender.__name__.startswith("Historical")


@receiver(post_save)
def _saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not _audited(sender):
        return
    update_fields = kwargs.get("update_fields")
    detail = {"fields": sorted(update_fields)} if update_fields else {}
    record(Action.CREATE if created else Action.UPDATE, obj=instance, detail=detail)


@receiver(post_delete)
def _deleted(sender, instance, **kwargs) -> None:
    if _audited(sender):
        record(Action.DELETE, obj=instance)
