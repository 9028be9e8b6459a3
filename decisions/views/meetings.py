"""Meetings and their agendas: the list, the meeting page, new meetings, the edit page, state and attendance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.forms.meetings import AttendanceFormSet, MeetingCreateForm, MeetingForm, attendance_initial
from decisions.models import Attendance, Body, Meeting, Person
from decisions.people import memberships_not_covering
from decisions.services import meetings as meeting_services
from decisions.services.agenda import CARRIES_OVER
from decisions.views.checked import refuse_meeting_change
from decisions.views.languages import shown_item
from hankehallinta import access_log
from hankehallinta.editing import edit_with_version
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse

    from decisions.services.agenda import Renumbered
    from decisions.services.meetings import AttendanceRow

CAPACITY_ORDER = {key: index for index, key in enumerate(Attendance.Capacity.values)}

CHECKED_MEETING_MESSAGE = gettext_lazy(
    "The minutes of the meeting have been checked, so the meeting's data can no longer be changed. Checked "
    "minutes are changed by corrections."
)

MEETINGS_PER_PAGE = 50
FORM_METHODS = ("GET", "POST")


@view_entry("hankehallinta.signed_in")
def meeting_list(request: HttpRequest) -> HttpResponse:
    """One page of the meetings the user may see, newest first, each with its number of items."""
    page = paginate(request, Meeting.objects.visible_to(request.user).keys_newest_first(), per_page=MEETINGS_PER_PAGE)
    page.object_list = Meeting.objects.with_item_count().of_page(page.object_list)
    can_create = has_permission(request.user, "decisions.create_any_meeting")
    context = {"meetings": page.object_list, "page": page, "can_create": can_create}
    return render(request, "decisions/meeting_list.html", context)


@view_entry("decisions.view_meeting", Meeting, queryset=Meeting.objects.with_agenda)
def meeting_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    user = request.user
    items = list(meeting.items.all())
    for item in items:
        item.meeting = meeting  # the permission checks read the body through the meeting
        item.body = meeting.body  # the same body (copied from the meeting): its languages without a query
    agenda = [(shown_item(item), has_permission(user, "decisions.view_item", item)) for item in items]
    confidential = [item.pk for item, visible in agenda if visible and not item.is_public]
    if confidential:
        access_log.confidential_read(request, meeting, authority="decisions.view_item", items=confidential)
    attendances = sorted(meeting.attendances.all(), key=lambda a: (CAPACITY_ORDER.get(a.capacity, 99), str(a.person)))
    can_check = has_permission(user, "decisions.check_minutes", meeting) and any(not i.is_checked for i in items)
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "present": [attendance for attendance in attendances if attendance.present],
            "absent": [attendance for attendance in attendances if not attendance.present],
            "checks": list(meeting.checks.all()),
            "can_edit_meeting": has_permission(user, "decisions.edit_meeting", meeting),
            "quorum": meeting.quorum() if attendances else None,
            "transitions": _transition_buttons(meeting)
            if has_permission(user, "decisions.change_meeting_state", meeting)
            else [],
            "can_record_attendance": has_permission(user, "decisions.record_attendance", meeting),
            "can_add_item": has_permission(user, "decisions.add_item", meeting),
            "can_reorder": bool(items) and has_permission(user, "decisions.reorder_item", items[0]),
            "can_carry_over": bool(items) and has_permission(user, "decisions.carry_over_item", items[0]),
            "carries_over": CARRIES_OVER,
            "can_check_minutes": can_check,
            "can_publish_minutes": has_permission(user, "decisions.publish_minutes", meeting),
        },
    )


TRANSITION_BUTTONS = {
    Meeting.State.AGENDA_PUBLISHED: (gettext_lazy("Publish the agenda"), "btn-primary"),
    Meeting.State.HELD: (gettext_lazy("Mark the meeting held"), "btn-primary"),
    Meeting.State.AWAITING_CHECK: (gettext_lazy("Send the minutes to be checked"), "btn-primary"),
    Meeting.State.ADJOURNED: (gettext_lazy("Mark the meeting adjourned"), "btn-outline-secondary"),
    Meeting.State.CANCELLED: (gettext_lazy("Cancel the meeting"), "btn-outline-danger"),
}


def _transition_buttons(meeting: Meeting) -> list[dict[str, str]]:
    return [
        {"to": to, "label": TRANSITION_BUTTONS[to][0], "style": TRANSITION_BUTTONS[to][1]}
        for to in meeting.allowed_transitions()
        if to in TRANSITION_BUTTONS
    ]


TRANSITION_DONE = {
    Meeting.State.AGENDA_PUBLISHED: gettext_lazy("The agenda was published and the items numbered."),
    Meeting.State.HELD: gettext_lazy("The meeting was marked held."),
    Meeting.State.AWAITING_CHECK: gettext_lazy("The minutes were sent to be checked."),
    Meeting.State.ADJOURNED: gettext_lazy("The meeting was marked adjourned."),
    Meeting.State.CANCELLED: gettext_lazy("The meeting was cancelled."),
}


@view_entry(
    "decisions.change_meeting_state", Meeting, methods=("POST",), queryset=Meeting.objects.select_related("body")
)
def meeting_transition(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """A state button on the meeting page; refused steps come back as a message, nothing changes."""
    to = request.POST.get("to", "")
    if to not in TRANSITION_DONE:
        messages.error(request, _("Unknown state of the meeting."))
        return redirect(meeting)
    moves = []
    try:
        if to == Meeting.State.CANCELLED:
            moves = meeting_services.cancel_meeting(meeting, by=request.user)
        else:
            meeting_services.change_state(meeting, to, by=request.user)
    except meeting_services.MeetingTransitionError as error:
        for reason in error.errors:
            messages.error(request, reason)
    else:
        messages.success(request, str(TRANSITION_DONE[to]))
        if moves:
            messages.info(request, _renumbered_message(moves))
    return redirect(meeting)


def _renumbered_message(moves: list[Renumbered]) -> str:
    """What a cancel did to the later meetings' numbers: which meetings, which § became which."""
    meetings = sorted({str(move.item.meeting) for move in moves})
    return _(
        "The section numbers of the cancelled meeting were given to the items of the later meetings whose "
        "agendas are not yet published (%(meetings)s): § %(old_first)s–%(old_last)s are now § "
        "%(new_first)s–%(new_last)s, so the year's numbers keep no gap."
    ) % {
        "meetings": ", ".join(meetings),
        "old_first": moves[0].old,
        "old_last": moves[-1].old,
        "new_first": moves[0].new,
        "new_last": moves[-1].new,
    }


@view_entry("decisions.create_any_meeting", methods=FORM_METHODS)
def meeting_create(request: HttpRequest) -> HttpResponse:
    """A new meeting of a body the user is secretary of; its number in the year is proposed."""
    return _meeting_create_page(request, Body.objects.managed_by(request.user).order_by("name"))


@view_entry("decisions.create_meeting", Body, methods=FORM_METHODS)
def body_meeting_create(request: HttpRequest, body: Body) -> HttpResponse:
    """A new meeting of this body (from the body's page)."""
    return _meeting_create_page(request, Body.objects.filter(pk=body.pk))


def _meeting_create_page(request: HttpRequest, bodies: QuerySet[Body]) -> HttpResponse:
    form = MeetingCreateForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if not has_permission(request.user, "decisions.create_meeting", body):
            return access_log.refuse(request, body, authority="decisions.create_meeting")
        request.audit_authority = "decisions.create_meeting"
        try:
            meeting = meeting_services.create_meeting(form.save(commit=False), by=request.user)
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Meeting %(meeting)s was created.") % {"meeting": meeting})
            return redirect(meeting)
    return render(request, "decisions/meeting_create.html", {"form": form, "bodies": bodies})


@view_entry(
    "decisions.view_meeting", Meeting, methods=FORM_METHODS, lock=True, queryset=Meeting.objects.select_related("body")
)
def meeting_edit(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The body's secretary edits the meeting's time, place and the examiners of the minutes.

    The entry admits whoever may see the meeting; the edit permission is asked here so that the
    secretary of checked minutes is told why (a correction) instead of a bare refusal.
    """
    if not has_permission(request.user, "decisions.edit_meeting", meeting):
        return refuse_meeting_change(
            request, meeting, authority="decisions.edit_meeting", message=CHECKED_MEETING_MESSAGE
        )
    request.audit_authority = "decisions.edit_meeting"
    return edit_with_version(
        request,
        meeting,
        form_class=MeetingForm,
        template="decisions/meeting_form.html",
        object_name="meeting",
        success_message=_("The meeting's data were saved."),
    )


@view_entry(
    "decisions.record_attendance",
    Meeting,
    methods=FORM_METHODS,
    lock=True,
    queryset=Meeting.objects.with_attendances,
)
def meeting_attendance(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Who was present and in what capacity, and who came or left during which item.

    The form carries the attendance's version (Meeting.attendance_version): a save after someone
    else's answers 409 with the current attendance in the form and the user's entries below it.
    """
    initial = attendance_initial(meeting)
    formset = AttendanceFormSet(
        request.POST or None, initial=initial, form_kwargs=_attendance_form_kwargs(meeting), prefix="attendance"
    )
    if request.method != "POST":
        return _attendance_page(request, meeting, formset, initial, meeting.attendance_version())
    version = request.POST.get(ATTENDANCE_VERSION, "")
    if formset.is_valid():
        try:
            meeting_services.record_attendance(meeting, formset.rows(), expected_version=version, by=request.user)
        except meeting_services.StaleAttendanceError as error:
            return _stale_attendance(request, meeting, formset.rows(), error.message)
        messages.success(request, _("The attendance was saved."))
        return redirect(meeting)
    return _attendance_page(request, meeting, formset, initial, version)


#: The attendance form's hidden field with the version of the attendance it was opened with.
ATTENDANCE_VERSION = "attendance_version"


def _attendance_form_kwargs(meeting: Meeting) -> dict[str, Any]:
    items = list(meeting.items.order_by("order", "pk"))
    return {"meeting": meeting, "persons": Person.objects.order_by("last_name", "first_name"), "items": items}


def _attendance_page(
    request: HttpRequest,
    meeting: Meeting,
    formset: Any,
    initial: list[dict[str, Any]],
    version: str,
    *,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    rows = list(zip(formset.forms, [*initial, *[{}] * (len(formset.forms) - len(initial))], strict=False))
    context = {
        "meeting": meeting,
        "formset": formset,
        "rows": rows,
        "uncovered": memberships_not_covering(meeting, offered=[row["person"] for row in initial]),
        "attendance_version": version,
        "attendance_version_name": ATTENDANCE_VERSION,
        "conflict": conflict,
    }
    return render(request, "decisions/attendance_form.html", context, status=409 if conflict else 200)


def _stale_attendance(request: HttpRequest, meeting: Meeting, sent: list[AttendanceRow], message: str) -> HttpResponse:
    """409: the form again with the attendance as it now is, and the user's rows that differ from it."""
    fresh = Meeting.objects.with_attendances().get(pk=meeting.pk)
    initial = attendance_initial(fresh)
    formset = AttendanceFormSet(initial=initial, form_kwargs=_attendance_form_kwargs(fresh), prefix="attendance")
    current = {attendance.person_id: attendance for attendance in fresh.attendances.all()}
    rows = []
    for row in sent:
        theirs = _attendance_text(row.capacity, row.present, row.arrived_at_item, row.left_at_item, row.note)
        now = current.get(row.person.pk)
        shown = (
            _attendance_text(now.capacity, now.present, now.arrived_at_item, now.left_at_item, now.note)
            if now is not None
            else ""
        )
        if theirs != shown:
            rows.append({"label": str(row.person), "theirs": theirs, "current": shown})
    conflict = {"message": message, "rows": rows}
    return _attendance_page(request, fresh, formset, initial, fresh.attendance_version(), conflict=conflict)


def _attendance_text(capacity: str, present: bool, arrived: Any, left: Any, note: str) -> str:
    """One person's attendance as a line of text, for the stale-save comparison."""
    labels = dict(Attendance.Capacity.choices)
    parts = [
        f"{_('Capacity')}: {labels.get(capacity, capacity)}",
        f"{_('Present')}: {_('Yes') if present else _('No')}",
    ]
    if arrived is not None:
        parts.append(f"{_('Arrived during item')}: {arrived}")
    if left is not None:
        parts.append(f"{_('Left during item')}: {left}")
    if note:
        parts.append(f"{_('Note')}: {note}")
    return "; ".join(parts)
