"""Attachments of agenda items: accepted by their content and size, their SHA-256 kept."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from decisions.models.checked import (
    FrozenWhenChecked,
    FrozenWhenCheckedQuerySet,
    checked_record_triggers,
    item_is_checked_sql,
)
from decisions.models.items import AgendaItem
from hankehallinta.uploads import file_sha256, validate_upload


class AttachmentQuerySet(FrozenWhenCheckedQuerySet):
    def with_file(self) -> AttachmentQuerySet:
        """Attachments that have a stored file to hand out."""
        return self.exclude(file="")

    def for_download(self) -> AttachmentQuerySet:
        """With what the permission check reads: the item, its meeting and body, its presenter."""
        return self.with_file().select_related("item__meeting__body", "item__presenter")

    def in_public_archive(self) -> AttachmentQuerySet:
        """Public attachments of the public § of published minutes: what /archive/ hands out."""
        return self.with_file().filter(is_public=True, item__in=AgendaItem.objects.public())


class Attachment(FrozenWhenChecked):
    """A file attached to an item; accepted by its content and size (hankehallinta.uploads), its
    SHA-256 kept so that every disclosure can name exactly what was handed out.

    Once the § is checked its attachments cannot change or go (decisions.models.checked); a late
    attachment may still be added.
    """

    ADDED_AFTER_CHECK = True

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="attachments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="attachments/%Y/", blank=True, validators=[validate_upload])
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, editable=False)
    is_public = models.BooleanField(_("public"), default=True)
    secrecy_ground = models.CharField(_("legal ground for secrecy"), max_length=300, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_attachment_number_per_item"),
            models.CheckConstraint(
                condition=Q(is_public=True) | ~Q(secrecy_ground=""), name="secret_attachment_has_secrecy_ground"
            ),
        ]
        triggers = checked_record_triggers(item_is_checked_sql("{row}.item_id"), moved_in=False)

    def __str__(self) -> str:
        return f"{_('Attachment')} {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        """The staff download (decisions/views/attachments.py); the archive has its own."""
        return reverse("decisions:attachment_download", args=[self.pk])

    def record_file_hash(self) -> None:
        """Set `sha256` from the file (before a save; an attachment without a file has none)."""
        self.sha256 = file_sha256(self.file) if self.file else ""
