"""Writes about a meeting's minutes that touch several rows: checking, publishing, issuing, finality.

Each is atomic; the views check the permissions and set request.audit_authority before calling.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from decisions.legal_clock import NotificationMethod
from decisions.models import (
    AgendaItem,
    CheckedDecisionError,
    Extract,
    FinalityRecord,
    Meeting,
    MinutesCheck,
    Notification,
    Person,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: Who a publication on the web notifies (Hyvinvointialuelaki 145 §).
COUNTY_MEMBERS = "hyvinvointialueen jäsenet"


class MinutesStateError(Exception):
    """The meeting or item is not in a state that allows the step; the message says why, in Finnish."""


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
    by: User | None,
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
        raise MinutesStateError("Osa valituista pykälistä on jo tarkastettu tai ei kuulu tähän kokoukseen.")
    if not covered:
        raise MinutesStateError("Kokouksessa ei ole tarkastamattomia pykäliä.")
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
    return check


@transaction.atomic
def publish_minutes(meeting: Meeting, *, published_on: dt.date, by: User | None) -> list[Notification]:
    """Checked minutes go on the web: the meeting is published and each public § notified to the county's members."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.state != Meeting.State.CHECKED:
        raise MinutesStateError("Vain tarkastetun pöytäkirjan voi julkaista.")
    meeting.state = Meeting.State.PUBLISHED
    meeting.minutes_published_on = published_on
    meeting.version += 1
    meeting.save(update_fields=["state", "minutes_published_on", "version"])
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


@transaction.atomic
def issue_extract(
    item: AgendaItem,
    pdf: bytes,
    *,
    by: User,
    certifier_name: str,
    certifier_title: str,
    place: str,
    recipients: str,
) -> Extract:
    """Keep the issued extract's exact bytes and their SHA-256; later downloads return these bytes."""
    if not item.is_checked:
        raise MinutesStateError("Pöytäkirjanotteen voi antaa vasta, kun pöytäkirja on tarkastettu.")
    digest = hashlib.sha256(pdf).hexdigest()
    extract = Extract(
        item=item,
        issued_by=by,
        certifier_name=certifier_name,
        certifier_title=certifier_title,
        place=place,
        recipients=recipients,
        sha256=digest,
    )
    extract.pdf.save(f"{item.extract_filename.removesuffix('.pdf')}-{digest[:12]}.pdf", ContentFile(pdf), save=False)
    extract.save()
    return extract


def stored_extract_bytes(extract: Extract) -> bytes:
    """The issued bytes, verified against the SHA-256 recorded when they were issued."""
    with extract.pdf.open("rb") as stored:
        data = stored.read()
    if hashlib.sha256(data).hexdigest() != extract.sha256:
        raise CheckedDecisionError(f"the stored extract {extract.pk} does not match its SHA-256")
    return data


@transaction.atomic
def confirm_final(item: AgendaItem, *, today: dt.date, note: str, by: User) -> FinalityRecord:
    """A person records that no rectification request arrived in time: the decision is final."""
    item = AgendaItem.objects.select_for_update().prefetch_related("notifications").get(pk=item.pk)
    if FinalityRecord.objects.filter(item=item).exists():
        raise MinutesStateError("Päätös on jo vahvistettu lainvoimaiseksi.")
    if not item.can_be_confirmed_final(today):
        raise MinutesStateError("Päätöksen voi vahvistaa lainvoimaiseksi vasta oikaisuvaatimusajan päätyttyä.")
    return FinalityRecord.objects.create(item=item, final_on=item.final_from(), note=note, confirmed_by=by)
