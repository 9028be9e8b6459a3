"""The status of a decision's condition: met or not, with the evidence, set by a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from hankehallinta.versioning import save_if_unchanged

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from decisions.models import DecisionCondition


def set_condition_status(
    condition: DecisionCondition, *, status: str, evidence: str, version: int, by: AbstractBaseUser
) -> DecisionCondition:
    """Record the condition's status and its evidence, with who set it and when.

    `version` is the condition's version the form was opened with: when someone has set the status
    since, hankehallinta.versioning.StaleVersionError is raised and nothing changes.
    """
    condition.status = status
    condition.evidence = evidence.strip()
    condition.status_set_by = by
    condition.status_set_at = timezone.now()
    return save_if_unchanged(
        condition, expected_version=version, update_fields=["status", "evidence", "status_set_by", "status_set_at"]
    )
