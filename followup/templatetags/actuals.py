"""The project page's "Toteuma" section (actual against plan), shown through an inclusion tag: the
projects app renders its page and may not import the follow-up, so the page loads this library.

    {% load actuals %}{% actual_vs_plan_section project %}

One grouped query over the project's actual costs (followup.actual_vs_plan); the budget lines come
from the page's prefetch. Nothing is shown to a user without "followup.view_actuals".
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import template

from followup.actual_vs_plan import actual_vs_plan, format_tenths
from hankehallinta.permissions import has_permission

if TYPE_CHECKING:
    from projects.models import Project

register = template.Library()


@register.inclusion_tag("followup/actuals_section.html", takes_context=True)
def actual_vs_plan_section(context: dict[str, Any], project: Project) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not has_permission(user, "followup.view_actuals", project):
        return {"shown": False}
    return {"shown": True, "project": project, "report": actual_vs_plan(project)}


@register.filter
def tenths(percent: Decimal | None) -> str:
    """A variance in per cent with one decimal: 11.5 -> "11,5 %"; "" without a budget."""
    return format_tenths(percent)
