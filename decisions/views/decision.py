"""Recording the decision at the meeting: the resolution, the decision text (prefilled from the
proposal), the handling as data (motions, votes with ballots, disqualifications, dissents) and the
conditions and delegations the decision sets.

One page, one URL: each small form posts its `action`, so the secretary never leaves the page on
the meeting day. Nothing here works once the minutes of the § are checked.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from decisions.forms.decision import DecisionForm
from decisions.forms.handling import (
    ConditionForm,
    DelegationForm,
    DisqualificationForm,
    DissentForm,
    HandlingForm,
    MotionForm,
)
from decisions.forms.votes import VoteForm
from decisions.models import AgendaItem
from decisions.services import handling, items
from decisions.views.checked import CHECKED_ITEM_MESSAGE, refuse_checked
from hankehallinta import access_log
from hankehallinta.editing import conflict_rows
from hankehallinta.entry import view_entry
from hankehallinta.permissions import has_permission
from hankehallinta.services import ActionRefused
from hankehallinta.versioning import StaleVersionError

TEMPLATE = "decisions/agendaitem_decision.html"
SAVED_MESSAGES = {
    "decision": gettext_lazy("The decision was saved."),
    "motion": gettext_lazy("The motion was recorded."),
    "vote": gettext_lazy("The vote was recorded."),
    "disqualification": gettext_lazy("The disqualification was recorded."),
    "dissent": gettext_lazy("The dissenting opinion was recorded."),
    "condition": gettext_lazy("The condition was recorded."),
    "delegation": gettext_lazy("The delegation was recorded."),
}
#: The handling forms by the `action` the decision page posts (the page offers them in this order).
HANDLING_FORMS: dict[str, type[HandlingForm]] = {
    "motion": MotionForm,
    "vote": VoteForm,
    "disqualification": DisqualificationForm,
    "dissent": DissentForm,
    "condition": ConditionForm,
    "delegation": DelegationForm,
}
#: Where the page returns after each action.
ANCHORS = {"condition": "#decision-terms", "delegation": "#decision-terms"}
MAX_RECORD_ID_DIGITS = 18


def _page(item: AgendaItem) -> str:
    return reverse("decisions:item_decision", args=[item.pk])


def _decision_items():
    return (
        AgendaItem.objects.select_related("meeting__body", "body")
        .with_handling()
        .prefetch_related("conditions", "delegations")
    )


def _forms(item: AgendaItem, bound: tuple[str, Any] | None = None) -> dict[str, Any]:
    """The page's forms, unbound, with `bound` (action, form) in its place."""
    chosen, form = bound or ("", None)
    forms = {"decision": form if chosen == "decision" else DecisionForm(instance=copy.copy(item))}
    for action, form_class in HANDLING_FORMS.items():
        forms[action] = form if chosen == action else form_class(item=item, prefix=action)
    return forms


@view_entry("decisions.view_item", AgendaItem, methods=("GET", "POST"), lock=True, queryset=_decision_items)
def item_decision(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The entry lets in whoever may see the item; recording needs "decisions.record_decision"."""
    if item.is_checked:
        return refuse_checked(request, item, authority="decisions.record_decision", message=CHECKED_ITEM_MESSAGE)
    if not has_permission(request.user, "decisions.record_decision", item):
        return access_log.refuse(request, item, authority="decisions.record_decision")
    request.audit_authority = "decisions.record_decision"
    if request.method != "POST":
        return render(request, TEMPLATE, {"item": item, "forms": _forms(item)})

    action = request.POST.get("action", "decision")
    if action == "delete":
        return _delete(request, item)
    if action == "decision":
        form = DecisionForm(request.POST, instance=copy.copy(item))
    elif action in HANDLING_FORMS:
        form = HANDLING_FORMS[action](request.POST, item=item, prefix=action)
    else:
        return HttpResponseBadRequest(_("Unknown action."))
    failed = {"item": item, "failed": action}
    if not form.is_valid():
        return render(request, TEMPLATE, {**failed, "forms": _forms(item, (action, form))})
    try:
        if action == "decision":
            items.record_decision(form.save(commit=False), expected_version=form.cleaned_data["version"])
        else:
            form.record()
    except StaleVersionError:
        current = DecisionForm(instance=AgendaItem.objects.get(pk=item.pk))
        conflict = {"message": form.stale_message, "rows": conflict_rows(form, current)}
        context = {"item": item, "forms": _forms(item, ("decision", current)), "conflict": conflict}
        return render(request, TEMPLATE, context, status=409)
    except ActionRefused as refused:
        form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        return render(request, TEMPLATE, {**failed, "forms": _forms(item, (action, form))})
    messages.success(request, SAVED_MESSAGES[action])
    return redirect(_page(item) + ("" if action == "decision" else ANCHORS.get(action, "#handling")))


def _delete(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    kind, record_id = request.POST.get("kind", ""), request.POST.get("id", "")
    valid_id = record_id.isascii() and record_id.isdigit() and len(record_id) <= MAX_RECORD_ID_DIGITS
    if kind not in handling.HANDLING_KINDS or not valid_id:
        return HttpResponseBadRequest(_("The record to delete was not found."))
    try:
        deleted = handling.delete_handling(item, kind, int(record_id))
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        if deleted:
            messages.success(request, _("The record was deleted."))
        else:
            messages.info(request, _("The record had already been deleted."))
    return redirect(_page(item) + ANCHORS.get(kind, "#handling"))
