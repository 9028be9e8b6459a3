"""Building the agenda: new items, their order, carrying matters over, attachments, the agenda PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from decisions.documents import document_language, meeting_filename, meeting_in_language, rendered_in
from decisions.forms.agenda import AttachmentForm, ItemCreateForm
from decisions.models import AgendaItem, Meeting
from decisions.pdf_keys import meeting_key
from decisions.services import agenda
from hankehallinta.entry import view_entry
from hankehallinta.pdf import pdf_download, render_pdf
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

FORM_METHODS = ("GET", "POST")


def _items_with_meeting():
    return AgendaItem.objects.select_related("meeting__body")


@view_entry(
    "decisions.add_item", Meeting, methods=FORM_METHODS, lock=True, queryset=Meeting.objects.select_related("body")
)
def item_create(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """A new item at the end of the meeting's agenda."""
    form = ItemCreateForm(request.POST or None, instance=AgendaItem(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        item = agenda.create_item(form.save(commit=False))
        messages.success(request, _("The item was added to the agenda: %(item)s.") % {"item": item})
        return redirect(meeting)
    return render(request, "decisions/agendaitem_create.html", {"meeting": meeting, "form": form})


@view_entry("decisions.reorder_item", AgendaItem, methods=("POST",), queryset=_items_with_meeting)
def item_move(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """Move an item one place up or down on its agenda ("Siirrä ylös" / "Siirrä alas")."""
    try:
        moved = agenda.move_item(item, request.POST.get("direction", ""))
    except ActionRefused as error:
        messages.error(request, error.message)
    else:
        if not moved:
            messages.info(request, _("The item is already at the edge of the list."))
    return redirect(item.meeting)


@view_entry("decisions.carry_over_item", AgendaItem, methods=("POST",), queryset=_items_with_meeting)
def item_carry_over(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """ "Siirrä seuraavaan kokoukseen": a tabled or returned matter onto the body's next agenda."""
    try:
        new = agenda.carry_over(item)
    except ActionRefused as error:
        messages.error(request, error.message)
        return redirect(item.meeting)
    messages.success(request, _("The matter was carried over to meeting %(meeting)s.") % {"meeting": new.meeting})
    return redirect(new)


@view_entry(
    "decisions.add_attachment",
    AgendaItem,
    methods=FORM_METHODS,
    lock=True,
    queryset=lambda: _items_with_meeting().prefetch_related("attachments"),
)
def attachment_create(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    form = AttachmentForm(request.POST or None, request.FILES or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = agenda.add_attachment(form.save(commit=False))
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Attachment %(number)s was added.") % {"number": attachment.number})
            return redirect(item)
    return render(request, "decisions/attachment_form.html", {"item": item, "form": form})


@view_entry("decisions.download_agenda", Meeting, queryset=Meeting.objects.select_related("body"))
def meeting_agenda_pdf(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The agenda (esityslista); confidential items only as a mention for those not entitled. In the
    document language (decisions.documents): a bilingual body's agenda in Finnish or in Swedish."""
    language = document_language(request, meeting.body)
    items = list(
        meeting.items.select_related("presenter", "preparer").prefetch_related("attachments").order_by("order", "pk")
    )
    for item in items:
        item.meeting = meeting
    agenda_rows = [(item, has_permission(request.user, "decisions.view_item", item)) for item in items]
    shown_rows = [(item.in_language(language), visible) for item, visible in agenda_rows]
    shown_meeting = meeting_in_language(meeting, language)
    context = {"meeting": shown_meeting, "agenda": shown_rows, "draft": meeting.agenda_is_draft, "pdf": True}
    # The reader's part: which items they may read (no secret attachment title: no attachment_reader).
    key = meeting_key(meeting, parts=[meeting.agenda_is_draft, [(item.pk, visible) for item, visible in agenda_rows]])
    return pdf_download(
        request,
        meeting,
        render=rendered_in(language, lambda: render_pdf("decisions/meeting_agenda_pdf.html", context, key=key)),
        filename=meeting_filename("agenda", meeting, language),
        kind="esityslista",
        items=[item.pk for item, visible in agenda_rows if visible],
        draft=meeting.agenda_is_draft,
        language=language,
    )
