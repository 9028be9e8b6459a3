"""After the check: corrections of a checked decision, its notifications and the record that it is final.

Each is a page with its form (GET) and the POST that records it; the item page shows the same small
forms. Nothing here edits the decision itself.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from decisions import services
from decisions.decision_forms import CorrectionForm, FinalityForm, NotificationForm
from decisions.models import AgendaItem
from hankehallinta import access_log
from hankehallinta.permissions import can_record_after_check, can_view_item

TEMPLATE = "decisions/agendaitem_record_form.html"


def _item_or_refuse(request: HttpRequest, pk: int) -> tuple[AgendaItem, HttpResponse | None]:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__body", "finality").prefetch_related("notifications"), pk=pk
    )
    if not can_view_item(request.user, item):
        return item, access_log.refuse(request, item, authority="can_view_item")
    if not can_record_after_check(request.user, item):
        return item, access_log.refuse(request, item, authority="can_record_after_check")
    request.audit_authority = "can_record_after_check"
    return item, None


def _page(request: HttpRequest, item: AgendaItem, form, heading: str, **extra) -> HttpResponse:
    return render(request, TEMPLATE, {"item": item, "form": form, "heading": heading, **extra})


def _record(request: HttpRequest, pk: int, form_class, heading: str, done: str) -> HttpResponse:
    """A record about the checked decision (a correction, a notification), attributed to the user."""
    item, refused = _item_or_refuse(request, pk)
    if refused:
        return refused
    form = form_class(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.recorded_by = request.user
        record.save()
        messages.success(request, done)
        return redirect(item)
    return _page(request, item, form, heading)


@login_required
@transaction.atomic
def item_correction(request: HttpRequest, pk: int) -> HttpResponse:
    """A typed correction of a checked decision (Hallintolaki 50 § / 51 §, rectification, taken up)."""
    done = _("Korjaus kirjattiin päätökseen liittyvänä erillisenä merkintänä.")
    return _record(request, pk, CorrectionForm, _("Kirjaa korjaus"), done)


@login_required
@transaction.atomic
def item_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision given to a party by letter or e-mail, with the actual receipt when known."""
    return _record(request, pk, NotificationForm, _("Kirjaa tiedoksianto"), _("Tiedoksianto kirjattiin."))


FINAL_TOO_EARLY = _lazy("Päätöksen voi vahvistaa lainvoimaiseksi vasta oikaisuvaatimusajan päätyttyä.")


@login_required
@transaction.atomic
def item_finality(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Vahvista lainvoimaiseksi": a person records that no rectification request arrived in time."""
    item, refused = _item_or_refuse(request, pk)
    if refused:
        return refused
    if getattr(item, "finality", None) is not None:
        messages.info(request, _("Päätös on jo vahvistettu lainvoimaiseksi."))
        return redirect(item)
    form = FinalityForm(request.POST or None)
    if not item.can_be_confirmed_final(timezone.localdate()):
        return _page(request, item, None, _("Vahvista lainvoimaiseksi"), notice=FINAL_TOO_EARLY)
    if request.method == "POST" and form.is_valid():
        services.confirm_final(item, today=timezone.localdate(), note=form.cleaned_data["note"], by=request.user)
        messages.success(request, _("Päätös vahvistettiin lainvoimaiseksi."))
        return redirect(item)
    return _page(request, item, form, _("Vahvista lainvoimaiseksi"))
