"""The minutes of a meeting: recording their check (all or some §) and publishing them on the web.

Each is atomic and locks the meeting; a step the meeting's state does not allow raises
MinutesStateError with the reason for the user.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, Meeting, MinutesCheck, Notification, Person
from decisions.signals import minutes_completed
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import AbstractBaseUser

#: Who a publication on the web notifies (Hyvinvointialuelaki 145 §). Stored data, not a UI text.
COUNTY_MEMBERS = "hyvinvointialueen jäsenet"
#: The languages as a refusal names them ("in Swedish").
LANGUAGE_NAMES = {"fi": gettext_lazy("in Finnish"), "sv": gettext_lazy("in Swedish")}


class MinutesStateError(ActionRefused):
    """The meeting or item is not in a state that allows the step; the message says why."""


def _moment(day: dt.date) -> dt.datetime:
    """`day` at the current local time (the minutes are checked on a day; the record keeps a moment)."""
    now = timezone.localtime()
    return now if day == now.date() else now.replace(year=day.year, month=day.month, day=day.day)


@transaction.atomic
def check_minutes(
    meeting: Meeting,
    *,
    items: Iterable[AgendaItem] = (),
    checked_on: dt.date,
    examiners: Iterable[Person],
    method: str,
    by: AbstractBaseUser | None,
) -> MinutesCheck:
    """Record a check of the minutes: of the whole meeting (no items) or of the given § only.

    Every covered § gets its checked_at and freezes; when no § of the meeting is left unchecked the
    meeting moves to "minutes checked".
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    chosen = [item.pk for item in items]
    unchecked = AgendaItem.objects.select_for_update().filter(meeting=meeting, checked_at__isnull=True)
    covered = list(unchecked.filter(pk__in=chosen) if chosen else unchecked)
    if chosen and len(covered) != len(set(chosen)):
        raise MinutesStateError(_("Some of the chosen sections are already checked or do not belong to this meeting."))
    if not covered:
        raise MinutesStateError(_("The meeting has no unchecked sections."))
    _refuse_missing_translations(covered)
    check = MinutesCheck.objects.create(meeting=meeting, checked_on=checked_on, method=method, recorded_by=by)
    if len(covered) < meeting.items.count():  # some §, not the whole meeting
        check.items.set(covered)
    check.examiners.set(list(examiners))
    at = _moment(checked_on)
    for item in covered:
        item.mark_checked(at)
    if not AgendaItem.objects.filter(meeting=meeting, checked_at__isnull=True).exists():
        meeting.state = Meeting.State.CHECKED
    meeting.version += 1
    meeting.save(update_fields=["state", "version"])
    if meeting.state == Meeting.State.CHECKED:  # the minutes PDF, rendered ahead after the commit
        minutes_completed.send(sender=Meeting, meeting=meeting)
    return check


def _refuse_missing_translations(items: list[AgendaItem]) -> None:
    """A bilingual body's minutes are checked only when every § has its texts in both languages."""
    for item in items:
        missing = item.missing_translations()
        if missing:
            raise MinutesStateError(
                _("§ %(section)s has no %(texts)s yet: a bilingual body's minutes are checked in both languages.")
                % {
                    "section": item.section or item.order,
                    "texts": ", ".join(f"{text.label} ({LANGUAGE_NAMES[text.language]})" for text in missing),
                }
            )


@transaction.atomic
def publish_minutes(meeting: Meeting, *, published_on: dt.date, by: AbstractBaseUser | None) -> list[Notification]:
    """Checked minutes go on the web: the meeting is published and each public § notified to the county's members."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.CHECKED:
        raise MinutesStateError(_("Only checked minutes can be published."))
    meeting.state = Meeting.State.PUBLISHED
    meeting.minutes_published_on = published_on
    meeting.version += 1
    meeting.save(update_fields=["state", "minutes_published_on", "version"])
    minutes_completed.send(sender=Meeting, meeting=meeting)  # the minutes PDF, rendered ahead after the commit
    notifications = []
    for item in meeting.items.filter(is_public=True, checked_at__isnull=False):
        notification, _created = Notification.objects.get_or_create(
            item=item,
            method=NotificationMethod.WEB_PUBLICATION,
            recipient=COUNTY_MEMBERS,
            defaults={"sent_on": published_on, "recorded_by": by},
        )
        notifications.append(notification)
    return notifications
