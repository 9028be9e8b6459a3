"""The secretary's forms for a body: its registry data, the people in its minutes and their memberships.

Fields are listed explicitly. Nothing here saves: decisions.services.bodies does (the registry form is
saved by hankehallinta.editing.edit_with_version, which refuses a stale save).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import DATE_ERROR, SafeModelChoiceField, TitledPersonChoiceField
from decisions.models import Body, Membership, Person
from hankehallinta.versioning import VersionedModelForm


class BodyRegistryForm(VersionedModelForm):
    """What the body's appeal instructions print: the authority, the court and the registry."""

    class Meta:
        model = Body
        fields = [
            "rectification_authority",
            "appeal_court",
            "registry_postal_address",
            "registry_email",
            "registry_visiting_address",
            "registry_closing_time",
            "presenter_edits_until",
        ]
        labels = {
            "rectification_authority": _("Rectification authority"),
            "appeal_court": _("Appeal authority (administrative court)"),
            "registry_postal_address": _("Registry postal address"),
            "registry_email": _("Registry e-mail"),
            "registry_visiting_address": _("Registry visiting address"),
            "registry_closing_time": _("Registry closing time"),
            "presenter_edits_until": _("Presenters edit their proposals until"),
        }
        help_texts = {
            "rectification_authority": _("Empty: the body itself."),
            "registry_closing_time": _("For example 15.00"),
        }
        widgets = {
            "registry_postal_address": forms.Textarea(attrs={"rows": 3}),
            "registry_visiting_address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "registry_closing_time": {"invalid": _("Give the time in the form 15.00.")},
            "registry_email": {"invalid": _("Give a valid e-mail address.")},
        }


class PersonForm(forms.ModelForm):
    """A person who appears in minutes; the sign-in account is linked in the back office."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "email", "phone"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "title": _("Job title"),
            "email": _("E-mail"),
            "phone": _("Phone"),
        }
        error_messages = {"email": {"invalid": _("Give a valid e-mail address.")}}


class MembershipForm(forms.ModelForm):
    """A person's role in the body, with its dates; a personal deputy names the member."""

    class Meta:
        model = Membership
        fields = ["person", "role", "deputy_of", "start_date", "end_date"]
        field_classes = {"person": TitledPersonChoiceField, "deputy_of": SafeModelChoiceField}
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
            "start_date": _("For example 1.6.2025"),
        }
        error_messages = {name: {"invalid": DATE_ERROR} for name in ("start_date", "end_date")}

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.order_by("last_name", "first_name")
        self.fields["deputy_of"].queryset = Membership.objects.filter(
            body=body, role__in=Membership.Role.voting()
        ).select_related("person", "body")
        self.fields["deputy_of"].label_from_instance = lambda m: f"{m.person.full_name} ({m.get_role_display()})"
        if not self.instance.pk:
            self.fields["start_date"].initial = timezone.localdate()


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
