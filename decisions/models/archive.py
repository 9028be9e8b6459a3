"""What the public versions of the minutes leave out once the rectification period has ended."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from decisions.models.items import AgendaItem


class PrivatePersonData(models.Model):
    """A private person's personal data in a public item (Hyvinvointialuelaki 145 § 3 mom.).

    The text stays in the minutes; the public archive prints it until the rectification period ends,
    and the daily `remove_personal_data` command then sets `removed_on`, after which public pages and
    PDFs show a placeholder instead. Officials' and members' names are not recorded here.
    """

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="private_person_data"
    )
    text = models.CharField(_("text as it appears"), max_length=300)
    removed_on = models.DateField(_("removed from the web on"), null=True, blank=True)

    class Meta:
        verbose_name = _("private person's data")
        verbose_name_plural = _("private persons' data")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.text}"
