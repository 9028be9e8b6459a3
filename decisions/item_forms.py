"""The secretary's forms for a new agenda item and its attachments.

Fields are listed explicitly; labels and messages are Finnish. Nothing here sets a §, a checking
date or a version: those come from decisions.agenda and the model methods.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.fields import (
    SECRECY_HELP,
    SafeModelChoiceField,
    TitledPersonChoiceField,
    require_no_appeal_ground,
    require_secrecy_ground,
)
from decisions.models import AgendaItem, Attachment, Person
from projects.models import ApplicationVersion, Project

DEFAULT_APPEAL_PROVISION = "Hyvinvointialuelaki 141 §"


class ItemCreateForm(forms.ModelForm):
    """A new item on the agenda: its § is given by decisions.agenda, never typed."""

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "register_number",
            "preparer",
            "preparer_contact",
            "presenter",
            "proposal",
            "description",
            "project",
            "application_version",
            "is_public",
            "secrecy_ground",
            "appeal_route",
            "appeal_provision",
            "no_appeal_ground",
            "distribution",
        ]
        field_classes = {
            "preparer": TitledPersonChoiceField,
            "presenter": TitledPersonChoiceField,
            "project": SafeModelChoiceField,
            "application_version": SafeModelChoiceField,
        }
        labels = {
            "title": _("Otsikko"),
            "register_number": _("Diaarinumero"),
            "preparer": _("Valmistelija"),
            "preparer_contact": _("Valmistelijan yhteystiedot"),
            "presenter": _("Esittelijä"),
            "proposal": _("Päätösehdotus"),
            "description": _("Selostus"),
            "project": _("Hanke"),
            "application_version": _("Päätettävä hakemusversio"),
            "is_public": _("Julkinen"),
            "secrecy_ground": _("Salassapitoperuste"),
            "appeal_route": _("Muutoksenhakutapa"),
            "appeal_provision": _("Sovellettava lainkohta"),
            "no_appeal_ground": _("Muutoksenhakukiellon peruste"),
            "distribution": _("Tiedoksi"),
        }
        help_texts = {
            "register_number": _("Esimerkiksi SIUN/1234/02.08.00/2025"),
            "preparer_contact": _("Tyhjä: valmistelijan puhelin ja sähköposti."),
            "application_version": _("Tyhjä: hankkeen viimeisin hakemusversio."),
            "secrecy_ground": SECRECY_HELP,
            "no_appeal_ground": _("Pakollinen, jos muutoksenhakua ei ole."),
        }
        widgets = {
            "proposal": forms.Textarea(attrs={"rows": 6}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "distribution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.order_by("last_name", "first_name")
        self.fields["preparer"].queryset = people
        self.fields["presenter"].queryset = people
        self.fields["project"].queryset = Project.objects.order_by("title")
        self.fields["application_version"].queryset = ApplicationVersion.objects.select_related("project")
        self.fields["title"].error_messages["required"] = _("Anna asian otsikko.")
        if not self.is_bound:
            self.initial.setdefault("appeal_provision", DEFAULT_APPEAL_PROVISION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        require_secrecy_ground(self, data)
        require_no_appeal_ground(self, data)
        project, version = data.get("project"), data.get("application_version")
        if version is not None and version.project_id != getattr(project, "pk", None):
            self.add_error("application_version", _("Valitse valitun hankkeen hakemusversio."))
        if project is not None and version is None:
            data["application_version"] = project.versions.order_by("-number").first()
        return data

    def save(self, commit: bool = True) -> AgendaItem:
        item = self.instance
        for role in ("preparer", "presenter"):
            person = getattr(item, role)
            if person is not None:
                setattr(item, f"{role}_name", person.full_name)
                setattr(item, f"{role}_title", person.title)
        if item.preparer is not None and not item.preparer_contact:
            item.preparer_contact = item.preparer.contact
        return super().save(commit=commit)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["number", "title", "file", "is_public", "secrecy_ground"]
        labels = {
            "number": _("Liitteen numero"),
            "title": _("Liitteen otsikko"),
            "file": _("Tiedosto"),
            "is_public": _("Julkinen"),
            "secrecy_ground": _("Salassapitoperuste"),
        }
        help_texts = {"secrecy_ground": SECRECY_HELP}
        error_messages = {"number": {"invalid": _("Anna numero kokonaislukuna.")}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["number"].min_value = 1
        self.fields["number"].max_value = 32767
        self.fields["title"].error_messages["required"] = _("Anna liitteen otsikko.")
        if not self.is_bound:
            highest = max((a.number for a in item.attachments.all()), default=0)
            self.initial["number"] = highest + 1
            self.initial["is_public"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        require_secrecy_ground(self, data)
        return data

    def validate_unique(self) -> None:
        super().validate_unique()
        number = self.cleaned_data.get("number")
        if number and Attachment.objects.filter(item=self.instance.item, number=number).exists():
            self.add_error("number", _("Asialla on jo liite numero %(number)s.") % {"number": number})
