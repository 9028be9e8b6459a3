"""Who recorded a row and when: the same two fields on every record that follows a decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def recorded_by_field() -> models.ForeignKey:
    """The user who recorded the row; empty for rows loaded without one (the demo, imports)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def recorded_at_field() -> models.DateTimeField:
    return models.DateTimeField(_("recorded at"), auto_now_add=True)
