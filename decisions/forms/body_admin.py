"""The forms about a body itself: the county administrator's form for a body (new, or its name, kind
and organisation) and the numbering start of a year.

Fields are listed explicitly. Nothing here saves: decisions.services.body_admin does (an existing
body's form is saved by hankehallinta.editing.edit_with_version, which refuses a stale save).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.forms.bodies import BodyRegistryForm
from decisions.forms.fields import DATE_ERROR
from decisions.models import Body, NumberingStart
from decisions.numbering import YearNumbering

FIRST_YEAR, LAST_YEAR = 2000, 2099
MAX_SECTION = 99_999
MAX_MEETING_NUMBER = 999
WHOLE_NUMBER_ERROR = _("Give the number as a whole number.")


class BodyForm(BodyRegistryForm):
    """A body with everything the pages and documents print of it: the registry data of
    BodyRegistryForm and the name, abbreviation, kind, organisation and active dates."""

    class Meta(BodyRegistryForm.Meta):
        fields = [
            "name",
            "language",
            "name_sv",
            "abbreviation",
            "kind",
            "organisation",
            "active_from",
            "active_until",
            *BodyRegistryForm.Meta.fields,
        ]
        labels = {
            **BodyRegistryForm.Meta.labels,
            "name": _("Name"),
            "language": _("Language of its decisions"),
            "name_sv": _("Name in Swedish"),
            "abbreviation": _("Abbreviation"),
            "kind": _("Kind"),
            "organisation": _("Organisation"),
            "active_from": _("Active from"),
            "active_until": _("Active until"),
        }
        help_texts = {
            **BodyRegistryForm.Meta.help_texts,
            "name": _("As the minutes print it, e.g. Tulevaisuuslautakunta."),
            "name_sv": _("Required for a bilingual body: its Swedish documents print it, e.g. Framtidsnämnden."),
            "abbreviation": _("For example TULA"),
            "active_from": _("For example 1.1.2026; empty if not known"),
            "active_until": _("Empty while the body continues."),
        }
        error_messages = {
            **BodyRegistryForm.Meta.error_messages,
            "name": {"unique": _("A body with this name already exists.")},
            "active_from": {"invalid": DATE_ERROR},
            "active_until": {"invalid": DATE_ERROR},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False  # a post without it keeps the body's (a new one: Finnish)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        active_from, active_until = data.get("active_from"), data.get("active_until")
        if active_from and active_until and active_until < active_from:
            self.add_error("active_until", _("The end date cannot be before the start date."))
        language = data.get("language") or self.instance.language
        if language == Body.Language.BILINGUAL and not data.get("name_sv", "").strip():
            self.add_error("name_sv", _("A bilingual body needs its name in Swedish."))
        return data


class NumberingStartForm(forms.ModelForm):
    """Where a year's § count and meeting numbers start. The year is the one the page was opened for
    (a hidden field); `version` is the version of that year's start as the page showed it (empty
    when it had none), so a start set by someone else in between is not overwritten."""

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=FIRST_YEAR, max_value=LAST_YEAR)
    first_section = forms.IntegerField(
        label=_("First § of the year"),
        min_value=1,
        max_value=MAX_SECTION,
        help_text=_(
            "The next § the body gives in the year is this one, unless higher numbers have been given "
            "already. For example 101 when the year's count stood at 100 before."
        ),
        error_messages={"invalid": WHOLE_NUMBER_ERROR},
    )
    first_meeting_number = forms.IntegerField(
        label=_("First meeting number of the year"),
        min_value=1,
        max_value=MAX_MEETING_NUMBER,
        help_text=_("The number of the body's first meeting of the year in the system."),
        error_messages={"invalid": WHOLE_NUMBER_ERROR},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    stale_message = _(
        "Someone else set this year's numbering after you opened the form. Your save was not made: the "
        "current numbering is below, and your own values are shown under it."
    )

    class Meta:
        model = NumberingStart
        fields = ["year", "first_section", "first_meeting_number"]

    def __init__(self, *args: Any, body: Body, numbering: YearNumbering | None = None, **kwargs: Any) -> None:
        """`numbering`: the year's numbering as it is now, the initial values of a form opened for it
        (the start's own values, or without a start the next numbers, which change nothing)."""
        super().__init__(*args, **kwargs)
        self.instance.body = body
        if numbering is not None:
            start = numbering.start
            self.initial = {
                **self.initial,
                "year": numbering.year,
                "first_section": start.first_section if start else numbering.next_section,
                "first_meeting_number": start.first_meeting_number if start else numbering.next_meeting_number,
                "version": start.version if start else None,
            }

    def validate_unique(self) -> None:
        """One start per body and year: decisions.services.body_admin sets it, new or changed."""
