"""The minutes extract of one item: GET downloads the issued extract (its stored bytes, exactly), or
before issuing a preview (LUONNOS while the minutes are unchecked); POST issues it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from decisions import services
from decisions.decision_forms import ExtractIssueForm
from decisions.models import AgendaItem, Attendance, Meeting
from decisions.views.items import item_breakdown, item_page_queryset
from hankehallinta import access_log
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import can_download_extract, can_issue_extract, can_view_item


def meeting_officers(meeting: Meeting) -> dict[str, Any]:
    """The chair and the secretary of the meeting, from its (prefetched) attendance."""
    officers: dict[str, Any] = {"chair": None, "secretary": None}
    for attendance in meeting.attendances.all():
        if not attendance.present:
            continue
        if attendance.capacity == Attendance.Capacity.CHAIR and officers["chair"] is None:
            officers["chair"] = attendance.person
        elif attendance.capacity == Attendance.Capacity.SECRETARY and officers["secretary"] is None:
            officers["secretary"] = attendance.person
    return officers


def extract_context(item: AgendaItem, certification: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the extract template prints; `certification` names the certifier when it is issued."""
    return {
        "item": item,
        "breakdown": item_breakdown(item),
        "draft": item.is_draft,
        "pdf": True,
        "check": item.minutes_check(),
        "certification": certification,
        **meeting_officers(item.meeting),
    }


def _download(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    issued = next(iter(item.extracts.all()), None)
    if issued is not None:
        pdf, kind = services.stored_extract_bytes(issued), "issued"
    else:
        try:
            pdf = render_pdf("decisions/agendaitem_extract_pdf.html", extract_context(item))
        except PdfError as error:
            messages.error(request, str(error))
            return redirect(item)
        kind = "draft" if item.is_draft else "preview"
    access_log.disclosure(
        request,
        item,
        authority="can_download_extract",
        kind="pöytäkirjanote",
        document=item.extract_filename,
        content=pdf,
        items=[item.pk],
        draft=item.is_draft,
        version=kind,
        **({"extract": issued.pk} if issued is not None else {}),
    )
    return pdf_response(pdf, item.extract_filename)


def _issue(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    if not can_issue_extract(request.user, item):
        return access_log.refuse(request, item, authority="can_issue_extract")
    request.audit_authority = "can_issue_extract"
    form = ExtractIssueForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        certification = {**data, "date": timezone.localdate()}
        try:
            pdf = render_pdf("decisions/agendaitem_extract_pdf.html", extract_context(item, certification))
        except PdfError as error:
            form.add_error(None, str(error))
        else:
            services.issue_extract(item, pdf, by=request.user, **data)
            messages.success(request, _("Pöytäkirjanote annettiin. Sen tulostus on tallennettu muuttumattomana."))
            return redirect(item)
    return render(request, "decisions/agendaitem_extract_issue.html", {"item": item, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@transaction.atomic
def item_extract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(item_page_queryset(), pk=pk)
    if request.method == "POST":
        if not can_view_item(request.user, item):
            return access_log.refuse(request, item, authority="can_view_item")
        return _issue(request, item)
    if not can_download_extract(request.user, item):
        return access_log.refuse(request, item, authority="can_download_extract")
    return _download(request, item)
