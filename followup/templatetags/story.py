"""The project page's "Hankkeen vaiheet" (the project's story), shown through an inclusion tag: the
projects app may not import the follow-up, so its page loads this library.

    {% load story %}{% project_story project %}

From the funder's decision on: the application versions, a pointer to the board's decisions (the page
shows them in its own section, from the decisions app), the funder's decision, the payment claims, the
reports, the actual costs in total and what the final claim returned. A closed project shows its whole
story here. Four queries (versions, claims, reports, the actual total), whatever the project holds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import template

from followup.models import ActualCost, PaymentClaim, Report
from followup.money import total
from followup.project_claims import claims_in_order
from hankehallinta.permissions import has_permission
from projects.lifecycle import ProjectState

if TYPE_CHECKING:
    from projects.models import Project

register = template.Library()


#: The states after the funder's decision: the project has a story to tell.
FUNDED = (ProjectState.FUNDING_DECIDED, ProjectState.IN_PROGRESS, ProjectState.CLOSING, ProjectState.CLOSED)


def _story_shown(project: Project) -> bool:
    return project.funding_decision_date is not None or project.state in FUNDED


@register.inclusion_tag("followup/project_story.html", takes_context=True)
def project_story(context: dict[str, Any], project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_permission(user, "followup.view_reports", project) or not _story_shown(project):
        return {"shown": False}
    claims = claims_in_order(project)
    counted = [claim for claim in claims if claim.state in PaymentClaim.COUNTED]
    final = next((claim for claim in counted if claim.is_final), None)
    return {
        "shown": True,
        "project": project,
        "versions": list(project.versions.order_by("number").only("number", "label", "created_at", "project_id")),
        "claims": claims,
        "claimed_total": total(claim.amount_claimed for claim in counted),
        "paid_total": total(claim.paid_amount or Decimal(0) for claim in claims if claim.is_paid),
        "final_claim": final,
        "reports": list(Report.objects.for_project(project).in_due_order()),
        "actual_total": ActualCost.objects.for_project(project).total(),
        "can_write_reports": has_permission(user, "followup.write_reports", project),
    }
