"""The audit log: one append-only event per sign-in, write, confidential read and disclosure."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Audit events are never changed or removed."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs):
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self):
        raise AppendOnlyError("audit events cannot be deleted")

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEvent(models.Model):
    """Tiedonhallintalaki 17 §: what was done or disclosed, by whom, with which authority, when, from where."""

    class Action(models.TextChoices):
        LOGIN = "login", _("Signed in")
        LOGIN_FAILED = "login_failed", _("Failed sign-in")
        LOGOUT = "logout", _("Signed out")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        STATE_CHANGE = "state_change", _("State changed")
        READ_CONFIDENTIAL = "read_confidential", _("Read confidential content")
        DOWNLOAD = "download", _("Downloaded a document")
        EXPORT = "export", _("Exported data")
        DENIED = "denied", _("Access denied")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        FAILURE = "failure", _("Failure")
        DENIED = "denied", _("Denied")

    at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    roles = models.CharField(_("roles"), max_length=500, blank=True)
    authority = models.CharField(_("authority used"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    source_ip = models.GenericIPAddressField(_("source address"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome, default=Outcome.SUCCESS)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]
        triggers = [
            pgtrigger.Protect(name="audit_event_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username or '-'} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit events cannot be deleted")


class UserPreference(models.Model):
    """What a signed-in user has chosen for themselves: the interface language (README.md, "Languages").

    One row per user who has chosen, made when they first choose; a user without one gets the
    language of the cookie or the browser.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="preference"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)

    class Meta:
        verbose_name = _("user preference")
        verbose_name_plural = _("user preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.language}"


class AccessibilityFeedback(models.Model):
    """Feedback on the service's accessibility, sent with the form of the accessibility statement.

    The Act on the Provision of Digital Services (306/2019) asks for a reply within 14 days:
    `reply_due` is that day, and the open feedback is listed with it in the admin and on the
    administrator's home page (hankehallinta/accessibility.py).
    """

    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    reply_due = models.DateField(_("reply due"))
    message = models.TextField(_("feedback"), max_length=5000)
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    wants_reply = models.BooleanField(_("reply wanted"), default=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True)
    handled = models.BooleanField(_("handled"), default=False, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["handled", "reply_due", "pk"]

    def __str__(self) -> str:
        # No personal data: the audit log names the feedback by this.
        return f"{self._meta.verbose_name} {self.pk or ''}".strip()

    @property
    def is_overdue(self) -> bool:
        return not self.handled and self.reply_due < timezone.localdate()
