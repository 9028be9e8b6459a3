"""Building the agenda: new items, their order, carrying matters over, attachments, the agenda PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from decisions.agenda import AgendaError, add_item, carry_over, move_item
from decisions.item_forms import AttachmentForm, ItemCreateForm
from decisions.models import AgendaItem, Meeting
from hankehallinta import access_log
from hankehallinta.editing import for_update
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import (
    can_add_attachment,
    can_add_item,
    can_carry_over_item,
    can_download_agenda,
    can_reorder_item,
    can_view_item,
)


@login_required
@transaction.atomic
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A new item at the end of the meeting's agenda."""
    meeting = get_object_or_404(for_update(Meeting.objects.select_related("body"), request), pk=pk)
    if not can_add_item(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_add_item")
    request.audit_authority = "can_add_item"
    form = ItemCreateForm(request.POST or None, instance=AgendaItem(meeting=meeting))
    if request.method == "POST" and form.is_valid():
        item = add_item(form.save(commit=False))
        messages.success(request, _("Asia lisättiin esityslistalle: %(item)s.") % {"item": item})
        return redirect(meeting)
    return render(request, "decisions/agendaitem_create.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
@transaction.atomic
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an item one place up or down on its agenda ("Siirrä ylös" / "Siirrä alas")."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    if not can_reorder_item(request.user, item):
        return access_log.refuse(request, item, authority="can_reorder_item")
    request.audit_authority = "can_reorder_item"
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Tuntematon siirtosuunta."))
    else:
        try:
            moved = move_item(item, direction)
        except AgendaError as error:
            messages.error(request, str(error))
        else:
            if not moved:
                messages.info(request, _("Asia on jo listan reunassa."))
    return redirect(item.meeting)


@login_required
@require_POST
def item_carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Siirrä seuraavaan kokoukseen": a tabled or returned matter onto the body's next agenda."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk)
    if not can_carry_over_item(request.user, item):
        return access_log.refuse(request, item, authority="can_carry_over_item")
    request.audit_authority = "can_carry_over_item"
    try:
        new = carry_over(item)
    except AgendaError as error:
        messages.error(request, str(error))
        return redirect(item.meeting)
    messages.success(request, _("Asia siirrettiin kokoukseen %(meeting)s.") % {"meeting": new.meeting})
    return redirect(new)


@login_required
@transaction.atomic
def attachment_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        for_update(AgendaItem.objects.select_related("meeting__body"), request).prefetch_related("attachments"),
        pk=pk,
    )
    if not can_add_attachment(request.user, item):
        return access_log.refuse(request, item, authority="can_add_attachment")
    request.audit_authority = "can_add_attachment"
    form = AttachmentForm(request.POST or None, request.FILES or None, item=item)
    if request.method == "POST" and form.is_valid():
        attachment = form.save()
        messages.success(request, _("Liite %(number)s lisättiin.") % {"number": attachment.number})
        return redirect(item)
    return render(request, "decisions/attachment_form.html", {"item": item, "form": form})


@login_required
@require_safe
def meeting_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda (esityslista); confidential items only as a mention for those not entitled."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not can_download_agenda(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_download_agenda")
    items = list(
        meeting.items.select_related("presenter", "preparer").prefetch_related("attachments").order_by("order", "pk")
    )
    for item in items:
        item.meeting = meeting
    agenda = [(item, can_view_item(request.user, item)) for item in items]
    context = {"meeting": meeting, "agenda": agenda, "draft": meeting.agenda_is_draft, "pdf": True}
    try:
        pdf = render_pdf("decisions/meeting_agenda_pdf.html", context)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    filename = f"esityslista-{meeting.body.slug}-{meeting.number}-{meeting.year}.pdf"
    access_log.disclosure(
        request,
        meeting,
        authority="can_download_agenda",
        kind="esityslista",
        document=filename,
        content=pdf,
        items=[item.pk for item, visible in agenda if visible],
        draft=meeting.agenda_is_draft,
    )
    return pdf_response(pdf, filename)
