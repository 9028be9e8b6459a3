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


def _example(request: HttpRequest) -> list[tuple[str, str]]:
    """(URL, its JSON) of the newest published meeting and of its newest public §, if there are any:
    exactly as the API answers them, in the site's language (not the reader's)."""
    meeting = queries.meetings().select_related("body").order_by("-start", "-pk").first()
    item = (
        (queries.items().filter(is_public=True).for_public_pages().with_public_content().select_related("finality"))
        .order_by("-checked_at", "-pk")
        .first()
    )
    examples = []
    if meeting is not None:
        meeting.published_items = list(meeting.items.filter(pk__in=queries.items().values("pk")).order_by("order"))
        examples.append(objects.meeting(request, meeting))
    if item is not None:
        examples.append(objects.agenda_item(request, item))
    return [(row["id"], json.dumps(row, ensure_ascii=False, indent=2)) for row in examples]


def _examples_as_the_api_answers(request: HttpRequest) -> list[tuple[str, str]]:
    with override(settings.LANGUAGE_CODE):
        return _example(request)


@view_entry(PUBLIC, public=True)
def api_docs(request: HttpRequest) -> HttpResponse:
    url = request.build_absolute_uri
    context = {
        "system_url": url(reverse("oparl-system")),
        "schema_url": url(reverse("oparl-schema")),
        "examples": _examples_as_the_api_answers(request),
    }
    return render(request, "opendata/api_docs.html", context)
