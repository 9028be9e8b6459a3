"""{% accessibility_feedback_notice %}: on the administrator's home page, the open accessibility feedback.

    {% load accessibility_feedback %}
    {% accessibility_feedback_notice %}

Shown only to who may read the feedback in the admin; nothing for anyone else, and no query. The
feedback is answered within 14 days (hankehallinta/accessibility.py): the notice says how many are
open, how many are past their reply date, and links to the open ones in the admin.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from hankehallinta.accessibility import open_feedback_summary, sees_feedback

register = template.Library()


@register.inclusion_tag("hankehallinta/_accessibility_feedback.html", takes_context=True)
def accessibility_feedback_notice(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not sees_feedback(request.user):
        return {"shown": False}
    summary = open_feedback_summary()
    if not summary["count"]:
        return {"shown": False}
    changelist = reverse("admin:hankehallinta_accessibilityfeedback_changelist")
    return {"shown": True, **summary, "open_url": f"{changelist}?handled__exact=0"}
