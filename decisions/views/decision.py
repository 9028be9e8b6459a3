"""Recording the decision at the meeting: the resolution, the decision text (prefilled from the
proposal) and the handling as data: motions, votes with ballots, disqualifications, dissents.

One page, one URL: each small form posts its `action`, so the secretary never leaves the page on
the meeting day. Nothing here works once the minutes of the § are checked.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from decisions.decision_forms import HANDLING_FORMS, HANDLING_MODELS, DecisionForm
from decisions.models import AgendaItem
from decisions.views.checked import refuse_checked
from decisions.views.items import CHECKED_ITEM_MESSAGE, handling_prefetches
from hankehallinta import access_log
from hankehallinta.editing import conflict_rows, for_update
from hankehallinta.permissions import can_record_decision, can_view_item
from hankehallinta.versioning import StaleVersionError

SAVED_MESSAGES = {
    "decision": _lazy("Päätös tallennettiin."),
    "motion": _lazy("Ehdotus kirjattiin."),
    "vote": _lazy("Äänestys kirjattiin."),
    "disqualification": _lazy("Esteellisyys kirjattiin."),
    "dissent": _lazy("Eriävä mielipide kirjattiin."),
}


def _page(item: AgendaItem) -> str:
    return reverse("decisions:item_decision", args=[item.pk])


@login_required
@transaction.atomic
def item_decision(request: HttpRequest, pk: int) -> HttpResponse:
    queryset = for_update(AgendaItem.objects.select_related("meeting__body"), request)
    item = get_object_or_404(queryset.prefetch_related(*handling_prefetches()), pk=pk)
    if not can_view_item(request.user, item):
        return access_log.refuse(request, item, authority="can_view_item")
    if item.is_checked:
        return refuse_checked(request, item, authority="can_record_decision", message=CHECKED_ITEM_MESSAGE)
    if not can_record_decision(request.user, item):
        return access_log.refuse(request, item, authority="can_record_decision")
    request.audit_authority = "can_record_decision"
    forms = {"decision": DecisionForm(instance=copy.copy(item))}
    forms.update({action: form_class(item=item, prefix=action) for action, form_class in HANDLING_FORMS.items()})
    context = {"item": item, "forms": forms}
    if request.method != "POST":
        return render(request, "decisions/agendaitem_decision.html", context)

    action = request.POST.get("action", "decision")
    if action == "delete":
        return _delete(request, item)
    if action == "decision":
        form = DecisionForm(request.POST, instance=copy.copy(item))
    elif action in HANDLING_FORMS:
        form = HANDLING_FORMS[action](request.POST, item=item, prefix=action)
    else:
        return HttpResponseBadRequest(_("Tuntematon toiminto."))
    forms[action] = form
    if form.is_valid():
        try:
            form.save()
        except StaleVersionError:
            fresh = AgendaItem.objects.get(pk=item.pk)
            current = DecisionForm(instance=fresh)
            forms["decision"] = current
            conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
            return render(request, "decisions/agendaitem_decision.html", {**context, "conflict": conflict}, status=409)
        messages.success(request, SAVED_MESSAGES[action])
        return redirect(_page(item) + ("" if action == "decision" else "#handling"))
    return render(request, "decisions/agendaitem_decision.html", {**context, "failed": action})


def _delete(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    model = HANDLING_MODELS.get(request.POST.get("kind", ""))
    record_id = request.POST.get("id", "")
    if model is None or not (record_id.isascii() and record_id.isdigit()) or len(record_id) > 18:
        return HttpResponseBadRequest(_("Poistettavaa kirjausta ei löydy."))
    record = model.objects.filter(item=item, pk=int(record_id)).first()
    if record is None:
        messages.info(request, _("Kirjaus oli jo poistettu."))
    else:
        record.delete()
        messages.success(request, _("Kirjaus poistettiin."))
    return redirect(_page(item) + "#handling")
