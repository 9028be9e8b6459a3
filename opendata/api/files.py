"""The File objects: every public attachment, and the archive's minutes and extract PDFs per language.

A file's key names its source: "attachment-12", "minutes-5-fi", "extract-7-sv". The list is made of
keys first (three small queries), paged, and only the page's objects are fetched (three more).
"""

from __future__ import annotations

import re
from typing import Any

from decisions.models import Body
from opendata.api import objects, queries

Key = tuple[str, int, str]  # (kind, pk, language; "" for an attachment)
KEY = re.compile(r"^(attachment)-(\d+)$|^(minutes|extract)-(\d+)-([a-z]{2})$")


def parse_key(key: str) -> Key | None:
    match = KEY.match(key)
    if match is None:
        return None
    if match.group(1):
        return ("attachment", int(match.group(2)), "")
    return (match.group(3), int(match.group(4)), match.group(5))


def _languages() -> dict[int, list[str]]:
    return {body.pk: body.document_languages for body in Body.objects.only("pk", "language")}


def file_keys(lookups: dict[str, Any]) -> list[Key]:
    """Every public file's key, in a fixed order: minutes, extracts, attachments (each by id)."""
    languages = _languages()
    meetings = queries.meetings().filter(**lookups).order_by("pk").values_list("pk", "body_id")
    items = queries.items().filter(is_public=True, **lookups)
    extracts = items.order_by("pk").values_list("pk", "body_id")
    attachments = queries.public_attachments().filter(item__in=items.values("pk")).order_by("pk")
    return [
        *(("minutes", pk, language) for pk, body in meetings for language in languages[body]),
        *(("extract", pk, language) for pk, body in extracts for language in languages[body]),
        *(("attachment", pk, "") for pk in attachments.values_list("pk", flat=True)),
    ]


def build(request, keys: list[Key]) -> list[dict[str, Any]]:
    """The File objects of `keys` (a key of nothing public is left out)."""
    wanted = {kind: {pk for k, pk, _ in keys if k == kind} for kind in ("minutes", "extract", "attachment")}
    meetings = queries.meetings().select_related("body").in_bulk(wanted["minutes"]) if wanted["minutes"] else {}
    attachments = (
        queries.public_attachments().select_related("item").in_bulk(wanted["attachment"])
        if wanted["attachment"]
        else {}
    )
    item_ids = wanted["extract"] | {a.item_id for a in attachments.values()}
    items = (
        queries.items().filter(is_public=True).select_related("meeting__body", "body").in_bulk(item_ids)
        if item_ids
        else {}
    )
    built = []
    for kind, pk, language in keys:
        if kind == "minutes" and pk in meetings and language in meetings[pk].body.document_languages:
            built.append(objects.pdf_file(request, kind, meetings[pk], language))
        elif kind == "extract" and pk in items and language in items[pk].body.document_languages:
            built.append(objects.pdf_file(request, kind, items[pk], language))
        elif kind == "attachment" and pk in attachments and attachments[pk].item_id in items:
            built.append(objects.attachment_file(request, attachments[pk], items[attachments[pk].item_id].modified_at))
    return built
