"""The status of a decision's condition: met or not, with the evidence, set by a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from decisions.models import DecisionCondition


def set_condition_status(
    condition: DecisionCondition, *, status: str, evidence: str, by: AbstractBaseUser
) -> DecisionCondition:
    """Record the condition's status and its evidence, with who set it and when."""
    condition.status = status
    condition.evidence = evidence.strip()
    condition.status_set_by = by
    condition.status_set_at = timezone.now()
    condition.save(update_fields=["status", "evidence", "status_set_by", "status_set_at"])
    return condition
