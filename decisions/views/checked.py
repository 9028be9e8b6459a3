"""Refusing a change to checked minutes with the page that says what can be done instead (a correction)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from decisions.models import Meeting
from hankehallinta import access_log
from hankehallinta.permissions import has_checked_minutes, is_secretary_of


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
