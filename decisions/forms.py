"""Edit forms of the secretary and the presenter. Fields are listed explicitly: nothing else of the row
(its §, meeting, body, checking or version) can be set through them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.fields import (
    DATETIME_ERROR,
    SafeModelMultipleChoiceField,
    require_no_appeal_ground,
    require_secrecy_ground,
)
from decisions.models import AgendaItem, Meeting, Membership, Person
from hankehallinta.versioning import VersionedModelForm

TEXTAREA_ROWS = {"proposal": 8, "description": 12, "distribution": 3}


def _textareas(*names: str) -> dict[str, forms.Textarea]:
    return {name: forms.Textarea(attrs={"rows": TEXTAREA_ROWS.get(name, 4)}) for name in names}


class ProposalForm(VersionedModelForm):
    """What the presenting official writes before the meeting: the proposal and its description."""

    class Meta:
        model = AgendaItem
        fields = ["proposal", "description"]
        widgets = _textareas("proposal", "description")


class AgendaItemForm(VersionedModelForm):
    """The secretary's form: the item's text, publicity and appeal route."""

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "register_number",
            "proposal",
            "description",
            "is_public",
            "secrecy_ground",
            "appeal_route",
            "appeal_provision",
            "no_appeal_ground",
            "distribution",
        ]
        widgets = _textareas("proposal", "description", "distribution")
        help_texts = {
            "secrecy_ground": _("Required for a confidential item, e.g. JulkL 24.1 § 25 k."),
            "no_appeal_ground": _("Required when there is no appeal."),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        require_secrecy_ground(
            self, data, _("Salassa pidettävälle asialle on annettava salassapitoperuste (esim. JulkL 24.1 § 25 k).")
        )
        require_no_appeal_ground(self, data)
        return data


class MeetingForm(VersionedModelForm):
    """The secretary's form for a meeting's time, place and the examiners of its minutes."""

    class Meta:
        model = Meeting
        fields = ["start", "end", "place", "examiners"]
        field_classes = {"examiners": SafeModelMultipleChoiceField}
        widgets = {"examiners": forms.CheckboxSelectMultiple}
        help_texts = {
            "start": _("For example 28.11.2023 14:00"),
            "end": _("For example 28.11.2023 16:30"),
        }
        error_messages = {name: {"invalid": DATETIME_ERROR} for name in ("start", "end")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Examiners are chosen among the body's members; ones already chosen stay selectable.
        members = Membership.objects.filter(body_id=self.instance.body_id, role__in=Membership.Role.voting())
        chosen = self.instance.examiners.all() if self.instance.pk else Person.objects.none()
        self.fields["examiners"].queryset = Person.objects.filter(
            pk__in=members.values("person_id")
        ) | Person.objects.filter(pk__in=chosen.values("pk"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("Kokous ei voi päättyä ennen kuin se alkaa."))
        return data
