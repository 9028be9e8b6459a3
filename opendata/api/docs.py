"""The human documentation page of the API (/api/oparl/v1.1/docs/), in the reader's language, with
examples built from the archive's own data (the demo's, where the demo is loaded)."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override

from hankehallinta.entry import view_entry
from opendata.api import objects, queries

PUBLIC = "hankehallinta.public"


def _examples(request: HttpRequest) -> list[tuple[str, str]]:
    """(URL, its JSON) of the newest published meeting and of its newest public §, if there are any:
    exactly as the API answers them, in the site's language (not the reader's)."""
    with override(settings.LANGUAGE_CODE):
        meeting = queries.meeting_objects().first()
        item = queries.item_objects().filter(is_public=True).order_by("-checked_at", "-pk").first()
        examples = [objects.meeting(request, meeting)] if meeting is not None else []
        if item is not None:
            examples.append(objects.agenda_item(request, item))
    return [(row["id"], json.dumps(row, ensure_ascii=False, indent=2)) for row in examples]


@view_entry(PUBLIC, public=True)
def api_docs(request: HttpRequest) -> HttpResponse:
    url = request.build_absolute_uri
    context = {
        "system_url": url(reverse("oparl-system")),
        "schema_url": url(reverse("oparl-schema")),
        "examples": _examples(request),
    }
    return render(request, "opendata/api_docs.html", context)
