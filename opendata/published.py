"""What the feeds, calendars and bulk files read of the archive: its own querysets and its redaction.

Nothing here decides what is public. Items come from `AgendaItem.objects.published()` (a confidential
§ only as a mention, as the archive's minutes page shows it), their texts from
`decisions.publication.public_copy` (removed personal data replaced), meetings from
`Meeting.objects.published()` and bodies from `Body.objects.with_published_minutes()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from decisions.models import AgendaItem, Body, Meeting
from decisions.publication import CONFIDENTIAL_ITEM, public_copy
from decisions.views.languages import named_body, shown_item


@dataclass(frozen=True)
class Mention:
    """All the public learns of a confidential §: its meeting, number and the legal ground for secrecy."""

    meeting: Meeting
    section: int | None
    secrecy_ground: str

    @property
    def title(self) -> str:
        return str(CONFIDENTIAL_ITEM)


def published_items() -> QuerySet[AgendaItem]:
    """Every checked § of published minutes with what the public copy redacts (and the notifications
    the legal clock reads), in a fixed number of queries."""
    return AgendaItem.objects.published().for_public_pages().prefetch_related("notifications")


def shown(item: AgendaItem, language: str | None = None) -> AgendaItem | Mention:
    """The item as the public sees it: the redacted copy in `language` (default: the reader's, when
    the item is recorded in it), or for a confidential § only the mention."""
    if not item.is_public:
        return Mention(meeting=item.meeting, section=item.section, secrecy_ground=item.secrecy_ground)
    public = public_copy(item)
    return public.in_language(language) if language else shown_item(public)


def published_meetings() -> QuerySet[Meeting]:
    """The published minutes with their published §, in order (to_attr `published_items`)."""
    items = AgendaItem.objects.published().for_public_pages().order_by("order", "pk")
    return (
        Meeting.objects.published()
        .select_related("body")
        .prefetch_related(Prefetch("items", queryset=items, to_attr="published_items"))
    )


def archive_body(key: str, bodies: QuerySet[Body] | None = None) -> Body:
    """A body by its slug or id among `bodies` (default: the archive's, those with published minutes),
    named in the reader's language; 404 for any other."""
    bodies = Body.objects.with_published_minutes() if bodies is None else bodies
    if key.isdigit():
        found = bodies.filter(pk=int(key)).first()
    else:
        found = next((body for body in bodies if body.slug == key), None)
    if found is None:
        raise Http404
    return named_body(found)


def start_of_day(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the local time zone (a feed entry's time from a publication day)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))
