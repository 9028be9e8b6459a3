"""The secretary's decision form on the meeting day: how the matter was decided and the decision text.

The handling (motions, votes, disqualifications, dissents) and the conditions and delegations the
decision sets are recorded with the forms of decisions.forms.handling and decisions.forms.votes.
Saving goes through decisions.services.items.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.forms.bilingual import BilingualFieldsMixin
from decisions.models import AgendaItem
from hankehallinta.limits import TextLimitMixin
from hankehallinta.versioning import VersionedModelForm


class DecisionForm(BilingualFieldsMixin, TextLimitMixin, VersionedModelForm):
    """The resolution (the outcome and the facts "after a vote" and "as amended", which combine) and the
    decision text (for a bilingual body in Finnish and in Swedish, decisions.forms.bilingual); the
    text starts as the proposal and is edited from there. A fact that does not go
    with the outcome is refused beside its box (AgendaItem.clean, decisions.models.resolution)."""

    class Meta:
        model = AgendaItem
        fields = ["resolution", "after_vote", "amended", "decision", "decision_sv"]
        widgets = {"decision": forms.Textarea(attrs={"rows": 8})}
        labels = {
            "resolution": _("Type of decision"),
            "after_vote": _("After a vote"),
            "amended": _("As amended"),
            "decision": _("Decision"),
        }
        help_texts = {
            "after_vote": _("The matter was decided by a vote. Record the vote under the handling."),
            "amended": _("The proposal passed with changes: an amendment or a counter-proposal was adopted."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resolution"].required = True
        self.fields["resolution"].error_messages["required"] = _("Choose how the matter was decided.")
        if not self.instance.decision and not self.is_bound:
            self.initial["decision"] = self.instance.proposal
        if "decision_sv" in self.fields and not self.instance.decision_sv and not self.is_bound:
            self.initial["decision_sv"] = self.instance.proposal_sv

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs_text = data.get("resolution") not in (None, "", AgendaItem.Resolution.REMOVED)
        if needs_text and not data.get("decision", "").strip():
            self.add_error("decision", _("Write the text of the decision."))
        return data
