"""{% condition_rows conditions as rows %}: the conditions with the status form the signed-in user may
set, for pages of the lower layers (the project page) that show what the decisions set."""

from __future__ import annotations

from typing import Any

from django import template

from decisions.forms.conditions import status_rows

register = template.Library()


@register.simple_tag(takes_context=True)
def condition_rows(context: template.Context, conditions: list[Any]) -> list[tuple[Any, Any]]:
    return status_rows(context["request"].user, list(conditions))
