"""Issuing a minutes extract: who certifies it and where it goes (the PDF is rendered and stored on issuing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ExtractIssueForm(forms.Form):
    """The certifier is prefilled from the signed-in user's person, when the account has one."""

    certifier_name = forms.CharField(label=_("Certifier's name"), max_length=200)
    certifier_title = forms.CharField(label=_("Certifier's official title"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=100)
    recipients = forms.CharField(
        label=_("Distribution"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args: Any, user=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person = getattr(user, "person", None) if user is not None and user.is_authenticated else None
        if person is not None:
            self.fields["certifier_name"].initial = person.full_name
            self.fields["certifier_title"].initial = person.title
