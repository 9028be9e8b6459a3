"""Forms of the payment claims: a new claim's period, and the actions on a claim (send, payment
received, returned). The action forms carry the claim's version: an action on a page opened before
someone else acted is refused (409, followup.views.claims). The writes are followup.services.claims."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from projects.forms.projects import DATE_ERRORS

TEXT_LIMIT = 4000


class ClaimCreateForm(forms.Form):
    """The period of a new claim, and whether it is the project's final claim."""

    period_start = forms.DateField(
        label=_("Period start"), help_text=_("For example 1.1.2025"), error_messages=DATE_ERRORS
    )
    period_end = forms.DateField(
        label=_("Period end"), help_text=_("For example 30.6.2025"), error_messages=DATE_ERRORS
    )
    is_final = forms.BooleanField(
        label=_("Final claim"),
        required=False,
        help_text=_("The last claim of the project: it closes the account and shows any amount to return."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return cleaned


class ClaimActionForm(forms.Form):
    """An action on the claim as the page showed it: its version (alone, the send)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    stale_message = _(
        "Someone else changed this payment claim after you opened the page. Your action was not made: "
        "the claim as it is now is shown, with the values you sent."
    )


class ClaimPaymentForm(ClaimActionForm):
    """The payment received from the funder."""

    paid_amount = FinnishAmountField(label=_("Amount paid"), help_text=_("For example 12 345,67"))
    paid_on = forms.DateField(label=_("Paid on"), help_text=_("For example 15.9.2025"), error_messages=DATE_ERRORS)
    difference_explanation = forms.CharField(
        label=_("Explanation of the difference"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the amount paid differs from the amount claimed."),
    )


class ClaimReturnForm(ClaimActionForm):
    """The funder returned the claim."""

    returned_reason = forms.CharField(
        label=_("Reason for the return"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("As the funder gave it."),
    )
