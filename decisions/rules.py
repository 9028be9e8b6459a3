"""Who may do what with bodies, meetings, agenda items and their decisions.

Each permission is a django-rules predicate registered under "decisions.<action>"; views name them
in their entry (hankehallinta.entry.view_entry) and code asks hankehallinta.permissions.has_permission.
Roles in a body are memberships of the person linked to the account (secretary, presenting
official); superusers act as the secretary of every body, but the rules about time and state
(nothing changes after the minutes are checked) hold for them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.utils import timezone

from decisions.models import AgendaItem, Body, Meeting, Membership
from hankehallinta.permissions import (
    add_role_describer,
    add_writers,
    is_county_admin,
    is_development_director,
    is_signed_in,
    is_superuser,
)

if TYPE_CHECKING:
    from decisions.models import Attachment, DecisionCondition
    from hankehallinta.permissions import User


def _memberships_today(user: User, role: str):
    today = timezone.localdate()
    return Membership.objects.filter(person__user=user, role=role, start_date__lte=today).exclude(end_date__lt=today)


def secretary_body_ids(user: User) -> set[int]:
    """The bodies whose secretary the user is today (read once per request's user object)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_secretary_body_ids", None)
    if cached is None:
        cached = user._secretary_body_ids = set(
            _memberships_today(user, Membership.Role.SECRETARY).values_list("body_id", flat=True)
        )
    return cached


def is_secretary_of(user: User, body: Body) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or body.pk in secretary_body_ids(user)))


def is_presenter_of(user: User, item: AgendaItem) -> bool:
    return bool(user.is_authenticated and item.presenter_id and item.presenter.user_id == user.pk)


def is_before_meeting(meeting: Meeting) -> bool:
    """The meeting has not been held yet: planned, or its agenda published."""
    return meeting.state in (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED)


def has_checked_minutes(meeting: Meeting) -> bool:
    return meeting.state in (Meeting.State.CHECKED, Meeting.State.PUBLISHED)


def meeting_has_begun(meeting: Meeting) -> bool:
    """The meeting is held or under way: decisions can be recorded and the minutes checked."""
    if meeting.state in (Meeting.State.HELD, Meeting.State.AWAITING_CHECK):
        return True
    return is_before_meeting(meeting) and meeting.start <= timezone.now()


# Predicates on objects ------------------------------------------------------------------------


@rules.predicate
def secretary_of_body(user: User, body: Body) -> bool:
    return is_secretary_of(user, body)


@rules.predicate
def secretary_of_meeting(user: User, meeting: Meeting) -> bool:
    return is_secretary_of(user, meeting.body)


@rules.predicate
def secretary_of_item(user: User, item: AgendaItem) -> bool:
    return is_secretary_of(user, item.meeting.body)


@rules.predicate
def secretary_of_any_body(user: User) -> bool:
    return bool(is_superuser(user) or secretary_body_ids(user))


@rules.predicate
def presenter_of_item(user: User, item: AgendaItem) -> bool:
    return is_presenter_of(user, item)


@rules.predicate
def item_is_public(user: User, item: AgendaItem) -> bool:
    return item.is_public


@rules.predicate
def item_is_checked(user: User, item: AgendaItem) -> bool:
    return item.is_checked


@rules.predicate
def item_meeting_before_start(user: User, item: AgendaItem) -> bool:
    """A presenter still edits: by the clock before the meeting starts, whatever its state, or, where
    the body's rules say so, only until the agenda is published."""
    meeting = item.meeting
    if meeting.body.presenter_edits_until == Body.PresenterEditsUntil.AGENDA_PUBLISHED:
        return meeting.state == Meeting.State.PLANNED and meeting.start > timezone.now()
    return is_before_meeting(meeting) and meeting.start > timezone.now()


@rules.predicate
def item_meeting_has_begun(user: User, item: AgendaItem) -> bool:
    return meeting_has_begun(item.meeting)


@rules.predicate
def meeting_minutes_checked(user: User, meeting: Meeting) -> bool:
    return has_checked_minutes(meeting)


@rules.predicate
def meeting_open_for_items(user: User, meeting: Meeting) -> bool:
    """New items until the minutes go to be checked."""
    open_states = (Meeting.State.PLANNED, Meeting.State.AGENDA_PUBLISHED, Meeting.State.HELD, Meeting.State.ADJOURNED)
    return meeting.state in open_states


@rules.predicate
def item_meeting_open_for_items(user: User, item: AgendaItem) -> bool:
    return meeting_open_for_items(user, item.meeting)


@rules.predicate
def meeting_begun(user: User, meeting: Meeting) -> bool:
    return meeting_has_begun(meeting)


@rules.predicate
def meeting_is_checked_state(user: User, meeting: Meeting) -> bool:
    return meeting.state == Meeting.State.CHECKED


@rules.predicate
def secretary_of_condition_body(user: User, condition: DecisionCondition) -> bool:
    return is_secretary_of(user, condition.item.meeting.body)


@rules.predicate
def presents_anything(user: User) -> bool:
    """A presenting official of a body, or the presenter of any item (they edit proposals)."""
    if not user.is_authenticated:
        return False
    return (
        _memberships_today(user, Membership.Role.PRESENTER).exists()
        or AgendaItem.objects.filter(presenter__user=user).exists()
    )


# Permissions ----------------------------------------------------------------------------------

can_view_item = is_signed_in & (item_is_public | secretary_of_item | presenter_of_item)
can_edit_item = is_signed_in & ~item_is_checked & secretary_of_item
can_edit_meeting = is_signed_in & secretary_of_meeting & ~meeting_minutes_checked
can_add_item = can_edit_meeting & meeting_open_for_items

rules.add_perm("decisions.view_body", is_signed_in)
# The county's administrator (group GROUP_COUNTY_ADMIN, or a superuser) creates bodies, edits their
# name, kind and organisation, and manages any body's people and numbering as its secretary does.
rules.add_perm("decisions.create_body", is_signed_in & is_county_admin)
rules.add_perm("decisions.administer_body", is_signed_in & is_county_admin)
rules.add_perm("decisions.manage_body", is_signed_in & (secretary_of_body | is_county_admin))
# Where the year's § count and meeting numbers start (decisions/views/body_admin.py).
rules.add_perm("decisions.set_numbering", is_signed_in & (secretary_of_body | is_county_admin))
rules.add_perm("decisions.create_meeting", is_signed_in & secretary_of_body)
rules.add_perm("decisions.create_any_meeting", is_signed_in & secretary_of_any_body)

rules.add_perm("decisions.view_meeting", is_signed_in)
rules.add_perm("decisions.edit_meeting", can_edit_meeting)
rules.add_perm("decisions.change_meeting_state", can_edit_meeting)
rules.add_perm("decisions.record_attendance", can_edit_meeting)
rules.add_perm("decisions.add_item", can_add_item)
rules.add_perm("decisions.download_agenda", is_signed_in)
rules.add_perm("decisions.check_minutes", is_signed_in & secretary_of_meeting & meeting_begun)
rules.add_perm("decisions.publish_minutes", is_signed_in & secretary_of_meeting & meeting_is_checked_state)

rules.add_perm("decisions.view_item", can_view_item)
rules.add_perm("decisions.edit_item", can_edit_item)
rules.add_perm(
    "decisions.edit_proposal",
    can_edit_item | (is_signed_in & ~item_is_checked & item_meeting_before_start & presenter_of_item),
)
rules.add_perm("decisions.reorder_item", can_edit_item & item_meeting_open_for_items & secretary_of_item)
rules.add_perm("decisions.carry_over_item", is_signed_in & secretary_of_item)
rules.add_perm("decisions.add_attachment", can_edit_item)
rules.add_perm(
    "decisions.record_decision", is_signed_in & ~item_is_checked & secretary_of_item & item_meeting_has_begun
)
rules.add_perm("decisions.issue_extract", is_signed_in & item_is_checked & secretary_of_item)
rules.add_perm("decisions.download_extract", can_view_item)
rules.add_perm("decisions.record_after_check", is_signed_in & item_is_checked & secretary_of_item)
rules.add_perm("decisions.set_condition_status", is_signed_in & (is_development_director | secretary_of_condition_body))

add_writers(secretary_of_any_body)
add_writers(presents_anything)


def _secretary_roles(user: User) -> list[str]:
    names = Body.objects.filter(pk__in=secretary_body_ids(user)).values_list("name", flat=True)
    return [f"sihteeri:{name}" for name in names]


add_role_describer(_secretary_roles)


@rules.predicate
def secretary_of_membership_body(user: User, membership: Membership) -> bool:
    return is_secretary_of(user, membership.body)


# Ending a membership: the secretary of the membership's body (decisions/views/bodies.py).
rules.add_perm("decisions.manage_membership", is_signed_in & (secretary_of_membership_body | is_county_admin))


@rules.predicate
def may_view_attachment(user: User, attachment: Attachment) -> bool:
    """Who may see the item sees its public attachments; a secret attachment only the body's
    secretary and the item's presenter (whatever the item's own publicity)."""
    item = attachment.item
    if not can_view_item.test(user, item):
        return False
    return attachment.is_public or is_secretary_of(user, item.meeting.body) or is_presenter_of(user, item)


# Opening an attachment's file (decisions/views/attachments.py) and seeing a secret one's title.
rules.add_perm("decisions.view_attachment", is_signed_in & may_view_attachment)
