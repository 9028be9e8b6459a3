"""Meetings, their agendas and the agenda item page with its minutes extract PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from budgets.breakdown import FundingBreakdown
from decisions.models import AgendaItem, Attendance, Meeting, MinutesCheck
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import can_download_extract, can_view_item, can_view_meeting

CAPACITY_ORDER = {key: index for index, key in enumerate(Attendance.Capacity.values)}


MEETINGS_PER_PAGE = 50


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.select_related("body").annotate(item_count=Count("items")).order_by("-start", "-pk")
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    visible = [meeting for meeting in page if can_view_meeting(request.user, meeting)]
    return render(request, "decisions/meeting_list.html", {"meetings": visible, "page": page})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = Meeting.objects.select_related("body").prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.select_related("presenter").order_by("order", "pk")),
        Prefetch(
            "attendances", queryset=Attendance.objects.select_related("person", "arrived_at_item", "left_at_item")
        ),
        "examiners",
        Prefetch("checks", queryset=MinutesCheck.objects.prefetch_related("examiners", "items")),
    )
    meeting = get_object_or_404(queryset, pk=pk)
    if not can_view_meeting(request.user, meeting):
        raise PermissionDenied
    agenda = [(item, can_view_item(request.user, item)) for item in meeting.items.all()]
    attendances = sorted(meeting.attendances.all(), key=lambda a: (CAPACITY_ORDER.get(a.capacity, 99), str(a.person)))
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": agenda,
            "present": [attendance for attendance in attendances if attendance.present],
            "absent": [attendance for attendance in attendances if not attendance.present],
            "checks": list(meeting.checks.all()),
        },
    )


def _item_page_queryset() -> QuerySet[AgendaItem]:
    """Everything the item page and its extract show, in a fixed number of queries."""
    return (
        AgendaItem.objects.with_page_data()
        .select_related("body", "project__funding_call")
        .prefetch_related("conditions", "delegations", "project__budget_lines", "project__financing_lines")
    )


def _item_breakdown(item: AgendaItem) -> FundingBreakdown | None:
    """The funding figures the board decided on: the frozen version the item names, else the project's."""
    if item.application_version is not None:
        return FundingBreakdown.for_snapshot(item.application_version.snapshot)
    if item.project is not None:
        return FundingBreakdown.for_project(item.project)
    return None


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(_item_page_queryset(), pk=pk)
    if not can_view_item(request.user, item):
        raise PermissionDenied
    return render(
        request,
        "decisions/agendaitem_detail.html",
        {
            "item": item,
            "breakdown": _item_breakdown(item),
            "can_download_extract": can_download_extract(request.user, item),
        },
    )


@login_required
def item_extract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(_item_page_queryset(), pk=pk)
    if not can_download_extract(request.user, item):
        raise PermissionDenied
    context = {
        "item": item,
        "breakdown": _item_breakdown(item),
        "draft": item.is_draft,
        "pdf": True,
    }
    try:
        pdf = render_pdf("decisions/agendaitem_extract_pdf.html", context)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(item)
    return pdf_response(pdf, item.extract_filename)
