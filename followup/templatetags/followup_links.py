"""The project page's link to its actual costs (the project page may not import the follow-up)."""

from __future__ import annotations

from django import template

from followup.models import ActualCost

register = template.Library()


@register.inclusion_tag("followup/_costs_link.html")
def costs_link(project) -> dict:
    """A link to the project's costs page, with the number of its cost rows."""
    return {"project": project, "rows": ActualCost.objects.for_project(project).count()}
