"""The records of the bulk files (opendata.bulk): plain dicts of what the archive shows, nothing more.

Bodies with published minutes; published minutes with their public attendance (members and officials,
as the minutes page lists them); every § of them (a public one redacted by public_copy, in each of its
languages; a confidential one only as its mention: meeting, § and legal ground, no id); the attachments
of the public § (a secret one only by number and ground). The addresses are the archive's, Finnish,
relative to the site ("/fi/archive/items/12/").

The API's serializers (opendata/api/) describe the same objects in the OParl shape for a client that
pages through them; these records are flat, for a spreadsheet or a script reading a whole file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from decisions.models import AgendaItem, Attendance, Body
from decisions.models.translations import TRANSLATED_FIELDS
from decisions.publication import public_copy
from decisions.views.archive import PUBLIC_CAPACITIES
from opendata.published import published_items, published_meetings

CHUNK = 500
DECISION_COLUMNS = (
    "body_id",
    "body",
    "meeting_id",
    "meeting",
    "meeting_date",
    "minutes_published_on",
    "year",
    "section",
    "register_number",
    "confidential",
    "secrecy_ground",
    "title",
    "resolution",
    "decision",
    "appeal_route",
    "appeal_last_day",
    "final_from",
    "url",
)


def _date(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _path(name: str, *args: Any) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


def bodies() -> Iterator[dict[str, Any]]:
    for body in Body.objects.with_published_minutes():
        yield {
            "id": body.pk,
            "name": {language: body.name_in(language) for language in body.document_languages},
            "abbreviation": body.abbreviation,
            "kind": body.kind,
            "organisation": body.organisation,
            "languages": body.document_languages,
            "url": _path("archive:body", body.slug or body.pk),
        }


def meetings() -> Iterator[dict[str, Any]]:
    attendances = Attendance.objects.filter(present=True, capacity__in=PUBLIC_CAPACITIES).select_related("person")
    rows = published_meetings().prefetch_related(
        Prefetch("attendances", queryset=attendances.order_by("capacity", "person__last_name", "person__first_name"))
    )
    for meeting in rows.order_by("start", "pk").iterator(chunk_size=CHUNK):
        yield {
            "id": meeting.pk,
            "body_id": meeting.body_id,
            "year": meeting.year,
            "number": meeting.number,
            "label": meeting.label,
            "start": _date(meeting.start),
            "end": _date(meeting.end),
            "place": meeting.place,
            "minutes_published_on": _date(meeting.minutes_published_on),
            "sections": [item.section for item in meeting.published_items],
            "attendees": [
                {"name": attendance.person.full_name, "capacity": attendance.capacity}
                for attendance in meeting.attendances.all()
            ],
            "url": _path("archive:meeting", meeting.pk),
            "minutes_pdf_url": _path("archive:meeting_pdf", meeting.pk),
        }


def _items() -> Iterator[AgendaItem]:
    items = (
        published_items()
        .prefetch_related("attachments", "corrections")
        .order_by("meeting__start", "meeting", "order", "pk")
    )
    return items.iterator(chunk_size=CHUNK)


def _mention(item: AgendaItem) -> dict[str, Any]:
    return {
        "meeting_id": item.meeting_id,
        "body_id": item.body_id,
        "year": item.year,
        "section": item.section,
        "confidential": True,
        "secrecy_ground": item.secrecy_ground,
    }


def _item(public: AgendaItem) -> dict[str, Any]:
    texts = {}
    for language in public.languages:
        shown = public.in_language(language)
        texts[language] = {field: getattr(shown, field) for field in TRANSLATED_FIELDS}
    return {
        "id": public.pk,
        "meeting_id": public.meeting_id,
        "body_id": public.body_id,
        "year": public.year,
        "section": public.section,
        "register_number": public.register_number,
        "confidential": False,
        "original_language": public.original_language,
        "texts": texts,
        "handling": public.handling,
        "resolution": public.resolution,
        "after_vote": public.after_vote,
        "amended": public.amended,
        "appeal_route": public.appeal_route,
        "appeal_provision": public.appeal_provision,
        "appeal_last_day": _date(public.last_day()),
        "final_from": _date(public.final_from()),
        "checked_at": _date(public.checked_at),
        "attachments": [attachment.number for attachment in public.attachments.all()],
        "corrections": [
            {
                "kind": correction.kind,
                "reason": correction.reason,
                "corrected_text": correction.corrected_text,
                "decided_by": correction.decided_by,
                "decided_on": _date(correction.decided_on),
            }
            for correction in public.corrections.all()
        ],
        "url": _path("archive:item", public.pk),
        "extract_pdf_url": _path("archive:item_pdf", public.pk),
    }


def items() -> Iterator[dict[str, Any]]:
    """Every § of the published minutes: the redacted item, or the mention of a confidential one."""
    for item in _items():
        yield _item(public_copy(item)) if item.is_public else _mention(item)


def files() -> Iterator[dict[str, Any]]:
    """The attachments of the public §: a public one with its SHA-256 and address, a secret one by
    number and ground only (as the item page names it)."""
    for item in _items():
        if not item.is_public:
            continue
        for attachment in public_copy(item).attachments.all():
            row: dict[str, Any] = {"item_id": item.pk, "number": attachment.number}
            if attachment.is_public:
                url = _path("archive:attachment_download", attachment.pk) if attachment.file else None
                row |= {"id": attachment.pk, "title": attachment.title, "sha256": attachment.sha256, "url": url}
            else:
                row |= {"confidential": True, "secrecy_ground": attachment.secrecy_ground}
            yield row


def decisions() -> Iterator[dict[str, Any]]:
    """One row a § for the CSV: the texts in the body's main language."""
    for item in _items():
        meeting = item.meeting
        row: dict[str, Any] = {
            "body_id": item.body_id,
            "body": meeting.body.name,
            "meeting_id": meeting.pk,
            "meeting": meeting.label,
            "meeting_date": _date(meeting.date),
            "minutes_published_on": _date(meeting.minutes_published_on),
            "year": item.year,
            "section": item.section,
            "confidential": not item.is_public,
        }
        if not item.is_public:
            yield row | {"secrecy_ground": item.secrecy_ground, "url": _path("archive:meeting", meeting.pk)}
            continue
        public = public_copy(item).in_language(meeting.body.main_language)
        yield row | {
            "register_number": public.register_number,
            "title": public.title,
            "resolution": public.resolution,
            "decision": public.decision,
            "appeal_route": public.appeal_route,
            "appeal_last_day": _date(public.last_day()),
            "final_from": _date(public.final_from()),
            "url": _path("archive:item", public.pk),
        }
