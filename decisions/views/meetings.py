"""Meetings and their agendas: the list, the meeting page and its edit page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from decisions.agenda import CARRIES_OVER
from decisions.forms import MeetingForm
from decisions.meeting_forms import AttendanceFormSet, MeetingCreateForm
from decisions.models import AgendaItem, Attendance, Body, Meeting, MinutesCheck, Person
from decisions.models.meetings import CAPACITY_OF_ROLE, MeetingTransitionError
from decisions.views.checked import refuse_meeting_change
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version, for_update
from hankehallinta.permissions import (
    can_add_item,
    can_carry_over_item,
    can_change_meeting_state,
    can_check_minutes,
    can_create_meeting,
    can_edit_meeting,
    can_publish_minutes,
    can_record_attendance,
    can_reorder_item,
    can_view_item,
    can_view_meeting,
    secretary_body_ids,
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
    can_create = request.user.is_superuser or bool(secretary_body_ids(request.user))
    return render(request, "decisions/meeting_list.html", {"meetings": visible, "page": page, "can_create": can_create})


@login_required
@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Meeting.objects.select_related("body").prefetch_related(
        Prefetch(
            "items",
            queryset=AgendaItem.objects.select_related("presenter")
            .prefetch_related("carried_to")
            .order_by("order", "pk"),
        ),
        Prefetch(
            "attendances", queryset=Attendance.objects.select_related("person", "arrived_at_item", "left_at_item")
        ),
        "examiners",
        Prefetch("checks", queryset=MinutesCheck.objects.prefetch_related("examiners", "items")),
    )
    meeting = get_object_or_404(queryset, pk=pk)
    if not can_view_meeting(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_view_meeting")
    items = list(meeting.items.all())
    for item in items:
        item.meeting = meeting  # the permission checks read the body through the meeting
    agenda = [(item, can_view_item(request.user, item)) for item in items]
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
            "quorum": meeting.quorum() if attendances else None,
            "transitions": _transition_buttons(meeting) if can_change_meeting_state(request.user, meeting) else [],
            "can_record_attendance": can_record_attendance(request.user, meeting),
            "can_add_item": can_add_item(request.user, meeting),
            "can_reorder": bool(items) and can_reorder_item(request.user, items[0]),
            "can_carry_over": can_carry_over_item(request.user, items[0]) if items else False,
            "carries_over": CARRIES_OVER,
            "can_check_minutes": can_check_minutes(request.user, meeting) and any(not i.is_checked for i in items),
            "can_publish_minutes": can_publish_minutes(request.user, meeting),
        },
    )


TRANSITION_BUTTONS = {
    Meeting.State.AGENDA_PUBLISHED: (_lazy("Julkaise esityslista"), "btn-primary"),
    Meeting.State.HELD: (_lazy("Merkitse kokous pidetyksi"), "btn-primary"),
    Meeting.State.AWAITING_CHECK: (_lazy("Siirrä pöytäkirja tarkastettavaksi"), "btn-primary"),
    Meeting.State.ADJOURNED: (_lazy("Merkitse kokous keskeytetyksi"), "btn-outline-secondary"),
    Meeting.State.CANCELLED: (_lazy("Peru kokous"), "btn-outline-danger"),
}


def _transition_buttons(meeting: Meeting) -> list[dict[str, str]]:
    return [
        {"to": to, "label": TRANSITION_BUTTONS[to][0], "style": TRANSITION_BUTTONS[to][1]}
        for to in meeting.allowed_transitions()
        if to in TRANSITION_BUTTONS
    ]


TRANSITION_DONE = {
    Meeting.State.AGENDA_PUBLISHED: _lazy("Esityslista julkaistiin ja asiat numeroitiin."),
    Meeting.State.HELD: _lazy("Kokous merkittiin pidetyksi."),
    Meeting.State.AWAITING_CHECK: _lazy("Pöytäkirja siirrettiin tarkastettavaksi."),
    Meeting.State.ADJOURNED: _lazy("Kokous merkittiin keskeytetyksi."),
    Meeting.State.CANCELLED: _lazy("Kokous peruttiin."),
}


@login_required
@require_POST
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """A state button on the meeting page; refused steps come back as a message, nothing changes."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not can_change_meeting_state(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_change_meeting_state")
    request.audit_authority = "can_change_meeting_state"
    to = request.POST.get("to", "")
    if to not in TRANSITION_DONE:
        messages.error(request, _("Tuntematon kokouksen tila."))
        return redirect(meeting)
    try:
        meeting.transition(to, by=request.user)
    except MeetingTransitionError as error:
        for reason in error.errors:
            messages.error(request, reason)
    else:
        messages.success(request, str(TRANSITION_DONE[to]))
    return redirect(meeting)


def _creatable_bodies(request: HttpRequest):
    if request.user.is_superuser:
        return Body.objects.order_by("name")
    return Body.objects.filter(pk__in=secretary_body_ids(request.user)).order_by("name")


@login_required
@transaction.atomic
def meeting_create(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """A new meeting of a body the user is secretary of; its number in the year is proposed."""
    bodies = _creatable_bodies(request)
    if pk is not None:
        body = get_object_or_404(Body, pk=pk)
        if not can_create_meeting(request.user, body):
            return access_log.refuse(request, body, authority="can_create_meeting")
        bodies = Body.objects.filter(pk=body.pk)
    elif not bodies.exists():
        return render(request, "403.html", status=403)
    request.audit_authority = "can_create_meeting"
    form = MeetingCreateForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        if not can_create_meeting(request.user, form.cleaned_data["body"]):
            return access_log.refuse(request, form.cleaned_data["body"], authority="can_create_meeting")
        meeting = form.save()
        messages.success(request, _("Kokous %(meeting)s luotiin.") % {"meeting": meeting})
        return redirect(meeting)
    return render(request, "decisions/meeting_create.html", {"form": form, "bodies": bodies})


@login_required
@transaction.atomic
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's secretary edits the meeting's time, place and the examiners of the minutes."""
    meeting = get_object_or_404(for_update(Meeting.objects.select_related("body"), request), pk=pk)
    if not can_edit_meeting(request.user, meeting):
        return refuse_meeting_change(request, meeting, authority="can_edit_meeting", message=CHECKED_MEETING_MESSAGE)
    request.audit_authority = "can_edit_meeting"
    return edit_with_version(
        request,
        meeting,
        form_class=MeetingForm,
        template="decisions/meeting_form.html",
        object_name="meeting",
        success_message=_("Kokouksen tiedot tallennettiin."),
    )


def _attendance_initial(meeting: Meeting) -> list[dict]:
    """One row per recorded attendance, then one per current member or official not yet recorded."""
    initial = []
    for row in meeting.attendance_rows():
        attendance = row.get("attendance")
        if attendance is not None:
            initial.append(
                {
                    "person": attendance.person_id,
                    "capacity": attendance.capacity,
                    "present": attendance.present,
                    "arrived_at_item": attendance.arrived_at_item_id,
                    "left_at_item": attendance.left_at_item_id,
                    "note": attendance.note,
                    "name": str(attendance.person),
                }
            )
        else:
            membership = row["membership"]
            initial.append(
                {
                    "person": membership.person_id,
                    "capacity": CAPACITY_OF_ROLE.get(membership.role, Attendance.Capacity.OTHER),
                    "present": True,
                    "note": "",
                    "name": str(membership.person),
                }
            )
    return initial


@login_required
@transaction.atomic
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who was present and in what capacity, and who came or left during which item."""
    meeting = get_object_or_404(
        for_update(Meeting.objects.select_related("body"), request).prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("person"))
        ),
        pk=pk,
    )
    if not can_record_attendance(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_record_attendance")
    request.audit_authority = "can_record_attendance"
    initial = _attendance_initial(meeting)
    items = list(meeting.items.order_by("order", "pk"))
    kwargs = {"meeting": meeting, "persons": Person.objects.order_by("last_name", "first_name"), "items": items}
    formset = AttendanceFormSet(request.POST or None, initial=initial, form_kwargs=kwargs, prefix="attendance")
    if request.method == "POST" and formset.is_valid():
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("person") is None:
                continue
            Attendance.objects.update_or_create(
                meeting=meeting,
                person=data["person"],
                defaults={
                    "capacity": data["capacity"],
                    "present": data["present"],
                    "arrived_at_item": data["arrived_at_item"],
                    "left_at_item": data["left_at_item"],
                    "note": data["note"],
                },
            )
        messages.success(request, _("Läsnäolotiedot tallennettiin."))
        return redirect(meeting)
    rows = list(zip(formset.forms, [*initial, *[{}] * (len(formset.forms) - len(initial))], strict=False))
    return render(request, "decisions/attendance_form.html", {"meeting": meeting, "formset": formset, "rows": rows})
