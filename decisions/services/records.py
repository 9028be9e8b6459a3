"""What is recorded about a checked decision: corrections, notifications and the record that it is final.

None of these edits the decision itself (it is frozen); each is a new row attributed to its recorder.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from decisions.models import AgendaItem, DecisionCorrection, FinalityRecord, Notification
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def _require_checked(item: AgendaItem) -> None:
    if not item.is_checked:
        raise ActionRefused(_("This can be recorded only about a decision whose minutes are checked."))


def record_correction(correction: DecisionCorrection, *, by: AbstractBaseUser) -> DecisionCorrection:
    """A typed correction of a checked decision (Hallintolaki 50 § / 51 §, rectification, taken up),
    kept as a record linked to the decision, never as an edit of it."""
    _require_checked(correction.item)
    correction.recorded_by = by
    correction.save()
    return correction


def record_notification(notification: Notification, *, by: AbstractBaseUser) -> Notification:
    """The decision given to a party by letter or e-mail, with the actual receipt when known."""
    _require_checked(notification.item)
    notification.recorded_by = by
    notification.save()
    return notification


def confirm_final(item: AgendaItem, *, today: dt.date, note: str, by: AbstractBaseUser) -> FinalityRecord:
    """A person records that no rectification request arrived in time: the decision is final."""
    item = AgendaItem.objects.select_for_update().prefetch_related("notifications").get(pk=item.pk)
    if FinalityRecord.objects.filter(item=item).exists():
        raise ActionRefused(_("The decision has already been confirmed final."))
    if not item.can_be_confirmed_final(today):
        raise ActionRefused(_("The decision can be confirmed final only after the rectification period has ended."))
    return FinalityRecord.objects.create(item=item, final_on=item.final_from(), note=note, confirmed_by=by)
