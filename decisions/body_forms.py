"""The secretary's forms for a body: its registry data, the people in its minutes and their memberships.

Fields are listed explicitly; labels and messages are Finnish.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from decisions.fields import DATE_ERROR, SafeModelChoiceField, TitledPersonChoiceField
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
        ]
        labels = {
            "rectification_authority": _("Oikaisuvaatimusviranomainen"),
            "appeal_court": _("Valitusviranomainen (hallinto-oikeus)"),
            "registry_postal_address": _("Kirjaamon postiosoite"),
            "registry_email": _("Kirjaamon sähköposti"),
            "registry_visiting_address": _("Kirjaamon käyntiosoite"),
            "registry_closing_time": _("Kirjaamon sulkemisaika"),
        }
        help_texts = {
            "rectification_authority": _("Tyhjä: toimielin itse."),
            "registry_closing_time": _("Esimerkiksi 15.00"),
        }
        widgets = {
            "registry_postal_address": forms.Textarea(attrs={"rows": 3}),
            "registry_visiting_address": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "registry_closing_time": {"invalid": _("Anna kellonaika muodossa 15.00.")},
            "registry_email": {"invalid": _("Anna kelvollinen sähköpostiosoite.")},
        }


class PersonForm(forms.ModelForm):
    """A person who appears in minutes; the sign-in account is linked in the back office."""

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "title", "email", "phone"]
        labels = {
            "first_name": _("Etunimi"),
            "last_name": _("Sukunimi"),
            "title": _("Tehtävänimike"),
            "email": _("Sähköposti"),
            "phone": _("Puhelin"),
        }
        error_messages = {"email": {"invalid": _("Anna kelvollinen sähköpostiosoite.")}}


class MembershipForm(forms.ModelForm):
    """A person's role in the body, with its dates; a personal deputy names the member."""

    class Meta:
        model = Membership
        fields = ["person", "role", "deputy_of", "start_date", "end_date"]
        field_classes = {"person": TitledPersonChoiceField, "deputy_of": SafeModelChoiceField}
        labels = {
            "person": _("Henkilö"),
            "role": _("Rooli"),
            "deputy_of": _("Henkilökohtainen varajäsen jäsenelle"),
            "start_date": _("Alkaa"),
            "end_date": _("Päättyy"),
        }
        help_texts = {
            "person": _("Henkilöllä voi olla käyttäjätunnus tai ei."),
            "deputy_of": _("Vain henkilökohtaiselle varajäsenelle."),
            "start_date": _("Esimerkiksi 1.6.2025"),
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


class MembershipEndForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["end_date"]
        labels = {"end_date": _("Päättymispäivä")}
        help_texts = {"end_date": _("Esimerkiksi 31.12.2025")}
        error_messages = {"end_date": {"invalid": DATE_ERROR}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = True
        if not self.instance.end_date:
            self.initial["end_date"] = timezone.localdate()
