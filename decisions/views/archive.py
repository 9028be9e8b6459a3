"""The public archive at /archive/: published minutes and their public items, without signing in.

Nothing here needs an account and nothing links to the staff pages. What the public sees is decided
in decisions.archive: only published minutes; a confidential § is a mention with its legal ground;
secret attachments are named by number and ground only; removed personal data of private persons
is replaced in every text, on the pages and in the PDFs alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from decisions import archive
from decisions.models import AgendaItem, Attendance, Body, Meeting, MinutesCheck
from decisions.views.items import item_breakdown  # the funding figures, as on the item's extract
from hankehallinta.pdf import PdfError, pdf_response, render_pdf

RESULTS_PER_PAGE = 20
MEETINGS_PER_PAGE = 20
LATEST_MEETINGS = 10
MAX_QUERY_LENGTH = 200

#: What the public item content prints besides the item itself (decisions/_agendaitem_content.html),
#: prefetched so that it is redacted too and the page runs a fixed number of queries.
ITEM_RELATIONS = (
    "attachments",
    "conditions",
    "delegations",
    "notifications",
    "corrections",
    "motions__proposer",
    "motions__seconder",
    "votes__ballots__person",
    "disqualifications__person",
    "dissents__person",
)
#: Capacities printed in the public minutes: members and officials (others may be private persons).
PUBLIC_CAPACITIES = [c for c in Attendance.Capacity.values if c != Attendance.Capacity.OTHER]


@dataclass(frozen=True)
class Mention:
    """All the public learns of a confidential §: its number and the legal ground for secrecy."""

    section: int | None
    secrecy_ground: str


@dataclass(frozen=True)
class Entry:
    """One § of published minutes as the public sees it: the redacted item, or only a mention."""

    item: AgendaItem | Mention  # the public copy, or for a confidential § the mention (never the item)
    confidential: bool


def _query(request: HttpRequest) -> str:
    """The search words, printable characters only (PostgreSQL refuses NUL in a string)."""
    text = "".join(char if char.isprintable() else " " for char in request.GET.get("q", ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _entries(items: list[AgendaItem]) -> list[Entry]:
    return [
        Entry(item=archive.public_copy(item), confidential=False)
        if item.is_public
        else Entry(item=Mention(section=item.section, secrecy_ground=item.secrecy_ground), confidential=True)
        for item in items
    ]


# Pages --------------------------------------------------------------------------------------------


@require_safe
def archive_index(request: HttpRequest) -> HttpResponse:
    """The bodies, the latest published minutes, and the search with its results."""
    query = _query(request)
    bodies = (
        Body.objects.annotate(
            published=Count("meetings", filter=Q(meetings__state=Meeting.State.PUBLISHED)),
            latest=Max("meetings__start", filter=Q(meetings__state=Meeting.State.PUBLISHED)),
        )
        .filter(published__gt=0)
        .order_by("name")
    )
    context: dict[str, Any] = {"query": query, "bodies": bodies}
    if query:
        results = archive.for_public_pages(archive.search_public(query))
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(page=page, results=_entries(list(page)), params=urlencode({"q": query}))
    else:
        context["meetings"] = (
            archive.published_meetings().select_related("body").order_by("-start", "-pk")[:LATEST_MEETINGS]
        )
    return render(request, "decisions/archive_index.html", context)


def _body(key: str) -> Body:
    """A body by its slug (from its name) or its id."""
    bodies = Body.objects.filter(meetings__state=Meeting.State.PUBLISHED).distinct()
    if key.isdigit():
        return get_object_or_404(bodies, pk=int(key))
    for body in bodies.order_by("pk"):
        if body.slug == key:
            return body
    raise Http404


@require_safe
def archive_body(request: HttpRequest, pk: str) -> HttpResponse:
    """A body's published minutes; `pk` is the body's slug (from its name) or its id."""
    body = _body(pk)
    meetings = (
        archive.published_meetings().filter(body=body).annotate(item_count=Count("items")).order_by("-start", "-pk")
    )
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "decisions/archive_body.html", {"body": body, "page": page})


def _published_meeting(pk: int) -> Meeting:
    public_items = archive.for_public_pages(
        archive.published_items().select_related("project__funding_call", "application_version")
    ).prefetch_related(*ITEM_RELATIONS, "project__budget_lines", "project__financing_lines")
    queryset = (
        archive.published_meetings()
        .select_related("body")
        .prefetch_related(
            Prefetch("items", queryset=public_items.order_by("order", "pk"), to_attr="published_items"),
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(present=True, capacity__in=PUBLIC_CAPACITIES)
                .select_related("person")
                .order_by("capacity", "person__last_name", "person__first_name"),
                to_attr="public_attendances",
            ),
            "examiners",
            Prefetch("checks", queryset=MinutesCheck.objects.prefetch_related("examiners", "items")),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    entries = _entries(meeting.published_items)
    return {
        "meeting": meeting,
        "entries": entries,
        "attendances": meeting.public_attendances,
        "checks": list(meeting.checks.all()),
        "public": True,
    }


@require_safe
def archive_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _published_meeting(pk)
    return render(request, "decisions/archive_meeting.html", _meeting_context(meeting))


@require_safe
def archive_meeting_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The public minutes: every public § in full, a confidential § as a mention."""
    meeting = _published_meeting(pk)
    context = {**_meeting_context(meeting), "pdf": True, "draft": False}
    context["minutes_parts"] = [
        (entry, None if entry.confidential else item_breakdown(entry.item)) for entry in context["entries"]
    ]
    return _pdf(request, "decisions/archive_minutes_pdf.html", context, _minutes_filename(meeting))


def _public_item(pk: int) -> AgendaItem:
    queryset = archive.for_public_pages(
        archive.public_items().select_related("project__funding_call", "application_version")
    ).prefetch_related(
        *ITEM_RELATIONS,
        "project__budget_lines",
        "project__financing_lines",
        Prefetch("meeting__checks", queryset=MinutesCheck.objects.prefetch_related("examiners", "items")),
    )
    return archive.public_copy(get_object_or_404(queryset, pk=pk))


@require_safe
def archive_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public_item(pk)
    return render(
        request,
        "decisions/archive_item.html",
        {"item": item, "breakdown": item_breakdown(item), "public": True, "pdf": True},
    )


@require_safe
def archive_item_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = _public_item(pk)
    context = {"item": item, "breakdown": item_breakdown(item), "public": True, "pdf": True, "draft": False}
    return _pdf(request, "decisions/archive_item_pdf.html", context, _item_filename(item))


# PDFs ---------------------------------------------------------------------------------------------


def _pdf(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    try:
        pdf = render_pdf(template, context)
    except PdfError as error:
        return render(request, "decisions/archive_error.html", {"message": str(error)}, status=503)
    return pdf_response(pdf, filename)


def _minutes_filename(meeting: Meeting) -> str:
    return f"poytakirja-{meeting.body.slug}-{meeting.year}-{meeting.number}-julkinen.pdf"


def _item_filename(item: AgendaItem) -> str:
    return f"poytakirjanote-{item.meeting.body.slug}-{item.year}-{item.section or item.pk}-julkinen.pdf"
