"""The background tasks of the decisions app: thin wrappers over its services.

Each runs in ``manage.py db_worker`` (docs/background-tasks.md), is retried on failure by
hankehallinta.tasks.retried (``attempt`` counts the runs) and returns a small summary that the
admin's task results show. None returns or logs personal data.

- :data:`remove_personal_data`: the daily removal of private persons' data from the public archive
  (Hyvinvointialuelaki 145 § 3 mom.), what ``manage.py remove_personal_data`` does; enqueued every
  day by ``manage.py run_scheduler`` (settings.TASKS_DAILY).
- :data:`render_minutes_pdf`: the full minutes of a meeting into the PDF cache, enqueued when the
  transaction that checked or published them commits (:func:`render_minutes_after_commit`).
- E-mail (later): a task per message goes here, enqueued with ``transaction.on_commit`` like the
  minutes, so that no message leaves for a change that was rolled back.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task

from decisions.models import Meeting
from decisions.services import minutes_pdf, publication
from decisions.signals import minutes_completed
from hankehallinta.pdf import PdfTooLarge
from hankehallinta.tasks import retried

if TYPE_CHECKING:
    from decisions.models import PrivatePersonData


@task()
def remove_personal_data(attempt: int = 1) -> dict[str, Any]:
    """Mark removed today the personal data whose rectification period has ended (running it
    twice changes nothing); the day and how many entries of how many § were removed."""
    with retried(remove_personal_data, attempt=attempt):
        today = timezone.localdate()
        removed: list[PrivatePersonData] = publication.remove_personal_data(today)
    return {"day": today.isoformat(), "removed": len(removed), "items": len({row.item_id for row in removed})}


@task()
def render_minutes_pdf(meeting_id: int, attempt: int = 1) -> dict[str, Any]:
    """Render the minutes of the meeting as a staff member reads them into the PDF cache. A document
    over the PDF limits is not retried: the reader who opens it gets the same message."""
    with retried(render_minutes_pdf, attempt=attempt, meeting_id=meeting_id, give_up_on=(PdfTooLarge,)):
        size = minutes_pdf.prerender_minutes_pdf(meeting_id)
    return {"meeting": meeting_id, "bytes": size}


@receiver(minutes_completed, sender=Meeting, dispatch_uid="decisions.tasks.render_minutes_after_commit")
def render_minutes_after_commit(sender: type[Meeting], meeting: Meeting, **kwargs: Any) -> None:
    """Enqueue the minutes render once the check or publication commits (not at all if it rolls
    back). ``robust``: a queue that cannot be reached is logged, and the committed check stands."""
    transaction.on_commit(partial(render_minutes_pdf.enqueue, meeting_id=meeting.pk), robust=True)
