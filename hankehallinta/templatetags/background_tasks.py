"""{% failed_tasks_notice %}: on the administrator's home page, the background task runs that failed.

    {% load background_tasks %}
    {% failed_tasks_notice %}

Shown only to who may open the task results in the admin (a superuser); nothing for anyone else,
and no query. The count covers hankehallinta.tasks.FAILURE_DAYS days; the link opens the failed
runs, each with its traceback (docs/background-tasks.md).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from hankehallinta.tasks import FAILURE_DAYS, recent_failure_count, sees_task_failures

register = template.Library()


@register.inclusion_tag("hankehallinta/_failed_tasks.html", takes_context=True)
def failed_tasks_notice(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not sees_task_failures(request.user):
        return {"shown": False}
    results = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    return {
        "shown": True,
        "count": recent_failure_count(),
        "days": FAILURE_DAYS,
        "failed_url": f"{results}?status__exact=FAILED",
        "results_url": results,
    }
