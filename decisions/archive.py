"""The public archive: what of the published minutes the public sees, and how it is searched.

Hyvinvointialuelaki 145 § 3 mom.: the minutes are published on the web after checking; a
confidential matter appears only as a mention (§, "salassa pidettävä" and the legal ground, never
its title or text); a private person's personal data is removed from the web versions when the
rectification period ends (`remove_personal_data`, run daily, sets PrivatePersonData.removed_on).
The text stays in the minutes: only the public pages and PDFs show a placeholder instead.

The rules over many rows are functions returning QuerySets (the model's QuerySet lives in
decisions/models/items.py): `published_items`, `public_items`, `search_public`, `text_search`.
`public_copy` makes the unsaved, redacted copy of an item that the public templates render.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import connections, models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from decisions import legal_clock
from decisions.legal_clock import NotificationMethod
from decisions.models import AgendaItem, Attachment, Meeting, PrivatePersonData

if TYPE_CHECKING:
    from decisions.models import Notification

#: What the public versions print instead of a removed private person's data.
REMOVED_PLACEHOLDER = _("[henkilötieto poistettu]")
#: What the public versions print instead of a confidential item's title.
CONFIDENTIAL_ITEM = _("Salassa pidettävä asia")
#: What the public versions print instead of a secret attachment's title.
SECRET_ATTACHMENT = _("Salassa pidettävä liite")

#: The texts of a public item the public search looks in.
PUBLIC_SEARCH_FIELDS = ("title", "proposal", "decision", "description", "register_number", "meeting__body__name")
#: The texts of an item the staff search looks in.
STAFF_SEARCH_FIELDS = ("title", "proposal", "decision", "description")
#: Search results and lists: the latest meeting first, its § in order.
NEWEST_FIRST = ("-meeting__start", "meeting__pk", "section", "order", "pk")


# The rows ----------------------------------------------------------------------------------------


def published_meetings() -> QuerySet[Meeting]:
    """Meetings whose minutes are published on the web."""
    return Meeting.objects.filter(state=Meeting.State.PUBLISHED)


def published_items() -> QuerySet[AgendaItem]:
    """Every checked § of published minutes, confidential ones too (they are shown as a mention only)."""
    return AgendaItem.objects.filter(meeting__state=Meeting.State.PUBLISHED, checked_at__isnull=False)


def public_items() -> QuerySet[AgendaItem]:
    """The § of published minutes whose content the public may read."""
    return published_items().filter(is_public=True)


def for_public_pages(items: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    """What the public pages show of each item, in a fixed number of queries."""
    return items.select_related("meeting__body", "carried_from__meeting").prefetch_related(
        *(
            models.Prefetch(
                f"{path}private_person_data",
                queryset=PrivatePersonData.objects.filter(removed_on__isnull=False),
                to_attr="removed_personal_data",
            )
            for path in ("", "carried_from__")
        )
    )


def is_published_public(item: AgendaItem) -> bool:
    """The item's content is in the public archive (its meeting selected with it)."""
    return item.is_public and item.checked_at is not None and item.meeting.state == Meeting.State.PUBLISHED


# Searching ---------------------------------------------------------------------------------------


def _words(query: str) -> list[str]:
    return [word for word in re.split(r"\s+", query.strip()) if word][:20]


def _is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def text_search(queryset: QuerySet, query: str, fields: Iterable[str]) -> QuerySet:
    """Rows whose `fields` hold every word of `query`.

    PostgreSQL: full-text search with the Finnish configuration (stemming: "kuljetuspalvelut" finds
    "Kuljetuspalvelujen"), web-search syntax ("lainausmerkit", -pois, or). Elsewhere (SQLite): each
    word is contained, case-insensitively, in one of the fields.
    """
    fields = tuple(fields)
    if not _words(query):
        return queryset
    if _is_postgresql(queryset):
        from django.contrib.postgres.search import SearchQuery, SearchVector  # noqa: PLC0415

        vector = SearchVector(*fields, config="finnish")
        search = SearchQuery(query.strip()[:500], config="finnish", search_type="websearch")
        return queryset.annotate(search_vector=vector).filter(search_vector=search)
    condition = Q()
    for word in _words(query):
        condition &= _any_field_contains(fields, word)
    return queryset.filter(condition)


def _any_field_contains(fields: Iterable[str], word: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": word})
    return condition


def _matches_any_word(queryset: QuerySet, query: str, field: str) -> QuerySet:
    """Rows whose `field` holds any one word of `query` (Finnish stemming on PostgreSQL)."""
    words = _words(query)
    if _is_postgresql(queryset):
        from django.contrib.postgres.search import SearchQuery, SearchVector  # noqa: PLC0415

        search = SearchQuery(words[0], config="finnish", search_type="plain")
        for word in words[1:]:
            search |= SearchQuery(word, config="finnish", search_type="plain")
        # Stemmed, and the plain substring too: a name the dictionary does not know still counts.
        annotated = queryset.annotate(removed_vector=SearchVector(field, config="finnish"))
        return annotated.filter(Q(removed_vector=search) | _contains_any_word(field, words))
    return queryset.filter(_contains_any_word(field, words))


def _contains_any_word(field: str, words: list[str]) -> Q:
    """`field` contains one of the words of at least 3 letters ("ja" is in too many names)."""
    condition = Q(pk__in=[])
    for word in words:
        if len(word) >= 3:
            condition |= Q(**{f"{field}__icontains": word})
    return condition


def search_public(query: str) -> QuerySet[AgendaItem]:
    """The public items matching `query`, newest first.

    An item whose removed personal data matches any word of the query is left out, although the
    text still holds it: otherwise searching for a person's name would tell which § names them.
    That can hide an item that matches the word elsewhere too; privacy wins.
    """
    items = text_search(public_items(), query, PUBLIC_SEARCH_FIELDS)
    if not _words(query):
        return items.order_by(*NEWEST_FIRST)
    removed = PrivatePersonData.objects.filter(item=OuterRef("pk"), removed_on__isnull=False)
    return items.exclude(Exists(_matches_any_word(removed, query, "text"))).order_by(*NEWEST_FIRST)


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
    rows = PrivatePersonData.objects.filter(removed_on__isnull=True).select_related("item__meeting__body")
    rows = rows.prefetch_related("item__notifications").order_by("item__meeting__start", "item__section", "pk")
    due = []
    for row in rows:
        last_day = rectification_last_day(row.item, list(row.item.notifications.all()))
        if last_day is not None and last_day < today:
            due.append(row)
    return due
