"""The director's forms for a project's actual costs: the ledger file's upload and the confirmation of
its preview, the account mapping's rows, and a manual cost.

The confirmation carries the previewed file back signed (as the people import does,
decisions.forms.people): the file, its name, the period and the project code, tied to the project,
so that what is written is exactly what was previewed. Nothing here saves: followup.services do.
"""

from __future__ import annotations

import base64
import datetime as dt
import zlib
from typing import Any

from django import forms
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from budgets.fields import FinnishAmountField
from budgets.models import BudgetLine
from followup.ledger import MAX_BYTES
from hankehallinta.formfields import FinnishDecimalField

#: How long a previewed file may wait for its confirmation.
IMPORT_MAX_AGE = 2 * 60 * 60
IMPORT_SALT = "followup.ledger_import"
DATE_ERROR = _("Enter a date in the form 31.12.2025.")


def sign_ledger(project_pk: int, file_name: str, content: bytes, start: dt.date, end: dt.date, code: str) -> str:
    """The previewed file and its period, signed for the confirmation's hidden field (compressed)."""
    packed = base64.b64encode(zlib.compress(content)).decode("ascii")
    data = {"project": project_pk, "name": file_name, "content": packed, "start": start.isoformat()}
    return signing.dumps({**data, "end": end.isoformat(), "code": code}, salt=IMPORT_SALT)


class LedgerUploadForm(forms.Form):
    """The ledger file to preview, the period it covers and the project's code in the accounting."""

    file = forms.FileField(
        label=_("Ledger file (CSV or XLSX)"),
        error_messages={"required": _("Choose the file to import."), "empty": _("The file is empty.")},
    )
    period_start = forms.DateField(label=_("Period start"), error_messages={"invalid": DATE_ERROR})
    period_end = forms.DateField(label=_("Period end"), error_messages={"invalid": DATE_ERROR})
    project_code = forms.CharField(
        label=_("Project code in the accounting"),
        required=False,
        max_length=40,
        help_text=_("When given, rows with another project code are reported and not imported."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s. The header line names the columns: date, account, cost centre, project code, "
            "description, amount (in Finnish or English). The rows of the period replace those imported before."
        ) % {"size": filesizeformat(MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.xlsx,text/csv"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s). At most %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data

    def content(self) -> tuple[str, bytes]:
        """The valid form's file name and bytes."""
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return (upload.name or "")[:200], upload.read(MAX_BYTES + 1)


class LedgerConfirmForm(forms.Form):
    """The confirmation of a previewed file (it comes back signed), and whether the rows the ledger
    really holds twice are imported too."""

    payload = forms.CharField(widget=forms.HiddenInput, max_length=4 * MAX_BYTES)
    include_repeats = forms.BooleanField(
        label=_("Import the repeated rows too: the ledger really holds them more than once"), required=False
    )

    def __init__(self, *args: Any, project_pk: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project_pk = project_pk

    def clean_payload(self) -> dict[str, Any]:
        expired = forms.ValidationError(_("The preview has expired or is not valid. Upload the file again."))
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        except signing.BadSignature as error:
            raise expired from error
        if not isinstance(data, dict) or data.get("project") != self.project_pk:
            raise expired
        try:
            content = zlib.decompress(base64.b64decode(data["content"]))
            start, end = dt.date.fromisoformat(data["start"]), dt.date.fromisoformat(data["end"])
        except (KeyError, TypeError, ValueError, zlib.error) as error:
            raise expired from error
        return {
            "name": str(data.get("name", ""))[:200],
            "content": content[: MAX_BYTES + 1],
            "start": start,
            "end": end,
            "code": str(data.get("code", ""))[:40],
        }


class AccountMappingForm(forms.Form):
    """One account and the cost category its rows go to (none: not mapped)."""

    account = forms.CharField(label=_("Account"), max_length=20)
    category = forms.ChoiceField(
        label=_("Cost category"), choices=[("", _("– not mapped –")), *BudgetLine.Category.choices], required=False
    )

    def clean_account(self) -> str:
        return " ".join(self.cleaned_data["account"].split())


class BaseAccountMappingFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            account = form.cleaned_data.get("account") if hasattr(form, "cleaned_data") else None
            if account and account in seen:
                form.add_error("account", _("This account is already on the list."))
            seen.add(account)

    def mapping(self) -> dict[str, str]:
        """{account: category} of the valid formset's filled rows."""
        return {
            form.cleaned_data["account"]: form.cleaned_data.get("category", "")
            for form in self.forms
            if form.cleaned_data.get("account")
        }


AccountMappingFormSet = forms.formset_factory(
    AccountMappingForm, formset=BaseAccountMappingFormSet, extra=3, max_num=500, validate_max=True
)


class ManualCostForm(forms.Form):
    """A cost outside the ledger: in-kind work as hours × hourly rate, or an amount with a description."""

    date = forms.DateField(label=_("Date"), error_messages={"invalid": DATE_ERROR})
    category = forms.ChoiceField(label=_("Cost category"), choices=BudgetLine.Category.choices)
    description = forms.CharField(label=_("Description"), max_length=500)
    hours = FinnishDecimalField(label=_("Hours"), required=False, max_digits=8, decimal_places=2, min_value=0)
    hourly_rate = FinnishAmountField(label=_("Hourly rate (€)"), required=False, max_digits=10)
    amount = FinnishAmountField(
        label=_("Amount (€)"), required=False, help_text=_("Leave empty when the hours and the hourly rate are given.")
    )
    in_kind = forms.BooleanField(label=_("In-kind contribution (not paid from the project's account)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        hours, rate, amount = data.get("hours"), data.get("hourly_rate"), data.get("amount")
        if (hours is None) != (rate is None):
            self.add_error("hourly_rate" if rate is None else "hours", _("Give both the hours and the hourly rate."))
        elif hours is None and amount is None and not self.errors:
            self.add_error("amount", _("Give the amount, or the hours and the hourly rate."))
        elif hours is not None and amount is not None:
            self.add_error("amount", _("Give either the amount or the hours and the hourly rate, not both."))
        return data
