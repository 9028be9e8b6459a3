"""The public archive at /fi/archive/ (/sv/arkiv/, /en/archive/): published minutes and their public
items, without signing in.

Nothing here needs an account and nothing links to the staff pages. What the public sees is decided
by decisions.publication and the QuerySets (Meeting.objects.published(), AgendaItem.objects.public()):
only published minutes; a confidential § is a mention with its legal ground;
secret attachments are named by number and ground only; removed personal data of private persons
is replaced in every text, on the pages and in the PDFs alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils.text import slugify

from decisions.documents import (
    document_filename,
    document_language,
    meeting_filename,
    meeting_in_language,
    rendered_in,
)
from decisions.models import AgendaItem, Attendance, Body, Meeting, MinutesCheck
from decisions.pdf_keys import item_key, meeting_key
from decisions.publication import public_copy
from decisions.views.languages import language_links, named_body, shown_item, with_named_body
from decisions.views.search import results_page, with_snippets
from hankehallinta.entry import view_entry
from hankehallinta.pagination import paginate
from hankehallinta.pdf import PdfError, pdf_download, render_pdf

PUBLIC = "hankehallinta.public"
RESULTS_PER_PAGE = 20
MEETINGS_PER_PAGE = 20
LATEST_MEETINGS = 10
MAX_QUERY_LENGTH = 200

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
    snippet: str = ""  # of a search result: cut from the public copy's text, the words found marked


def _query(request: HttpRequest) -> str:
    """The search words, printable characters only (PostgreSQL refuses NUL in a string)."""
    text = "".join(char if char.isprintable() else " " for char in request.GET.get("q", ""))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _entries(items: list[AgendaItem]) -> list[Entry]:
    return [
        Entry(item=shown_item(public_copy(item)), confidential=False)
        if item.is_public
        else Entry(item=Mention(section=item.section, secrecy_ground=item.secrecy_ground), confidential=True)
        for item in items
    ]


def _search_entries(items: list[AgendaItem], query: str) -> list[Entry]:
    """Search results (public items only) in the reader's language, with their snippets cut from the
    redacted text: the stored text still holds removed personal data, so no snippet is made from it."""
    entries = _entries(items)
    rows = with_snippets([entry.item for entry in entries], query)
    return [replace(entry, item=shown, snippet=snippet) for entry, (shown, snippet) in zip(entries, rows, strict=True)]


# Pages --------------------------------------------------------------------------------------------


@view_entry(PUBLIC, public=True)
def archive_index(request: HttpRequest) -> HttpResponse:
    """The bodies, the latest published minutes, and the search with its results."""
    query = _query(request)
    bodies = [named_body(body) for body in Body.objects.with_published_minutes()]
    context: dict[str, Any] = {"query": query, "bodies": bodies}
    if query:
        results = AgendaItem.objects.search_public(query).for_public_pages().select_related("body")
        page = results_page(request, results, per_page=RESULTS_PER_PAGE)
        context = {**context, "page": page, "results": _search_entries(list(page), query)}
        context["params"] = urlencode({"q": query})
    else:
        context["meetings"] = [
            with_named_body(meeting) for meeting in Meeting.objects.published().newest_first()[:LATEST_MEETINGS]
        ]
    return render(request, "decisions/archive_index.html", context)


@view_entry(PUBLIC, public=True)
def archive_unprefixed(request: HttpRequest, rest: str = "") -> HttpResponse:
    """/archive/<rest> from before the languages: to the same page in the reader's language (the
    cookie's or the browser's, else Finnish), /fi/archive/<rest>. Not permanent: it depends on the reader."""
    target = reverse("archive:index") + rest
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{target}?{query}" if query else target)


def _body(key: str) -> Body:
    """A body by its slug (from its name) or its id."""
    bodies = Body.objects.filter(meetings__state=Meeting.State.PUBLISHED).distinct()
    if key.isdigit():
        return get_object_or_404(bodies, pk=int(key))
    for body in bodies.order_by("pk"):
        if body.slug == key:
            return body
    raise Http404


@view_entry(PUBLIC, public=True)
def archive_body(request: HttpRequest, pk: str) -> HttpResponse:
    """A body's published minutes; `pk` is the body's slug (from its name) or its id."""
    body = _body(pk)
    meetings = Meeting.objects.published().of_body(body).with_item_count().newest_first()
    page = paginate(request, meetings, per_page=MEETINGS_PER_PAGE)
    return render(request, "decisions/archive_body.html", {"body": named_body(body), "page": page})


def _published_meetings() -> QuerySet[Meeting]:
    """Published meetings with their public items (redacted, in order) and their public attendance."""
    public_items = AgendaItem.objects.published().for_public_pages().with_public_content()
    return (
        Meeting.objects.published()
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


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    entries = _entries(meeting.published_items)
    return {
        "meeting": meeting,
        "entries": entries,
        "attendances": meeting.public_attendances,
        "checks": list(meeting.checks.all()),
        "public": True,
    }


@view_entry(PUBLIC, Meeting, public=True, queryset=_published_meetings)
def archive_meeting(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return render(request, "decisions/archive_meeting.html", _meeting_context(with_named_body(meeting)))


@view_entry(PUBLIC, Meeting, public=True, queryset=_published_meetings)
def archive_meeting_pdf(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The public minutes: every public § in full, a confidential § as a mention; in the language of
    the URL prefix when the body issues in it, else its main one (decisions.documents)."""
    language = document_language(request, meeting.body, public=True)
    context = {**_meeting_context(meeting), "pdf": True, "draft": False}
    context["meeting"] = meeting_in_language(meeting, language)
    context["entries"] = [
        entry if entry.confidential else replace(entry, item=entry.item.in_language(language))
        for entry in context["entries"]
    ]
    context["minutes_parts"] = [
        (entry, None if entry.confidential else entry.item.funding_breakdown()) for entry in context["entries"]
    ]
    items = [entry.item.pk for entry in context["entries"] if not entry.confidential]
    key = meeting_key(meeting)  # for anyone: the public copy depends on the rows (and the day) only
    filename = meeting_filename("minutes", meeting, language, public=True)
    return _pdf(request, meeting, "decisions/archive_minutes_pdf.html", context, filename, items, key, language)


def _public_items() -> QuerySet[AgendaItem]:
    """The public archive's items with what their page prints, redacted by public_copy."""
    return AgendaItem.objects.public().for_public_pages().with_public_content().with_minutes_checks()


@view_entry(PUBLIC, AgendaItem, public=True, queryset=_public_items)
def archive_item(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The public item in the language of the address (/sv/arkiv/...) when its body issues in it, with
    the links to the same page in its other language; redacted first, so every language is redacted."""
    item = shown_item(public_copy(item))
    path = request.get_full_path()
    return render(
        request,
        "decisions/archive_item.html",
        {
            "item": item,
            "breakdown": item.funding_breakdown(),
            "public": True,
            "pdf": True,
            "language_links": language_links(item, lambda language: translate_url(path, language)),
        },
    )


@view_entry(PUBLIC, AgendaItem, public=True, queryset=_public_items)
def archive_item_pdf(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    language = document_language(request, item.body, public=True)
    public = public_copy(item).in_language(language)
    context = {"item": public, "breakdown": public.funding_breakdown(), "public": True, "pdf": True, "draft": False}
    key = item_key(item)  # for anyone: the public copy depends on the rows (and the day) only
    filename = _item_filename(public, language)
    return _pdf(request, item, "decisions/archive_item_pdf.html", context, filename, [item.pk], key, language)


# PDFs ---------------------------------------------------------------------------------------------


def _pdf(
    request: HttpRequest,
    obj: Meeting | AgendaItem,
    template: str,
    context: dict[str, Any],
    filename: str,
    items: list[int],
    key: str,
    language: str,
) -> HttpResponse:
    """The public PDF through the one PDF ending; a failed render answers the archive's own error page
    (503), since the public cannot open the staff page of `obj`. `key`: the document's content key;
    `language`: the document's, which it renders under (and which its cache key so includes)."""

    def failed(error: PdfError) -> HttpResponse:
        return render(request, "decisions/archive_error.html", {"message": str(error)}, status=503)

    return pdf_download(
        request,
        obj,
        render=rendered_in(language, lambda: render_pdf(template, context, key=key)),
        filename=filename,
        kind="julkinen asiakirja",
        items=items,
        failed=failed,
        language=language,
    )


def _item_filename(item: AgendaItem, language: str) -> str:
    body = slugify(item.meeting.body.name_in(language))
    return document_filename("extract", language, body, item.year, item.section or item.pk, public=True)
