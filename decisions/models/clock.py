"""The legal clock of a decision: how it was notified to whom, and the record that it became final."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from decisions import legal_clock
from decisions.legal_clock import NotificationMethod
from decisions.models.items import AgendaItem
from decisions.models.recording import recorded_at_field, recorded_by_field


class Notification(models.Model):
    """One notification route of a decision (tiedoksianto); a recorded receipt date overrides the presumption.

    Publication on the web notifies the county's members; its `sent_on` is the publication day.
    """

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="notifications"
    )
    method = models.CharField(_("method"), max_length=20, choices=NotificationMethod)
    recipient = models.CharField(
        _("recipient"), max_length=300, help_text=_("A party, or the county's members for publication on the web.")
    )
    sent_on = models.DateField(_("sent or published on"))
    received_on = models.DateField(_("actually received on"), null=True, blank=True)
    recorded_by = recorded_by_field()
    recorded_at = recorded_at_field()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["item", "sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__gte=F("sent_on")) | Q(received_on__isnull=True),
                name="notification_received_after_sent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} ({self.get_method_display()})"

    @property
    def deadline(self) -> legal_clock.Deadline:
        """The last day of the item's appeal period by this route (rectification: 14 days)."""
        days = self.item.appeal_period_days or legal_clock.RECTIFICATION_DAYS
        return legal_clock.deadline(self.method, self.sent_on, self.received_on, days=days)


class FinalityRecord(models.Model):
    """A person's record that no rectification request arrived in time: the decision is final (lainvoimainen)."""

    item = models.OneToOneField(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="finality"
    )
    final_on = models.DateField(_("final on"))
    note = models.TextField(_("note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("finality record")
        verbose_name_plural = _("finality records")

    def __str__(self) -> str:
        return f"{self.item}: {self.final_on:%d.%m.%Y}"


def earliest_final_day(notifications: list[Notification]) -> dt.date | None:
    return legal_clock.final_after(n.deadline for n in notifications)
