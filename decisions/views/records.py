"""After the check: corrections of a checked decision, its notifications and the record that it is final.

Each is a page with its form (GET) and the POST that records it (decisions.services.records); the
item page shows the same small forms. Nothing here edits the decision itself.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.forms.records import CorrectionForm, FinalityForm, NotificationForm
from decisions.models import AgendaItem
from decisions.services import records
from hankehallinta.entry import view_entry
from hankehallinta.services import ActionRefused

TEMPLATE = "decisions/agendaitem_record_form.html"
FINAL_TOO_EARLY = gettext_lazy("The decision can be confirmed final only after the rectification period has ended.")
RECORD_AFTER_CHECK = "decisions.record_after_check"


def _record_items():
    return AgendaItem.objects.select_related("meeting__body", "finality").prefetch_related("notifications")


def _page(request: HttpRequest, item: AgendaItem, form: forms.BaseForm | None, heading: str, **extra) -> HttpResponse:
    return render(request, TEMPLATE, {"item": item, "form": form, "heading": heading, **extra})


def _record(
    request: HttpRequest,
    item: AgendaItem,
    form: forms.ModelForm,
    record: Callable[..., Model],
    *,
    heading: str,
    done: str,
) -> HttpResponse:
    """A record about the checked decision (a correction, a notification), attributed to the user."""
    if request.method == "POST" and form.is_valid():
        try:
            record(form.save(commit=False), by=request.user)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, done)
            return redirect(item)
    return _page(request, item, form, heading)


@view_entry(RECORD_AFTER_CHECK, AgendaItem, methods=("GET", "POST"), queryset=_record_items)
def item_correction(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """A typed correction of a checked decision (Hallintolaki 50 § / 51 §, rectification, taken up)."""
    form = CorrectionForm(request.POST or None, item=item)
    done = _("The correction was recorded as a separate entry linked to the decision.")
    return _record(request, item, form, records.record_correction, heading=_("Record a correction"), done=done)


@view_entry(RECORD_AFTER_CHECK, AgendaItem, methods=("GET", "POST"), queryset=_record_items)
def item_notification(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The decision given to a party by letter or e-mail, with the actual receipt when known."""
    form = NotificationForm(request.POST or None, item=item)
    heading, done = _("Record a notification"), _("The notification was recorded.")
    return _record(request, item, form, records.record_notification, heading=heading, done=done)


@view_entry(RECORD_AFTER_CHECK, AgendaItem, methods=("GET", "POST"), queryset=_record_items)
def item_finality(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """ "Vahvista lainvoimaiseksi": a person records that no rectification request arrived in time."""
    heading = _("Confirm as final")
    if getattr(item, "finality", None) is not None:
        messages.info(request, _("The decision has already been confirmed final."))
        return redirect(item)
    today = timezone.localdate()
    if not item.can_be_confirmed_final(today):
        return _page(request, item, None, heading, notice=FINAL_TOO_EARLY)
    form = FinalityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.confirm_final(item, today=today, note=form.cleaned_data["note"], by=request.user)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The decision was confirmed final."))
            return redirect(item)
    return _page(request, item, form, heading)
