"""Publication of the minutes on the web: what of them the public sees, and when personal data leave it.

Hyvinvointialuelaki 145 § 3 mom.: the minutes are published on the web after checking; a
confidential matter appears only as a mention (§, "salassa pidettävä" and the legal ground, never
its title or text); a private person's personal data is removed from the web versions when the
rectification period ends (`remove_personal_data`, run daily, sets PrivatePersonData.removed_on).
The text stays in the minutes: only the public pages and PDFs show a placeholder instead.

Which items are published and how the public searches them are QuerySet methods
(AgendaItem.objects.published(), .public(), .for_public_pages(), .search_public(query)). Here:
`public_copy` makes the unsaved, redacted copy of an item that the public templates render, and
`personal_data_due` says which private persons' data the daily command removes from the web.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from decisions import legal_clock
from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, Attachment, Meeting, PrivatePersonData

if TYPE_CHECKING:
    from decisions.models import Notification

#: What the public versions print instead of a removed private person's data.
REMOVED_PLACEHOLDER = _("[personal data removed]")
#: What the public versions print instead of a confidential item's title.
CONFIDENTIAL_ITEM = _("Confidential matter")
#: What the public versions print instead of a secret attachment's title.
SECRET_ATTACHMENT = _("Confidential attachment")


def is_published_public(item: AgendaItem) -> bool:
    """The item's content is in the public archive (its meeting selected with it)."""
    return item.is_public and item.checked_at is not None and item.meeting.state == Meeting.State.PUBLISHED


# Redacting ---------------------------------------------------------------------------------------


def _pattern(text: str) -> re.Pattern[str]:
    """`text` anywhere, any case, with any run of white space where it has some."""
    parts = [re.escape(part) for part in text.split()]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def redactor(removed_texts: Iterable[str]) -> Callable[[str], str]:
    """A function replacing every one of `removed_texts` (longest first) with the placeholder."""
    patterns = [_pattern(text) for text in sorted({t for t in removed_texts if t.strip()}, key=len, reverse=True)]

    def redact(value: str) -> str:
        for pattern in patterns:
            value = pattern.sub(str(REMOVED_PLACEHOLDER), value)
        return value

    return redact


def removed_texts(item: AgendaItem) -> list[str]:
    """The item's private persons' data already removed from the web (prefetched by for_public_pages)."""
    rows = getattr(item, "removed_personal_data", None)
    if rows is None:
        rows = [row for row in item.private_person_data.all() if row.removed_on is not None]
    return [row.text for row in rows]


def public_text(item: AgendaItem, field: str) -> str:
    """The text of `field` as the public versions print it: removed personal data replaced."""
    return redactor(removed_texts(item))(getattr(item, field) or "")


def _read_only(*args, **kwargs):
    raise TypeError("a public copy is for display only")


def _redacted_copy(obj: models.Model, redact: Callable[[str], str]) -> models.Model:
    """An unsaved copy of `obj` with every text field redacted (and its prefetched rows too)."""
    public = copy.copy(obj)
    for field in obj._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(obj, field.attname)
            if isinstance(value, str):
                setattr(public, field.attname, redact(value))
    if isinstance(obj, Attachment) and not obj.is_public:
        public.title = str(SECRET_ATTACHMENT)
        public.file = ""
    prefetched = getattr(obj, "_prefetched_objects_cache", None)
    if prefetched:
        public._prefetched_objects_cache = {}
        for name, rows in prefetched.items():
            rows_copy = copy.copy(rows)
            rows_copy._result_cache = [_redacted_copy(row, redact) for row in rows]
            public._prefetched_objects_cache[name] = rows_copy
    public.save = public.delete = _read_only
    return public


def public_copy(item: AgendaItem) -> AgendaItem:
    """The item as the public archive shows it: an unsaved copy, removed personal data replaced in
    every text (its prefetched attachments, conditions and the like too), secret attachments named
    only by number and ground. Never call this for a confidential item: those are a mention only."""
    if not item.is_public:
        raise ValueError("a confidential item is shown as a mention only")
    public = _redacted_copy(item, redactor(removed_texts(item)))
    # The earlier handling of a carried-over matter: only if it is public itself (select_related
    # by for_public_pages), redacted by its own removed data too; otherwise nothing of it.
    earlier = item.carried_from if item.carried_from_id else None
    if earlier is not None and is_published_public(earlier):
        public.carried_from = _redacted_copy(earlier, redactor(removed_texts(item) + removed_texts(earlier)))
    else:
        public.carried_from = None
    return public


# Removing personal data --------------------------------------------------------------------------


def rectification_last_day(item: AgendaItem, notifications: Iterable[Notification]) -> dt.date | None:
    """The last day of the item's rectification period over all its notification routes.

    The recorded routes, plus publication on the web (from the minutes' publication day) when no
    web publication is recorded: the county's members are notified that way in every case.
    None while the minutes are not published and nothing is recorded.
    """
    deadlines = [notification.deadline for notification in notifications]
    web_recorded = any(n.method == NotificationMethod.WEB_PUBLICATION for n in notifications)
    published_on = item.meeting.minutes_published_on
    if published_on is not None and not web_recorded:
        deadlines.append(legal_clock.deadline(NotificationMethod.WEB_PUBLICATION, published_on))
    return max((deadline.last_day for deadline in deadlines), default=None)


def personal_data_due(today: dt.date) -> list[PrivatePersonData]:
    """The private persons' data still on the web whose item's rectification period ended before today."""
    rows = PrivatePersonData.objects.on_the_web().select_related("item__meeting__body")
    rows = rows.prefetch_related("item__notifications").order_by("item__meeting__start", "item__section", "pk")
    due = []
    for row in rows:
        last_day = rectification_last_day(row.item, list(row.item.notifications.all()))
        if last_day is not None and last_day < today:
            due.append(row)
    return due
