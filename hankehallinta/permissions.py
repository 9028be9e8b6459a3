"""Who may do what: one function per action, used by every view and template.

Roles outside bodies are Django groups (GROUP_*); roles in a body are memberships of the person
linked to the account. Superusers may do everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.db.models import QuerySet

    from decisions.models import AgendaItem, Body, DecisionCondition, Meeting
    from projects.models import Project

    User = AbstractBaseUser | AnonymousUser

GROUP_DEVELOPMENT_DIRECTOR = "kehittamisjohtaja"
GROUP_STAFF = "henkilosto"


def _in_group(user: User, name: str) -> bool:
    """Group membership, read once per request's user object (pages ask it for many rows)."""
    if not user.is_authenticated:
        return False
    names = getattr(user, "_group_names", None)
    if names is None:
        names = user._group_names = set(user.groups.values_list("name", flat=True))
    return name in names


def is_signed_in(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def secretary_body_ids(user: User) -> set[int]:
    """The bodies whose secretary the user is today."""
    from decisions.models import Membership  # noqa: PLC0415 - permissions are imported by the apps

    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_secretary_body_ids", None)
    if cached is None:
        today = timezone.localdate()
        cached = set(
            Membership.objects.filter(person__user=user, role=Membership.Role.SECRETARY, start_date__lte=today)
            .exclude(end_date__lt=today)
            .values_list("body_id", flat=True)
        )
        user._secretary_body_ids = cached
    return cached


def is_development_director(user: User) -> bool:
    return user.is_superuser or _in_group(user, GROUP_DEVELOPMENT_DIRECTOR)


def is_secretary_of(user: User, body: Body) -> bool:
    return user.is_superuser or body.pk in secretary_body_ids(user)


def is_presenter_of(user: User, item: AgendaItem) -> bool:
    return bool(user.is_authenticated and item.presenter_id and item.presenter.user_id == user.pk)


# Projects -----------------------------------------------------------------------------------


def can_view_project(user: User, project: Project) -> bool:
    return is_signed_in(user)


def can_edit_project(user: User, project: Project) -> bool:
    return is_signed_in(user) and is_development_director(user)


def can_create_project(user: User) -> bool:
    """A new application from nothing: the development director (and superusers)."""
    return is_signed_in(user) and is_development_director(user)


def can_download_funding_breakdown(user: User, project: Project) -> bool:
    return can_view_project(user, project)


def can_move_project(user: User, project: Project) -> bool:
    """Lifecycle steps, the funder's decision and named application versions: the development director."""
    return is_signed_in(user) and is_development_director(user)


def can_set_condition_status(user: User, condition: DecisionCondition) -> bool:
    """Whether a decision's condition is met: the development director or the secretary of the deciding body."""
    return is_signed_in(user) and (is_development_director(user) or is_secretary_of(user, condition.item.meeting.body))


def can_view_portfolio(user: User) -> bool:
    return is_signed_in(user)


# Meetings and items -------------------------------------------------------------------------


def can_view_meeting(user: User, meeting: Meeting) -> bool:
    return is_signed_in(user)


def is_before_meeting(meeting: Meeting) -> bool:
    """The meeting has not been held yet: planned, or its agenda published."""
    from decisions.models import Meeting  # noqa: PLC0415

    return meeting.state in (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED)


def has_checked_minutes(meeting: Meeting) -> bool:
    from decisions.models import Meeting  # noqa: PLC0415

    return meeting.state in (Meeting.State.CHECKED, Meeting.State.PUBLISHED)


def can_edit_meeting(user: User, meeting: Meeting) -> bool:
    """The body's secretary, until the minutes are checked: then the meeting's data are part of them."""
    return is_signed_in(user) and is_secretary_of(user, meeting.body) and not has_checked_minutes(meeting)


def can_view_item(user: User, item: AgendaItem) -> bool:
    """Confidential items: the body's secretary, the presenter and superusers only."""
    if not is_signed_in(user):
        return False
    if item.is_public:
        return True
    return is_secretary_of(user, item.meeting.body) or is_presenter_of(user, item)


def visible_items(user: User) -> QuerySet[AgendaItem]:
    """can_view_item as a queryset: every item whose page the user may open (the staff search)."""
    from django.db.models import Q  # noqa: PLC0415

    from decisions.models import AgendaItem  # noqa: PLC0415

    if not is_signed_in(user):
        return AgendaItem.objects.none()
    if user.is_superuser:
        return AgendaItem.objects.all()
    return AgendaItem.objects.filter(
        Q(is_public=True) | Q(meeting__body_id__in=secretary_body_ids(user)) | Q(presenter__user=user)
    )


def can_edit_item(user: User, item: AgendaItem) -> bool:
    """All of an item's data: the body's secretary (and superusers), until the minutes are checked."""
    return is_signed_in(user) and not item.is_checked and is_secretary_of(user, item.meeting.body)


def can_edit_proposal(user: User, item: AgendaItem) -> bool:
    """The proposal and description: whoever edits the item, and its presenter before the meeting."""
    if can_edit_item(user, item):
        return True
    return (
        is_signed_in(user) and not item.is_checked and is_before_meeting(item.meeting) and is_presenter_of(user, item)
    )


def can_issue_extract(user: User, item: AgendaItem) -> bool:
    return is_signed_in(user) and item.is_checked and is_secretary_of(user, item.meeting.body)


def can_download_extract(user: User, item: AgendaItem) -> bool:
    return can_view_item(user, item)


# Bodies, meetings and agendas: the secretary's pages ----------------------------------------


def can_view_body(user: User, body: Body) -> bool:
    return is_signed_in(user)


def can_manage_body(user: User, body: Body) -> bool:
    """Memberships, people and the registry data of a body: its secretary (and superusers)."""
    return is_signed_in(user) and is_secretary_of(user, body)


def can_create_meeting(user: User, body: Body) -> bool:
    return is_signed_in(user) and is_secretary_of(user, body)


def can_change_meeting_state(user: User, meeting: Meeting) -> bool:
    """Publishing the agenda, holding, cancelling, adjourning, sending the minutes to be checked."""
    return can_edit_meeting(user, meeting)


def can_record_attendance(user: User, meeting: Meeting) -> bool:
    return can_edit_meeting(user, meeting)


def can_add_item(user: User, meeting: Meeting) -> bool:
    """New items: the body's secretary, until the meeting's minutes go to be checked."""
    from decisions.models import Meeting  # noqa: PLC0415

    open_states = (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED, Meeting.State.HELD, Meeting.State.ADJOURNED)
    return can_edit_meeting(user, meeting) and meeting.state in open_states


def can_reorder_item(user: User, item: AgendaItem) -> bool:
    return can_edit_item(user, item) and can_add_item(user, item.meeting)


def can_carry_over_item(user: User, item: AgendaItem) -> bool:
    """A tabled or returned matter onto a later agenda: the body's secretary."""
    return is_signed_in(user) and is_secretary_of(user, item.meeting.body)


def can_add_attachment(user: User, item: AgendaItem) -> bool:
    return can_edit_item(user, item)


def can_download_agenda(user: User, meeting: Meeting) -> bool:
    """The agenda PDF; confidential items in it show only as a mention to those not entitled."""
    return can_view_meeting(user, meeting)


def meeting_has_begun(meeting: Meeting) -> bool:
    """The meeting is held or under way: decisions can be recorded and the minutes checked."""
    from decisions.models import Meeting  # noqa: PLC0415

    if meeting.state in (Meeting.State.HELD, Meeting.State.AWAITING_CHECK):
        return True
    return is_before_meeting(meeting) and meeting.start <= timezone.now()


def can_record_decision(user: User, item: AgendaItem) -> bool:
    """The resolution, decision text and handling: the body's secretary, at or after the meeting, until checked."""
    return (
        is_signed_in(user)
        and not item.is_checked
        and is_secretary_of(user, item.meeting.body)
        and meeting_has_begun(item.meeting)
    )


def can_check_minutes(user: User, meeting: Meeting) -> bool:
    """Recording the check of the minutes (all or some §): the body's secretary, once the meeting has begun."""
    return is_signed_in(user) and is_secretary_of(user, meeting.body) and meeting_has_begun(meeting)


def can_publish_minutes(user: User, meeting: Meeting) -> bool:
    """Publishing checked minutes on the web: the body's secretary."""
    from decisions.models import Meeting  # noqa: PLC0415

    return is_signed_in(user) and is_secretary_of(user, meeting.body) and meeting.state == Meeting.State.CHECKED


def can_record_after_check(user: User, item: AgendaItem) -> bool:
    """Corrections, notifications and finality of a checked decision: the body's secretary."""
    return is_signed_in(user) and item.is_checked and is_secretary_of(user, item.meeting.body)


def roles_of(user: User) -> list[str]:
    """The roles a user acts in, for the audit log: groups, body roles, superuser."""
    if not user.is_authenticated:
        return []
    roles = ["superuser"] if user.is_superuser else []
    roles += sorted(user.groups.values_list("name", flat=True))
    from decisions.models import Body  # noqa: PLC0415

    roles += [
        f"sihteeri:{name}"
        for name in Body.objects.filter(pk__in=secretary_body_ids(user)).values_list("name", flat=True)
    ]
    return roles


# Sign-in ------------------------------------------------------------------------------------


def can_write(user: User) -> bool:
    """Whether the account can change anything: these must sign in with a second factor (REQUIRE_2FA).

    Superusers and admin-site users, the development director, and anyone who is a secretary or
    presenting official of a body or presents an item.
    """
    if not is_signed_in(user):
        return False
    if user.is_superuser or user.is_staff or is_development_director(user) or secretary_body_ids(user):
        return True
    from decisions.models import AgendaItem, Membership  # noqa: PLC0415

    today = timezone.localdate()
    presents = (
        Membership.objects.filter(person__user=user, role=Membership.Role.PRESENTER, start_date__lte=today)
        .exclude(end_date__lt=today)
        .exists()
    )
    return presents or AgendaItem.objects.filter(presenter__user=user).exists()
