"""The secretary's forms for a new agenda item and its attachments.

Fields are listed explicitly. Nothing here sets a §, a checking date or a version, and nothing saves:
decisions.services.agenda does.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from decisions.forms.fields import (
    SECRECY_HELP,
    PersonChoiceField,
    SafeModelChoiceField,
    require_no_appeal_ground,
    require_secrecy_ground,
)
from decisions.models import AgendaItem, Attachment, Person
from hankehallinta.limits import TextLimitMixin
from projects.models import ApplicationVersion, Project

DEFAULT_APPEAL_PROVISION = "Hyvinvointialuelaki 141 §"


class ItemCreateForm(TextLimitMixin, forms.ModelForm):
    """A new item on the agenda: its § is given by decisions.services.agenda, never typed."""

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
            "preparer": PersonChoiceField,
            "presenter": PersonChoiceField,
            "project": SafeModelChoiceField,
            "application_version": SafeModelChoiceField,
        }
        labels = {
            "title": _("Title"),
            "register_number": _("Register number"),
            "preparer": _("Preparer"),
            "preparer_contact": _("Preparer's contact details"),
            "presenter": _("Presenter"),
            "proposal": _("Proposal"),
            "description": _("Description"),
            "project": _("Project"),
            "application_version": _("Application version to decide on"),
            "is_public": _("Public"),
            "secrecy_ground": _("Ground for secrecy"),
            "appeal_route": _("Appeal route"),
            "appeal_provision": _("Applicable provision"),
            "no_appeal_ground": _("Ground for no appeal"),
            "distribution": _("For information"),
        }
        help_texts = {
            "register_number": _("For example SIUN/1234/02.08.00/2025"),
            "preparer_contact": _("Empty: the preparer's phone and e-mail."),
            "application_version": _("Empty: the project's latest application version."),
            "secrecy_ground": SECRECY_HELP,
            "no_appeal_ground": _("Required if there is no appeal."),
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
        self.fields["title"].error_messages["required"] = _("Give the title of the item.")
        if not self.is_bound:
            self.initial.setdefault("appeal_provision", DEFAULT_APPEAL_PROVISION)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        require_secrecy_ground(self, data)
        require_no_appeal_ground(self, data)
        project, version = data.get("project"), data.get("application_version")
        if version is not None and version.project_id != getattr(project, "pk", None):
            self.add_error("application_version", _("Choose an application version of the chosen project."))
        if project is not None and version is None:
            data["application_version"] = project.versions.order_by("-number").first()
        return data


#: What the file input offers to pick; the content decides (hankehallinta.uploads), not the name.
ATTACHMENT_ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.png,.jpg,.jpeg"


class AttachmentForm(forms.ModelForm):
    """A new attachment: the file is accepted by its size and content (the model field's validator,
    hankehallinta.uploads.validate_upload), with the reason next to the field when it is not."""

    class Meta:
        model = Attachment
        fields = ["number", "title", "file", "is_public", "secrecy_ground"]
        labels = {
            "number": _("Attachment number"),
            "title": _("Attachment title"),
            "file": _("File"),
            "is_public": _("Public"),
            "secrecy_ground": _("Ground for secrecy"),
        }
        help_texts = {"secrecy_ground": SECRECY_HELP}
        error_messages = {"number": {"invalid": _("Give the number as a whole number.")}}

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.fields["number"].min_value = 1
        self.fields["number"].max_value = 32767
        self.fields["title"].error_messages["required"] = _("Give the title of the attachment.")
        self.fields["file"].help_text = _(
            "At most %(limit)s. PDF, Word, Excel and PowerPoint files, OpenDocument text and spreadsheet files, "
            "PNG and JPEG images."
        ) % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ATTACHMENT_ACCEPT
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
            self.add_error("number", _("The item already has attachment number %(number)s.") % {"number": number})
