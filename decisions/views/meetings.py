"""Meetings and their agendas: the list, the meeting page and its edit page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from decisions.forms import MeetingForm
from decisions.models import AgendaItem, Attendance, Meeting, MinutesCheck
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.permissions import (
    can_edit_meeting,
    can_view_item,
    can_view_meeting,
    has_checked_minutes,
    is_secretary_of,
)

CAPACITY_ORDER = {key: index for index, key in enumerate(Attendance.Capacity.values)}

CHECKED_MEETING_MESSAGE = _lazy(
    "Kokouksen pöytäkirja on tarkastettu, joten kokouksen tietoja ei voi enää muuttaa. Tarkastettuun "
    "pöytäkirjaan tehdään muutokset korjauksina."
)


MEETINGS_PER_PAGE = 50


@login_required
@require_safe
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("body").annotate(item_count=Count("items")).order_by("-start", "-pk")
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    visible = [meeting for meeting in page if can_view_meeting(request.user, meeting)]
    return render(request, "decisions/meeting_list.html", {"meetings": visible, "page": page})


@login_required
@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Meeting.objects.select_related("body").prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.select_related("presenter").order_by("order", "pk")),
        Prefetch(
            "attendances", queryset=Attendance.objects.select_related("person", "arrived_at_item", "left_at_item")
        ),
        "examiners",
        Prefetch("checks", queryset=MinutesCheck.objects.prefetch_related("examiners", "items")),
    )
    meeting = get_object_or_404(queryset, pk=pk)
    if not can_view_meeting(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_view_meeting")
    agenda = [(item, can_view_item(request.user, item)) for item in meeting.items.all()]
    confidential = [item.pk for item, visible in agenda if visible and not item.is_public]
    if confidential:
        access_log.confidential_read(request, meeting, authority="can_view_item", items=confidential)
    attendances = sorted(meeting.attendances.all(), key=lambda a: (CAPACITY_ORDER.get(a.capacity, 99), str(a.person)))
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "present": [attendance for attendance in attendances if attendance.present],
            "absent": [attendance for attendance in attendances if not attendance.present],
            "checks": list(meeting.checks.all()),
            "can_edit_meeting": can_edit_meeting(request.user, meeting),
        },
    )


@login_required
@transaction.atomic
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's secretary edits the meeting's time, place and the examiners of the minutes."""
    meeting = get_object_or_404(for_update(Meeting.objects.select_related("body"), request), pk=pk)
    if not can_edit_meeting(request.user, meeting):
        if has_checked_minutes(meeting) and is_secretary_of(request.user, meeting.body):
            return access_log.refuse(
                request,
                meeting,
                authority="can_edit_meeting",
                reason="checked",
                template="decisions/minutes_checked.html",
                context={"object": meeting, "message": CHECKED_MEETING_MESSAGE},
            )
        return access_log.refuse(request, meeting, authority="can_edit_meeting")
    request.audit_authority = "can_edit_meeting"
    return edit_with_version(
        request,
        meeting,
        form_class=MeetingForm,
        template="decisions/meeting_form.html",
        object_name="meeting",
        success_message=_("Kokouksen tiedot tallennettiin."),
    )
