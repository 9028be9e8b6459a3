"""The secretary's forms for a body: its registry data (its people: decisions/forms/people.py).

Fields are listed explicitly. Nothing here saves: decisions.services.bodies does (the registry form is
saved by hankehallinta.editing.edit_with_version, which refuses a stale save).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import Body
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
