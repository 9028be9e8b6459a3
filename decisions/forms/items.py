"""The edit forms of an agenda item: the secretary's (all its text, publicity and appeal route) and the
presenter's (the proposal). Fields are listed explicitly: nothing else of the row (its §, meeting,
body, checking or version) can be set through them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.forms.bilingual import BilingualFieldsMixin
from decisions.forms.fields import require_no_appeal_ground, require_secrecy_ground
from decisions.models import AgendaItem
from hankehallinta.limits import TextLimitMixin
from hankehallinta.versioning import VersionedModelForm

TEXTAREA_ROWS = {"proposal": 8, "description": 12, "distribution": 3}


def textareas(*names: str) -> dict[str, forms.Textarea]:
    """Text areas for the named fields, each as tall as its text usually is."""
    return {name: forms.Textarea(attrs={"rows": TEXTAREA_ROWS.get(name, 4)}) for name in names}


class ProposalForm(BilingualFieldsMixin, TextLimitMixin, VersionedModelForm):
    """What the presenting official writes before the meeting: the proposal and its description (for a
    bilingual body in Finnish and in Swedish, decisions.forms.bilingual)."""

    class Meta:
        model = AgendaItem
        fields = ["original_language", "proposal", "proposal_sv", "description", "description_sv"]
        widgets = textareas("proposal", "description")


class AgendaItemForm(BilingualFieldsMixin, TextLimitMixin, VersionedModelForm):
    """The secretary's form: the item's text (for a bilingual body in Finnish and in Swedish,
    decisions.forms.bilingual), publicity and appeal route."""

    class Meta:
        model = AgendaItem
        fields = [
            "original_language",
            "title",
            "title_sv",
            "register_number",
            "proposal",
            "proposal_sv",
            "description",
            "description_sv",
            "is_public",
            "secrecy_ground",
            "appeal_route",
            "appeal_provision",
            "no_appeal_ground",
            "distribution",
        ]
        widgets = textareas("proposal", "description", "distribution")
        help_texts = {
            "secrecy_ground": _("Required for a confidential item, e.g. JulkL 24.1 § 25 k."),
            "no_appeal_ground": _("Required when there is no appeal."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        require_secrecy_ground(
            self, data, _("A confidential matter must name its legal ground for secrecy (e.g. JulkL 24.1 § 25 k).")
        )
        require_no_appeal_ground(self, data)
        return data
