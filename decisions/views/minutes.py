"""The minutes of a meeting: checking them (all or some §), publishing them, and the minutes PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from decisions import services
from decisions.decision_forms import MinutesCheckForm, PublishForm
from decisions.models import AgendaItem, Attendance, Meeting, MinutesCheck
from decisions.views.checked import refuse_meeting_change
from decisions.views.extracts import meeting_officers
from decisions.views.items import handling_prefetches
from hankehallinta import access_log
from hankehallinta.editing import for_update
from hankehallinta.pdf import PdfError, pdf_response, render_pdf
from hankehallinta.permissions import (
    can_check_minutes,
    can_publish_minutes,
    can_view_item,
    can_view_meeting,
)

ALL_CHECKED_MESSAGE = _lazy(
    "Kokouksen kaikki pykälät on jo tarkastettu. Tarkastettuun pöytäkirjaan tehdään muutokset korjauksina."
)


@login_required
@transaction.atomic
def meeting_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the check of the minutes: the whole meeting, or the § checked at once in the meeting."""
    meeting = get_object_or_404(for_update(Meeting.objects.select_related("body"), request), pk=pk)
    if not can_check_minutes(request.user, meeting) or not meeting.items.filter(checked_at__isnull=True).exists():
        return refuse_meeting_change(request, meeting, authority="can_check_minutes", message=ALL_CHECKED_MESSAGE)
    request.audit_authority = "can_check_minutes"
    form = MinutesCheckForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.check_minutes(
                meeting,
                items=data["items"],
                checked_on=data["checked_on"],
                examiners=data["examiners"],
                method=data["method"],
                by=request.user,
            )
        except services.MinutesStateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Pöytäkirjan tarkastus kirjattiin. Tarkastettuja päätöksiä ei voi enää muuttaa.")
            )
            return redirect(meeting)
    return render(request, "decisions/meeting_check.html", {"meeting": meeting, "form": form})


@login_required
@transaction.atomic
def meeting_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish checked minutes on the web; each public § is then notified to the county's members."""
    meeting = get_object_or_404(
        for_update(Meeting.objects.select_related("body"), request).prefetch_related("checks"), pk=pk
    )
    if not can_publish_minutes(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_publish_minutes")
    request.audit_authority = "can_publish_minutes"
    form = PublishForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.publish_minutes(meeting, published_on=form.cleaned_data["published_on"], by=request.user)
        except services.MinutesStateError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Pöytäkirja julkaistiin yleisessä tietoverkossa."))
            return redirect(meeting)
    return render(request, "decisions/meeting_publish.html", {"meeting": meeting, "form": form})


def minutes_queryset():
    items = AgendaItem.objects.select_related("presenter", "preparer").prefetch_related(
        "attachments", "conditions", "delegations", "notifications", "corrections", *handling_prefetches()
    )
    return Meeting.objects.select_related("body").prefetch_related(
        Prefetch("items", queryset=items.order_by("order", "pk")),
        Prefetch(
            "attendances", queryset=Attendance.objects.select_related("person", "arrived_at_item", "left_at_item")
        ),
        Prefetch("checks", queryset=MinutesCheck.objects.prefetch_related("items", "examiners")),
        "examiners",
    )


@login_required
@require_safe
def meeting_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The full minutes (pöytäkirja); LUONNOS until every § is checked. Confidential § only for those entitled."""
    meeting = get_object_or_404(minutes_queryset(), pk=pk)
    if not can_view_meeting(request.user, meeting):
        return access_log.refuse(request, meeting, authority="can_view_meeting")
    items = list(meeting.items.all())
    shown = [(item, can_view_item(request.user, item)) for item in items]
    attendances = list(meeting.attendances.all())
    capacity_order = {key: index for index, key in enumerate(Attendance.Capacity.values)}
    attendances.sort(key=lambda a: (capacity_order.get(a.capacity, 99), a.person.last_name, a.person.first_name))
    context = {
        "meeting": meeting,
        "items": shown,
        "present": [a for a in attendances if a.present],
        "absent": [a for a in attendances if not a.present],
        "checks": list(meeting.checks.all()),
        "draft": not items or any(item.is_draft for item in items),
        "pdf": True,
        **meeting_officers(meeting),
    }
    quorum = getattr(meeting, "quorum", None)  # Meeting.quorum() (the agenda pages' helper)
    context["quorum"] = quorum() if callable(quorum) else None
    filename = f"poytakirja-{meeting.body.slug}-{meeting.year}-{meeting.number}.pdf"
    try:
        pdf = render_pdf("decisions/meeting_minutes_pdf.html", context)
    except PdfError as error:
        messages.error(request, str(error))
        return redirect(meeting)
    visible = [item.pk for item, ok in shown if ok]
    access_log.disclosure(
        request,
        meeting,
        authority="can_view_item",
        kind="pöytäkirja",
        document=filename,
        content=pdf,
        items=visible,
        draft=context["draft"],
    )
    return pdf_response(pdf, filename)
