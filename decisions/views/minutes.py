"""The minutes of a meeting: checking them (all or some §), publishing them, and the minutes PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.documents import document_language, meeting_filename
from decisions.forms.minutes import MinutesCheckForm, PublishForm
from decisions.models import AgendaItem, Meeting
from decisions.models.translations import MissingText
from decisions.services import minutes, minutes_pdf
from decisions.views.checked import refuse_meeting_change
from hankehallinta.entry import view_entry
from hankehallinta.pdf import pdf_download
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

ALL_CHECKED_MESSAGE = gettext_lazy(
    "Every section of the meeting has already been checked. Checked minutes are changed by corrections."
)
FORM_METHODS = ("GET", "POST")


@view_entry(
    "decisions.view_meeting", Meeting, methods=FORM_METHODS, lock=True, queryset=Meeting.objects.select_related("body")
)
def meeting_check(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Record the check of the minutes: the whole meeting, or the § checked at once in the meeting.

    The entry admits whoever may see the meeting; the check permission is asked here so that the
    secretary of checked minutes is told why (a correction) instead of a bare refusal.
    """
    if not has_permission(request.user, "decisions.check_minutes", meeting) or not meeting.has_unchecked_items():
        return refuse_meeting_change(request, meeting, authority="decisions.check_minutes", message=ALL_CHECKED_MESSAGE)
    request.audit_authority = "decisions.check_minutes"
    form = MinutesCheckForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            minutes.check_minutes(
                meeting,
                items=data["items"],
                checked_on=data["checked_on"],
                examiners=data["examiners"],
                method=data["method"],
                by=request.user,
            )
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("The check of the minutes was recorded. Checked decisions can no longer change.")
            )
            return redirect(meeting)
    context = {"meeting": meeting, "form": form, "missing_translations": _missing_translations(meeting)}
    return render(request, "decisions/meeting_check.html", context)


def _missing_translations(meeting: Meeting) -> list[tuple[AgendaItem, list[MissingText]]]:
    """A bilingual body's unchecked § whose texts are not yet in both languages, with what each lacks
    (the check is refused until they are: decisions.services.minutes)."""
    if not meeting.body.is_bilingual:
        return []
    items = meeting.items.filter(checked_at__isnull=True).select_related("body").order_by("order", "pk")
    return [(item, missing) for item in items if (missing := item.missing_translations())]


@view_entry(
    "decisions.publish_minutes",
    Meeting,
    methods=FORM_METHODS,
    lock=True,
    queryset=lambda: Meeting.objects.select_related("body").prefetch_related("checks"),
)
def meeting_publish(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Publish checked minutes on the web; each public § is then notified to the county's members."""
    form = PublishForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            minutes.publish_minutes(meeting, published_on=form.cleaned_data["published_on"], by=request.user)
        except ActionRefused as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The minutes were published on the web."))
            return redirect(meeting)
    return render(request, "decisions/meeting_publish.html", {"meeting": meeting, "form": form})


@view_entry("decisions.view_meeting", Meeting, queryset=Meeting.objects.for_minutes)
def meeting_minutes_pdf(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """The full minutes (pöytäkirja); LUONNOS until every § is checked. Confidential § only for those entitled."""
    # The same document the background task renders ahead into the cache after the check.
    language = document_language(request, meeting.body)
    document = minutes_pdf.minutes_document(meeting, request.user, language=language)
    # The content disclosed is each § the user may read: the disclosure names that permission.
    request.audit_authority = "decisions.view_item"
    return pdf_download(
        request,
        meeting,
        render=document.render,
        filename=meeting_filename("minutes", meeting, language),
        kind="pöytäkirja",
        items=document.visible_items,
        draft=document.draft,
        language=language,
    )
