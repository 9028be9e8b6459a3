"""The project page's payment claims section, shown through an inclusion tag: the projects app renders
its page and may not import the follow-up, so the page loads this library.

    {% load claims %}{% payment_claims_section project %}

One query (the project's claims); nothing is shown to a user without "followup.view_claims".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from followup.project_claims import claims_in_order
from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from projects.models import Project

register = template.Library()


@register.inclusion_tag("followup/paymentclaim_section.html", takes_context=True)
def payment_claims_section(context: dict[str, Any], project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_permission(user, "followup.view_claims", project):
        return {"shown": False}
    return {
        "shown": True,
        "project": project,
        "claims": claims_in_order(project),
        "can_manage": has_permission(user, "followup.manage_claims", project),
    }
