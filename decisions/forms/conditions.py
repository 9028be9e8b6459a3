"""The status of a decision's condition, set by a person with the evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from decisions.models import DecisionCondition
from hankehallinta.permissions import has_permission
from hankehallinta.versioning import VersionedModelForm


class ConditionStatusForm(VersionedModelForm):
    """Whether a decision's condition is met: set by a person, with the evidence (e.g. the budget decision
    and its §); never derived from the figures. decisions.services.conditions writes it, refusing a stale
    save (the form carries the condition's version)."""

    status = forms.ChoiceField(label=_("Status"), choices=DecisionCondition.Status.choices)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: Regional council 12.12.2023 § 98, budget 2024."),
    )

    class Meta:
        model = DecisionCondition
        fields = ("status", "evidence")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        status, evidence = cleaned.get("status"), (cleaned.get("evidence") or "").strip()
        if status in (DecisionCondition.Status.MET, DecisionCondition.Status.NOT_MET) and not evidence:
            self.add_error(
                "evidence",
                _(
                    "State the evidence: which decision and section the status rests on "
                    "(for example the budget decision §)."
                ),
            )
        return cleaned


def status_rows(
    user: Any, conditions: list[DecisionCondition], bound: ConditionStatusForm | None = None
) -> list[tuple[DecisionCondition, ConditionStatusForm | None]]:
    """Each condition with its status form where the user may set it (the bound one after a refused POST)."""
    rows = []
    for condition in conditions:
        if bound is not None and bound.instance.pk == condition.pk:
            rows.append((condition, bound))
        elif has_permission(user, "decisions.set_condition_status", condition):
            rows.append((condition, ConditionStatusForm(instance=condition, prefix=f"condition-{condition.pk}")))
        else:
            rows.append((condition, None))
    return rows
