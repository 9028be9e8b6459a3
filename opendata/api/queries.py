"""The public querysets of the API, with derived `created_at` / `modified_at` (see opendata/api/__init__.py)."""

from __future__ import annotations

from django.db.models import DateTimeField, Max, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Cast, Coalesce, Greatest

from decisions.models import AgendaItem, Attachment, Body, Meeting, Membership, Person

#: A removal of personal data is dated by day: it counts from the start of that day.
_REMOVED = Q(private_person_data__removed_on__isnull=False)


def items() -> QuerySet[AgendaItem]:
    """Every § of published minutes (confidential ones too: shown as a mention only), created when
    checked, modified by a later removal of personal data or a correction (of a public § only)."""
    checked = Max("checked_at")
    removed = Cast(Max("private_person_data__removed_on", filter=_REMOVED), DateTimeField())
    corrected = Max("corrections__recorded_at", filter=Q(is_public=True))
    return AgendaItem.objects.published().annotate(
        created_at=checked,
        modified_at=Greatest(checked, Coalesce(removed, checked), Coalesce(corrected, checked)),
    )


def meetings() -> QuerySet[Meeting]:
    """Published meetings, with their first and latest checked § as created and modified (and a later
    removal of personal data or correction of a public §)."""
    checked = Q(items__checked_at__isnull=False)
    removed = Cast(
        Max("items__private_person_data__removed_on", filter=Q(items__private_person_data__removed_on__isnull=False)),
        DateTimeField(),
    )
    corrected = Max("items__corrections__recorded_at", filter=Q(items__is_public=True))
    latest = Max("items__checked_at", filter=checked)
    return Meeting.objects.published().annotate(
        created_at=Min("items__checked_at", filter=checked),
        modified_at=Greatest(latest, Coalesce(removed, latest), Coalesce(corrected, latest)),
    )


def meeting_objects() -> QuerySet[Meeting]:
    """Published meetings as the API's Meeting objects read them, newest first: the body, and the keys
    of their published § (`published_items`)."""
    item_keys = AgendaItem.objects.published().only("pk", "meeting_id").order_by("order", "pk")
    return (
        meetings()
        .select_related("body")
        .prefetch_related(Prefetch("items", queryset=item_keys, to_attr="published_items"))
        .order_by("-start", "-pk")
    )


def item_objects() -> QuerySet[AgendaItem]:
    """The § as the API's AgendaItem objects read them, in a fixed number of queries, newest meeting
    first: the removed personal data (for_public_pages), what the object prints and public_copy redacts
    (attachments, corrections, the notifications that give the last day), finality and the dissent flag
    of the resolution phrase. Nothing of the project: the API does not print it."""
    return (
        items()
        .for_public_pages()
        .with_dissent_flag()
        .select_related("finality")
        .prefetch_related("attachments", "notifications", "corrections")
        .order_by("-meeting__start", "meeting_id", "order", "pk")
    )


def public_attachments() -> QuerySet[Attachment]:
    return Attachment.objects.in_public_archive()


def bodies() -> QuerySet[Body]:
    return Body.objects.order_by("name", "pk")


def memberships() -> QuerySet[Membership]:
    return Membership.objects.order_by("body_id", "start_date", "pk")


def people() -> QuerySet[Person]:
    """The members and deputies of the bodies, and the officials who presented a public § of published
    minutes (an official known only from a confidential or unpublished § is not named)."""
    members = Q(pk__in=Membership.objects.values("person_id"))
    presenters = Q(pk__in=AgendaItem.objects.public().values("presenter_id"))
    return Person.objects.filter(members | presenters).order_by("last_name", "first_name", "pk")


def places() -> list[str]:
    """The meeting places of published meetings, by name."""
    return sorted(set(Meeting.objects.published().exclude(place="").values_list("place", flat=True)))
