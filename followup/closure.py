"""What closing a project requires from its follow-up: the final payment claim sent (or paid) and
the final report (or a state grant's use-of-funds report) submitted.

projects.lifecycle cannot import this app (it is a layer below), so the check is registered as one
of its closing checks (projects.lifecycle.register_closing_check) in FollowupConfig.ready(); the
transition to "closed" then refuses with a message naming what is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from followup.models import PaymentClaim, Report
from projects.lifecycle import TransitionError

if TYPE_CHECKING:
    from projects.models import Project


def has_final_claim(project: Project) -> bool:
    """The final claim is with the funder: sent or paid."""
    return PaymentClaim.objects.for_project(project).filter(is_final=True, state__in=PaymentClaim.COUNTED).exists()


def has_final_report(project: Project) -> bool:
    """The final report (or the use-of-funds report) is submitted."""
    return Report.objects.for_project(project).final().submitted().exists()


def closing_errors(project: Project) -> list[TransitionError]:
    """What stops the project from closing, each with its guard key; empty when nothing does."""
    errors = []
    if not has_final_claim(project):
        message = _("The final payment claim has not been sent to the funder: send it before closing the project.")
        errors.append(TransitionError(message, guard="final_claim_missing"))
    if not has_final_report(project):
        message = _(
            "The final report (or the use-of-funds report of a state grant) has not been submitted: "
            "submit it before closing the project."
        )
        errors.append(TransitionError(message, guard="final_report_missing"))
    return errors
