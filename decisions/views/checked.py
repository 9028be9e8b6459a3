"""Refusing a change to checked minutes with the page that says what can be done instead (a correction).

The view entry lets the user in on a broader permission (seeing the item or meeting); the view then
refuses the change with this page when the reason is that the minutes are checked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from decisions.models import Meeting
from decisions.rules import has_checked_minutes, is_secretary_of
from hankehallinta import access_log

CHECKED_ITEM_MESSAGE = _(
    "The minutes of this § are checked, so the decision can no longer be changed. A checked decision is "
    "changed by corrections: correction of a substantive error (Hallintolaki 50 §), correction of a clerical "
    "error (Hallintolaki 51 §) or the outcome of a request for rectification."
)


def refuse_checked(request: HttpRequest, obj: Model, *, authority: str, message: Any) -> HttpResponse:
    """The logged refusal, shown as decisions/minutes_checked.html with `message`."""
    return access_log.refuse(
        request,
        obj,
        authority=authority,
        reason="checked",
        template="decisions/minutes_checked.html",
        context={"object": obj, "message": message},
    )


def refuse_meeting_change(request: HttpRequest, meeting: Meeting, *, authority: str, message: Any) -> HttpResponse:
    """A refused change to a meeting; its secretary is told when the reason is that the minutes are checked."""
    if has_checked_minutes(meeting) and is_secretary_of(request.user, meeting.body):
        return refuse_checked(request, meeting, authority=authority, message=message)
    return access_log.refuse(request, meeting, authority=authority)
