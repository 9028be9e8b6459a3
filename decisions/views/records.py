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


def _page(request: HttpRequest, item: AgendaItem, form, heading: str, status: int = 200) -> HttpResponse:
    return render(request, TEMPLATE, {"item": item, "form": form, "heading": heading}, status=status)


@login_required
@transaction.atomic
def item_correction(request: HttpRequest, pk: int) -> HttpResponse:
    """A typed correction of a checked decision (Hallintolaki 50 § / 51 §, rectification, taken up)."""
    item, refused = _item_or_refuse(request, pk)
    if refused:
        return refused
    form = CorrectionForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        correction = form.save(commit=False)
        correction.recorded_by = request.user
        correction.save()
        messages.success(request, _("Korjaus kirjattiin päätökseen liittyvänä erillisenä merkintänä."))
        return redirect(item)
    return _page(request, item, form, _("Kirjaa korjaus"))


@login_required
@transaction.atomic
def item_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision given to a party by letter or e-mail, with the actual receipt when known."""
    item, refused = _item_or_refuse(request, pk)
    if refused:
        return refused
    form = NotificationForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        notification = form.save(commit=False)
        notification.recorded_by = request.user
        notification.save()
        messages.success(request, _("Tiedoksianto kirjattiin."))
        return redirect(item)
    return _page(request, item, form, _("Kirjaa tiedoksianto"))


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
        context = {"item": item, "form": None, "heading": _("Vahvista lainvoimaiseksi"), "notice": FINAL_TOO_EARLY}
        return render(request, TEMPLATE, context)
    if request.method == "POST" and form.is_valid():
        services.confirm_final(item, today=timezone.localdate(), note=form.cleaned_data["note"], by=request.user)
        messages.success(request, _("Päätös vahvistettiin lainvoimaiseksi."))
        return redirect(item)
    return _page(request, item, form, _("Vahvista lainvoimaiseksi"))
