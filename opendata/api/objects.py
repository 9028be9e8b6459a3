"""The OParl objects as dicts, built from the public querysets (opendata/api/queries.py).

Every text of a public item comes from `decisions.publication.public_copy` (removed personal data
replaced); a confidential § gives only its mention. The Finnish legal facts are `fi:` keys.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import override

from decisions.models import AgendaItem, Attachment, Body, DecisionCorrection, Meeting, Membership, Person
from decisions.publication import CONFIDENTIAL_ITEM, public_copy
from opendata import published

OPARL = "https://schema.oparl.org/1.1/"
#: The one Body of OParl: the county (hyvinvointialue) whose bodies are the Organizations.
COUNTY = "county"
PDF = "application/pdf"


def url(request: HttpRequest, name: str, *args: object) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def stamp(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC).isoformat()


def location_key(place: str) -> str:
    return slugify(place) or "place"


# Files --------------------------------------------------------------------------------------------


def attachment_file(request: HttpRequest, attachment: Attachment, modified: dt.datetime | None) -> dict[str, Any]:
    download = url(request, "archive:attachment_download", attachment.pk)
    try:
        size = attachment.file.size
    except OSError:  # a file missing from the storage: named, without a size
        size = None
    return {
        "id": url(request, "oparl-file", f"attachment-{attachment.pk}"),
        "type": OPARL + "File",
        "name": attachment.title,
        "fileName": attachment.file.name.rsplit("/", 1)[-1],
        "mimeType": _mime(attachment.file.name),
        "size": size,
        "fi:sha256Checksum": attachment.sha256 or None,
        "accessUrl": download,
        "downloadUrl": download,
        "fi:language": None,
        "meeting": [],
        "agendaItem": [url(request, "oparl-agendaitem", attachment.item_id)],
        "created": stamp(modified),
        "modified": stamp(modified),
        "deleted": False,
    }


def _mime(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def pdf_file(request: HttpRequest, kind: str, obj: Meeting | AgendaItem, language: str) -> dict[str, Any]:
    """The archive's generated PDF of a meeting's minutes or an item's extract in `language`. It is
    rendered on request, so it has no size or checksum here (its bytes follow the template)."""
    if kind == "minutes":
        name = f"{obj.full_label} ({language})"
        links = {"meeting": [url(request, "oparl-meeting", obj.pk)], "agendaItem": []}
    else:
        name = f"§ {obj.section} {obj.meeting.full_label} ({language})"
        links = {"meeting": [], "agendaItem": [url(request, "oparl-agendaitem", obj.pk)]}
    modified = getattr(obj, "modified_at", None)
    with override(language):
        path = reverse("archive:meeting_pdf" if kind == "minutes" else "archive:item_pdf", args=[obj.pk])
    download = request.build_absolute_uri(path)
    return {
        "id": url(request, "oparl-file", f"{kind}-{obj.pk}-{language}"),
        "type": OPARL + "File",
        "name": name,
        "fileName": f"{kind}-{obj.pk}-{language}.pdf",
        "mimeType": PDF,
        "size": None,
        "fi:sha256Checksum": None,
        "fi:language": language,
        "accessUrl": download,
        "downloadUrl": download,
        **links,
        "created": stamp(modified),
        "modified": stamp(modified),
        "deleted": False,
    }


# Meetings and items -------------------------------------------------------------------------------


def meeting(request: HttpRequest, obj: Meeting) -> dict[str, Any]:
    languages = obj.body.document_languages
    return {
        "id": url(request, "oparl-meeting", obj.pk),
        "type": OPARL + "Meeting",
        "name": obj.full_label,
        "meetingState": obj.state,
        "cancelled": False,
        "start": stamp(obj.start),
        "end": stamp(obj.end),
        "location": url(request, "oparl-location", location_key(obj.place)) if obj.place else None,
        "organization": [url(request, "oparl-organization", obj.body_id)],
        "agendaItem": [url(request, "oparl-agendaitem", item.pk) for item in obj.published_items],
        "resultsProtocol": url(request, "oparl-file", f"minutes-{obj.pk}-{languages[0]}"),
        "auxiliaryFile": [url(request, "oparl-file", f"minutes-{obj.pk}-{language}") for language in languages],
        "web": url(request, "archive:meeting", obj.pk),
        "fi:number": obj.label,
        "fi:minutesPublishedOn": obj.minutes_published_on.isoformat() if obj.minutes_published_on else None,
        "created": stamp(obj.created_at),
        "modified": stamp(obj.modified_at),
        "deleted": False,
    }


def _finality(item: AgendaItem) -> dt.date | None:
    try:
        return item.finality.final_on
    except AgendaItem.finality.RelatedObjectDoesNotExist:
        return None


def agenda_item(request: HttpRequest, item: AgendaItem) -> dict[str, Any]:
    common = {
        "id": url(request, "oparl-agendaitem", item.pk),
        "type": OPARL + "AgendaItem",
        "meeting": url(request, "oparl-meeting", item.meeting_id),
        "number": str(item.section) if item.section else "",
        "order": item.order,
        "fi:section": item.section,
        "created": stamp(item.created_at),
        "modified": stamp(item.modified_at),
        "deleted": False,
    }
    if not item.is_public:
        # All the public learns of a confidential §: its number and the legal ground.
        return {**common, "name": str(CONFIDENTIAL_ITEM), "public": False, "fi:secrecyGround": item.secrecy_ground}
    public = public_copy(item)
    languages = item.body.document_languages
    attachments = list(public.attachments.all())
    final_on = _finality(item)
    last_day = item.last_day()
    return {
        **common,
        "name": public.title,
        "public": True,
        "result": item.resolution_text,
        "resolutionText": public.decision,
        "auxiliaryFile": [
            *(url(request, "oparl-file", f"attachment-{a.pk}") for a in attachments if a.is_public and a.file),
            *(url(request, "oparl-file", f"extract-{item.pk}-{language}") for language in languages),
        ],
        "web": url(request, "archive:item", item.pk),
        "fi:registerNumber": public.register_number,
        "fi:presenter": url(request, "oparl-person", item.presenter_id) if item.presenter_id else None,
        "fi:resolution": item.resolution,
        "fi:proposal": public.proposal,
        "fi:decision": public.decision,
        "fi:appealRoute": item.appeal_route,
        "fi:appealProvision": public.appeal_provision,
        "fi:appealLastDay": last_day.isoformat() if last_day else None,
        "fi:final": final_on is not None,
        "fi:finalOn": final_on.isoformat() if final_on else None,
        "fi:personalDataRemoved": bool(getattr(item, "removed_personal_data", [])),
        "fi:corrections": [_correction(correction) for correction in public.corrections.all()],
        "fi:language": item.language,
        "fi:translations": _translations(item),
        "fi:secretAttachments": [
            {"number": a.number, "secrecyGround": a.secrecy_ground} for a in attachments if not a.is_public
        ],
    }


def _correction(correction: DecisionCorrection) -> dict[str, Any]:
    """A correction made to the decision after the check, as the archive page shows it."""
    return {
        "kind": correction.kind,
        "name": correction.get_kind_display(),
        "reason": correction.reason,
        "correctedText": correction.corrected_text,
        "decidedBy": correction.decided_by,
        "decidedOn": correction.decided_on.isoformat(),
    }


def _translations(item: AgendaItem) -> dict[str, dict[str, str]]:
    """A bilingual body's § in its other document language: the texts as the archive shows them."""
    translations = {}
    for language in item.other_languages():
        shown = published.shown(item, language)
        translations[language] = {
            "name": shown.title,
            "resolutionText": shown.decision,
            "fi:proposal": shown.proposal,
            "fi:decision": shown.decision,
        }
    return translations


# The county, its bodies, people and places ----------------------------------------------------------


def organization(request: HttpRequest, body: Body) -> dict[str, Any]:
    return {
        "id": url(request, "oparl-organization", body.pk),
        "type": OPARL + "Organization",
        "body": url(request, "oparl-body"),
        "name": body.name,
        "shortName": body.abbreviation,
        "organizationType": body.kind,
        "classification": body.get_kind_display(),
        "startDate": body.active_from.isoformat() if body.active_from else None,
        "endDate": body.active_until.isoformat() if body.active_until else None,
        "meeting": url(request, "oparl-meeting-list") + f"?organization={body.pk}",
        "membership": [url(request, "oparl-membership", m.pk) for m in body.memberships.all()],
        "web": url(request, "archive:body", body.pk),
        "fi:nameSv": body.name_sv,
        "fi:documentLanguages": body.document_languages,
        "deleted": False,
    }


def person(request: HttpRequest, obj: Person) -> dict[str, Any]:
    """A member of a body or a presenting official: name and job title only (no contact details)."""
    return {
        "id": url(request, "oparl-person", obj.pk),
        "type": OPARL + "Person",
        "name": f"{obj.first_name} {obj.last_name}",
        "familyName": obj.last_name,
        "givenName": obj.first_name,
        "title": [obj.title] if obj.title else [],
        "membership": [url(request, "oparl-membership", m.pk) for m in obj.memberships.all()],
        "deleted": False,
    }


def membership(request: HttpRequest, obj: Membership) -> dict[str, Any]:
    return {
        "id": url(request, "oparl-membership", obj.pk),
        "type": OPARL + "Membership",
        "person": url(request, "oparl-person", obj.person_id),
        "organization": url(request, "oparl-organization", obj.body_id),
        "role": obj.get_role_display(),
        "votingRight": obj.role in Membership.Role.voting(),
        "startDate": obj.start_date.isoformat(),
        "endDate": obj.end_date.isoformat() if obj.end_date else None,
        "fi:role": obj.role,
        "fi:deputyOf": url(request, "oparl-membership", obj.deputy_of_id) if obj.deputy_of_id else None,
        "deleted": False,
    }


def location(request: HttpRequest, place: str) -> dict[str, Any]:
    key = location_key(place)
    return {
        "id": url(request, "oparl-location", key),
        "type": OPARL + "Location",
        "description": place,
        "deleted": False,
    }
