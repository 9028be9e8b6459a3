"""The secretary's forms for a body's people: a new person, a membership and its end, and the CSV
import of people and memberships (its upload and its confirmation).

Fields are listed explicitly. Nothing here saves: decisions.services.bodies and
decisions.services.people do.
"""

from __future__ import annotations

import base64
import zlib
from typing import Any

from django import forms
from django.core import signing
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import DATE_ERROR, PersonChoiceField, SafeModelChoiceField
from decisions.models import Body, Membership, Person
from decisions.people import membership_start_help, proposed_membership_start
from decisions.people_import import MAX_BYTES
from hankehallinta.versioning import VersionedModelForm

#: How long a previewed file may wait for its confirmation.
IMPORT_MAX_AGE = 2 * 60 * 60
IMPORT_SALT = "decisions.people_import"


class PersonForm(forms.ModelForm):
    """A person who appears in minutes; the sign-in account is linked in the back office."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "unit", "email", "phone"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "title": _("Job title"),
            "unit": _("Unit or organisation"),
            "email": _("E-mail"),
            "phone": _("Phone"),
        }
        help_texts = {
            "unit": _("What tells namesakes apart, e.g. the unit of an official or the municipality of a trustee."),
        }
        error_messages = {"email": {"invalid": _("Give a valid e-mail address.")}}

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())


class MembershipForm(forms.ModelForm):
    """A person's role in the body, with its dates; a personal deputy names the member."""

    class Meta:
        model = Membership
        fields = ["person", "role", "deputy_of", "start_date", "end_date"]
        field_classes = {"person": PersonChoiceField, "deputy_of": SafeModelChoiceField}
        labels = {
            "person": _("Person"),
            "role": _("Role"),
            "deputy_of": _("Personal deputy of the member"),
            "start_date": _("Starts"),
            "end_date": _("Ends"),
        }
        help_texts = {
            "person": _("The person may or may not have a user account."),
            "deputy_of": _("Only for a personal deputy."),
        }
        error_messages = {name: {"invalid": DATE_ERROR} for name in ("start_date", "end_date")}

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name", "pk")
        self.fields["deputy_of"].queryset = Membership.objects.filter(
            body=body, role__in=Membership.Role.voting()
        ).select_related("person", "body")
        self.fields["deputy_of"].label_from_instance = lambda m: f"{m.person.label}: {m.get_role_display()}"
        proposed = proposed_membership_start(body, timezone.localdate())
        self.fields["start_date"].initial = proposed.day
        self.fields["start_date"].help_text = membership_start_help(proposed)


class MembershipEndForm(VersionedModelForm):
    """The end date of a membership; it carries the membership's version, so a stale save is refused
    (decisions.services.bodies.end_membership saves it, not the form)."""

    class Meta:
        model = Membership
        fields = ["end_date"]
        labels = {"end_date": _("End date")}
        help_texts = {"end_date": _("For example 31.12.2025")}
        error_messages = {"end_date": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        if not self.instance.end_date:
            self.initial["end_date"] = timezone.localdate()


def sign_import(body: Body, file_name: str, content: bytes) -> str:
    """The previewed file, signed for the confirmation's hidden field (tied to the body; compressed)."""
    packed = base64.b64encode(zlib.compress(content)).decode("ascii")
    return signing.dumps({"body": body.pk, "name": file_name, "content": packed}, salt=IMPORT_SALT)


class PeopleImportForm(forms.Form):
    """The CSV file to preview: UTF-8 or Windows-1252, ';' or ',' between the columns."""

    file = forms.FileField(
        label=_("CSV file"),
        error_messages={"required": _("Choose the file to import."), "empty": _("The file is empty.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(size)s. In Excel, save the sheet as “CSV (semicolon separated)” or “CSV UTF-8”."
        ) % {"size": filesizeformat(MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,text/csv"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s). At most %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
            )
        return upload

    def content(self) -> tuple[str, bytes]:
        """The valid form's file name and bytes."""
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return (upload.name or "")[:200], upload.read(MAX_BYTES + 1)


class PeopleImportConfirmForm(forms.Form):
    """The confirmation of a previewed file: the file comes back signed, so it is the one previewed."""

    payload = forms.CharField(widget=forms.HiddenInput, max_length=2 * MAX_BYTES)

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.body = body

    def clean_payload(self) -> dict[str, Any]:
        expired = forms.ValidationError(_("The preview has expired or is not valid. Upload the file again."))
        try:
            data = signing.loads(self.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        except signing.BadSignature as error:
            raise expired from error
        if not isinstance(data, dict) or data.get("body") != self.body.pk:
            raise expired
        try:
            content = zlib.decompress(base64.b64decode(data["content"]))
        except (KeyError, TypeError, ValueError, zlib.error) as error:
            raise expired from error
        return {"name": str(data.get("name", ""))[:200], "content": content[: MAX_BYTES + 1]}

    def content(self) -> tuple[str, bytes]:
        payload = self.cleaned_data["payload"]
        return payload["name"], payload["content"]
