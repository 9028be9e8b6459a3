"""The funding call's form (rahoitushaku): funder, name, the maximum aid rate as a percentage, deadline,
and the variance limit the follow-up warns at (a percentage too).

The aid rate is typed as a percentage ("75", "75 %", "75,00 %") and stored as the exact fraction
(0.7500); hankehallinta.percent.PercentField reads it. The form carries the call's version: an edit
saved after someone else's is refused (hankehallinta.editing.edit_with_version). Nothing here saves.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hankehallinta.percent import PercentField
from hankehallinta.versioning import VersionedModelForm
from projects.forms.projects import DATE_ERRORS
from projects.models import FundingCall


class FundingCallForm(VersionedModelForm):
    """A funding call as the funder announced it; the same form makes a new call and edits one."""

    class Meta:
        model = FundingCall
        fields = ["funder", "name", "max_aid_rate", "deadline", "variance_limit"]
        field_classes = {"max_aid_rate": PercentField, "variance_limit": PercentField}
        labels = {
            "funder": _("Funder"),
            "name": _("Name of the call"),
            "max_aid_rate": _("Maximum aid rate"),
            "deadline": _("Application deadline"),
            "variance_limit": _("Variance limit of a cost category"),
        }
        help_texts = {
            "funder": _("For example Sosiaali- ja terveysministeriö"),
            "max_aid_rate": _("As a percentage, for example 80 or 75,50 %. Empty: the call sets no maximum."),
            "deadline": _("For example 31.12.2025"),
            "variance_limit": _(
                "How far a cost category's actual costs may exceed its budget before a warning, as a percentage, "
                "for example 15 %. Empty: no limit."
            ),
        }
        error_messages = {"deadline": DATE_ERRORS}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        funder, name = data.get("funder"), data.get("name")
        if funder and name:
            same = FundingCall.objects.filter(funder__iexact=funder.strip(), name__iexact=name.strip())
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("name", _("This funder already has a call with this name."))
        return data
