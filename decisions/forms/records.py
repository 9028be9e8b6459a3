"""The forms after the check of the minutes: a correction of the decision, a notification of it to a
party and the confirmation that it is final. Each records a new row (decisions.services.records);
none edits the decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import DATE_ERROR
from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, DecisionCorrection, Notification
from hankehallinta.limits import TextLimitMixin


class CorrectionForm(TextLimitMixin, forms.ModelForm):
    """A later change to a checked decision, as a typed record (Hallintolaki 50 § / 51 § ...)."""

    class Meta:
        model = DecisionCorrection
        fields = ["kind", "reason", "corrected_text", "decided_by", "decided_on"]
        labels = {
            "kind": _("Kind of correction"),
            "reason": _("Ground"),
            "corrected_text": _("Corrected text"),
            "decided_by": _("Decided by"),
            "decided_on": _("Date of decision"),
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 3}), "corrected_text": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"decided_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if self.instance.item.checked_at and day < timezone.localtime(self.instance.item.checked_at).date():
            raise forms.ValidationError(_("A correction cannot be decided before the minutes are checked."))
        return day


class NotificationForm(forms.ModelForm):
    """A decision sent to a party by letter or e-mail; a recorded actual receipt overrides the presumption."""

    class Meta:
        model = Notification
        fields = ["method", "recipient", "sent_on", "received_on"]
        labels = {
            "method": _("Method of notification"),
            "recipient": _("Recipient"),
            "sent_on": _("Sent on"),
            "received_on": _("Received, with proof, on"),
        }
        help_texts = {
            "received_on": _(
                "Leave empty when the day of receipt is not known: a letter is deemed received on the 7th day "
                "and an electronic message on the 3rd day after sending."
            ),
            "recipient": _("The party the decision was notified to."),
        }
        error_messages = {"sent_on": {"invalid": DATE_ERROR}, "received_on": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["method"].choices = [
            (value, label) for value, label in NotificationMethod.choices if value != NotificationMethod.WEB_PUBLICATION
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        sent, received = data.get("sent_on"), data.get("received_on")
        if sent and received and received < sent:
            self.add_error("received_on", _("The day of receipt cannot be before sending."))
        checked_at = self.instance.item.checked_at
        if sent and checked_at and sent < timezone.localtime(checked_at).date():
            self.add_error("sent_on", _("The decision cannot be notified before the minutes are checked."))
        if sent and sent > timezone.localdate():
            self.add_error("sent_on", _("The day of sending cannot be in the future."))
        return data


class FinalityForm(forms.Form):
    no_request = forms.BooleanField(
        label=_("I confirm that no request for rectification of the decision arrived in time."),
        error_messages={"required": _("Confirm that no request for rectification arrived.")},
    )
    note = forms.CharField(label=_("Additional information"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
